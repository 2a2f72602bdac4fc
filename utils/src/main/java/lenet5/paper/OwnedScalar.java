package lenet5.paper;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplication by a constant that autograd can keep.
 *
 * <p>DJL's {@code x.mul(2f)} makes the constant from a Java buffer that the new tensor reads in
 * place, and closes it at once: the buffer is then freed by the next garbage collection, while
 * autograd still holds the constant for the backward pass, which reads freed memory (the 1998
 * network's loss turned NaN). A constant made by libtorch ({@code full}) owns its memory; the
 * product is the same, a tensor times a 0-d float tensor.
 */
final class OwnedScalar {

    private OwnedScalar() {
    }

    /** {@code x * k}, safe to differentiate. */
    static NDArray times(NDArray x, float k) {
        try (NDArray constant = x.getManager().full(new Shape(), k, x.getDataType()).toDevice(x.getDevice(), false)) {
            return x.mul(constant);
        }
    }
}
