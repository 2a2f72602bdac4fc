package lenet5.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-d convolution that knows a shortcut: when its kernel covers the whole input, as LeNet-5's C5
 * does (5x5 kernels on 5x5 maps), the convolution has exactly one output position, and computing
 * it is one matrix product of the flattened input with the flattened kernels.
 *
 * <p>The layer is still a convolution: the same parameters, shapes, initialisation and saved
 * form as {@link Conv2d}, and any other input size takes the ordinary convolution. The shortcut
 * only changes the speed: libtorch's general convolution spends about 10 % of a LeNet-5 epoch on
 * this layer, the matrix product almost nothing (bench/README.md).
 */
public final class CoveringConv2d extends Conv2d {

    /** A convolution with {@code filters} square kernels of side {@code kernel}, stride 1, no padding. */
    public CoveringConv2d(int filters, int kernel) {
        super(Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(filters));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(2) != kernelShape.get(0) || s.get(3) != kernelShape.get(1)) {
            return super.forwardInternal(store, inputs, training, params);
        }
        Device device = x.getDevice();
        NDArray w = store.getValue(weight, device, training);
        NDArray b = store.getValue(bias, device, training);
        long n = s.get(0);
        NDArray y = Linear.linear(x.reshape(n, -1), w.reshape(filters, -1), b).singletonOrThrow();
        return new NDList(y.reshape(n, filters, 1, 1));
    }
}
