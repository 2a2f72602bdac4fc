package lenet5.paper;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The paper's subsampling layer (S2, S4): each map's non-overlapping 2x2 windows are summed, the
 * sum is multiplied by one trainable coefficient per map, and a trainable bias per map is added.
 * The squashing function follows as a block of its own.
 *
 * <p>Two parameters per map: 12 for S2's six maps, 32 for S4's sixteen. The coefficient sets how
 * far a unit is from saturation: small, the layer is nearly linear and blurs; large, it behaves
 * like a "noisy OR" or "noisy AND" of its four inputs.
 */
public final class Subsampling extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int maps;
    private final Parameter coefficient;
    private final Parameter bias;

    /** A subsampling layer for {@code maps} feature maps. */
    public Subsampling(int maps) {
        super(VERSION);
        this.maps = maps;
        // Fan-in of a unit: its four inputs (appendix A's initialisation).
        this.coefficient = addParameter(PaperParameters.weight("coefficient", new Shape(maps), new FanInUniform(4)));
        this.bias = addParameter(PaperParameters.bias(maps));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray c = store.getValue(coefficient, x.getDevice(), training).reshape(1, maps, 1, 1);
        NDArray b = store.getValue(bias, x.getDevice(), training).reshape(1, maps, 1, 1);
        // The mean of a 2x2 window times 4 is its sum.
        NDArray sums = OwnedScalar.times(Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true), 4);
        return new NDList(sums.mul(c).add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        if (s.dimension() != 4 || s.get(1) != maps) {
            throw new IllegalArgumentException("subsampling of " + maps + " maps expects (N, " + maps + ", H, W), got " + s);
        }
        return new Shape[] {new Shape(s.get(0), maps, s.get(2) / 2, s.get(3) / 2)};
    }

    @Override
    public String toString() {
        return "Subsampling(" + maps + " maps)";
    }
}
