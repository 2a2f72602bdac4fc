package lenet5.data;

import java.util.function.Function;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import lenet5.Logs;

/**
 * MNIST ready for LeNet-5: padded to 32x32 and normalised with the training set's statistics.
 *
 * @param trainX training images {@code (N, 1, 32, 32)}
 * @param trainY training labels {@code (N)}
 * @param testX test images {@code (M, 1, 32, 32)}
 * @param testY test labels {@code (M)}
 * @param stats pixel statistics of the (raw) training images, applied to both splits
 */
public record LeNetInputs(NDArray trainX, NDArray trainY, NDArray testX, NDArray testY, PixelStats stats) {

    static {
        Logs.quiet();
    }

    /** Images prepared at a time: a few MB of floats, so no float copy of a raw split is held. */
    private static final long SLICE = 4096;

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
        // The files' bytes live on a scratch manager, released here: only the prepared tensors stay.
        try (NDManager scratch = manager.newSubManager()) {
            MnistBytes train = MnistBytes.read(scratch, Dataset.Usage.TRAIN);
            MnistBytes test = MnistBytes.read(scratch, Dataset.Usage.TEST);
            PixelStats stats = statsOfTraining.apply(train);
            return new LeNetInputs(prepare(train, stats, manager), labels(train, manager),
                    prepare(test, stats, manager), labels(test, manager), stats);
        }
    }

    // The course's one preprocessing, slice by slice into one array on `manager`.
    private static NDArray prepare(MnistBytes split, PixelStats stats, NDManager manager) {
        long n = split.size();
        int side = Preprocessing.INPUT_SIZE;
        NDArray ready = manager.create(new Shape(n, 1, side, side), DataType.FLOAT32);
        for (long start = 0; start < n; start += SLICE) {
            long end = Math.min(n, start + SLICE);
            try (NDManager scratch = manager.newSubManager()) {
                NDArray raw = split.images(start, end);
                raw.attach(scratch);
                ready.set(new NDIndex(start + ":" + end), Preprocessing.toInput(raw, stats));
            }
        }
        return ready;
    }

    private static NDArray labels(MnistBytes split, NDManager manager) {
        NDArray labels = split.labels().toType(DataType.FLOAT32, true);
        labels.attach(manager);
        return labels;
    }

    /** Number of training images. */
    public long trainSize() {
        return trainY.getShape().get(0);
    }
}
