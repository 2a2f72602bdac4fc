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

    private Preprocessing() {
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

    /** {@code (x - mean) / std}, element-wise. */
    public static NDArray normalize(NDArray images, PixelStats stats) {
        return images.sub(stats.mean()).div(stats.std());
    }
}
