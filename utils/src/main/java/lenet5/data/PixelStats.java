package lenet5.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Mean and standard deviation of all pixels of a set of images, used to normalise the inputs.
 *
 * @param mean the average pixel value
 * @param std the population standard deviation of the pixel values
 */
public record PixelStats(float mean, float std) {

    /**
     * LeCun et al.'s input scaling (1998, section II-B): background (0) becomes -0.1 and full ink
     * (1) becomes 1.175, so that the inputs have roughly zero mean and unit variance.
     */
    public static final PixelStats LECUN_1998 = new PixelStats(0.1f / 1.275f, 1f / 1.275f);

    /**
     * Computes the statistics over every element of {@code images}, accumulating in float64.
     * The images are read in slices so that no float64 copy of a whole split is ever held.
     */
    public static PixelStats of(NDArray images) {
        long n = images.getShape().get(0);
        long slice = 4096;
        double sum = 0;
        double sumSquares = 0;
        for (long start = 0; start < n; start += slice) {
            try (NDManager scratch = images.getManager().newSubManager()) {
                NDArray x = images.get(start + ":" + Math.min(n, start + slice));
                x.attach(scratch);
                NDArray x64 = x.toType(DataType.FLOAT64, false);
                sum += x64.sum().getDouble();
                sumSquares += x64.square().sum().getDouble();
            }
        }
        double count = images.size();
        double mean = sum / count;
        double var = Math.max(0, sumSquares / count - mean * mean);
        return new PixelStats((float) mean, (float) Math.sqrt(var));
    }

    @Override
    public String toString() {
        return String.format("mean %.4f, std %.4f", mean, std);
    }
}
