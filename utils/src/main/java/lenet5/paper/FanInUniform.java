package lenet5.paper;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * The paper's initialisation (appendix C): weights drawn uniformly from [-2.4/F, 2.4/F], where F
 * is the number of inputs of the unit. This keeps the weighted sums, and so the squashing
 * function, in its steep middle range at the start of training.
 */
public final class FanInUniform implements Initializer {

    private final long fanIn;

    /** With a known fan-in (a subsampling unit has 4 inputs). */
    public FanInUniform(long fanIn) {
        if (fanIn < 1) {
            throw new IllegalArgumentException("fan-in must be positive: " + fanIn);
        }
        this.fanIn = fanIn;
    }

    /** With the fan-in read from the weight's shape: (outputs, inputs...) has size/outputs inputs per unit. */
    public FanInUniform() {
        this.fanIn = 0;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long f = fanIn > 0 ? fanIn : shape.size() / shape.get(0);
        float bound = 2.4f / f;
        return manager.randomUniform(-bound, bound, shape, dataType);
    }
}
