package lenet5.data;

import java.util.function.Function;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import lenet5.Logs;

/**
 * MNIST ready for LeNet-5: padded to 32x32 and normalised with the training set's statistics.
 *
 * <p>The images stay as the files' bytes (47 MB for the training set instead of 245 MB of
 * floats); each slice or batch read from {@link #trainX()} or {@link #testX()} is made into
 * floats when it is read. Closing the manager given to {@code load} releases everything.
 *
 * @param trainX training images as LeNet-5 sees them, {@code (N, 1, 32, 32)}
 * @param trainY training labels {@code (N)}
 * @param testX test images as LeNet-5 sees them, {@code (M, 1, 32, 32)}
 * @param testY test labels {@code (M)}
 * @param stats pixel statistics of the (raw) training images, applied to both splits
 */
public record LeNetInputs(InputSource trainX, NDArray trainY, InputSource testX, NDArray testY, PixelStats stats) {

    static {
        Logs.quiet();
    }

    /** Loads both splits onto {@code manager}, normalised with the training images' statistics. */
    public static LeNetInputs load(NDManager manager) {
        // Statistics come from the training images only: the test set stays unseen.
        return load(manager, PixelStats::of);
    }

    /** Loads both splits onto {@code manager}, normalised with given statistics (e.g. {@link PixelStats#LECUN_1998}). */
    public static LeNetInputs load(NDManager manager, PixelStats stats) {
        return load(manager, images -> stats);
    }

    private static LeNetInputs load(NDManager manager, Function<MnistBytes, PixelStats> statsOfTraining) {
        MnistBytes train = MnistBytes.read(manager, Dataset.Usage.TRAIN);
        MnistBytes test = MnistBytes.read(manager, Dataset.Usage.TEST);
        PixelStats stats = statsOfTraining.apply(train);
        return new LeNetInputs(new Prepared(train.pixels(), stats), labels(train),
                new Prepared(test.pixels(), stats), labels(test), stats);
    }

    private static NDArray labels(MnistBytes split) {
        NDArray labels = split.labels().toType(DataType.FLOAT32, true);
        split.labels().close();
        return labels;
    }

    /** Number of training images. */
    public long trainSize() {
        return trainY.getShape().get(0);
    }

    /** The course's one preprocessing applied to bytes as they are read: the values a float copy of the whole split would hold. */
    private record Prepared(NDArray pixels, PixelStats stats) implements InputSource {

        @Override
        public Shape getShape() {
            Shape s = pixels.getShape();
            return new Shape(s.get(0), 1, Preprocessing.INPUT_SIZE, Preprocessing.INPUT_SIZE);
        }

        @Override
        public NDManager getManager() {
            return pixels.getManager();
        }

        @Override
        public NDArray get(long from, long to) {
            return prepare(pixels.get(from + ":" + to));
        }

        @Override
        public NDArray get(NDArray index) {
            return prepare(pixels.get(index));
        }

        // Bytes to [0, 1] as DJL's Mnist does, then padded and normalised; the intermediates are closed here.
        private NDArray prepare(NDArray bytes) {
            try (NDArray raw = bytes.toType(DataType.FLOAT32, true).divi(255f)) {
                bytes.close();
                return Preprocessing.toInput(raw, stats);
            }
        }
    }
}
