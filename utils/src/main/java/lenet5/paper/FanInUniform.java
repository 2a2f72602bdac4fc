package lenet5.paper;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * The paper's initialisation (appendix A): weights drawn uniformly from [-2.4/F, 2.4/F], where F
 * is the number of inputs of the unit. This keeps the weighted sums, and so the squashing
 * function, in its steep middle range at the start of training.
 */
public final class FanInUniform implements Initializer {

    private final long fanIn;
    private final long[] perOutput;

    /** With a known fan-in (a subsampling unit has 4 inputs). */
    public FanInUniform(long fanIn) {
        if (fanIn < 1) {
            throw new IllegalArgumentException("fan-in must be positive: " + fanIn);
        }
        this.fanIn = fanIn;
        this.perOutput = null;
    }

    /** With the fan-in read from the weight's shape: (outputs, inputs...) has size/outputs inputs per unit. */
    public FanInUniform() {
        this.fanIn = 0;
        this.perOutput = null;
    }

    /** With a fan-in of its own for each output (C3's maps see 3, 4 or 6 maps of 25 pixels each). */
    public FanInUniform(long[] fanInPerOutput) {
        this.fanIn = 0;
        this.perOutput = fanInPerOutput.clone();
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        if (perOutput != null) {
            if (perOutput.length != shape.get(0)) {
                throw new IllegalArgumentException(perOutput.length + " fan-ins for " + shape.get(0) + " outputs");
            }
            // Uniform in [-1, 1], then each output's row scaled by its own 2.4/F.
            float[] bounds = new float[perOutput.length];
            for (int o = 0; o < bounds.length; o++) {
                bounds[o] = 2.4f / perOutput[o];
            }
            long[] rowShape = new long[shape.dimension()];
            java.util.Arrays.fill(rowShape, 1);
            rowShape[0] = perOutput.length;
            try (NDArray unit = manager.randomUniform(-1f, 1f, shape, dataType);
                 NDArray scale = manager.create(bounds, new Shape(rowShape)).toType(dataType, false)) {
                return unit.mul(scale);
            }
        }
        long f = fanIn > 0 ? fanIn : shape.size() / shape.get(0);
        float bound = 2.4f / f;
        return manager.randomUniform(-bound, bound, shape, dataType);
    }
}
