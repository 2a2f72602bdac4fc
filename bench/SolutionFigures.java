import java.util.Locale;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Dataset;
import lenet5.CoursePaths;
import lenet5.Logs;
import lenet5.data.LeNetInputs;
import lenet5.data.MnistBytes;
import lenet5.data.PixelStats;
import lenet5.data.Preprocessing;
import lenet5.eval.Pca;
import lenet5.paper.LeNet1998;
import lenet5.paper.MapLoss;
import lenet5.train.Checkpoint;
import lenet5.train.EpochStats;
import lenet5.train.Training;
import lenet5.train.TrainingConfig;
import lenet5.train.TrainingHistory;
import lenet5.viz.FeatureMaps;

/**
 * The expected figures of the chapters' folded solutions that need a run of their own, computed
 * with each solution's own code; bench/README.md records one run. Needs chapter 03's saved model.
 * The last part trains the 1998 network for the paper's 20 epochs (a few minutes).
 *
 *   java -cp utils/target/classes:build/lib/*:build/lib-cpu/* bench/SolutionFigures.java [--no-20-epochs]
 */
public class SolutionFigures {
    public static void main(String[] args) throws Exception {
        Logs.quiet();
        try (NDManager manager = NDManager.newBaseManager(); Model model = Checkpoint.load(CoursePaths.models())) {
            MnistBytes trainBytes = MnistBytes.read(manager, Dataset.Usage.TRAIN);
            MnistBytes testBytes = MnistBytes.read(manager, Dataset.Usage.TEST);
            NDArray trainImages = trainBytes.images(0, trainBytes.size());   // (N, 1, 28, 28) in [0, 1]
            NDArray testImages = testBytes.images(0, testBytes.size());
            // Chapter 01, exercise 1: the test images' statistics beside the training images'.
            System.out.println("01.1 training " + PixelStats.of(trainImages) + "; test " + PixelStats.of(testImages));
            // Chapter 01, exercise 3: the mean pixel of the ones and of the eights.
            System.out.printf(Locale.ROOT, "01.3 mean pixel: ones %.4f, eights %.4f%n",
                    trainImages.get(trainBytes.labels().eq(1)).mean().getFloat(),
                    trainImages.get(trainBytes.labels().eq(8)).mean().getFloat());

            // Chapter 05, exercise 2: mean top-1 probability of right and of wrong answers, all test digits.
            NDArray x = Preprocessing.toInput(testImages, Checkpoint.stats(model));
            int[] labels = testBytes.labels().toType(DataType.INT32, false).toIntArray();
            ParameterStore store = new ParameterStore(manager, false);
            double rightSum = 0;
            double wrongSum = 0;
            int right = 0;
            int wrong = 0;
            int confidentWrong = 0;
            for (int from = 0; from < labels.length; from += 1000) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray slice = x.get(from + ":" + (from + 1000));
                    slice.attach(scope);
                    NDArray p = model.getBlock().forward(store, new NDList(slice), false).singletonOrThrow().softmax(1);
                    float[] top = p.max(new int[] {1}).toFloatArray();
                    int[] best = p.argMax(1).toType(DataType.INT32, false).toIntArray();
                    for (int i = 0; i < best.length; i++) {
                        if (best[i] == labels[from + i]) {
                            rightSum += top[i];
                            right++;
                        } else {
                            wrongSum += top[i];
                            wrong++;
                            confidentWrong += top[i] >= 0.9 ? 1 : 0;
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "05.2 mean top-1 probability: right %.4f (%d digits), wrong %.4f (%d digits, %d of them at 90 %% or more)%n",
                    rightSum / right, right, wrongSum / wrong, wrong, confidentWrong);

            // Chapter 06, exercise 2: what two principal components keep of S4 and of F6, first 1,000 test digits.
            int n = 1000;
            var maps = FeatureMaps.of((SequentialBlock) model.getBlock(), x.get("0:" + n));
            for (String layer : new String[] {"S4", "F6 tanh"}) {
                NDArray a = maps.get(layer).reshape(n, -1);
                int d = (int) a.getShape().get(1);
                float[] flat = a.toFloatArray();
                double[][] points = new double[n][d];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        points[i][j] = flat[i * d + j];
                    }
                }
                Pca.Result pca = Pca.of(points, 2);
                System.out.printf(Locale.ROOT, "06.2 %s (%d values): the two components keep %.1f %% and %.1f %% of the variance%n",
                        layer, d, 100 * pca.explained()[0], 100 * pca.explained()[1]);
            }
        }
        if (args.length > 0 && args[0].equals("--no-20-epochs")) {
            return;
        }
        // Chapter 07, exercise 4: the 1998 network for the paper's 20 epochs, chapter 07's configuration otherwise.
        TrainingConfig paper = TrainingConfig.defaults().withOptimizer(TrainingConfig.OptimizerKind.ADAM, 0.003f)
                .withSchedule(TrainingConfig.Schedule.PAPER_STEPS).withBatchSize(128).withShift(0).withEpochs(20);
        try (NDManager manager = NDManager.newBaseManager()) {
            LeNetInputs inputs = LeNetInputs.load(manager, PixelStats.LECUN_1998);
            try (Training t = new Training(paper, inputs, LeNet1998.build(), new MapLoss())) {
                TrainingHistory h = t.fit();
                double seconds = h.epochs().stream().mapToDouble(EpochStats::seconds).sum();
                double test = t.testAccuracy();
                System.out.printf(Locale.ROOT, "07.4 1998 network, 20 epochs: validation %.2f %% after epoch 5, %.2f %% after epoch 20; "
                                + "test %.2f %% (error %.2f %%); %.0f s of training%n",
                        100 * h.epochs().get(4).validationAccuracy(), 100 * h.last().validationAccuracy(), 100 * test,
                        100 * (1 - test), seconds);
            }
        }
    }
}
