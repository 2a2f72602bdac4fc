package lenet5.paper;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * C3 as in the paper: a 5x5 convolution from S2's 6 maps to 16 maps in which each output map sees
 * only the input maps {@link ConnectionTable} gives it.
 *
 * <p>The kernels are stored as one (16, 6, 5, 5) weight, as for a full convolution, and multiplied
 * by the table's 0/1 mask in every forward pass. The 36 kernels the table leaves out therefore
 * contribute nothing and receive a zero gradient: they stay at their initial values and never
 * matter. {@link #trainableParameters()} counts what does: 60 kernels of 25 weights plus 16
 * biases, the paper's 1,516.
 */
public final class SparseConv2d extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final int KERNEL = 5;
    private static final float[] MASK = ConnectionTable.mask();
    private static final Shape MASK_SHAPE = new Shape(ConnectionTable.OUTPUTS, ConnectionTable.INPUTS, 1, 1);

    private final Parameter weight;
    private final Parameter bias;

    /** C3 with the paper's connection table. */
    public SparseConv2d() {
        super(VERSION);
        int out = ConnectionTable.OUTPUTS;
        // A unit's fan-in is its connected maps times 25: 75, 100 or 150 (appendix A's F).
        long[] fanIns = new long[out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < ConnectionTable.INPUTS; i++) {
                fanIns[o] += MASK[o * ConnectionTable.INPUTS + i] > 0 ? KERNEL * KERNEL : 0;
            }
        }
        this.weight = addParameter(PaperParameters.weight("weight", new Shape(out, ConnectionTable.INPUTS, KERNEL, KERNEL),
                new FanInUniform(fanIns)));
        this.bias = addParameter(PaperParameters.bias(out));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        // An array made from a Java array reads that array's direct buffer in place, and the buffer
        // is freed by Java's GC once the array is closed; backward still needs the mask, so it
        // gets a copy libtorch owns.
        NDArray blob = w.getManager().create(MASK, MASK_SHAPE);
        NDArray mask = blob.duplicate();
        blob.close();
        NDList out = Conv2d.conv2d(x, w.mul(mask), b);
        mask.close();
        return out;
    }

    /** Weights that take part in the output, plus biases: 60 x 25 + 16 = 1,516. */
    public long trainableParameters() {
        return (long) ConnectionTable.connections() * KERNEL * KERNEL + ConnectionTable.OUTPUTS;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        if (s.dimension() != 4 || s.get(1) != ConnectionTable.INPUTS) {
            throw new IllegalArgumentException("C3 expects (N, 6, H, W), got " + s);
        }
        return new Shape[] {new Shape(s.get(0), ConnectionTable.OUTPUTS, s.get(2) - KERNEL + 1, s.get(3) - KERNEL + 1)};
    }

    @Override
    public String toString() {
        return "SparseConv2d(6 -> 16 maps, 5x5, " + ConnectionTable.connections() + " of 96 kernels)";
    }
}
