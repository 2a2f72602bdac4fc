package lenet5.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.Translator;
import lenet5.CourseException;
import lenet5.NativeMemory;
import lenet5.data.LeNetInputs;
import lenet5.data.MnistBytes;
import lenet5.eval.DigitTranslator;
import lenet5.eval.Evaluation;
import lenet5.MnistFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest extends MnistFixture {

    private static TrainingConfig small() {
        // 20 batches per epoch: enough for the assertions, quick enough for a unit test.
        return TrainingConfig.defaults().withBatchSize(100).withEpochs(1).withTrainLimit(2000);
    }

    @Test
    void deviceReportNamesPyTorchAndGpuRequestFailsClearlyOnCpu() {
        Devices.Report r = Devices.report();
        assertEquals("PyTorch", r.engine());
        assertTrue(r.version().startsWith("2."), r.version());
        if (r.gpuCount() == 0) {
            assertEquals("cpu()", r.chosen().toString());
            CourseException e = assertThrows(CourseException.class, () -> Devices.choose(Devices.Preference.GPU));
            assertTrue(e.getMessage().contains("No GPU"), e.getMessage());
        }
    }

    @Test
    void sameSeedSameFirstEpochLoss() {
        double[] loss = new double[2];
        for (int i = 0; i < 2; i++) {
            try (Training t = new Training(small(), inputs)) {
                loss[i] = t.fit().last().trainLoss();
            }
        }
        assertEquals(loss[0], loss[1], 0.0);
        assertTrue(loss[0] > 0 && loss[0] < 2.3, "loss " + loss[0]);
    }

    @Test
    void checkpointRoundTripGivesIdenticalPredictions(@TempDir Path dir) {
        try (Training t = new Training(small(), inputs)) {
            TrainingHistory h = t.fit();
            Checkpoint.save(t.model(), h, inputs.stats(), dir);
            int[] before = Evaluation.predict(t.model(), inputs.testX().get(0, 500), 250);
            try (Model loaded = Checkpoint.load(dir)) {
                int[] after = Evaluation.predict(loaded, inputs.testX().get(0, 500), 250);
                assertArrayEquals(before, after);
                assertEquals(inputs.stats(), Checkpoint.stats(loaded));
            }
            assertEquals(h.size(), Checkpoint.history(dir).size());
        }
    }

    @Test
    void aRawDigitGetsTheSameScoresThroughThePredictorAsThroughTraining(@TempDir Path dir) throws Exception {
        try (Training t = new Training(small(), inputs)) {
            Checkpoint.save(t.model(), t.fit(), inputs.stats(), dir);
        }
        // What chapter 04 does: the saved model with its saved statistics, fed raw 28x28 test digits.
        MnistBytes raw = MnistBytes.read(manager, Dataset.Usage.TEST);
        try (Model loaded = Checkpoint.load(dir)) {
            DigitTranslator digits = new DigitTranslator(Checkpoint.stats(loaded));
            Translator<NDArray, float[]> scoresOut = DigitTranslator.scores(Checkpoint.stats(loaded));
            ParameterStore store = new ParameterStore(manager, false);
            try (Predictor<NDArray, float[]> scores = loaded.newPredictor(scoresOut);
                 Predictor<NDArray, Classifications> classes = loaded.newPredictor(digits)) {
                for (int i = 0; i < 50; i++) {
                    // The training path: the test split as LeNetInputs prepared it for training and evaluation.
                    NDArray x = inputs.testX().get(i, i + 1);
                    NDArray trained = loaded.getBlock().forward(store, new NDList(x), false).singletonOrThrow();
                    float[] expected = trained.toFloatArray();
                    float[] viaPredictor = scores.predict(raw.images(i, i + 1));
                    assertArrayEquals(expected, viaPredictor, 1e-5f, "logits of test image " + i);
                    float[] p = trained.softmax(-1).toFloatArray();
                    Classifications c = classes.predict(raw.images(i, i + 1));
                    for (int k = 0; k < 10; k++) {
                        assertEquals(p[k], c.get(String.valueOf(k)).getProbability(), 1e-6, "image " + i + ", class " + k);
                    }
                }
            }
        }
    }

    @Test
    void closeReleasesWhatTheRunMade() {
        // The whole training set, so that a copy of it could not hide under the tolerance. A first
        // run warms up what stays for the process's life (allocator pools, compiled code, heap).
        runFiveBatchesAndClose();
        long arrays = NativeMemory.arrayBytes();
        long resident = NativeMemory.residentBytes();
        runFiveBatchesAndClose();
        long arraysGrowth = NativeMemory.arrayBytes() - arrays;
        long residentGrowth = NativeMemory.residentBytes() - resident;
        System.out.printf("after close: arrays %+d MB, resident %+d MB%n",
                arraysGrowth / NativeMemory.MB, residentGrowth / NativeMemory.MB);
        // DJL's accounting, not the resident size: that also moves with the Java heap and the
        // allocator's pools, by up to 18 MB here between otherwise equal runs.
        assertTrue(arraysGrowth < 20 * NativeMemory.MB, "arrays left after close: " + arraysGrowth / NativeMemory.MB + " MB");
    }

    private static void runFiveBatchesAndClose() {
        try (Training t = new Training(TrainingConfig.defaults().withEpochs(1), inputs)) {
            t.fit(stopAt(t, 1, 5));
            Thread.interrupted();
            assertEquals(5, t.history().last().batches());
        }
    }

    /** A DJL listener that interrupts the thread once, after batch {@code batch} of epoch {@code epoch}. */
    private static TrainingListener stopAt(Training t, int epoch, int batch) {
        return new TrainingListenerAdapter() {
            private boolean stopped;

            @Override
            public void onTrainingBatch(Trainer trainer, BatchData data) {
                if (!stopped && t.history().size() + 1 == epoch && data.getBatch().getProgress() == batch) {
                    stopped = true;
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    @Test
    void missingCheckpointNamesTheNotebook(@TempDir Path dir) {
        CourseException e = assertThrows(CourseException.class, () -> Checkpoint.load(dir));
        assertTrue(e.getMessage().contains(Checkpoint.CHAPTER), e.getMessage());
    }

    @Test
    void interruptStopsAfterTheCurrentBatchAndKeepsHistory() throws Exception {
        try (Training t = new Training(small().withEpochs(3), inputs)) {
            TrainingHistory h = t.fit(stopAt(t, 2, 3));
            Thread.interrupted();
            assertTrue(t.wasInterrupted());
            assertEquals(2, h.size());
            assertEquals(3, h.last().batches());
            assertTrue(h.epochs().get(0).validationAccuracy() > 0.5);
        }
    }

    @Test
    void fitAfterAnInterruptFinishesTheCutEpochThenRunsTheRest() throws Exception {
        try (Training t = new Training(small().withEpochs(3), inputs)) {
            TrainingListener stopOnce = stopAt(t, 2, 3);
            t.fit(stopOnce);
            Thread.interrupted();
            assertTrue(t.wasInterrupted());
            assertEquals(3, t.history().last().batches(), "the cut epoch is recorded as partial");
            int perEpoch = t.history().epochs().get(0).batches();

            TrainingHistory h = t.fit(stopOnce);
            assertTrue(!t.wasInterrupted(), "a second fit is not a no-op");
            assertEquals(3, h.size(), "epoch 2 finished in place, then epoch 3");
            for (EpochStats e : h.epochs()) {
                assertEquals(perEpoch, e.batches(), "epoch " + e.epoch() + " whole");
            }
            assertEquals(List.of(1, 2, 3), h.epochs().stream().map(EpochStats::epoch).toList());
        }
    }

    @Test
    void aStoppedAndResumedRunEndsWhereAnUninterruptedOneDoes() {
        TrainingHistory whole;
        try (Training t = new Training(small().withEpochs(2), inputs)) {
            whole = t.fit();
        }
        try (Training t = new Training(small().withEpochs(2), inputs)) {
            t.fit(stopAt(t, 1, 7));
            Thread.interrupted();
            TrainingHistory resumed = t.fit();
            // The same updates on the same batches with the same shifts: the same parameters.
            for (int e = 0; e < 2; e++) {
                EpochStats a = whole.epochs().get(e);
                EpochStats b = resumed.epochs().get(e);
                assertEquals(a.validationAccuracy(), b.validationAccuracy(), 0.0, "validation accuracy, epoch " + (e + 1));
                assertEquals(a.validationLoss(), b.validationLoss(), 1e-6, "validation loss, epoch " + (e + 1));
                assertEquals(a.trainLoss(), b.trainLoss(), 1e-5, "training loss, epoch " + (e + 1));
                assertEquals(a.trainAccuracy(), b.trainAccuracy(), 1e-6, "training accuracy, epoch " + (e + 1));
            }
        }
    }

    @Test
    void aFitStartedWhileInterruptedReturnsAtOnceAndListenersHearBeginAndEnd() {
        try (Training t = new Training(small(), inputs)) {
            int[] calls = new int[3]; // begin, end, epochs
            TrainingListener counting = new TrainingListenerAdapter() {
                @Override
                public void onTrainingBegin(Trainer trainer) {
                    calls[0]++;
                }

                @Override
                public void onTrainingEnd(Trainer trainer) {
                    calls[1]++;
                }

                @Override
                public void onEpoch(Trainer trainer) {
                    calls[2]++;
                }
            };
            Thread.currentThread().interrupt();
            try {
                t.fit(counting);
            } finally {
                Thread.interrupted();
            }
            assertTrue(t.wasInterrupted());
            assertEquals(0, t.history().size(), "no empty epoch recorded");
            assertArrayEquals(new int[] {1, 1, 0}, calls, "no pass and no validation run");
            t.fit(counting);
            assertEquals(1, t.history().size());
            assertArrayEquals(new int[] {2, 2, 1}, calls);
        }
    }

    @Test
    void theRecorderSaysWhatItNeedsWhenDjlsEvaluatorListenerIsMissing() {
        try (Model m = Model.newInstance("bare")) {
            m.setBlock(lenet5.model.LeNet5.classic());
            lenet5.data.TrainingSet set = new lenet5.data.TrainingSet(inputs.validationX(), inputs.validationY(), 1000, 0, 0f, 1,
                    ai.djl.Device.cpu());
            TrainingHistory h = new TrainingHistory();
            try (Trainer trainer = m.newTrainer(new ai.djl.training.DefaultTrainingConfig(ai.djl.training.loss.Loss.softmaxCrossEntropyLoss())
                    .addEvaluator(new ai.djl.training.evaluator.Accuracy())
                    .addTrainingListeners(new EpochRecorder(h, set, ai.djl.training.tracker.Tracker.fixed(0.1f))))) {
                CourseException e = assertThrows(CourseException.class, () -> trainer.notifyListeners(l -> l.onEpoch(trainer)));
                assertTrue(e.getMessage().contains("TrainingListener.Defaults.basic()"), e.getMessage());
            }
        }
    }

    @Test
    void aCutEpochIsNotValidatedAndItsHistoryShowsNoValidationFigures(@TempDir Path dir) throws Exception {
        try (Training t = new Training(small().withEpochs(2), inputs)) {
            int[] validationBatches = new int[1];
            TrainingListener counting = new TrainingListenerAdapter() {
                @Override
                public void onValidationBatch(Trainer trainer, BatchData data) {
                    validationBatches[0]++;
                }
            };
            t.fit(counting, stopAt(t, 1, 4));
            Thread.interrupted();
            assertEquals(0, validationBatches[0], "the cut epoch ran no validation batch");
            EpochStats cut = t.history().last();
            assertEquals(4, cut.batches());
            assertTrue(Double.isNaN(cut.validationAccuracy()) && Double.isNaN(cut.validationLoss()), cut.toString());
            Checkpoint.save(t.model(), t.history(), inputs.stats(), dir);
            String csv = java.nio.file.Files.readString(dir.resolve("history.csv"));
            assertTrue(csv.contains(",NaN,NaN,"), csv);
            assertTrue(t.history().toHtml().contains("&ndash;"), "the table shows a dash, not NaN");
            assertTrue(Checkpoint.history(dir).last().validationAccuracy() != 0, "read back");
            // Finishing the epoch validates it once, with every validation image.
            t.fit(counting);
            assertEquals(5 + 5, validationBatches[0], "epochs 1 and 2 each validated once");
            assertTrue(t.history().epochs().get(0).validationAccuracy() > 0.5);
        }
    }

    @Test
    void aConstructorThatFailsReleasesWhatItMade() {
        // A learner's block that cannot take LeNet-5's input (the exercise chapter 02 invites).
        java.util.function.Supplier<ai.djl.nn.Block> wrong = () -> new ai.djl.nn.SequentialBlock()
                .add(ai.djl.nn.core.Linear.builder().setUnits(10).build())
                .add(ai.djl.nn.Blocks.batchFlattenBlock())
                .add(ai.djl.nn.convolutional.Conv2d.builder().setKernelShape(new ai.djl.ndarray.types.Shape(5, 5)).setFilters(6).build());
        TrainingConfig c = small();
        assertThrows(RuntimeException.class, () -> new Training(c, inputs, wrong.get(),
                ai.djl.training.loss.Loss.softmaxCrossEntropyLoss()).close());
        long[] before = NativeMemory.counts();
        for (int attempt = 1; attempt <= 20; attempt++) {
            assertThrows(RuntimeException.class, () -> new Training(c, inputs, wrong.get(),
                    ai.djl.training.loss.Loss.softmaxCrossEntropyLoss()).close());
            long[] after = NativeMemory.counts();
            assertEquals(before[0], after[0], "arrays under the root manager after attempt " + attempt);
            assertEquals(before[1], after[1], "managers under the root manager after attempt " + attempt);
        }
    }

    @Test
    void theScheduleIsTheOptimisersOwnOverTheUpdatesTheRunMakes() {
        for (TrainingConfig c : List.of(small().withEpochs(2).withTrainLimit(5000).withBatchSize(512),
                small().withEpochs(2).withTrainLimit(5000).withBatchSize(512).withSchedule(TrainingConfig.Schedule.CONSTANT)
                        .withLearningRate(0.05f))) {
            try (Training t = new Training(c, inputs)) {
                int[] updates = new int[1];
                t.fit(new TrainingListenerAdapter() {
                    @Override
                    public void onTrainingBatch(Trainer trainer, BatchData data) {
                        updates[0]++;
                    }
                });
                assertEquals(t.totalUpdates(), updates[0], c.toString());
                assertEquals(20, t.totalUpdates(), "5,000 images in batches of 512, twice");
                double[] rates = LearningRates.rates(t.schedule(), t.totalUpdates());
                // The rate the recorder saw at each epoch's last update is the chart's value there.
                for (EpochStats e : t.history().epochs()) {
                    assertEquals(rates[e.epoch() * t.batchesPerEpoch() - 1], e.learningRate(), 1e-7, c + ", epoch " + e.epoch());
                }
                if (c.schedule() == TrainingConfig.Schedule.ONE_CYCLE) {
                    assertEquals(c.learningRate() / 1000, rates[rates.length - 1], 1e-6, "the cycle ends at the run's end");
                } else {
                    assertEquals(0.05, rates[0], 1e-7);
                    assertEquals(0.05, rates[rates.length - 1], 1e-7);
                }
            }
        }
    }
}
