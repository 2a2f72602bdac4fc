package lenet5.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import lenet5.CourseException;
import lenet5.data.LeNetInputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {

    static NDManager manager;
    static LeNetInputs inputs;

    @BeforeAll
    static void load() {
        manager = NDManager.newBaseManager();
        inputs = LeNetInputs.load(manager, 0);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static TrainingConfig small() {
        // 20 batches per epoch: enough for the assertions, quick enough for a unit test.
        return TrainingConfig.defaults().withOverrides(Map.of("LENET5_BATCH_SIZE", "100")).withEpochs(1).withTrainLimit(2000);
    }

    @Test
    void deviceReportNamesPyTorchAndGpuRequestFailsClearlyOnCpu() {
        Devices.Report r = Devices.report();
        assertEquals("PyTorch", r.engine());
        assertTrue(r.version().startsWith("2."), r.version());
        if (r.gpuCount() == 0) {
            assertEquals("cpu()", r.chosen().toString());
            CourseException e = assertThrows(CourseException.class, () -> Devices.choose("gpu"));
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
            Checkpoint.save(t.model(), h, dir);
            int[] before = Evaluation.predict(t.model(), inputs.testX().get("0:500"), 250);
            try (Model loaded = Checkpoint.load(dir)) {
                int[] after = Evaluation.predict(loaded, inputs.testX().get("0:500"), 250);
                assertArrayEquals(before, after);
            }
            assertEquals(h.size(), Checkpoint.history(dir).size());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aShorterRunSavedLaterIsTheOneLoaded(@TempDir Path dir) throws Exception {
        try (Training longer = new Training(small().withEpochs(2), inputs);
             Training shorter = new Training(small().withSeed(7), inputs)) {
            Checkpoint.save(longer.model(), longer.fit(), dir);
            Checkpoint.save(shorter.model(), shorter.fit(), dir);
            int[] expected = Evaluation.predict(shorter.model(), inputs.testX().get("0:500"), 250);
            try (Model loaded = Checkpoint.load(dir)) {
                assertArrayEquals(expected, Evaluation.predict(loaded, inputs.testX().get("0:500"), 250));
            }
        }
    }

    @Test
    void missingCheckpointNamesTheNotebook(@TempDir Path dir) {
        CourseException e = assertThrows(CourseException.class, () -> Checkpoint.load(dir));
        assertTrue(e.getMessage().contains("03-training.ipynb"), e.getMessage());
    }

    @Test
    void interruptStopsAfterTheCurrentBatchAndKeepsHistory() throws Exception {
        try (Training t = new Training(small().withEpochs(3), inputs)) {
            TrainingListener stopAtBatch3 = new TrainingListener() {
                @Override
                public void onBatch(int epoch, int batch, int total, double loss, double acc) {
                    if (epoch == 2 && batch == 3) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            TrainingHistory h = t.fit(stopAtBatch3);
            Thread.interrupted();
            assertTrue(t.wasInterrupted());
            assertEquals(2, h.size());
            assertEquals(3, h.last().batches());
            assertTrue(h.epochs().get(0).testAccuracy() > 0.5);
        }
    }

    @Test
    void shiftsCropEachGroupBackToTheInputSizeAtARandomOffset() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 40 framed 6x6 images whose pixel value is its column: a crop's first column tells its offset.
            float[] v = new float[40 * 36];
            for (int i = 0; i < v.length; i++) {
                v[i] = i % 6;
            }
            ai.djl.ndarray.NDArray framed = m.create(v, new ai.djl.ndarray.types.Shape(40, 1, 6, 6));
            Shifts shifts = new Shifts(1, 42);
            ai.djl.ndarray.NDArray out = shifts.apply(framed, 1, 1);
            assertEquals(new ai.djl.ndarray.types.Shape(40, 1, 4, 4), out.getShape());
            for (int i = 0; i < 40; i++) {
                float dx = out.getFloat(i, 0, 0, 0);
                assertTrue(dx >= 0 && dx <= 2, "offset " + dx);
                assertEquals(dx, out.getFloat(i / Shifts.GROUP * Shifts.GROUP, 0, 0, 0), "one offset per group");
            }
            assertArrayEquals(out.toFloatArray(), shifts.apply(framed, 1, 1).toFloatArray(), 0f);
            assertEquals(framed, new Shifts(0, 42).apply(framed, 1, 1));
        }
    }

    @Test
    void environmentOverrides() {
        TrainingConfig c = TrainingConfig.defaults().withOverrides(Map.of("LENET5_EPOCHS", "3", "LENET5_OPTIMIZER", "ADAM"));
        assertEquals(3, c.epochs());
        assertEquals("adam", c.optimizer());
        assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.defaults().withOverrides(Map.of("LENET5_BATCH_SIZE", "many")));
    }
}
