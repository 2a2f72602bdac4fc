package lenet5.paper;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

/**
 * The paper's training criterion (section II-C, equation 9) on the RBF layer's penalties y_i:
 *
 * <pre>  E = y_D + log(e^(-j) + sum_i e^(-y_i))</pre>
 *
 * averaged over the batch, where D is the correct class. The first term pulls F6 towards the
 * correct code. Minimised alone it has a trivial solution, F6 and every code equal, so the second
 * term pushes the wrong classes' penalties up; the constant j caps that push, since once every
 * e^(-y_i) is small beside e^(-j) a class is far enough. The paper does not give j's value; the
 * course uses 1.
 *
 * <p>Predictions are the {@link RbfOutput}'s negated penalties s_i = -y_i, so E is computed as
 * -s_D + log(e^(-j) + sum_i e^(s_i)).
 */
public final class MapLoss extends Loss {

    private final float j;

    /** The criterion with the course's j = 1. */
    public MapLoss() {
        this(1f);
    }

    /** The criterion with a given j. */
    public MapLoss(float j) {
        super("MapLoss");
        this.j = j;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray s = predictions.singletonOrThrow();
        long n = s.getShape().get(0);
        NDArray label = labels.singletonOrThrow().toType(DataType.INT64, false);
        NDArray correct = s.mul(label.oneHot((int) s.getShape().get(1)).toType(s.getDataType(), false)).sum(new int[] {1});
        // log(e^-j + sum e^s), computed stably as a log-sum-exp over the scores and -j.
        NDArray withJ = s.concat(s.getManager().full(new Shape(n, 1), -j, s.getDataType())
                .toDevice(s.getDevice(), false), 1);
        NDArray max = withJ.max(new int[] {1}, true).stopGradient();
        NDArray logSum = withJ.sub(max).exp().sum(new int[] {1}).log().add(max.squeeze(1));
        return logSum.sub(correct).mean();
    }
}
