package lenet5.train;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Everything that defines one training run. The defaults are the course's recipe (chapter 03
 * explains each choice); the {@code with...} methods give a changed copy, e.g.
 * {@code config.withSchedule(Schedule.CONSTANT).withLearningRate(0.05f)}. For {@code make} and CI,
 * environment variables override the defaults: {@code LENET5_EPOCHS=1 make course}.
 *
 * @param epochs passes over the training set ({@code LENET5_EPOCHS})
 * @param batchSize examples per update ({@code LENET5_BATCH_SIZE})
 * @param learningRate peak learning rate ({@code LENET5_LR})
 * @param momentum SGD momentum ({@code LENET5_MOMENTUM})
 * @param optimizer the update rule ({@code LENET5_OPTIMIZER}: sgd or adam)
 * @param schedule how the rate changes over the run ({@code LENET5_SCHEDULE}: one_cycle, constant or paper_steps)
 * @param seed random seed of initialisation, shuffling and shifts ({@code LENET5_SEED})
 * @param device where to train ({@code LENET5_DEVICE}: auto, cpu or gpu)
 * @param trainLimit use only the first N training images, 0 for all ({@code LENET5_TRAIN_LIMIT})
 * @param shift random translation of training images, in pixels each way, 0 for none ({@code LENET5_SHIFT})
 * @param weightDecay L2 penalty on the weights ({@code LENET5_WEIGHT_DECAY})
 */
public record TrainingConfig(int epochs, int batchSize, float learningRate, float momentum, OptimizerKind optimizer,
                             Schedule schedule, long seed, Devices.Preference device, int trainLimit, int shift,
                             float weightDecay) {

    /** The update rule. */
    public enum OptimizerKind { SGD, ADAM }

    /** How the learning rate changes over the run. */
    public enum Schedule {
        /** Warm-up to the peak rate over the first 20 % of the updates, then a cosine decay ({@link OneCycle}). */
        ONE_CYCLE,
        /** The same rate for every update. */
        CONSTANT,
        /** LeCun et al.'s 1998 steps, stretched to the run ({@link PaperSteps}). */
        PAPER_STEPS
    }

    /** Checks the values; the {@code with...} methods and the overrides all pass through here. */
    public TrainingConfig {
        if (epochs < 1 || batchSize < 1 || learningRate <= 0 || momentum < 0 || trainLimit < 0 || shift < 0
                || weightDecay < 0 || optimizer == null || schedule == null || device == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "invalid training configuration: epochs=%d batch=%d lr=%s momentum=%s trainLimit=%d shift=%d weightDecay=%s",
                    epochs, batchSize, learningRate, momentum, trainLimit, shift, weightDecay));
        }
    }

    /** The course's recipe. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(5, 512, 0.3f, 0.9f, OptimizerKind.SGD, Schedule.ONE_CYCLE, 42,
                Devices.Preference.AUTO, 0, 1, 0f);
    }

    /** The recipe with the {@code LENET5_*} environment variables applied (for make and CI). */
    public static TrainingConfig fromEnv() {
        return defaults().withOverrides(System.getenv());
    }

    /** Applies {@code LENET5_*} overrides from a map of variables; unknown values fail with the variable's name. */
    public TrainingConfig withOverrides(Map<String, String> env) {
        return with(b -> {
            b.epochs = get(env, "LENET5_EPOCHS", Integer::parseInt, b.epochs);
            b.batchSize = get(env, "LENET5_BATCH_SIZE", Integer::parseInt, b.batchSize);
            b.learningRate = get(env, "LENET5_LR", Float::parseFloat, b.learningRate);
            b.momentum = get(env, "LENET5_MOMENTUM", Float::parseFloat, b.momentum);
            b.optimizer = get(env, "LENET5_OPTIMIZER", s -> OptimizerKind.valueOf(upper(s)), b.optimizer);
            b.schedule = get(env, "LENET5_SCHEDULE", s -> Schedule.valueOf(upper(s)), b.schedule);
            b.seed = get(env, "LENET5_SEED", Long::parseLong, b.seed);
            b.device = get(env, "LENET5_DEVICE", s -> Devices.Preference.valueOf(upper(s)), b.device);
            b.trainLimit = get(env, "LENET5_TRAIN_LIMIT", Integer::parseInt, b.trainLimit);
            b.shift = get(env, "LENET5_SHIFT", Integer::parseInt, b.shift);
            b.weightDecay = get(env, "LENET5_WEIGHT_DECAY", Float::parseFloat, b.weightDecay);
        });
    }

    /** A copy with another number of epochs. */
    public TrainingConfig withEpochs(int n) {
        return with(b -> b.epochs = n);
    }

    /** A copy with another batch size. */
    public TrainingConfig withBatchSize(int n) {
        return with(b -> b.batchSize = n);
    }

    /** A copy with another (peak) learning rate. */
    public TrainingConfig withLearningRate(float rate) {
        return with(b -> b.learningRate = rate);
    }

    /** A copy with another update rule and its (peak) learning rate. */
    public TrainingConfig withOptimizer(OptimizerKind kind, float rate) {
        return with(b -> {
            b.optimizer = kind;
            b.learningRate = rate;
        });
    }

    /** A copy with another learning-rate schedule. */
    public TrainingConfig withSchedule(Schedule s) {
        return with(b -> b.schedule = s);
    }

    /** A copy with another seed. */
    public TrainingConfig withSeed(long s) {
        return with(b -> b.seed = s);
    }

    /** A copy that trains on the first {@code n} images only (0 for all). */
    public TrainingConfig withTrainLimit(int n) {
        return with(b -> b.trainLimit = n);
    }

    /** A copy with another largest shift, in pixels (0 turns the augmentation off). */
    public TrainingConfig withShift(int pixels) {
        return with(b -> b.shift = pixels);
    }

    /** A copy with another device preference. */
    public TrainingConfig withDevice(Devices.Preference preference) {
        return with(b -> b.device = preference);
    }

    // The one copy path: the fields as variables, changed, then a new (validated) record.
    private TrainingConfig with(Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return new TrainingConfig(f.epochs, f.batchSize, f.learningRate, f.momentum, f.optimizer, f.schedule, f.seed,
                f.device, f.trainLimit, f.shift, f.weightDecay);
    }

    private static final class Fields {
        int epochs;
        int batchSize;
        float learningRate;
        float momentum;
        OptimizerKind optimizer;
        Schedule schedule;
        long seed;
        Devices.Preference device;
        int trainLimit;
        int shift;
        float weightDecay;

        Fields(TrainingConfig c) {
            epochs = c.epochs;
            batchSize = c.batchSize;
            learningRate = c.learningRate;
            momentum = c.momentum;
            optimizer = c.optimizer;
            schedule = c.schedule;
            seed = c.seed;
            device = c.device;
            trainLimit = c.trainLimit;
            shift = c.shift;
            weightDecay = c.weightDecay;
        }
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT).replace('-', '_');
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
        return String.format(Locale.ROOT, "epochs=%d batch=%d lr=%s momentum=%s optimizer=%s schedule=%s shift=%d "
                        + "weightDecay=%s seed=%d device=%s%s",
                epochs, batchSize, learningRate, momentum, lower(optimizer), lower(schedule), shift, weightDecay, seed,
                lower(device), trainLimit > 0 ? " trainLimit=" + trainLimit : "");
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
