package lenet5.eval;

import java.util.function.UnaryOperator;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import lenet5.data.ChannelsLast;
import lenet5.data.InputSource;

/**
 * Accuracy and predictions of a model over many images, a batch at a time, in inference mode, on
 * the device of the model's parameters.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /** Accuracy of a model being trained, on inputs read a batch at a time (e.g. {@link lenet5.data.LeNetInputs}). */
    public static double accuracy(Trainer trainer, InputSource x, NDArray y, int batchSize, Device device) {
        int[] labels;
        // A copy closed here: the labels' own manager (the data's) must not collect one per call.
        try (NDArray asInts = y.toType(DataType.INT32, true)) {
            labels = asInts.toIntArray();
        }
        return accuracy(labels, predict(trainer, x, batchSize, device));
    }

    /** Share of positions where the two arrays agree. */
    public static double accuracy(int[] truth, int[] predicted) {
        long right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += truth[i] == predicted[i] ? 1 : 0;
        }
        return right / (double) truth.length;
    }

    /** Predicted class of every example read from {@code x}, by the model a trainer is training. */
    public static int[] predict(Trainer trainer, InputSource x, int batchSize, Device device) {
        return predict(x, batchSize, part -> trainer.evaluate(new NDList(ChannelsLast.view(part.toDevice(device, false)))).singletonOrThrow());
    }

    /** Predicted class of every example, by a model outside training (e.g. one loaded from disk). */
    public static int[] predict(Model model, NDArray x, int batchSize) {
        return predict(model, InputSource.of(x), batchSize);
    }

    /** Predicted class of every example read from {@code x}, by a model outside training. */
    public static int[] predict(Model model, InputSource x, int batchSize) {
        // The store hands out the parameters on the model's device: the inputs go there, not the other way.
        Device device = model.getNDManager().getDevice();
        ParameterStore ps = new ParameterStore(model.getNDManager(), false);
        return predict(x, batchSize, part -> model.getBlock()
                .forward(ps, new NDList(ChannelsLast.view(part.toDevice(device, false))), false).singletonOrThrow());
    }

    // Runs `scores` batch by batch; each batch's arrays are released before the next one.
    private static int[] predict(InputSource x, int batchSize, UnaryOperator<NDArray> scores) {
        long n = x.size();
        int[] out = new int[Math.toIntExact(n)];
        for (long start = 0; start < n; start += batchSize) {
            long end = Math.min(n, start + batchSize);
            try (NDManager scope = x.getManager().newSubManager()) {
                NDArray part = x.get(start, end);
                part.attach(scope);
                NDArray result = scores.apply(part);
                result.attach(scope);
                int[] p = result.argMax(1).toType(DataType.INT32, false).toIntArray();
                System.arraycopy(p, 0, out, (int) start, p.length);
            }
        }
        return out;
    }
}
