package lenet5.train;

/**
 * What one epoch produced. The validation figures come from training images held out of training
 * ({@link lenet5.data.LeNetInputs#validationX()}): they guide choices; the test set is measured once,
 * at the end ({@link Training#testAccuracy()}).
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean loss over the epoch's batches, while the parameters were changing
 * @param trainAccuracy share of training images classified right while training
 * @param validationLoss mean loss on the validation images after the epoch; NaN for an epoch cut by the
 *     stop button, which is not validated
 * @param validationAccuracy share of validation images classified right after the epoch; NaN when cut
 * @param seconds wall time of the training pass (not the validation pass)
 * @param imagesPerSecond training images processed per second
 * @param learningRate learning rate at the end of the epoch
 * @param batches batches completed (fewer than planned if the run was interrupted)
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                         double validationAccuracy, double seconds, double imagesPerSecond, double learningRate,
                         int batches) {
}
