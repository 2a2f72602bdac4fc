package lenet5.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A network's inputs read a slice or a batch at a time: either an array held as it is, or made on
 * the fly from a smaller stored form ({@link LeNetInputs} keeps MNIST's bytes and makes floats per
 * batch). Whatever {@code get} returns is a new array that the caller owns.
 */
public interface InputSource {

    /** Shape of all the inputs as the network sees them, e.g. {@code (60000, 1, 32, 32)}. */
    Shape getShape();

    /** The manager of the stored form; sub-managers of it scope each batch. */
    NDManager getManager();

    /** Inputs {@code from} (inclusive) to {@code to} (exclusive). */
    NDArray get(long from, long to);

    /** The inputs at the given example indices (int32 or int64), in that order. */
    NDArray get(NDArray index);

    /** Number of examples. */
    default long size() {
        return getShape().get(0);
    }

    /** The first {@code n} examples, read from this source. */
    default InputSource first(long n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("asked for the first " + n + " of " + size() + " examples");
        }
        InputSource all = this;
        return new InputSource() {
            @Override
            public Shape getShape() {
                long[] dims = all.getShape().getShape().clone();
                dims[0] = n;
                return new Shape(dims);
            }

            @Override
            public NDManager getManager() {
                return all.getManager();
            }

            @Override
            public NDArray get(long from, long to) {
                if (to > n) {
                    throw new IndexOutOfBoundsException("examples up to " + to + " of the first " + n);
                }
                return all.get(from, to);
            }

            @Override
            public NDArray get(NDArray index) {
                return all.get(index);
            }
        };
    }

    /** An array held as it is; {@code get} returns slices and gathers of it. */
    static InputSource of(NDArray x) {
        return new InputSource() {
            @Override
            public Shape getShape() {
                return x.getShape();
            }

            @Override
            public NDManager getManager() {
                return x.getManager();
            }

            @Override
            public NDArray get(long from, long to) {
                return x.get(from + ":" + to);
            }

            @Override
            public NDArray get(NDArray index) {
                return x.get(index);
            }
        };
    }
}
