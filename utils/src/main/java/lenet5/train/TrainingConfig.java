package lenet5.train;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything that defines one training run. The defaults are the course's recipe (chapter 03
 * explains each choice); environment variables override them for quick runs, e.g.
 * {@code LENET5_EPOCHS=1 make course}.
 *
 * @param epochs passes over the training set ({@code LENET5_EPOCHS})
 * @param batchSize examples per update ({@code LENET5_BATCH_SIZE})
 * @param learningRate peak learning rate ({@code LENET5_LR})
 * @param momentum SGD momentum ({@code LENET5_MOMENTUM})
 * @param optimizer {@code sgd} or {@code adam} ({@code LENET5_OPTIMIZER})
 * @param schedule {@code onecycle} or {@code constant} ({@code LENET5_SCHEDULE})
 * @param seed random seed of initialisation and shuffling ({@code LENET5_SEED})
 * @param device {@code auto}, {@code cpu} or {@code gpu} ({@code LENET5_DEVICE})
 * @param trainLimit use only the first N training images, 0 for all ({@code LENET5_TRAIN_LIMIT})
 * @param shift random translation of training images, in pixels each way, 0 for none ({@code LENET5_SHIFT})
 * @param weightDecay L2 penalty on the weights ({@code LENET5_WEIGHT_DECAY})
 */
public record TrainingConfig(int epochs, int batchSize, float learningRate, float momentum, String optimizer,
                             String schedule, long seed, String device, int trainLimit, int shift, float weightDecay) {

    /** The course's default recipe. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(5, 512, 0.3f, 0.9f, "sgd", "onecycle", 42, "auto", 0, 1, 0f);
    }

    /** The defaults with environment overrides applied. */
    public static TrainingConfig fromEnv() {
        return defaults().withOverrides(System.getenv());
    }

    /** Applies {@code LENET5_*} overrides from a map of variables. */
    public TrainingConfig withOverrides(Map<String, String> env) {
        return new TrainingConfig(
                get(env, "LENET5_EPOCHS", Integer::parseInt, epochs),
                get(env, "LENET5_BATCH_SIZE", Integer::parseInt, batchSize),
                get(env, "LENET5_LR", Float::parseFloat, learningRate),
                get(env, "LENET5_MOMENTUM", Float::parseFloat, momentum),
                get(env, "LENET5_OPTIMIZER", s -> s.toLowerCase(Locale.ROOT), optimizer),
                get(env, "LENET5_SCHEDULE", s -> s.toLowerCase(Locale.ROOT), schedule),
                get(env, "LENET5_SEED", Long::parseLong, seed),
                get(env, "LENET5_DEVICE", s -> s.toLowerCase(Locale.ROOT), device),
                get(env, "LENET5_TRAIN_LIMIT", Integer::parseInt, trainLimit),
                get(env, "LENET5_SHIFT", Integer::parseInt, shift),
                get(env, "LENET5_WEIGHT_DECAY", Float::parseFloat, weightDecay)).validated();
    }

    /** A copy with another optimiser and learning rate (for comparisons). */
    public TrainingConfig withOptimizer(String name, float lr) {
        return new TrainingConfig(epochs, batchSize, lr, momentum, name, schedule, seed, device, trainLimit, shift, weightDecay)
                .validated();
    }

    /** A copy with another number of epochs. */
    public TrainingConfig withEpochs(int n) {
        return new TrainingConfig(n, batchSize, learningRate, momentum, optimizer, schedule, seed, device, trainLimit, shift,
                weightDecay).validated();
    }

    /** A copy with another seed. */
    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(epochs, batchSize, learningRate, momentum, optimizer, schedule, s, device, trainLimit, shift,
                weightDecay).validated();
    }

    /** A copy that trains on the first {@code n} images only (0 for all). */
    public TrainingConfig withTrainLimit(int n) {
        return new TrainingConfig(epochs, batchSize, learningRate, momentum, optimizer, schedule, seed, device, n, shift,
                weightDecay).validated();
    }

    TrainingConfig validated() {
        if (epochs < 1 || batchSize < 1 || learningRate <= 0 || trainLimit < 0 || shift < 0 || weightDecay < 0) {
            throw new IllegalArgumentException("invalid training configuration: " + this);
        }
        if (!optimizer.equals("sgd") && !optimizer.equals("adam")) {
            throw new IllegalArgumentException("optimizer must be sgd or adam, not " + optimizer);
        }
        if (!schedule.equals("onecycle") && !schedule.equals("constant")) {
            throw new IllegalArgumentException("schedule must be onecycle or constant, not " + schedule);
        }
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be auto, cpu or gpu, not " + device);
        }
        return this;
    }

    private static <T> T get(Map<String, String> env, String key, Function<String, T> parse, T fallback) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return parse.apply(v.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + "=" + v + " is not a valid value", e);
        }
    }

    @Override
    public String toString() {
        return String.format("epochs=%d batch=%d lr=%s momentum=%s optimizer=%s schedule=%s shift=%d weightDecay=%s seed=%d device=%s%s",
                epochs, batchSize, learningRate, momentum, optimizer, schedule, shift, weightDecay, seed, device,
                trainLimit > 0 ? " trainLimit=" + trainLimit : "");
    }
}
