package lenet5.model;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * LeNet-5 and the two variants PyTorch tutorials of LeNet-5 commonly use, built from DJL blocks.
 *
 * <p>Every variant is described as a list of {@link Layer}s, named as in LeCun et al. (1998)
 * where the paper names them (C1, S2, C3, S4, C5, F6). The description both builds the DJL
 * block and tells {@link ReceptiveField} each layer's kernel and stride.
 */
public final class LeNet5 {

    /** The three forms of the network. */
    public enum Variant {
        /** The classic network of the tutorials: 32x32 input, tanh, average pooling, C5 as a convolution (chapter 07 builds the 1998 one). */
        CLASSIC(32, true, true),
        /** The same layers with ReLU and max pooling, as most modern tutorials write it. */
        MODERN(32, false, false),
        /**
         * 28x28 input without padding, as the tutorial "LeNet-5 PyTorch Implementation for MNIST Classification" writes it (tanh, average pooling):
         * C5 becomes a fully connected layer on a 16x4x4 flatten.
         */
        COMPACT_28(28, true, true);

        private final int inputSize;
        private final boolean tanh;
        private final boolean averagePooling;

        Variant(int inputSize, boolean tanh, boolean averagePooling) {
            this.inputSize = inputSize;
            this.tanh = tanh;
            this.averagePooling = averagePooling;
        }

        /** Side of the square input image. */
        public int inputSize() {
            return inputSize;
        }

        /** Shape of a batch of one image: {@code (1, 1, size, size)}. */
        public Shape inputShape() {
            return new Shape(1, 1, inputSize, inputSize);
        }
    }

    /** What kind of operation a layer performs. */
    public enum Kind { CONVOLUTION, ACTIVATION, POOLING, FLATTEN, FULLY_CONNECTED }

    /**
     * One layer of the description.
     *
     * @param name paper name (C1, S2...) or a descriptive one
     * @param kind the operation
     * @param kernel kernel side for convolution and pooling, 1 otherwise
     * @param stride stride for convolution and pooling, 1 otherwise
     * @param block the DJL block that computes it
     */
    public record Layer(String name, Kind kind, int kernel, int stride, Block block) {
    }

    private LeNet5() {
    }

    /** The classic network, the one the course trains. */
    public static SequentialBlock classic() {
        return build(Variant.CLASSIC);
    }

    /** Builds the DJL block of a variant. */
    public static SequentialBlock build(Variant variant) {
        SequentialBlock net = new SequentialBlock();
        for (Layer layer : layers(variant)) {
            net.add(layer.block());
        }
        return net;
    }

    /** The layer list of a variant (fresh blocks at every call). */
    public static List<Layer> layers(Variant v) {
        List<Layer> l = new ArrayList<>();
        l.add(conv("C1", 6));
        l.add(activation(v, "C1"));
        l.add(pool(v, "S2"));
        l.add(conv("C3", 16));
        l.add(activation(v, "C3"));
        l.add(pool(v, "S4"));
        if (v == Variant.COMPACT_28) {
            l.add(new Layer("flatten", Kind.FLATTEN, 1, 1, Blocks.batchFlattenBlock()));
            l.add(dense("F5", 120));
            l.add(activation(v, "F5"));
        } else {
            l.add(conv("C5", 120));
            l.add(activation(v, "C5"));
            l.add(new Layer("flatten", Kind.FLATTEN, 1, 1, Blocks.batchFlattenBlock()));
        }
        l.add(dense("F6", 84));
        l.add(activation(v, "F6"));
        l.add(dense("output", 10));
        return l;
    }

    private static Layer conv(String name, int filters) {
        Block b = Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(filters).build();
        return new Layer(name, Kind.CONVOLUTION, 5, 1, b);
    }

    private static Layer dense(String name, int units) {
        return new Layer(name, Kind.FULLY_CONNECTED, 1, 1, Linear.builder().setUnits(units).build());
    }

    private static Layer activation(Variant v, String after) {
        return v.tanh
                ? new Layer(after + " tanh", Kind.ACTIVATION, 1, 1, Activation.tanhBlock())
                : new Layer(after + " relu", Kind.ACTIVATION, 1, 1, Activation.reluBlock());
    }

    private static Layer pool(Variant v, String name) {
        Shape two = new Shape(2, 2);
        Block b = v.averagePooling ? Pool.avgPool2dBlock(two, two) : Pool.maxPool2dBlock(two, two);
        return new Layer(name, Kind.POOLING, 2, 2, b);
    }
}
