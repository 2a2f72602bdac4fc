import java.util.Locale;

import ai.djl.ndarray.NDManager;
import lenet5.Logs;
import lenet5.data.LeNetInputs;
import lenet5.train.EpochStats;
import lenet5.train.Training;
import lenet5.train.TrainingConfig;
import lenet5.train.TrainingHistory;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;

/**
 * The course's default recipe, headless: the same utils code chapter 04 calls (DJL's EasyTrain
 * through {@code Training}), no Jupyter.
 * Prints one JSON line per epoch (validation accuracy), then one with the test accuracy, measured once,
 * and the JVM's peak RSS.
 *
 *   java -cp utils/target/classes:build/lib/*:build/lib-cpu/* bench/TrainBench.java [seed]
 */
public class TrainBench {
    public static void main(String[] args) throws Exception {
        Logs.quiet();
        TrainingConfig config = TrainingConfig.fromEnv();
        if (args.length > 0) {
            config = config.withSeed(Long.parseLong(args[0]));
        }
        System.out.println("{\"config\": \"" + config + "\"}");
        try (NDManager manager = NDManager.newBaseManager()) {
            LeNetInputs inputs = LeNetInputs.load(manager);
            double test;
            try (Training t = new Training(config, inputs)) {
                TrainingHistory h = t.history();
                t.fit(new TrainingListenerAdapter() {
                    @Override
                    public void onEpoch(Trainer trainer) {
                        EpochStats s = h.last();
                        System.out.println(String.format(Locale.ROOT,
                                "{\"epoch\": %d, \"seconds\": %.4f, \"images_per_second\": %.1f, \"train_loss\": %.6f, \"validation_accuracy\": %.6f}",
                                s.epoch(), s.seconds(), s.imagesPerSecond(), s.trainLoss(), s.validationAccuracy()));
                    }
                });
                test = t.testAccuracy();  // once, after the last epoch, as chapter 04 does
            }
            System.out.println(String.format(Locale.ROOT, "{\"test_accuracy\": %.6f, \"peak_rss_mb\": %.1f}", test, peakRssMb()));
        }
    }

    // VmHWM: the resident set's high-water mark, native memory (libtorch) included.
    static double peakRssMb() throws Exception {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }
}
