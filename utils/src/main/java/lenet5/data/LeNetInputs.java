package lenet5.data;

import java.util.function.Function;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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

    /** Loads both splits onto {@code manager}, normalised with the training images' statistics. */
    public static LeNetInputs load(NDManager manager) {
        // Statistics come from the training images only: the test set stays unseen.
        return load(manager, PixelStats::of);
    }

    /** Loads both splits onto {@code manager}, normalised with given statistics (e.g. {@link PixelStats#LECUN_1998}). */
    public static LeNetInputs load(NDManager manager, PixelStats stats) {
        return load(manager, images -> stats);
    }

    private static LeNetInputs load(NDManager manager, Function<NDArray, PixelStats> statsOfTraining) {
        MnistData.Split train = MnistData.load(manager, Dataset.Usage.TRAIN);
        MnistData.Split test = MnistData.load(manager, Dataset.Usage.TEST);
        PixelStats stats = statsOfTraining.apply(train.images());
        return new LeNetInputs(prepare(train.images(), stats, manager), train.labels(),
                prepare(test.images(), stats, manager), test.labels(), stats);
    }

    // Pads and normalises; the raw images and the intermediate copy are released.
    private static NDArray prepare(NDArray raw, PixelStats stats, NDManager manager) {
        try (NDManager scratch = manager.newSubManager()) {
            raw.attach(scratch);
            NDArray ready = Preprocessing.toInput(raw, stats);
            ready.attach(manager);
            return ready;
        }
    }

    /** Number of training images. */
    public long trainSize() {
        return trainY.getShape().get(0);
    }
}
