package lenet5.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import lenet5.Logs;
import lenet5.data.Batches;
import lenet5.data.InputSource;
import lenet5.data.LeNetInputs;
import lenet5.data.TrainingBatches;
import lenet5.eval.Evaluation;
import lenet5.model.LeNet5;

/**
 * One training run of LeNet-5 with a DJL {@link Trainer}: a model, an optimiser, the data, and
 * the loop that ties them together.
 *
 * <p>The loop checks the thread's interrupt flag after every batch. Interrupting the notebook
 * cell therefore stops the run after the current batch; the model keeps what it learned and
 * {@link #history()} keeps every finished epoch plus the partial one.
 *
 * <p>Everything the run makes lives on its own manager (a child of the data's), and
 * {@link #close()} releases it with the model: a closed run holds no native memory, and one left
 * open holds little more than its 61,706 parameters, because batches are cut and padded one at a
 * time.
 */
public final class Training implements AutoCloseable {

    static {
        Logs.quiet();
    }

    private final TrainingConfig config;
    private final LeNetInputs data;
    private final Device device;
    private final NDManager manager;
    private final Model model;
    private final Trainer trainer;
    private final TrainingBatches batches;
    private final TrainingHistory history = new TrainingHistory();
    private final int totalUpdates;
    private final Tracker learningRate;
    private volatile boolean interrupted;
    private int updates;
    /** Where an interrupted epoch stopped, so that the next {@link #fit} finishes it; null otherwise. */
    private Cut cut;

    /** The part of an epoch run before an interrupt: its batches and running sums. */
    private record Cut(int epoch, int done, double lossSum, long correct, long seen, double seconds) {
        static final Cut NONE = new Cut(0, 0, 0, 0, 0, 0);
    }

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
        this.batches = new TrainingBatches(x, y, config.batchSize(), config.shift(), background, config.seed(), device);
        this.totalUpdates = batches.batchesPerEpoch() * config.epochs();
        this.learningRate = switch (config.schedule()) {
            case ONE_CYCLE -> new OneCycle(config.learningRate(), totalUpdates, 0.2f);
            case CONSTANT -> Tracker.fixed(config.learningRate());
            case PAPER_STEPS -> new PaperSteps(config.learningRate(), totalUpdates);
        };
        this.model = Model.newInstance("lenet5", device);
        model.setBlock(network);
        DefaultTrainingConfig tc = new DefaultTrainingConfig(loss)
                .optOptimizer(optimizer(config, learningRate))
                .optDevices(new Device[] {device});
        this.trainer = model.newTrainer(tc);
        trainer.initialize(new Shape(config.batchSize(), 1, side, side));
    }

    private static Optimizer optimizer(TrainingConfig c, Tracker lr) {
        if (c.optimizer() == TrainingConfig.OptimizerKind.ADAM) {
            return Optimizer.adam().optLearningRateTracker(lr).optWeightDecays(c.weightDecay()).build();
        }
        return Optimizer.sgd().setLearningRateTracker(lr).optMomentum(c.momentum()).optWeightDecays(c.weightDecay()).build();
    }

    /** Runs every epoch of the configuration. */
    public TrainingHistory fit() {
        return fit(TrainingListener.none());
    }

    /**
     * Runs every epoch not run yet, reporting to {@code listener}; returns early when interrupted.
     * After an interrupt, calling it again first finishes the epoch that was cut, from the batch
     * where it stopped (its history entry, partial until then, is replaced by the whole epoch's).
     */
    public TrainingHistory fit(TrainingListener listener) {
        interrupted = false;
        if (cut != null) {
            Cut from = cut;
            cut = null;
            runEpoch(from.epoch(), listener, from);
        }
        for (int epoch = history.size() + 1; epoch <= config.epochs() && !interrupted; epoch++) {
            runEpoch(epoch, listener, Cut.NONE);
        }
        return history;
    }

    private void runEpoch(int epoch, TrainingListener listener, Cut from) {
        long start = System.nanoTime();
        double lossSum = from.lossSum();
        long correct = from.correct();
        long seen = from.seen();
        int done = from.done();
        int perEpoch = batches.batchesPerEpoch();
        int skip = from.done();
        try {
            for (Batches.Batch b : batches.epoch(epoch)) {
                if (skip > 0) { // run before the interrupt: the epoch's order is the same every time
                    b.close();
                    skip--;
                    continue;
                }
                try (b) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray scores = trainer.forward(new NDList(b.x())).singletonOrThrow();
                        NDArray loss = trainer.getLoss().evaluate(new NDList(b.y()), new NDList(scores));
                        gc.backward(loss);
                        lossSum += loss.getFloat() * b.size();
                        correct += scores.argMax(1).toType(DataType.FLOAT32, false).eq(b.y()).sum().getLong();
                        seen += b.size();
                    }
                    trainer.step();
                    updates++;
                }
                done++;
                listener.onBatch(epoch, done, perEpoch, lossSum / seen, correct / (double) seen);
                if (Thread.currentThread().isInterrupted()) {
                    interrupted = true;
                    break;
                }
            }
        } finally {
            double seconds = from.seconds() + (System.nanoTime() - start) / 1e9;
            if (interrupted && done < perEpoch) {
                cut = new Cut(epoch, done, lossSum, correct, seen, seconds);
            }
            if (seen > 0) {
                // The validation pass must not be cut short by a pending interrupt.
                boolean flag = Thread.interrupted();
                Evaluation.LossAndAccuracy validation = validation();
                EpochStats stats = new EpochStats(epoch, lossSum / seen, correct / (double) seen, validation.loss(),
                        validation.accuracy(), seconds, seen / seconds, learningRate.getNewValue(Math.max(0, updates - 1)), done);
                if (from.done() > 0) {
                    history.replaceLast(stats);
                } else {
                    history.add(stats);
                }
                listener.onEpoch(stats, history);
                if (flag) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Loss and accuracy of the current parameters on the validation images (after every epoch). */
    public Evaluation.LossAndAccuracy validation() {
        return Evaluation.lossAndAccuracy(trainer, data.validationX(), data.validationY(), 1000, device);
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
}
