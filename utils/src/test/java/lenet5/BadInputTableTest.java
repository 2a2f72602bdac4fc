package lenet5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import lenet5.data.MnistFiles;
import lenet5.eval.DigitTranslator;
import lenet5.eval.Evaluation;
import lenet5.train.Checkpoint;
import lenet5.train.Training;
import lenet5.train.TrainingConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 28's table: each bad input a learner can produce, the one line the course answers with,
 * and, after every case, the model saved before it still loads and predicts as it did.
 */
class BadInputTableTest extends MnistFixture {

    /** One row: what the learner did, the call that does it, a phrase the one-line answer must hold. */
    private record Case(String learnerDid, Action action, String answerHolds) {
    }

    @FunctionalInterface
    private interface Action {
        void run(Path scratch) throws Exception;
    }

    private static Path saved;
    private static int[] savedPredictions;

    @BeforeAll
    static void saveAGoodModel() throws Exception {
        saved = Files.createTempDirectory("lenet5-saved-");
        try (Training t = new Training(tiny(), inputs)) {
            Checkpoint.save(t.model(), t.fit(), inputs.stats(), 0.5, saved);
            savedPredictions = Evaluation.predict(t.model(), inputs.testX().get(0, 200), 200);
        }
    }

    @AfterAll
    static void removeIt() throws Exception {
        try (Stream<Path> files = Files.walk(saved)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static TrainingConfig tiny() {
        return TrainingConfig.defaults().withBatchSize(100).withEpochs(1).withTrainLimit(1000).withSeed(1);
    }

    private static List<Case> table() {
        List<Case> rows = new ArrayList<>();
        rows.add(new Case("sets LENET5_LR=NaN", s -> TrainingConfig.defaults().withOverrides(Map.of("LENET5_LR", "NaN")),
                "LENET5_LR=NaN: the learning rate must be a number above 0"));
        rows.add(new Case("types LENET5_EPOCH=2", s -> TrainingConfig.defaults().withOverrides(Map.of("LENET5_EPOCH", "2")),
                "did you mean LENET5_EPOCHS?"));
        rows.add(new Case("asks for LENET5_OPTIMIZER=rmsprop",
                s -> TrainingConfig.defaults().withOverrides(Map.of("LENET5_OPTIMIZER", "rmsprop")), "must be one of sgd, adam"));
        rows.add(new Case("calls withEpochs(0)", s -> TrainingConfig.defaults().withEpochs(0), "withEpochs(0)"));
        rows.add(new Case("gives a seed beyond int", s -> TrainingConfig.defaults().withSeed(1L << 32), "must fit in an int"));
        rows.add(new Case("runs chapter 05 before chapter 04 saved a model", s -> Checkpoint.load(s.resolve("models")).close(),
                Checkpoint.CHAPTER));
        rows.add(new Case("loads a checkpoint whose file was cut short", s -> {
            Path dir = Files.createDirectories(s.resolve("cut"));
            try (Stream<Path> files = Files.list(saved)) {
                for (Path p : files.toList()) {
                    Files.copy(p, dir.resolve(p.getFileName()));
                }
            }
            try (Stream<Path> files = Files.list(dir)) {
                Path params = files.filter(p -> p.toString().endsWith(".params")).findFirst().orElseThrow();
                byte[] whole = Files.readAllBytes(params);
                Files.write(params, java.util.Arrays.copyOf(whole, whole.length / 3));
            }
            Checkpoint.load(dir).close();
        }, "cannot be read"));
        rows.add(new Case("saves a run after closing it, over the good model", s -> {
            Training closed = new Training(tiny(), inputs);
            closed.close();
            Checkpoint.save(closed.model(), closed.history(), inputs.stats(), 0.9, saved);
        }, "the model saved there before is kept"));
        rows.add(new Case("points MNIST at a damaged file", s -> {
            Path dir = Files.createDirectories(s.resolve("mnist"));
            for (String name : MnistFiles.ENTRIES.keySet()) {
                Files.writeString(dir.resolve(name), "not mnist");
            }
            MnistFiles.verify(dir);
        }, "train_data"));
        rows.add(new Case("gives the Predictor a 32x32 digit", s -> {
            try (Model m = Checkpoint.load(saved);
                 Predictor<NDArray, Classifications> p = m.newPredictor(new DigitTranslator(Checkpoint.stats(m)))) {
                p.predict(manager.zeros(new Shape(32, 32)));
            }
        }, "28x28"));
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> eachBadInputGetsOneLineAndLosesNothing() {
        return table().stream().map(c -> DynamicTest.dynamicTest(c.learnerDid(), () -> {
            Path scratch = Files.createTempDirectory("lenet5-bad-");
            Throwable thrown = null;
            try {
                c.action().run(scratch);
            } catch (Throwable t) {
                thrown = t;
            }
            if (thrown == null) {
                fail(c.learnerDid() + ": accepted without a word");
            }
            CourseException answer = courseException(thrown);
            if (answer == null) {
                fail(c.learnerDid() + ": answered with " + thrown + " instead of the course's one line");
            }
            String line = answer.getMessage();
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.contains(c.answerHolds()), c.learnerDid() + ": " + line);
            try (Model m = Checkpoint.load(saved)) {
                assertArrayEquals(savedPredictions, Evaluation.predict(m, inputs.testX().get(0, 200), 200),
                        "the model saved before is unharmed");
                assertEquals(0.5, Checkpoint.testAccuracy(m), 1e-9);
            }
        }));
    }

    // DJL wraps what a Translator throws (TranslateException): the learner's line is the cause's.
    private static CourseException courseException(Throwable t) {
        for (Throwable cur = t; cur != null; cur = cur.getCause()) {
            if (cur instanceof CourseException e) {
                return e;
            }
        }
        return null;
    }
}
