package lenet5.paper;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The paper's output layer: one Euclidean radial basis function unit per class, whose output is
 * the squared distance between F6's 84 values and the class's fixed code,
 * y_i = sum_j (x_j - w_ij)². The smaller y_i, the better the input matches class i.
 *
 * <p>The codes ({@link TargetCodes}) are stored as a parameter that is not trained, so they are
 * saved with the model and follow it to its device. The block returns the <em>negated</em>
 * distances, -y_i, so that the largest output is the predicted class, as for every other
 * network in the course; {@link MapLoss} is written for that sign.
 */
public final class RbfOutput extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int classes;
    private final Parameter codes;

    /** An output layer for {@code classes} classes on F6's 84 units. */
    public RbfOutput(int classes) {
        super(VERSION);
        this.classes = classes;
        float[][] rows = TargetCodes.of(classes);
        float[] flat = new float[classes * TargetCodes.LENGTH];
        for (int c = 0; c < classes; c++) {
            System.arraycopy(rows[c], 0, flat, c * TargetCodes.LENGTH, TargetCodes.LENGTH);
        }
        this.codes = addParameter(Parameter.builder().setName("codes").setType(Parameter.Type.OTHER)
                .optShape(new Shape(classes, TargetCodes.LENGTH)).optRequiresGrad(false)
                .optInitializer((NDManager m, Shape s, DataType t) -> m.create(flat, s).toType(t, false)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        NDArray w = store.getValue(codes, device, training);
        // (N, 1, 84) - (1, classes, 84), squared and summed over the 84 units: (N, classes).
        NDArray distances = x.expandDims(1).sub(w.expandDims(0)).square().sum(new int[] {2});
        return new NDList(distances.neg());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        if (s.dimension() != 2 || s.get(1) != TargetCodes.LENGTH) {
            throw new IllegalArgumentException("the RBF layer expects (N, 84), got " + s);
        }
        return new Shape[] {new Shape(s.get(0), classes)};
    }

    @Override
    public String toString() {
        return "RbfOutput(" + classes + " classes)";
    }
}
