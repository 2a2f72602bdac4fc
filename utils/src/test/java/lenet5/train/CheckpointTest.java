package lenet5.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import lenet5.CourseException;
import lenet5.data.LeNetInputs;
import lenet5.eval.Evaluation;
import lenet5.MnistFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save never loses the last good model; what cannot be read says so in one line. */
class CheckpointTest extends MnistFixture {

    private static TrainingConfig tiny(int epochs, long seed) {
        return TrainingConfig.defaults().withBatchSize(100).withEpochs(epochs).withTrainLimit(1000).withSeed(seed);
    }

    private static int[] predictions(Model m) {
        return Evaluation.predict(m, inputs.testX().get(0, 300), 300);
    }

    @Test
    void aSaveThatFailsHalfWayKeepsThePreviousModelLoadable(@TempDir Path dir) throws Exception {
        int[] saved;
        Training second = new Training(tiny(1, 2), inputs);
        try (Training first = new Training(tiny(2, 1), inputs)) {
            Checkpoint.save(first.model(), first.fit(), inputs.stats(), 0.5, dir);
            saved = predictions(first.model());
            second.fit();
        }
        // The learner closed the run, then saved it: DJL fails while writing the parameters.
        second.close();
        CourseException e = assertThrows(CourseException.class,
                () -> Checkpoint.save(second.model(), second.history(), inputs.stats(), 0.6, dir));
        assertTrue(e.getMessage().contains("could not be saved") && e.getMessage().endsWith("the model saved there before is kept."),
                e.getMessage());
        try (Model loaded = Checkpoint.load(dir)) {
            assertArrayEquals(saved, predictions(loaded), "the first model, unharmed");
            assertEquals(0.5, Checkpoint.testAccuracy(loaded), 1e-9);
        }
        assertEquals(2, Checkpoint.history(dir).size());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("history.csv", "lenet5-classic-0002.params"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file left behind");
        }
    }

    /**
     * The kernel's Stop button, when a cell does not end within its grace period, stops the cell's
     * thread wherever it is (Thread.stop): at any moment of a save, the folder still holds a model
     * that loads, the one saved before or the new one.
     */
    @Test
    @SuppressWarnings("removal")
    void aSaveStoppedAtAnyMomentLeavesTheOldModelOrTheNewOne(@TempDir Path dir) throws Exception {
        try (Training a = new Training(tiny(2, 1), inputs); Training b = new Training(tiny(1, 7), inputs)) {
            TrainingHistory historyA = a.fit();
            TrainingHistory historyB = b.fit();
            int[] predictionsA = predictions(a.model());
            int[] predictionsB = predictions(b.model());
            // The shortest of three saves: stops drawn within it land during a save, not after one.
            long saveNanos = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                Checkpoint.save(a.model(), historyA, inputs.stats(), dir);
                saveNanos = Math.min(saveNanos, System.nanoTime() - started);
            }
            java.util.Random random = new java.util.Random(42);
            int stoppedMidway = 0;
            for (int trial = 0; trial < 20; trial++) {
                boolean toB = trial % 2 == 0;
                Training next = toB ? b : a;
                TrainingHistory history = toB ? historyB : historyA;
                Thread saver = new Thread(() -> Checkpoint.save(next.model(), history, inputs.stats(), dir));
                long delay = (long) (random.nextDouble() * saveNanos);
                saver.start();
                long until = System.nanoTime() + delay;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                stoppedMidway += saver.isAlive() ? 1 : 0;
                saver.stop();
                saver.join(30_000);
                assertFalse(saver.isAlive(), "trial " + trial + ": the stopped save still hangs after 30 s");
                try (Model loaded = Checkpoint.load(dir)) {
                    int[] got = predictions(loaded);
                    assertTrue(java.util.Arrays.equals(got, predictionsA) || java.util.Arrays.equals(got, predictionsB),
                            "trial " + trial + ": the folder holds neither model");
                }
            }
            System.out.println(stoppedMidway + " of 20 stops landed during a save");
            assertTrue(stoppedMidway >= 5, "only " + stoppedMidway + " of 20 stops landed during a save");
        }
    }

    @Test
    void aSaveCutAfterTheNewParametersSaysTheyAreSaved(@TempDir Path dir) throws Exception {
        // A folder named history.csv, not empty: the parameters go into place, the history cannot.
        Files.createDirectories(dir.resolve("history.csv"));
        Files.writeString(dir.resolve("history.csv").resolve("x"), "x");
        try (Training t = new Training(tiny(1, 1), inputs)) {
            TrainingHistory h = t.fit();
            CourseException e = assertThrows(CourseException.class, () -> Checkpoint.save(t.model(), h, inputs.stats(), dir));
            assertTrue(e.getMessage().startsWith("The model was saved as ") && e.getMessage().contains("the save did not finish")
                    && !e.getMessage().contains("\n"), e.getMessage());
            try (Model loaded = Checkpoint.load(dir)) {
                assertArrayEquals(predictions(t.model()), predictions(loaded), "the message is true: the new model loads");
            }
        }
    }

    @Test
    void aShorterRunSavedLaterReplacesTheLongerOne(@TempDir Path dir) throws Exception {
        try (Training longer = new Training(tiny(2, 1), inputs); Training shorter = new Training(tiny(1, 7), inputs)) {
            Checkpoint.save(longer.model(), longer.fit(), inputs.stats(), dir);
            Checkpoint.save(shorter.model(), shorter.fit(), inputs.stats(), dir);
            try (var files = Files.list(dir)) {
                assertEquals(1, files.filter(p -> p.toString().endsWith(".params")).count(), "the older file is gone");
            }
            try (Model loaded = Checkpoint.load(dir)) {
                assertArrayEquals(predictions(shorter.model()), predictions(loaded));
            }
        }
    }

    @Test
    void aHalfWrittenFileAndAMalformedPropertyEachGiveOneLineNamingTheChapter(@TempDir Path dir) throws Exception {
        try (Training t = new Training(tiny(1, 1), inputs)) {
            t.model().setProperty("PixelMean", "abc");
            t.model().setProperty("Epoch", "1");
            t.model().save(dir, Checkpoint.NAME);
        }
        try (Model m = Checkpoint.load(dir)) {
            CourseException e = assertThrows(CourseException.class, () -> Checkpoint.stats(m));
            assertTrue(e.getMessage().contains("PixelMean=abc, which is not a number") && e.getMessage().contains(Checkpoint.CHAPTER),
                    e.getMessage());
        }
        Path params = dir.resolve(Checkpoint.NAME + "-0001.params");
        byte[] whole = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(whole, whole.length / 2));
        CourseException e = assertThrows(CourseException.class, () -> Checkpoint.load(dir));
        assertTrue(e.getMessage().startsWith("The saved model ") && e.getMessage().contains("cannot be read")
                && e.getMessage().contains(Checkpoint.CHAPTER) && !e.getMessage().contains("\n"), e.getMessage());
        Files.writeString(dir.resolve("history.csv"), "epoch,nonsense\n1,2\n");
        e = assertThrows(CourseException.class, () -> Checkpoint.history(dir));
        assertTrue(e.getMessage().contains("history.csv cannot be read"), e.getMessage());
    }
}
