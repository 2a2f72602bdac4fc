import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDManager;
import lenet5.Logs;
import lenet5.data.LeNetInputs;
import lenet5.train.SeedComparison;
import lenet5.train.Training;
import lenet5.train.TrainingConfig;
import lenet5.train.TrainingConfig.OptimizerKind;
import lenet5.train.TrainingConfig.Schedule;
import lenet5.train.TrainingHistory;

/**
 * The recipe chosen on the validation images: the course's recipe and each variation of one of its
 * choices, every one trained with the same seeds, judged by the validation images classified right
 * after the last epoch. The test set is never read here. Each run is one line of
 * {@code bench/recipe-choice.csv} (a run of the same variant and seed replaces its line), which chapter
 * 04 prints as means, spreads and paired differences ({@code SeedComparison}).
 *
 *   java -cp utils/target/classes:build/lib/*:build/lib-cpu/* bench/RecipeChoice.java [--seeds 1,2,3,4,5] [variant ...]
 */
public class RecipeChoice {

    static final Path RESULTS = Path.of("bench", "recipe-choice.csv");

    /** Each variation changes one choice of the recipe (batch size with its peak rate, as one). */
    static Map<String, UnaryOperator<TrainingConfig>> variants() {
        Map<String, UnaryOperator<TrainingConfig>> v = new LinkedHashMap<>();
        v.put("recipe", c -> c);
        v.put("constant 0.05", c -> c.withSchedule(Schedule.CONSTANT).withLearningRate(0.05f));
        v.put("peak 0.1", c -> c.withLearningRate(0.1f));
        v.put("peak 0.5", c -> c.withLearningRate(0.5f));
        v.put("no warm-up", c -> c.withSchedule(Schedule.COSINE));
        v.put("batch 128", c -> c.withBatchSize(128).withLearningRate(0.1f));
        v.put("batch 256", c -> c.withBatchSize(256).withLearningRate(0.2f));
        v.put("no shifts", c -> c.withShift(0));
        v.put("shifts of 2", c -> c.withShift(2));
        v.put("3 epochs", c -> c.withEpochs(3));
        v.put("8 epochs", c -> c.withEpochs(8));
        v.put("Adam 0.01", c -> c.withOptimizer(OptimizerKind.ADAM, 0.01f));
        return v;
    }

    public static void main(String[] args) throws Exception {
        Logs.quiet();
        int[] seeds = {1, 2, 3, 4, 5};
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seeds")) {
                seeds = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
            } else {
                chosen.add(args[i]);
            }
        }
        Map<String, UnaryOperator<TrainingConfig>> all = variants();
        if (chosen.isEmpty()) {
            chosen.addAll(all.keySet());
        }
        for (String name : chosen) {
            if (!all.containsKey(name)) {
                System.err.println("no variant '" + name + "'; the variants: " + all.keySet());
                System.exit(2);
            }
        }
        TrainingConfig recipe = TrainingConfig.defaults();
        System.out.println("recipe: " + recipe);
        try (NDManager manager = NDManager.newBaseManager()) {
            LeNetInputs inputs = LeNetInputs.load(manager);
            int images = (int) inputs.validationY().size();
            for (String name : chosen) {
                for (int seed : seeds) {
                    TrainingConfig config = all.get(name).apply(recipe).withSeed(seed);
                    try (Training t = new Training(config, inputs)) {
                        TrainingHistory h = t.fit();
                        double seconds = h.epochs().stream().mapToDouble(e -> e.seconds()).sum();
                        int correct = (int) Math.round(h.last().validationAccuracy() * images);
                        SeedComparison.record(new SeedComparison.Run(name, seed, h.size(), correct, images, seconds), RESULTS, new ArrayList<>(variants().keySet()));
                        System.out.println(String.format(Locale.ROOT, "%-14s seed %d: %d of %d validation images (%.2f %%), %.1f s",
                                name, seed, correct, images, 100.0 * correct / images, seconds));
                    }
                }
            }
        }
        System.out.println();
        System.out.print(SeedComparison.load(RESULTS, "recipe"));
    }
}
