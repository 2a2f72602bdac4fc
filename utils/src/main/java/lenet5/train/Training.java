package lenet5.train;

import java.io.IOException;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import lenet5.Logs;
import lenet5.data.EvaluationSet;
import lenet5.data.InputSource;
import lenet5.data.LeNetInputs;
import lenet5.data.TrainingSet;
import lenet5.eval.Evaluation;
import lenet5.model.LeNet5;

/**
 * One training run of LeNet-5 on DJL's training API: a {@link Trainer} with DJL's accuracy
 * evaluator and basic listeners and an {@link EpochRecorder}, fitted on a {@link TrainingSet} and
 * validated on an {@link EvaluationSet}. It packages what chapter 03 writes out with
 * {@code EasyTrain}, and adds what {@code EasyTrain.fit} lacks: stop and resume.
 *
 * <p>The training set ends its pass after the current batch when the thread is interrupted (the
 * stop button); {@link #fit} then returns at once, without validating the cut epoch, with
 * {@link #history()} holding every finished epoch and the partial one (no validation figures).
 * Calling it again finishes that epoch from the next batch, validates it, and goes on. For that it
 * runs {@code EasyTrain.fit}'s steps one epoch at a time: the batches through
 * {@code EasyTrain.trainBatch}, then {@code EasyTrain.evaluateDataset} unless the epoch was cut.
 *
 * <p>What the run keeps lives on its own manager (a child of the data's) and {@link #close()}
 * releases it with the model and trainer; if the constructor fails (a block that cannot be
 * initialised for these inputs), it releases what it had made before it throws. Batches are made
 * one at a time on managers of their own and closed after use.
 */
public final class Training implements AutoCloseable {

    static {
        Logs.quiet();
    }

    /** Validation and test images per batch. */
    private static final int EVALUATION_BATCH = 1000;

    private final LeNetInputs data;
    private final TrainingConfig config;
    private final Device device;
    private final NDManager manager;
    private final Model model;
    private final Trainer trainer;
    private final TrainingSet trainingSet;
    private final EvaluationSet validationSet;
    private final Tracker schedule;
    private final int totalUpdates;
    private final TrainingHistory history = new TrainingHistory();
    private final Relay relay = new Relay();
    private boolean interrupted;

    /** Builds the classic LeNet-5 and a trainer for it. */
    public Training(TrainingConfig config, LeNetInputs data) {
        this(config, data, LeNet5.Variant.CLASSIC);
    }

    /** Builds a variant of LeNet-5 and a trainer for it. */
    public Training(TrainingConfig config, LeNetInputs data, LeNet5.Variant variant) {
        this(config, data, LeNet5.build(variant), Loss.softmaxCrossEntropyLoss(), variant.inputSize());
    }

    /**
     * A trainer for any network on 32x32 inputs with any loss, e.g. the 1998 network and its
     * criterion; the largest of a network's outputs is taken as its prediction.
     */
    public Training(TrainingConfig config, LeNetInputs data, Block network, Loss loss) {
        this(config, data, network, loss, 32);
    }

    private Training(TrainingConfig config, LeNetInputs data, Block network, Loss loss, int side) {
        this.config = config;
        this.data = data;
        this.device = Devices.choose(config.device());
        // One seed drives parameter initialisation (engine RNG) and shuffling (Batches).
        Engine.getInstance().setRandomSeed((int) config.seed());
        this.manager = data.trainY().getManager().newSubManager();
        Model made = null;
        Trainer madeTrainer = null;
        try {
            long n = config.trainLimit() > 0 ? Math.min(config.trainLimit(), data.trainSize()) : data.trainSize();
            // Batches are cut under the manager of their labels: this run's own.
            InputSource x = data.trainX().first(n);
            NDArray y = data.trainY().get("0:" + n);
            y.attach(manager);
            float background = -data.stats().mean() / data.stats().std();
            this.trainingSet = new TrainingSet(x, y, config.batchSize(), config.shift(), background, config.seed(), device);
            this.validationSet = new EvaluationSet(data.validationX(), data.validationY(), EVALUATION_BATCH, device);
            this.totalUpdates = trainingSet.batchesPerEpoch() * config.epochs();
            this.schedule = LearningRates.of(config, totalUpdates);
            made = Model.newInstance("lenet5", device);
            made.setBlock(network);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(loss)
                    .optOptimizer(optimizer(config, schedule))
                    .optDevices(new Device[] {device})
                    .addEvaluator(new Accuracy())
                    .addTrainingListeners(TrainingListener.Defaults.basic())
                    .addTrainingListeners(new EpochRecorder(history, trainingSet, schedule), relay);
            madeTrainer = made.newTrainer(tc);
            madeTrainer.initialize(new Shape(config.batchSize(), 1, side, side));
        } catch (RuntimeException | Error e) {
            // Nobody else holds these yet: a failed construction must not leave them behind.
            if (madeTrainer != null) {
                madeTrainer.close();
            }
            if (made != null) {
                made.close();
            }
            manager.close();
            throw e;
        }
        this.model = made;
        this.trainer = madeTrainer;
    }

    private static Optimizer optimizer(TrainingConfig c, Tracker lr) {
        if (c.optimizer() == TrainingConfig.OptimizerKind.ADAM) {
            return Optimizer.adam().optLearningRateTracker(lr).optWeightDecays(c.weightDecay()).build();
        }
        return Optimizer.sgd().setLearningRateTracker(lr).optMomentum(c.momentum()).optWeightDecays(c.weightDecay()).build();
    }

    /**
     * Runs every epoch of the configuration not run yet, with DJL listeners of this call, e.g.
     * {@code LiveTrainingView.create(training.history())}, after the run's own (they are told that
     * training begins and ends at the start and end of this call); returns early when the thread
     * is interrupted, and at once if it already is. Called again after an interrupt, it first
     * finishes the epoch that was cut, from the batch where it stopped (its history entry, partial
     * until then, is replaced by the whole epoch's).
     */
    public TrainingHistory fit(TrainingListener... listeners) {
        interrupted = false;
        relay.targets = listeners;
        for (TrainingListener l : listeners) {
            l.onTrainingBegin(trainer);
        }
        try {
            while (trainingSet.nextEpoch() <= config.epochs()) {
                // An interrupt between epochs (during validation, or before this call) stops here,
                // not after an empty pass that DJL would still count.
                if (Thread.currentThread().isInterrupted()) {
                    interrupted = true;
                    break;
                }
                epoch();
                if (trainingSet.wasCut()) {
                    interrupted = true;
                    break;
                }
            }
        } catch (IOException | TranslateException e) {
            throw new IllegalStateException("cannot happen: the data sets are in memory", e);
        } finally {
            relay.targets = new TrainingListener[0];
            for (TrainingListener l : listeners) {
                l.onTrainingEnd(trainer);
            }
        }
        return history;
    }

    // EasyTrain.fit's epoch, but a pass cut by the stop button is not validated: the cell ends at once.
    private void epoch() throws IOException, TranslateException {
        for (Batch batch : trainer.iterateDataset(trainingSet)) {
            try (batch) {
                EasyTrain.trainBatch(trainer, batch);
                trainer.step();
            }
        }
        if (!trainingSet.wasCut()) {
            EasyTrain.evaluateDataset(trainer, validationSet);
        }
        trainer.notifyListeners(listener -> listener.onEpoch(trainer));
    }

    /**
     * Accuracy of the current parameters on the whole test set. Measure it once, when every choice
     * has been made on the validation images: a test set consulted for choices stops being unseen.
     */
    public double testAccuracy() {
        return Evaluation.accuracy(trainer, data.testX(), data.testY(), EVALUATION_BATCH, device);
    }

    /**
     * True when the last {@link #fit} stopped early because the thread was interrupted; the next
     * {@code fit} continues from there.
     */
    public boolean wasInterrupted() {
        return interrupted;
    }

    /** The epochs run so far. */
    public TrainingHistory history() {
        return history;
    }

    /** The learning-rate tracker inside this run's optimiser, which it asks for update 1, 2, ... */
    public Tracker schedule() {
        return schedule;
    }

    /** Optimiser steps in the whole run: batches per epoch times epochs. */
    public int totalUpdates() {
        return totalUpdates;
    }

    /** Batches in one epoch of this run's training set. */
    public int batchesPerEpoch() {
        return trainingSet.batchesPerEpoch();
    }

    /** The model being trained (its block holds the learned parameters). */
    public Model model() {
        return model;
    }

    /** The trainer, with DJL's evaluators and listeners. */
    public Trainer trainer() {
        return trainer;
    }

    /** The device the run uses. */
    public Device device() {
        return device;
    }

    /** The configuration of the run. */
    public TrainingConfig config() {
        return config;
    }

    /** Releases the model, the trainer and every array the run made; the data stays as it was. */
    @Override
    public void close() {
        trainer.close();
        model.close();
        manager.close();
    }

    /** DJL fixes a trainer's listeners when it is built; this one passes events on to those of the current fit. */
    private static final class Relay extends TrainingListenerAdapter {
        private volatile TrainingListener[] targets = new TrainingListener[0];

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            for (TrainingListener l : targets) {
                l.onTrainingBatch(trainer, batchData);
            }
        }

        @Override
        public void onValidationBatch(Trainer trainer, BatchData batchData) {
            for (TrainingListener l : targets) {
                l.onValidationBatch(trainer, batchData);
            }
        }

        @Override
        public void onEpoch(Trainer trainer) {
            for (TrainingListener l : targets) {
                l.onEpoch(trainer);
            }
        }
    }
}
