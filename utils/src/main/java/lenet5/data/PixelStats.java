package lenet5.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Mean and standard deviation of all pixels of a set of images, used to normalise the inputs.
 *
 * @param mean the average pixel value
 * @param std the population standard deviation of the pixel values
 */
public record PixelStats(float mean, float std) {

    /** Computes the statistics over every element of {@code images} (in float64 for accuracy). */
    public static PixelStats of(NDArray images) {
        NDArray x = images.toType(DataType.FLOAT64, false);
        double mean = x.mean().getDouble();
        double var = x.sub(mean).square().mean().getDouble();
        x.close();
        return new PixelStats((float) mean, (float) Math.sqrt(var));
    }

    @Override
    public String toString() {
        return String.format("mean %.4f, std %.4f", mean, std);
    }
}
