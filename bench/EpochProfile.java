import java.util.Locale;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import lenet5.Logs;
import lenet5.data.Batches;
import lenet5.data.LeNetInputs;
import lenet5.model.LeNet5;

/**
 * Where an epoch's time goes: one epoch of the recipe's batches, timed phase by phase
 * (gathering the batch, forward pass and loss, backward pass, optimiser step, reading metrics).
 * Each phase ends with a value read back, so the times are not shifted between phases.
 *
 *   java -cp utils/target/classes:build/lib/*:build/lib-cpu/* bench/EpochProfile.java [batch]
 */
public class EpochProfile {
    public static void main(String[] args) throws Exception {
        Logs.quiet();
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("profile")) {
            LeNetInputs in = LeNetInputs.load(manager, 0);
            model.setBlock(LeNet5.classic());
            Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).optMomentum(0.9f).build()));
            trainer.initialize(new Shape(batch, 1, 32, 32));
            Batches batches = new Batches(in.trainX(), in.trainY(), batch, true, 42);
            for (int epoch = 0; epoch < 2; epoch++) { // the first epoch warms up; the second is reported
                long gather = 0, forward = 0, backward = 0, step = 0, metrics = 0;
                long t = System.nanoTime();
                long start = t;
                for (Batches.Batch b : batches.epoch(epoch)) {
                    try (b) {
                        b.x().getShape();
                        long t1 = System.nanoTime();
                        gather += t1 - t;
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(new NDList(b.x())).singletonOrThrow();
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
                    double total = (System.nanoTime() - start) / 1e9;
                    System.out.println(String.format(Locale.ROOT,
                            "batch %d: epoch %.2f s = gather %.2f + forward/loss %.2f + backward %.2f + step %.2f + metrics %.2f (+ %.2f other)",
                            batch, total, gather / 1e9, forward / 1e9, backward / 1e9, step / 1e9, metrics / 1e9,
                            total - (gather + forward + backward + step + metrics) / 1e9));
                }
            }
        }
    }
}
