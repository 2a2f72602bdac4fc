package lenet5.paper;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;

/**
 * LeNet-5 as LeCun, Bottou, Bengio and Haffner published it in 1998 (section II-B): scaled tanh
 * squashing, trainable subsampling, C3's sparse connection table, and Euclidean RBF outputs with
 * fixed codes. Its inputs are scaled so that background is -0.1 and ink 1.175
 * ({@code PixelStats.LECUN_1998}).
 *
 * <pre>{@code
 * SequentialBlock net = LeNet1998.build();
 * // train with new MapLoss(); the largest output is the predicted digit
 * }</pre>
 */
public final class LeNet1998 {

    /** The layer names, in order, as the paper labels them (squashing follows each of C1-F6). */
    public static final List<String> LAYERS = List.of("C1", "S2", "C3", "S4", "C5", "F6", "output");

    private LeNet1998() {
    }

    /** The network: 32x32 inputs, 10 outputs (the negated RBF penalties). */
    public static SequentialBlock build() {
        SequentialBlock net = new SequentialBlock();
        net.add(conv(6))                       // C1: 6 maps 28x28
            .add(Squashing.block())
            .add(new Subsampling(6))           // S2: 6 maps 14x14
            .add(Squashing.block())
            .add(new SparseConv2d())           // C3: 16 maps 10x10, Table I
            .add(Squashing.block())
            .add(new Subsampling(16))          // S4: 16 maps 5x5
            .add(Squashing.block())
            .add(conv(120))                    // C5: 120 maps 1x1
            .add(Squashing.block())
            .add(Blocks.batchFlattenBlock())
            .add(linear(84))                   // F6
            .add(Squashing.block())
            .add(new RbfOutput(10));           // one RBF unit per digit
        return net;
    }

    private static Block conv(int maps) {
        Conv2d c = Conv2d.builder().setFilters(maps).setKernelShape(new Shape(5, 5)).build();
        c.setInitializer(new FanInUniform(), Parameter.Type.WEIGHT);
        return c;
    }

    private static Block linear(int units) {
        Linear l = Linear.builder().setUnits(units).build();
        l.setInitializer(new FanInUniform(), Parameter.Type.WEIGHT);
        return l;
    }

    /**
     * Trainable parameters of each layer of an initialised network built by {@link #build()}, named
     * as in {@link #LAYERS}: the weights that can change the output, so C3 counts its 60 kernels,
     * not the 96 it stores, and the output layer's fixed codes count nothing.
     */
    public static List<Pair<String, Long>> parameterCounts(SequentialBlock net) {
        List<Pair<String, Long>> counts = new ArrayList<>();
        int layer = 0;
        for (Pair<String, Block> child : net.getChildren()) {
            Block b = child.getValue();
            if (b.getParameters().isEmpty()) {
                continue; // squashing and flatten have no parameters
            }
            long n = 0;
            if (b instanceof SparseConv2d sparse) {
                n = sparse.trainableParameters();
            } else {
                for (Pair<String, Parameter> p : b.getParameters()) {
                    if (p.getValue().requiresGradient()) {
                        n += p.getValue().getArray().size();
                    }
                }
            }
            counts.add(new Pair<>(LAYERS.get(layer++), n));
        }
        return counts;
    }
}
