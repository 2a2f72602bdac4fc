import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import ai.djl.ndarray.NDManager;
import lenet5.Logs;
import lenet5.data.LeNetInputs;
import lenet5.train.Training;
import lenet5.train.TrainingConfig;
import lenet5.train.TrainingHistory;

/**
 * The recipe chosen on the validation images: the course's recipe and the variations its choices
 * were weighed against, each trained once with the same seed, judged by validation accuracy after
 * the last epoch. The test set is never read here.
 *
 *   java -cp utils/target/classes:build/lib/*:build/lib-cpu/* bench/RecipeChoice.java [seed]
 */
public class RecipeChoice {
    public static void main(String[] args) throws Exception {
        Logs.quiet();
        TrainingConfig recipe = TrainingConfig.defaults();
        if (args.length > 0) {
            recipe = recipe.withSeed(Long.parseLong(args[0]));
        }
        Map<String, TrainingConfig> candidates = new LinkedHashMap<>();
        candidates.put("the recipe", recipe);
        candidates.put("no shifts", recipe.withShift(0));
        candidates.put("constant rate 0.05", recipe.withSchedule(TrainingConfig.Schedule.CONSTANT).withLearningRate(0.05f));
        candidates.put("one-cycle peak 0.1", recipe.withLearningRate(0.1f));
        candidates.put("batch 128, peak 0.1", recipe.withBatchSize(128).withLearningRate(0.1f));
        candidates.put("Adam, peak 0.01", recipe.withOptimizer(TrainingConfig.OptimizerKind.ADAM, 0.01f));
        candidates.put("3 epochs", recipe.withEpochs(3));
        candidates.put("8 epochs", recipe.withEpochs(8));
        System.out.println("recipe: " + recipe);
        System.out.println(String.format("%-22s %10s %12s %9s", "variation", "epochs", "validation", "seconds"));
        try (NDManager manager = NDManager.newBaseManager()) {
            LeNetInputs inputs = LeNetInputs.load(manager);
            for (var c : candidates.entrySet()) {
                try (Training t = new Training(c.getValue(), inputs)) {
                    TrainingHistory h = t.fit();
                    double seconds = h.epochs().stream().mapToDouble(e -> e.seconds()).sum();
                    System.out.println(String.format(Locale.ROOT, "%-22s %10d %10.2f %% %9.1f", c.getKey(), h.size(),
                            100 * h.last().validationAccuracy(), seconds));
                }
            }
        }
    }
}
