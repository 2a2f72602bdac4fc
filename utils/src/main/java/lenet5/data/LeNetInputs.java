package lenet5.data;

import java.util.function.Function;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import lenet5.Logs;

/**
 * MNIST ready for LeNet-5: padded to 32x32 and normalised with the training images' statistics,
 * in three parts. The last {@value #VALIDATION_SIZE} of MNIST's 60,000 training images are held
 * out as a <em>validation</em> set: training never sees them, and every choice (epochs, recipe) is
 * made on them, so that the test set is measured once, at the end, and stays unseen until then.
 *
 * <p>The images stay as the files' bytes (47 MB for the training file instead of 246 MB of
 * floats); each slice or batch read from {@link #trainX()}, {@link #validationX()} or
 * {@link #testX()} is made into floats when it is read. Closing the manager given to
 * {@code load} releases everything.
 *
 * @param trainX training images as LeNet-5 sees them, {@code (55000, 1, 32, 32)}
 * @param trainY training labels
 * @param validationX validation images, {@code (5000, 1, 32, 32)}
 * @param validationY validation labels
 * @param testX test images, {@code (10000, 1, 32, 32)}
 * @param testY test labels
 * @param stats pixel statistics of the (raw) training images, applied to all three parts
 */
public record LeNetInputs(InputSource trainX, NDArray trainY, InputSource validationX, NDArray validationY,
                          InputSource testX, NDArray testY, PixelStats stats) {

    /** Training images held out for validation: the last ones of MNIST's training file. */
    public static final int VALIDATION_SIZE = 5000;

    static {
        Logs.quiet();
    }

    /** Loads the three parts onto {@code manager}, normalised with the training images' statistics. */
    public static LeNetInputs load(NDManager manager) {
        // Statistics come from the training images only: validation and test images stay unseen.
        return load(manager, PixelStats::of);
    }

    /** Loads the three parts onto {@code manager}, normalised with given statistics (e.g. {@link PixelStats#LECUN_1998}). */
    public static LeNetInputs load(NDManager manager, PixelStats stats) {
        return load(manager, images -> stats);
    }

    private static LeNetInputs load(NDManager manager, Function<MnistBytes, PixelStats> statsOfTraining) {
        MnistBytes file = MnistBytes.read(manager, Dataset.Usage.TRAIN);
        long n = file.size() - VALIDATION_SIZE;
        MnistBytes train = file.range(0, n);
        MnistBytes validation = file.range(n, file.size());
        // The two parts are views that keep the file's bytes alive; the whole-file handles are not needed.
        file.pixels().close();
        file.labels().close();
        MnistBytes test = MnistBytes.read(manager, Dataset.Usage.TEST);
        PixelStats stats = statsOfTraining.apply(train);
        return new LeNetInputs(new Prepared(train.pixels(), stats), labels(train),
                new Prepared(validation.pixels(), stats), labels(validation),
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
