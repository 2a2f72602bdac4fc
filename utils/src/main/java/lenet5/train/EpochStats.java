package lenet5.train;

/**
 * What one epoch produced.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean cross-entropy over the epoch's batches
 * @param trainAccuracy share of training images classified right while training
 * @param testAccuracy share of test images classified right after the epoch
 * @param seconds wall time of the training pass (not the test pass)
 * @param imagesPerSecond training images processed per second
 * @param learningRate learning rate at the end of the epoch
 * @param batches batches completed (fewer than planned if the run was interrupted)
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double testAccuracy,
                         double seconds, double imagesPerSecond, double learningRate, int batches) {
}
