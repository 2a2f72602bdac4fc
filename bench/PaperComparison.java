import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import ai.djl.ndarray.NDManager;
import lenet5.Logs;
import lenet5.data.LeNetInputs;
import lenet5.data.PixelStats;
import lenet5.paper.LeNet1998;
import lenet5.paper.MapLoss;
import lenet5.train.SeedComparison;
import lenet5.train.Training;
import lenet5.train.TrainingConfig;
import lenet5.train.TrainingHistory;

/**
 * Chapter 07's comparison over several seeds: the course's classic and the 1998 network, both under
 * chapter 07's configuration (Adam at 0.003, the paper's steps, batches of 128, no shifts, 5 epochs),
 * and the 1998 network for the paper's 20 epochs (chapter 07's exercise 4). Each run is one line of
 * {@code bench/paper-comparison.csv} (validation images); the test accuracy of the 20-epoch runs,
 * measured once per run after its last epoch, is printed for the exercise's comparison with the
 * paper's 0.95 % test error.
 *
 *   java -cp utils/target/classes:build/lib/*:build/lib-cpu/* bench/PaperComparison.java [--seeds 1,2,3] [variant ...]
 */
public class PaperComparison {

    static final Path RESULTS = Path.of("bench", "paper-comparison.csv");
    static final List<String> VARIANTS = List.of("classic", "1998 network", "1998 network 20 epochs");

    /** Chapter 07's configuration. */
    static TrainingConfig paperConfig() {
        return TrainingConfig.defaults()
                .withOptimizer(TrainingConfig.OptimizerKind.ADAM, 0.003f)
                .withSchedule(TrainingConfig.Schedule.PAPER_STEPS)
                .withBatchSize(128)
                .withShift(0);
    }

    public static void main(String[] args) throws Exception {
        Logs.quiet();
        int[] seeds = {1, 2, 3};
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seeds")) {
                seeds = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
            } else {
                chosen.add(args[i]);
            }
        }
        if (chosen.isEmpty()) {
            chosen.addAll(VARIANTS);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            LeNetInputs classicInputs = LeNetInputs.load(manager);
            LeNetInputs paperInputs = LeNetInputs.load(manager, PixelStats.LECUN_1998);
            int images = (int) classicInputs.validationY().size();
            for (String name : chosen) {
                for (int seed : seeds) {
                    TrainingConfig config = paperConfig().withSeed(seed).withEpochs(name.endsWith("20 epochs") ? 20 : 5);
                    try (Training t = name.equals("classic") ? new Training(config, classicInputs)
                            : new Training(config, paperInputs, LeNet1998.build(), new MapLoss())) {
                        TrainingHistory h = t.fit();
                        double seconds = h.epochs().stream().mapToDouble(e -> e.seconds()).sum();
                        int correct = (int) Math.round(h.last().validationAccuracy() * images);
                        SeedComparison.record(new SeedComparison.Run(name, seed, h.size(), correct, images, seconds), RESULTS, VARIANTS);
                        String test = "";
                        if (name.endsWith("20 epochs")) {
                            double accuracy = t.testAccuracy();   // once, after the last epoch
                            test = String.format(Locale.ROOT, ", test %.2f %% (error %.2f %%)", 100 * accuracy, 100 * (1 - accuracy));
                        }
                        System.out.println(String.format(Locale.ROOT, "%-24s seed %d: %d of %d validation images (%.2f %%)%s, %.1f s",
                                name, seed, correct, images, 100.0 * correct / images, test, seconds));
                    }
                }
            }
        }
        System.out.println();
        System.out.print(SeedComparison.load(RESULTS, "classic"));
    }
}
