import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import lenet5.Logs;
import lenet5.data.Batches;
import lenet5.data.LeNetInputs;
import lenet5.data.ChannelsLast;
import lenet5.model.LeNet5;

/**
 * Where an epoch's time goes: one epoch of the recipe's batches, timed phase by phase
 * (gathering the batch, forward pass and loss, backward pass, optimiser step, reading metrics).
 * Each phase ends with a value read back, so the times are not shifted between phases.
 * With {@code --plain}, batches keep the default (channels-first) layout, for comparison.
 * With {@code --ops}, libtorch's profiler also records the epoch, and the operators that took the
 * most time (their own time, without the operators they called) are listed by input shape.
 *
 *   java -cp utils/target/classes:build/lib/*:build/lib-cpu/* bench/EpochProfile.java [batch] [--plain] [--ops]
 */
public class EpochProfile {
    public static void main(String[] args) throws Exception {
        Logs.quiet();
        int batch = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 512;
        boolean ops = java.util.Arrays.asList(args).contains("--ops");
        boolean plain = java.util.Arrays.asList(args).contains("--plain");
        Path trace = Files.createTempFile("lenet5-profile", ".json");
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("profile")) {
            LeNetInputs in = LeNetInputs.load(manager);
            model.setBlock(LeNet5.classic());
            Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).optMomentum(0.9f).build()));
            trainer.initialize(new Shape(batch, 1, 32, 32));
            Batches batches = new Batches(in.trainX(), in.trainY(), batch, true, 42);
            for (int epoch = 0; epoch < 2; epoch++) { // the first epoch warms up; the second is reported
                if (epoch == 1 && ops) {
                    JniUtils.startProfile(false, true, false);
                }
                long gather = 0, forward = 0, backward = 0, step = 0, metrics = 0;
                long t = System.nanoTime();
                long start = t;
                for (Batches.Batch b : batches.epoch(epoch)) {
                    try (b) {
                        b.x().getShape();
                        long t1 = System.nanoTime();
                        gather += t1 - t;
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            // As in Training: the same batch, read in channels-last layout (unless --plain).
                            NDArray input = plain ? b.x() : ChannelsLast.view(b.x());
                            NDArray logits = trainer.forward(new NDList(input)).singletonOrThrow();
                            NDArray loss = trainer.getLoss().evaluate(new NDList(b.y()), new NDList(logits));
                            loss.toFloatArray();
                            long t2 = System.nanoTime();
                            forward += t2 - t1;
                            gc.backward(loss);
                            long t3 = System.nanoTime();
                            backward += t3 - t2;
                            loss.getFloat();
                            logits.argMax(1).toType(DataType.FLOAT32, false).eq(b.y()).sum().getLong();
                            metrics += System.nanoTime() - t3;
                        }
                        long t4 = System.nanoTime();
                        trainer.step();
                        step += System.nanoTime() - t4;
                    }
                    t = System.nanoTime();
                }
                if (epoch == 1) {
                    if (ops) {
                        JniUtils.stopProfile(trace.toString());
                    }
                    double total = (System.nanoTime() - start) / 1e9;
                    System.out.println(String.format(Locale.ROOT,
                            "batch %d: epoch %.2f s = gather %.2f + forward/loss %.2f + backward %.2f + step %.2f + metrics %.2f (+ %.2f other)",
                            batch, total, gather / 1e9, forward / 1e9, backward / 1e9, step / 1e9, metrics / 1e9,
                            total - (gather + forward + backward + step + metrics) / 1e9));
                }
            }
        }
        if (ops) {
            printOperators(trace, 12);
        }
        Files.deleteIfExists(trace);
    }

    // Self time of each operator (its duration minus that of the operators it called), from the
    // profiler's Chrome trace, summed by operator and input shapes.
    static void printOperators(Path trace, int top) throws Exception {
        JsonElement root = JsonParser.parseString(Files.readString(trace));
        JsonArray events = root.isJsonObject() ? root.getAsJsonObject().getAsJsonArray("traceEvents") : root.getAsJsonArray();
        Map<Long, List<JsonObject>> byThread = new HashMap<>();
        for (JsonElement e : events) {
            JsonObject o = e.getAsJsonObject();
            if (o.has("ph") && o.get("ph").getAsString().equals("X")) {
                byThread.computeIfAbsent(o.get("tid").getAsLong(), k -> new ArrayList<>()).add(o);
            }
        }
        Map<String, Double> self = new HashMap<>();
        double all = 0;
        for (List<JsonObject> list : byThread.values()) {
            list.sort(Comparator.comparingDouble((JsonObject o) -> o.get("ts").getAsDouble())
                    .thenComparingDouble(o -> -o.get("dur").getAsDouble()));
            Deque<JsonObject> stack = new ArrayDeque<>();
            for (JsonObject o : list) {
                double ts = o.get("ts").getAsDouble();
                while (!stack.isEmpty() && end(stack.peek()) <= ts) {
                    stack.pop();
                }
                double dur = o.get("dur").getAsDouble() / 1e6;
                if (!stack.isEmpty()) {
                    self.merge(key(stack.peek()), -dur, Double::sum);
                }
                self.merge(key(o), dur, Double::sum);
                all += stack.isEmpty() ? dur : 0;
                stack.push(o);
            }
        }
        System.out.println(String.format(Locale.ROOT, "operators by own time (%.2f s recorded; the profiler slows the epoch down):", all));
        self.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.println(String.format(Locale.ROOT, "  %6.3f s  %s", e.getValue(), e.getKey())));
    }

    private static double end(JsonObject o) {
        return o.get("ts").getAsDouble() + o.get("dur").getAsDouble();
    }

    private static String key(JsonObject o) {
        String shape = o.has("shape") ? o.get("shape").toString().replace("[],", "").replace(",[]", "") : "";
        return o.get("name").getAsString() + " " + shape;
    }
}
