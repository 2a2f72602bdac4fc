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
     * (1) becomes 1.175, chosen to give the inputs roughly zero mean and unit variance; on MNIST
     * padded to 32x32 they have a mean of about 0.03 and a variance of about 0.12 (chapter 7).
     */
    public static final PixelStats LECUN_1998 = new PixelStats(0.1f / 1.275f, 1f / 1.275f);

    /** Images per slice; the float64 sums depend on it, so both forms below use the same. */
    private static final long SLICE = 4096;

    /** Images {@code from} to {@code to} as a new or viewed array; released by the caller. */
    private interface Slices {
        NDArray get(long from, long to);
    }

    /**
     * Computes the statistics over every element of {@code images}, accumulating in float64.
     * The images are read in slices so that no float64 copy of a whole split is ever held.
     */
    public static PixelStats of(NDArray images) {
        return of(images.getShape().get(0), images.size(), (from, to) -> images.get(from + ":" + to));
    }

    /** The same statistics over inputs read slice by slice, e.g. {@link LeNetInputs#trainX()}. */
    public static PixelStats of(InputSource inputs) {
        return of(inputs.size(), inputs.getShape().size(), inputs::get);
    }

    /** The same statistics over a split's images in [0, 1], made from its bytes slice by slice. */
    public static PixelStats of(MnistBytes split) {
        return of(split.size(), split.pixels().size(), split::images);
    }

    private static PixelStats of(long n, long count, Slices slices) {
        double sum = 0;
        double sumSquares = 0;
        for (long start = 0; start < n; start += SLICE) {
            NDArray x = slices.get(start, Math.min(n, start + SLICE));
            try (NDManager scratch = x.getManager().newSubManager()) {
                x.attach(scratch);
                NDArray x64 = x.toType(DataType.FLOAT64, false);
                sum += x64.sum().getDouble();
                sumSquares += x64.square().sum().getDouble();
            }
        }
        double mean = sum / count;
        double var = Math.max(0, sumSquares / count - mean * mean);
        return new PixelStats((float) mean, (float) Math.sqrt(var));
    }

    @Override
    public String toString() {
        return String.format("mean %.4f, std %.4f", mean, std);
    }
}
