package lenet5.train;

import java.util.Map;

import ai.djl.training.Trainer;
import ai.djl.training.evaluator.AbstractAccuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.tracker.Tracker;
import lenet5.CourseException;
import lenet5.data.TrainingSet;

/**
 * A DJL training listener that writes each epoch into a {@link TrainingHistory}: DJL's evaluators
 * give loss and accuracy, the training set gives the pass's time and size, the tracker the
 * learning rate. DJL's own metrics keep none of that per epoch in a form a chapter can tabulate.
 *
 * <p>It reads the evaluations DJL's {@link EvaluatorTrainingListener} publishes at the end of an
 * epoch, so that listener (in {@code TrainingListener.Defaults.basic()}) must come before it, and
 * the trainer must have an accuracy evaluator.
 *
 * <p>An epoch stopped by an interrupt ({@link TrainingSet#wasCut()}) is recorded as it stands,
 * with fewer batches and, when it was not validated, no validation figures (NaN); when the next
 * pass finishes it, the two parts are combined into one entry with the finished epoch's validation.
 */
public final class EpochRecorder extends TrainingListenerAdapter {

    private final TrainingHistory history;
    private final TrainingSet trainingSet;
    private final Tracker learningRate;
    private int updates;
    /** The part of an epoch run before an interrupt, or null. */
    private Part cut;

    /** Running sums of a cut epoch: DJL's loss is a mean over batches, its accuracy over images. */
    private record Part(int batches, long images, double lossSum, double correct, double seconds) {
    }

    /**
     * @param history where the epochs go
     * @param trainingSet the data the trainer is fitted on
     * @param learningRate the optimiser's learning-rate tracker, to record the rate each epoch ended with
     */
    public EpochRecorder(TrainingHistory history, TrainingSet trainingSet, Tracker learningRate) {
        this.history = history;
        this.trainingSet = trainingSet;
        this.learningRate = learningRate;
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        updates++;
    }

    @Override
    public void onEpoch(Trainer trainer) {
        Map<String, Float> ev = trainer.getTrainingResult().getEvaluations();
        String accuracy = "_" + accuracy(trainer).getName();
        if (ev == null || !ev.containsKey("train" + accuracy)) {
            throw new CourseException("EpochRecorder needs DJL's EvaluatorTrainingListener before it in the trainer's "
                    + "listeners: add TrainingListener.Defaults.basic() first.");
        }
        int batches = trainingSet.lastPassBatches();
        if (batches == 0) {
            return; // stopped before its first batch: nothing to record
        }
        long images = trainingSet.lastPassImages();
        double lossSum = ev.get("train_loss") * batches;
        double correct = ev.get("train" + accuracy) * images;
        double seconds = trainingSet.lastPassSeconds();
        boolean resumed = cut != null;
        if (resumed) {
            batches += cut.batches();
            images += cut.images();
            lossSum += cut.lossSum();
            correct += cut.correct();
            seconds += cut.seconds();
        }
        cut = trainingSet.wasCut() ? new Part(batches, images, lossSum, correct, seconds) : null;
        int epoch = trainingSet.wasCut() ? trainingSet.nextEpoch() : trainingSet.nextEpoch() - 1;
        EpochStats stats = new EpochStats(epoch, lossSum / batches, correct / images, ev.get("validate_loss"),
                ev.get("validate" + accuracy), seconds, images / seconds,
                learningRate.getNewValue(updates), batches);   // DJL's k-th update uses the tracker's value at k
        if (resumed) {
            history.replaceLast(stats);
        } else {
            history.add(stats);
        }
    }

    /** The trainer's accuracy evaluator, whose figures the recorder and the live view read. */
    public static Evaluator accuracy(Trainer trainer) {
        for (Evaluator e : trainer.getEvaluators()) {
            if (e instanceof AbstractAccuracy) {
                return e;
            }
        }
        throw new CourseException("EpochRecorder needs an accuracy evaluator: "
                + "new DefaultTrainingConfig(loss).addEvaluator(new Accuracy())");
    }
}
