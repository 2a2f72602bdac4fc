import java.nio.file.*;
import java.util.*;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.Shape;
import lenet5.CourseException;
import lenet5.data.*;
import lenet5.eval.*;
import lenet5.train.*;

/**
 * The ten bad inputs of utils' BadInputTableTest, run against whichever build of utils is on the
 * classpath (an older checkout's too, which the test cannot compile against): what each one gets, and
 * whether the model saved before it still loads and predicts the same 200 test digits.
 *
 *   java -Dai.djl.offline=true -cp "CHECKOUT/utils/target/classes:build/lib/*:build/lib-cpu/*" bench/BadInputProbe.java
 */
public class BadInputProbe {
    interface Action { void run(Path s) throws Exception; }
    static NDManager manager;
    static LeNetInputs inputs;
    static Path saved;
    static int[] before;

    static TrainingConfig tiny() { return TrainingConfig.defaults().withBatchSize(100).withEpochs(1).withTrainLimit(1000).withSeed(1); }

    public static void main(String[] args) throws Exception {
        manager = NDManager.newBaseManager();
        inputs = LeNetInputs.load(manager);
        saved = Files.createTempDirectory("probe-saved-");
        try (Training t = new Training(tiny(), inputs)) {
            Checkpoint.save(t.model(), t.fit(), inputs.stats(), 0.5, saved);
            before = Evaluation.predict(t.model(), inputs.testX().get(0, 200), 200);
        }
        Map<String, Action> rows = new LinkedHashMap<>();
        rows.put("LENET5_LR=NaN", s -> System.out.println("    accepted: " + TrainingConfig.defaults().withOverrides(Map.of("LENET5_LR", "NaN"))));
        rows.put("LENET5_EPOCH=2 (misspelt)", s -> System.out.println("    accepted: " + TrainingConfig.defaults().withOverrides(Map.of("LENET5_EPOCH", "2"))));
        rows.put("LENET5_OPTIMIZER=rmsprop", s -> TrainingConfig.defaults().withOverrides(Map.of("LENET5_OPTIMIZER", "rmsprop")));
        rows.put("withEpochs(0)", s -> TrainingConfig.defaults().withEpochs(0));
        rows.put("withSeed(1L << 32)", s -> System.out.println("    accepted: " + TrainingConfig.defaults().withSeed(1L << 32)));
        rows.put("chapter 05 before 04", s -> Checkpoint.load(s.resolve("models")).close());
        rows.put("checkpoint cut short", s -> {
            Path dir = Files.createDirectories(s.resolve("cut"));
            try (var files = Files.list(saved)) { for (Path p : files.toList()) Files.copy(p, dir.resolve(p.getFileName())); }
            try (var files = Files.list(dir)) {
                Path params = files.filter(p -> p.toString().endsWith(".params")).findFirst().orElseThrow();
                byte[] whole = Files.readAllBytes(params);
                Files.write(params, Arrays.copyOf(whole, whole.length / 3));
            }
            Checkpoint.load(dir).close();
        });
        rows.put("save a closed run over the good model", s -> {
            Training closed = new Training(tiny(), inputs);
            closed.close();
            Checkpoint.save(closed.model(), closed.history(), inputs.stats(), 0.9, saved);
        });
        rows.put("damaged MNIST file", s -> {
            Path dir = Files.createDirectories(s.resolve("mnist"));
            for (String name : MnistFiles.ENTRIES.keySet()) Files.writeString(dir.resolve(name), "not mnist");
            MnistFiles.verify(dir);
        });
        rows.put("a 32x32 digit to the Predictor", s -> {
            try (Model m = Checkpoint.load(saved);
                 Predictor<NDArray, Classifications> p = m.newPredictor(new DigitTranslator(Checkpoint.stats(m)))) {
                p.predict(manager.zeros(new Shape(32, 32)));
            }
        });
        for (var row : rows.entrySet()) {
            Path scratch = Files.createTempDirectory("probe-bad-");
            String got;
            try {
                row.getValue().run(scratch);
                got = "no error";
            } catch (Throwable t) {
                CourseException ce = null;
                for (Throwable c = t; c != null; c = c.getCause()) if (c instanceof CourseException e) { ce = e; break; }
                got = ce != null ? "CourseException (" + ce.getMessage().lines().count() + " line): " + ce.getMessage().lines().findFirst().orElse("")
                        : t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).lines().findFirst().orElse("");
            }
            String model;
            try (Model m = Checkpoint.load(saved)) {
                model = Arrays.equals(before, Evaluation.predict(m, inputs.testX().get(0, 200), 200)) && Checkpoint.testAccuracy(m) == 0.5
                        ? "saved model unharmed" : "SAVED MODEL CHANGED";
            } catch (Throwable t) {
                model = "SAVED MODEL LOST: " + t.getMessage();
            }
            System.out.println(row.getKey() + " -> " + got + " | " + model);
        }
    }
}
