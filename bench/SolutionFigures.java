import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import lenet5.CoursePaths;
import lenet5.Logs;
import lenet5.data.Batches;
import lenet5.data.LeNetInputs;
import lenet5.data.MnistBytes;
import lenet5.data.PixelStats;
import lenet5.data.Preprocessing;
import lenet5.eval.Evaluation;
import lenet5.eval.Pca;
import lenet5.model.LeNet5;
import lenet5.paper.LeNet1998;
import lenet5.paper.MapLoss;
import lenet5.train.Checkpoint;
import lenet5.train.Devices;
import lenet5.train.EpochStats;
import lenet5.train.Training;
import lenet5.train.TrainingConfig;
import lenet5.train.TrainingHistory;
import lenet5.viz.FeatureMaps;

/**
 * The expected figures of the chapters' folded solutions that need a run of their own, computed
 * with each solution's own code; bench/README.md records one run. The parts: {@code 01} (chapter 01's
 * statistics and batch timing), {@code 03} (chapter 03's hand-written epoch with another initial scale
 * and another rate), {@code 04} (chapter 04's short runs with four one-cycle peaks, a few seconds), {@code model}
 * (chapters 05 and 06 on chapter 04's saved model), {@code 07} (the 1998 network for the paper's 20 epochs, a few
 * minutes). All five by default.
 *
 *   java -cp utils/target/classes:build/lib/*:build/lib-cpu/* bench/SolutionFigures.java [01] [03] [04] [model] [07] [--no-20-epochs]
 */
public class SolutionFigures {
    public static void main(String[] args) throws Exception {
        Logs.quiet();
        List<String> parts = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        if (parts.isEmpty()) {
            parts = Arrays.asList(args).contains("--no-20-epochs") ? List.of("01", "03", "04", "model") : List.of("01", "03", "04", "model", "07");
        }
        if (parts.contains("01")) {
            chapter01();
        }
        if (parts.contains("03")) {
            chapter03();
        }
        if (parts.contains("04")) {
            chapter04();
        }
        if (parts.contains("model")) {
            savedModel();
        }
        if (parts.contains("07")) {
            paperFor20Epochs();
        }
    }

    static void chapter01() {
        try (NDManager manager = NDManager.newBaseManager()) {
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
        }
        // Chapter 01, exercise 4: a pass over the batches at 64 and at 256, alternately, three times each.
        try (NDManager manager = NDManager.newBaseManager()) {
            LeNetInputs inputs = LeNetInputs.load(manager);
            for (int round = 1; round <= 3; round++) {
                for (int size : new int[] {64, 256}) {
                    Batches batches = new Batches(inputs.trainX(), inputs.trainY(), size, true, 42);
                    long start = System.nanoTime();
                    long seen = 0;
                    for (var b : batches.epoch(0)) {
                        seen += b.size();
                        b.close();
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "01.4 round %d, batches of %d: %d batches, %.2f s, %.0f images/s%n",
                            round, size, batches.batchesPerEpoch(), seconds, seen / seconds);
                }
            }
        }
    }

    static void chapter03() {
        Device device = Devices.fromEnv();
        try (NDManager manager = NDManager.newBaseManager(device)) {
            LeNetInputs inputs = LeNetInputs.load(manager);
            // The chapter's own run first: its figures must come out as the executed chapter printed them.
            handEpoch("03 as in the chapter", inputs, device, 0.01f, false);
            // Chapter 03, exercise 3: the scale Efficient BackProp recommends for tanh, sqrt(1/F).
            handEpoch("03.3 sqrt(1/F) initial weights", inputs, device, 0.01f, true);
            // Chapter 03, exercise 4: a rate of 0.1.
            handEpoch("03.4 learning rate 0.1", inputs, device, 0.1f, false);
        }
    }

    /** Chapter 03's cells from "One step by hand" to the end of the hand-written epoch, as they run. */
    static void handEpoch(String name, LeNetInputs inputs, Device device, float rate, boolean tanhScale) {
        Engine.getInstance().setRandomSeed(42);
        try (Model byHand = Model.newInstance("lenet5-by-hand", device)) {
            SequentialBlock block = LeNet5.classic();
            if (tanhScale) {
                block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 1),
                        Parameter.Type.WEIGHT);
            }
            byHand.setBlock(block);
            try (Trainer trainer = byHand.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(rate)).optMomentum(0.9f).build())
                    .optDevices(new Device[] {device}))) {
                trainer.initialize(new Shape(64, 1, 32, 32));
                NDArray c1 = block.getChildren().get(0).getValue().getParameters().get("weight").getArray();
                float c1Std = c1.sub(c1.mean()).square().mean().sqrt().getFloat();
                // The chapter's single step on the first 64 images comes before its epoch.
                try (NDManager scope = inputs.trainY().getManager().newSubManager()) {
                    NDArray x = inputs.trainX().get(0, 64);
                    x.attach(scope);
                    step(trainer, x, inputs.trainY().get("0:64"));
                }
                Batches batches = new Batches(inputs.trainX(), inputs.trainY(), 64, true, 42);
                double lossSum = 0;
                double firstLosses = 0;
                long seen = 0;
                int batch = 0;
                for (Batches.Batch b : batches) {
                    try (b) {
                        float loss = step(trainer, b.x(), b.y());
                        lossSum += loss * b.size();
                        firstLosses += batch < 50 ? loss : 0;
                        seen += b.size();
                        batch++;
                    }
                }
                double validation = Evaluation.accuracy(trainer, inputs.validationX(), inputs.validationY(), 1000, device);
                System.out.printf(Locale.ROOT, "%s: C1 weights std %.4f; first 50 batches' mean loss %.4f; epoch loss %.4f; "
                        + "validation accuracy %.2f %%%n", name, c1Std, firstLosses / 50, lossSum / seen, 100 * validation);
            }
        }
    }

    /** Chapter 04's BatchLosses listener: the loss of every batch, from the trainer's own loss function. */
    static class BatchLosses extends ai.djl.training.listener.TrainingListenerAdapter {
        final List<Double> losses = new java.util.ArrayList<>();

        @Override
        public void onTrainingBatch(Trainer trainer, ai.djl.training.listener.TrainingListener.BatchData batch) {
            Device d = batch.getLabels().keySet().iterator().next();   // one device: one part of the batch
            losses.add((double) trainer.getLoss().evaluate(batch.getLabels().get(d), batch.getPredictions().get(d)).getFloat());
        }
    }

    static void chapter04() {
        TrainingConfig config = TrainingConfig.defaults();   // the recipe, seed 42, as the chapter's config
        Device device = Devices.choose(config.device());
        try (NDManager manager = NDManager.newBaseManager(device)) {
            LeNetInputs inputs = LeNetInputs.load(manager);
            // Chapter 04, exercise 6: the chapter's short-runs cell with one-cycle peaks of 0.3, 0.6, 1 and 1.5.
            int shortUpdates = 60;
            TrainingConfig shortRun = config.withEpochs(1).withTrainLimit(shortUpdates * config.batchSize());
            var shortRuns = new java.util.LinkedHashMap<String, TrainingConfig>();
            for (float p : new float[] {0.3f, 0.6f, 1f, 1.5f}) shortRuns.put("peak " + p, shortRun.withLearningRate(p));
            for (var run : shortRuns.entrySet()) {
                try (Training t = new Training(run.getValue(), inputs)) {
                    BatchLosses recorder = new BatchLosses();
                    t.fit(recorder);
                    double[] loss = recorder.losses.stream().mapToDouble(Double::doubleValue).toArray();
                    System.out.printf(Locale.ROOT, "04.6 %-9s loss of batch 1: %.2f, highest: %.2f, mean of the last 10 batches: %.2f, "
                                    + "last batch: %.2f%n", run.getKey(), loss[0], Arrays.stream(loss).max().getAsDouble(),
                            Arrays.stream(loss, loss.length - 10, loss.length).average().getAsDouble(), loss[loss.length - 1]);
                }
            }
        }
    }

    static float step(Trainer trainer, NDArray x, NDArray y) {
        float loss;
        try (GradientCollector gc = trainer.newGradientCollector()) {
            NDArray scores = trainer.forward(new NDList(x)).singletonOrThrow();
            NDArray l = trainer.getLoss().evaluate(new NDList(y), new NDList(scores));
            gc.backward(l);
            loss = l.getFloat();
        }
        trainer.step();
        return loss;
    }

    static void savedModel() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(); Model model = Checkpoint.load(CoursePaths.models())) {
            MnistBytes testBytes = MnistBytes.read(manager, Dataset.Usage.TEST);
            NDArray testImages = testBytes.images(0, testBytes.size());
            // Chapter 05, exercise 2: mean top-1 probability of right and of wrong answers, all test digits.
            NDArray x = Preprocessing.toInput(testImages, Checkpoint.stats(model));
            int[] labels = testBytes.labels().toType(DataType.INT32, false).toIntArray();
            ParameterStore store = new ParameterStore(manager, false);
            double rightSum = 0;
            double wrongSum = 0;
            int right = 0;
            int wrong = 0;
            int confidentWrong = 0;
            List<double[]> mistakes = new java.util.ArrayList<>();   // index, true, predicted, top-1 probability
            float[] topAll = new float[labels.length];
            int[] bestAll = new int[labels.length];
            for (int from = 0; from < labels.length; from += 1000) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray slice = x.get(from + ":" + (from + 1000));
                    slice.attach(scope);
                    NDArray p = model.getBlock().forward(store, new NDList(slice), false).singletonOrThrow().softmax(1);
                    float[] top = p.max(new int[] {1}).toFloatArray();
                    int[] best = p.argMax(1).toType(DataType.INT32, false).toIntArray();
                    System.arraycopy(top, 0, topAll, from, top.length);
                    System.arraycopy(best, 0, bestAll, from, best.length);
                    for (int i = 0; i < best.length; i++) {
                        if (best[i] == labels[from + i]) {
                            rightSum += top[i];
                            right++;
                        } else {
                            wrongSum += top[i];
                            wrong++;
                            confidentWrong += top[i] >= 0.9 ? 1 : 0;
                            mistakes.add(new double[] {from + i, labels[from + i], best[i], top[i]});
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "05.2 mean top-1 probability: right %.4f (%d digits), wrong %.4f (%d digits, %d of them at 90 %% or more)%n",
                    rightSum / right, right, wrongSum / wrong, wrong, confidentWrong);
            // Chapter 05, exercise 3: the 12 mistakes made with the highest top-1 probability.
            mistakes.sort((a, b) -> Double.compare(b[3], a[3]));
            StringBuilder most = new StringBuilder("05.3 the 12 most confident mistakes (index true->predicted probability):");
            for (double[] m : mistakes.subList(0, Math.min(12, mistakes.size()))) {
                most.append(String.format(Locale.ROOT, " %d %d->%d %.4f;", (int) m[0], (int) m[1], (int) m[2], m[3]));
            }
            System.out.println(most);
            StringBuilder firstWrong = new StringBuilder("05.x the first 10 mistakes (index true->predicted):");
            mistakes.stream().sorted((a, b) -> Double.compare(a[0], b[0])).limit(10)
                    .forEach(m -> firstWrong.append(String.format(Locale.ROOT, " %d %d->%d;", (int) m[0], (int) m[1], (int) m[2])));
            System.out.println(firstWrong);
            // Chapter 05, exercise 4: the expected calibration error over 15 groups of equal width (Guo et al., 2017).
            int bins = 15;
            double[] probabilitySum = new double[bins];
            int[] inBin = new int[bins];
            int[] rightInBin = new int[bins];
            for (int i = 0; i < labels.length; i++) {
                int b = Math.min(bins - 1, (int) (topAll[i] * bins));
                probabilitySum[b] += topAll[i];
                inBin[b]++;
                rightInBin[b] += bestAll[i] == labels[i] ? 1 : 0;
            }
            double ece15 = 0;
            StringBuilder groups = new StringBuilder();
            for (int b = 0; b < bins; b++) {
                if (inBin[b] > 0) {
                    ece15 += (double) inBin[b] / labels.length * Math.abs((double) rightInBin[b] / inBin[b] - probabilitySum[b] / inBin[b]);
                    groups.append(String.format(Locale.ROOT, " [%d/15: %d digits, mean %.4f, right %.4f]", b, inBin[b],
                            probabilitySum[b] / inBin[b], (double) rightInBin[b] / inBin[b]));
                }
            }
            System.out.printf(Locale.ROOT, "05.4 expected calibration error, 15 equal-width groups: %.3f points;%s%n", 100 * ece15, groups);

            // Chapter 06, exercise 3: the twenty least confident test digits.
            Integer[] order = new Integer[labels.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Float.compare(topAll[a], topAll[b]));
            StringBuilder least = new StringBuilder("06.3 the 20 least confident (index true->predicted probability):");
            int wrongAmongThem = 0;
            for (int k = 0; k < 20; k++) {
                int i = order[k];
                least.append(String.format(Locale.ROOT, " %d %d->%d %.4f;", i, labels[i], bestAll[i], topAll[i]));
                wrongAmongThem += bestAll[i] != labels[i] ? 1 : 0;
            }
            System.out.println(least + " wrong among them: " + wrongAmongThem);

            // Chapter 06, exercise 1: the first mistake's maps against those of the first right digit of its class,
            // layer by layer (Pearson correlation of the flattened maps).
            int bad = (int) mistakes.stream().mapToDouble(m -> m[0]).min().orElseThrow();
            int good = 0;
            while (labels[good] != labels[bad] || bestAll[good] != labels[good]) {
                good++;
            }
            var badMaps = FeatureMaps.of((SequentialBlock) model.getBlock(), x.get(bad + ":" + (bad + 1)));
            var goodMaps = FeatureMaps.of((SequentialBlock) model.getBlock(), x.get(good + ":" + (good + 1)));
            StringBuilder parting = new StringBuilder(String.format(Locale.ROOT,
                    "06.1 test digit %d (a %d taken for %d) against test digit %d (a %d, right), correlation of their maps:",
                    bad, labels[bad], bestAll[bad], good, labels[good]));
            for (String layer : new String[] {"C1 tanh", "S2", "C3 tanh", "S4", "C5 tanh", "F6 tanh", "output"}) {
                parting.append(String.format(Locale.ROOT, " %s %.2f;", layer, correlation(badMaps.get(layer).toFloatArray(), goodMaps.get(layer).toFloatArray())));
            }
            System.out.println(parting);

            // Chapter 06, exercise 2: what two principal components keep of S4 and of F6, first 1,000 test digits,
            // and the share of those digits the nearest class mean in the plane gets right.
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
                System.out.printf(Locale.ROOT, "06.2 %s (%d values): the two components keep %.1f %% and %.1f %% of the variance; "
                                + "nearest class mean in the plane right for %.1f %% of the %d digits%n",
                        layer, d, 100 * pca.explained()[0], 100 * pca.explained()[1],
                        100 * nearestMeanShare(pca.points(), Arrays.copyOf(labels, n)), n);
            }

            // Chapter 06, exercise 4: occlusion of test digit 30 (a 3) by an 8x8 square of blank pixels, its top-left
            // corner at every even row and column from 0 to 24; the solution's code, then its figures.
            SequentialBlock net = (SequentialBlock) model.getBlock();
            PixelStats stats = Checkpoint.stats(model);
            float blank = -stats.mean() / stats.std();
            float[] digit30 = x.get(30).toFloatArray();   // row by row
            float[] copies = new float[169 * 1024];
            for (int r = 0; r < 13; r++) {
                for (int c = 0; c < 13; c++) {
                    int k = r * 13 + c;   // the copy whose square has its top-left corner at row 2r, column 2c
                    System.arraycopy(digit30, 0, copies, k * 1024, 1024);
                    for (int y = 2 * r; y < 2 * r + 8; y++) {
                        for (int xx = 2 * c; xx < 2 * c + 8; xx++) {
                            copies[k * 1024 + y * 32 + xx] = blank;
                        }
                    }
                }
            }
            NDArray covered = FeatureMaps.of(net, manager.create(copies).reshape(169, 1, 32, 32)).get("output");
            float score3 = FeatureMaps.of(net, x.get("30:31")).get("output").getFloat(0, 3);   // the digit as it is
            float[] change = covered.get(":, 3").sub(score3).toFloatArray();
            long[] answers = covered.argMax(1).toLongArray();
            int lowest = 0;
            int highest = 0;
            int rises = 0;
            for (int k = 0; k < 169; k++) {
                lowest = change[k] < change[lowest] ? k : lowest;
                highest = change[k] > change[highest] ? k : highest;
                rises += change[k] > 0 ? 1 : 0;
            }
            StringBuilder occlusion = new StringBuilder(String.format(Locale.ROOT,
                    "06.4 digit 30: score(3) %.2f; largest fall %.2f (%.0f %% of it), corner at row %d, column %d; "
                            + "%d of 169 positions raise it, at most by %.2f (corner at row %d, column %d); other answers:",
                    score3, change[lowest], -100 * change[lowest] / score3, 2 * (lowest / 13), 2 * (lowest % 13),
                    rises, change[highest], 2 * (highest / 13), 2 * (highest % 13)));
            for (int k = 0; k < 169; k++) {
                if (answers[k] != 3) {
                    occlusion.append(String.format(Locale.ROOT, " corner at row %d, column %d: %d;", 2 * (k / 13), 2 * (k % 13), answers[k]));
                }
            }
            System.out.println(occlusion);
            for (int r = 0; r < 13; r++) {   // the map, one line per corner row
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "06.4 row %2d:", 2 * r));
                for (int c = 0; c < 13; c++) {
                    line.append(String.format(Locale.ROOT, " %+5.1f", change[r * 13 + c]));
                }
                System.out.println(line);
            }
        }
    }

    static double correlation(float[] a, float[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** The share of points whose nearest class mean (of the same points) is their own class. */
    static double nearestMeanShare(double[][] points, int[] labels) {
        double[][] mean = new double[10][2];
        int[] count = new int[10];
        for (int i = 0; i < points.length; i++) {
            mean[labels[i]][0] += points[i][0];
            mean[labels[i]][1] += points[i][1];
            count[labels[i]]++;
        }
        for (int c = 0; c < 10; c++) {
            mean[c][0] /= count[c];
            mean[c][1] /= count[c];
        }
        int right = 0;
        for (int i = 0; i < points.length; i++) {
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < 10; c++) {
                double dx = points[i][0] - mean[c][0];
                double dy = points[i][1] - mean[c][1];
                if (dx * dx + dy * dy < bestDistance) {
                    bestDistance = dx * dx + dy * dy;
                    best = c;
                }
            }
            right += best == labels[i] ? 1 : 0;
        }
        return (double) right / points.length;
    }

    static void paperFor20Epochs() {
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
