package lenet5.data;

import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Random translation of training images, the augmentation of the course's recipe.
 *
 * <p>The batch arrives with a frame of {@code s} background pixels on every side; each group of
 * {@value #GROUP} images is cropped back to the network's input size at a random offset, i.e.
 * moved by up to {@code s} pixels in each direction. Cropping groups rather than single images
 * keeps it to a handful of native calls per batch.
 */
final class Shifts {

    static final int GROUP = 32;
    private final int shift;
    private final long seed;

    Shifts(int shift, long seed) {
        this.shift = shift;
        this.seed = seed;
    }

    /** The batch cropped to its original size; unchanged when there is no shift. */
    NDArray apply(NDArray framed, int epoch, int batch) {
        if (shift == 0) {
            return framed;
        }
        long n = framed.getShape().get(0);
        long side = framed.getShape().get(2) - 2L * shift;
        Random rnd = new Random(seed * 7_919L + epoch * 100_003L + batch);
        NDList parts = new NDList();
        for (long start = 0; start < n; start += GROUP) {
            long end = Math.min(n, start + GROUP);
            int dy = rnd.nextInt(2 * shift + 1);
            int dx = rnd.nextInt(2 * shift + 1);
            parts.add(framed.get(start + ":" + end + ", :, " + dy + ":" + (dy + side) + ", " + dx + ":" + (dx + side)));
        }
        return parts.size() == 1 ? parts.head() : NDArrays.concat(parts);
    }
}
