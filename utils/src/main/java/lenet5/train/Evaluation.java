package lenet5.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.Trainer;

/**
 * Accuracy and predictions of a trainer's model over a whole tensor, in inference mode.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /** Share of examples whose highest-scoring class equals the label. */
    public static double accuracy(Trainer trainer, NDArray x, NDArray y, int batchSize, Device device) {
        int[] predicted = predict(trainer, x, batchSize, device);
        float[] labels = y.toType(DataType.FLOAT32, false).toFloatArray();
        long right = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == (int) labels[i]) {
                right++;
            }
        }
        return right / (double) predicted.length;
    }

    /** Predicted class of every example, by a model outside training (e.g. one loaded from disk). */
    public static int[] predict(ai.djl.Model model, NDArray x, int batchSize) {
        ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(x.getManager(), false);
        long n = x.getShape().get(0);
        int[] out = new int[Math.toIntExact(n)];
        for (long start = 0; start < n; start += batchSize) {
            long end = Math.min(n, start + batchSize);
            try (NDManager scope = x.getManager().newSubManager()) {
                NDArray part = x.get(start + ":" + end);
                part.attach(scope);
                NDArray logits = model.getBlock().forward(ps, new NDList(part), false).singletonOrThrow();
                int[] p = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                System.arraycopy(p, 0, out, (int) start, p.length);
            }
        }
        return out;
    }

    /** Share of positions where the two arrays agree. */
    public static double accuracy(int[] truth, int[] predicted) {
        long right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += truth[i] == predicted[i] ? 1 : 0;
        }
        return right / (double) truth.length;
    }

    /** Predicted class of every example. */
    public static int[] predict(Trainer trainer, NDArray x, int batchSize, Device device) {
        long n = x.getShape().get(0);
        int[] out = new int[Math.toIntExact(n)];
        for (long start = 0; start < n; start += batchSize) {
            long end = Math.min(n, start + batchSize);
            try (NDManager scope = x.getManager().newSubManager()) {
                NDArray part = x.get(start + ":" + end);
                part.attach(scope);
                NDArray logits = trainer.evaluate(new NDList(part.toDevice(device, false))).singletonOrThrow();
                int[] p = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                System.arraycopy(p, 0, out, (int) start, p.length);
            }
        }
        return out;
    }
}
