package lenet5.data;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The transformations between raw MNIST digits and LeNet-5's input, on whole batches.
 *
 * <p>LeNet-5 was designed for 32x32 inputs, MNIST digits are 28x28. Padding keeps the digit's
 * size and adds a blank border (the original paper's choice); resizing stretches the digit to
 * fill the frame.
 */
public final class Preprocessing {

    /** Side of an MNIST digit. */
    public static final int MNIST_SIZE = 28;
    /** Blank pixels added on every side: 28 + 2 + 2 = 32. */
    public static final int BORDER = 2;
    /** Side of LeNet-5's input. */
    public static final int INPUT_SIZE = MNIST_SIZE + 2 * BORDER;

    private Preprocessing() {
    }

    /**
     * The course's one preprocessing, used by training, evaluation and the {@code Translator}:
     * raw digits {@code (N, 1, 28, 28)} with values in [0, 1] are padded to 32x32 and normalised
     * with the training set's statistics. Returns a new array; {@code raw} is left as it is.
     */
    public static NDArray toInput(NDArray raw, PixelStats stats) {
        Shape s = raw.getShape();
        if (s.dimension() != 4 || s.get(1) != 1 || s.get(2) != MNIST_SIZE || s.get(3) != MNIST_SIZE) {
            throw new IllegalArgumentException("expected raw digits (N, 1, 28, 28), got " + s);
        }
        // In place on the padded copy: one full-size array instead of three.
        return pad(raw, BORDER).subi(stats.mean()).divi(stats.std());
    }

    /** Adds a border of {@code border} zero pixels: {@code (N, C, H, W) -> (N, C, H + 2b, W + 2b)}. */
    public static NDArray pad(NDArray images, int border) {
        Shape s = images.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("expected (N, C, H, W), got " + s);
        }
        // Padding pairs run from the last axis backwards: (W left, W right, H top, H bottom).
        return images.pad(new Shape(border, border, border, border), 0);
    }

    /** Bilinear resize to {@code size x size}: {@code (N, C, H, W) -> (N, C, size, size)}. */
    public static NDArray resize(NDArray images, int size) {
        Shape s = images.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("expected (N, C, H, W), got " + s);
        }
        // DJL's image utilities work on channels-last arrays.
        NDArray hwc = images.transpose(0, 2, 3, 1);
        NDArray resized = NDImageUtils.resize(hwc, size, size, Image.Interpolation.BILINEAR);
        return resized.transpose(0, 3, 1, 2);
    }
}
