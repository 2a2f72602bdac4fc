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
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import lenet5.Logs;
import lenet5.data.InputSource;
import lenet5.data.LeNetDataset;
import lenet5.data.LeNetInputs;
import lenet5.data.TrainingBatches;
import lenet5.eval.Evaluation;
import lenet5.model.LeNet5;

/**
 * One training run of LeNet-5 on DJL's training API: a {@link Trainer} with DJL's accuracy
 * evaluator and basic listeners, fitted by {@link EasyTrain} on {@link LeNetDataset}s. It packages
 * what chapter 03 writes out, and adds the one thing {@code EasyTrain.fit} lacks: stop and resume.
 *
 * <p>The training set ends its pass after the current batch when the thread is interrupted (the
 * stop button); {@link #fit} then returns with {@link #history()} holding every finished epoch
 * and the partial one, and calling it again finishes that epoch from the next batch before going
 * on. For that it calls {@code EasyTrain.fit} one epoch at a time.
 *
 * <p>What the run keeps lives on its own manager (a child of the data's) and {@link #close()}
 * releases it with the model; batches, training and validation alike, are made one at a time on
 * managers of their own and closed after use. A closed run holds no native memory, and one left
 * open holds little more than its 61,706 parameters.
 */
public final class Training implements AutoCloseable {

    static {
        Logs.quiet();
    }

    private final LeNetInputs data;
    private final TrainingConfig config;
    private final Device device;
    private final NDManager manager;
    private final Model model;
    private final Trainer trainer;
    private final LeNetDataset trainingSet;
    private final LeNetDataset validationSet;
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
        long n = config.trainLimit() > 0 ? Math.min(config.trainLimit(), data.trainSize()) : data.trainSize();
        // Batches are cut under the manager of their labels: this run's own.
        InputSource x = data.trainX().first(n);
        NDArray y = data.trainY().get("0:" + n);
        y.attach(manager);
        float background = -data.stats().mean() / data.stats().std();
        this.trainingSet = LeNetDataset.training(
                new TrainingBatches(x, y, config.batchSize(), config.shift(), background, config.seed(), device));
        this.validationSet = LeNetDataset.evaluation(data.validationX(), data.validationY(), 1000, device);
        int totalUpdates = trainingSet.batchesPerEpoch() * config.epochs();
        Tracker learningRate = switch (config.schedule()) {
            case ONE_CYCLE -> new OneCycle(config.learningRate(), totalUpdates, 0.2f);
            case CONSTANT -> Tracker.fixed(config.learningRate());
            case PAPER_STEPS -> new PaperSteps(config.learningRate(), totalUpdates);
        };
        this.model = Model.newInstance("lenet5", device);
        model.setBlock(network);
        DefaultTrainingConfig tc = new DefaultTrainingConfig(loss)
                .optOptimizer(optimizer(config, learningRate))
                .optDevices(new Device[] {device})
                .addEvaluator(new Accuracy())
                .addTrainingListeners(TrainingListener.Defaults.basic())
                .addTrainingListeners(new EpochRecorder(history, trainingSet, learningRate), relay);
        this.trainer = model.newTrainer(tc);
        trainer.initialize(new Shape(config.batchSize(), 1, side, side));
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
     * is interrupted, and at once if it already is. Called again after an interrupt, it first finishes the epoch
     * that was cut, from the batch where it stopped (its history entry, partial until then, is
     * replaced by the whole epoch's).
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
                // not after an empty pass that DJL would still validate and count.
                if (Thread.currentThread().isInterrupted()) {
                    interrupted = true;
                    break;
                }
                EasyTrain.fit(trainer, 1, trainingSet, validationSet);
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

    /**
     * Accuracy of the current parameters on the whole test set. Measure it once, when every choice
     * has been made on the validation images: a test set consulted for choices stops being unseen.
     */
    public double testAccuracy() {
        return Evaluation.accuracy(trainer, data.testX(), data.testY(), 1000, device);
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
