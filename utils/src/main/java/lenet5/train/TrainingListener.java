package lenet5.train;

/**
 * Receives progress from a {@link Training} run. Both methods run on the training thread, so
 * they should return quickly.
 */
public interface TrainingListener {

    /** After every batch; {@code batch} counts from 1. */
    default void onBatch(int epoch, int batch, int batchesPerEpoch, double runningLoss, double runningAccuracy) {
    }

    /** After every epoch, once its validation figures are known. */
    default void onEpoch(EpochStats stats, TrainingHistory history) {
    }

    /** A listener that ignores everything. */
    static TrainingListener none() {
        return new TrainingListener() { };
    }
}
