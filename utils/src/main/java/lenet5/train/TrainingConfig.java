package lenet5.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import lenet5.CourseException;
import lenet5.CourseSettings;

/**
 * Everything that defines one training run. The defaults are the course's recipe (chapter 04
 * explains each choice); the {@code with...} methods give a changed copy, e.g.
 * {@code config.withSchedule(Schedule.CONSTANT).withLearningRate(0.05f)}. For {@code make} and CI,
 * environment variables override the defaults: {@code LENET5_EPOCHS=1 make course}.
 *
 * <p>Every value is checked where it enters, from a {@code with...} call or a variable alike: a
 * value out of range, not finite, or not one of an option's names fails at once, with one line
 * naming the call or the variable and its value, rather than as a diverging run much later.
 *
 * @param epochs passes over the training set ({@code LENET5_EPOCHS})
 * @param batchSize examples per update ({@code LENET5_BATCH_SIZE})
 * @param learningRate peak learning rate ({@code LENET5_LR})
 * @param momentum SGD momentum ({@code LENET5_MOMENTUM})
 * @param optimizer the update rule ({@code LENET5_OPTIMIZER}: sgd or adam)
 * @param schedule how the rate changes over the run ({@code LENET5_SCHEDULE}: one_cycle, cosine, constant or paper_steps)
 * @param seed random seed of initialisation, shuffling and shifts ({@code LENET5_SEED}); the engine takes an int
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

    /** How the learning rate changes over the run ({@link LearningRates}). */
    public enum Schedule {
        /** Warm-up to the peak rate over the first 20 % of the updates, then a cosine decay. */
        ONE_CYCLE,
        /** The same cosine decay from the peak rate at the first update, without warm-up. */
        COSINE,
        /** The same rate for every update. */
        CONSTANT,
        /** LeCun et al.'s 1998 steps, stretched to the run ({@link PaperSteps}). */
        PAPER_STEPS
    }

    /** The largest batch: every training image in one. */
    public static final int MAX_BATCH = 55_000;

    /** Checks the values; the {@code with...} methods and the overrides all pass through here. */
    public TrainingConfig {
        String problem = problem(epochs, batchSize, learningRate, momentum, optimizer, schedule, seed, device, trainLimit,
                shift, weightDecay);
        if (problem != null) {
            throw new CourseException("invalid training configuration: " + problem);
        }
    }

    // The first thing wrong with a set of values, as the end of a sentence, or null.
    private static String problem(int epochs, int batchSize, float learningRate, float momentum, OptimizerKind optimizer,
                                  Schedule schedule, long seed, Devices.Preference device, int trainLimit, int shift,
                                  float weightDecay) {
        if (epochs < 1 || epochs > 1000) {
            return "the number of epochs must be a whole number from 1 to 1000, not " + epochs;
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            return "the batch size must be from 1 to 55,000 (the training images), not " + batchSize;
        }
        // Written so that NaN fails too: every comparison with NaN is false.
        if (!(learningRate > 0 && learningRate <= 10)) {
            return "the learning rate must be a number above 0 and at most 10, not " + learningRate;
        }
        if (!(momentum >= 0 && momentum < 1)) {
            return "the momentum must be a number from 0 to below 1, not " + momentum;
        }
        if (!(weightDecay >= 0 && weightDecay < 1)) {
            return "the weight decay must be a number from 0 to below 1, not " + weightDecay;
        }
        if (trainLimit < 0) {
            return "the training limit must be 0 (every image) or a number of images, not " + trainLimit;
        }
        if (shift < 0 || shift > 4) {
            return "the shift must be from 0 to 4 pixels, not " + shift;
        }
        if (seed < Integer.MIN_VALUE || seed > Integer.MAX_VALUE) {
            return "the seed must fit in an int (the engine's seed is one), not " + seed;
        }
        if (optimizer == null) {
            return "the optimizer must be one of " + names(OptimizerKind.values());
        }
        if (schedule == null) {
            return "the schedule must be one of " + names(Schedule.values());
        }
        if (device == null) {
            return "the device must be one of " + names(Devices.Preference.values());
        }
        return null;
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

    /**
     * Applies {@code LENET5_*} overrides from a map of variables. A {@code LENET5_} name the course
     * does not know (a typing mistake) is refused with the closest known name; a known one that is not
     * a training setting ({@code LENET5_HOME}) is left alone.
     *
     * @throws CourseException naming the variable and its value
     */
    public TrainingConfig withOverrides(Map<String, String> env) {
        CourseSettings.checkNames(env);
        TrainingConfig c = this;
        c = c.override(env, "LENET5_EPOCHS", TrainingConfig::wholeNumber, (b, v) -> b.epochs = v);
        c = c.override(env, "LENET5_BATCH_SIZE", TrainingConfig::wholeNumber, (b, v) -> b.batchSize = v);
        c = c.override(env, "LENET5_LR", TrainingConfig::number, (b, v) -> b.learningRate = v);
        c = c.override(env, "LENET5_MOMENTUM", TrainingConfig::number, (b, v) -> b.momentum = v);
        c = c.override(env, "LENET5_OPTIMIZER", s -> option(s, OptimizerKind.class), (b, v) -> b.optimizer = v);
        c = c.override(env, "LENET5_SCHEDULE", s -> option(s, Schedule.class), (b, v) -> b.schedule = v);
        c = c.override(env, "LENET5_SEED", TrainingConfig::longNumber, (b, v) -> b.seed = v);
        c = c.override(env, "LENET5_DEVICE", s -> option(s, Devices.Preference.class), (b, v) -> b.device = v);
        c = c.override(env, "LENET5_TRAIN_LIMIT", TrainingConfig::wholeNumber, (b, v) -> b.trainLimit = v);
        c = c.override(env, "LENET5_SHIFT", TrainingConfig::wholeNumber, (b, v) -> b.shift = v);
        c = c.override(env, "LENET5_WEIGHT_DECAY", TrainingConfig::number, (b, v) -> b.weightDecay = v);
        return c;
    }

    /** A copy with another number of epochs. */
    public TrainingConfig withEpochs(int n) {
        return with("withEpochs(" + n + ")", b -> b.epochs = n);
    }

    /** A copy with another batch size. */
    public TrainingConfig withBatchSize(int n) {
        return with("withBatchSize(" + n + ")", b -> b.batchSize = n);
    }

    /** A copy with another (peak) learning rate. */
    public TrainingConfig withLearningRate(float rate) {
        return with("withLearningRate(" + rate + "f)", b -> b.learningRate = rate);
    }

    /** A copy with another momentum (SGD only). */
    public TrainingConfig withMomentum(float momentum) {
        return with("withMomentum(" + momentum + "f)", b -> b.momentum = momentum);
    }

    /** A copy with another update rule and its (peak) learning rate. */
    public TrainingConfig withOptimizer(OptimizerKind kind, float rate) {
        return with("withOptimizer(" + kind + ", " + rate + "f)", b -> {
            b.optimizer = kind;
            b.learningRate = rate;
        });
    }

    /** A copy with another learning-rate schedule. */
    public TrainingConfig withSchedule(Schedule s) {
        return with("withSchedule(" + s + ")", b -> b.schedule = s);
    }

    /** A copy with another seed. */
    public TrainingConfig withSeed(long s) {
        return with("withSeed(" + s + ")", b -> b.seed = s);
    }

    /** A copy that trains on the first {@code n} images only (0 for all). */
    public TrainingConfig withTrainLimit(int n) {
        return with("withTrainLimit(" + n + ")", b -> b.trainLimit = n);
    }

    /** A copy with another largest shift, in pixels (0 turns the augmentation off). */
    public TrainingConfig withShift(int pixels) {
        return with("withShift(" + pixels + ")", b -> b.shift = pixels);
    }

    /** A copy with another device preference. */
    public TrainingConfig withDevice(Devices.Preference preference) {
        return with("withDevice(" + preference + ")", b -> b.device = preference);
    }

    /** A copy with another weight decay. */
    public TrainingConfig withWeightDecay(float decay) {
        return with("withWeightDecay(" + decay + "f)", b -> b.weightDecay = decay);
    }

    // One variable: parsed, applied, and checked, each failure naming the variable and its value.
    private <T> TrainingConfig override(Map<String, String> env, String name, Function<String, T> parse,
                                        java.util.function.BiConsumer<Fields, T> apply) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return this;
        }
        String shown = name + "=" + raw;
        T value;
        try {
            value = parse.apply(raw.trim());
        } catch (CourseException e) {
            throw new CourseException(shown + ": " + e.getMessage());
        }
        return with(shown, b -> apply.accept(b, value));
    }

    // The one copy path: the fields as variables, changed, then a new record, checked.
    private TrainingConfig with(String source, Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        String problem = problem(f.epochs, f.batchSize, f.learningRate, f.momentum, f.optimizer, f.schedule, f.seed,
                f.device, f.trainLimit, f.shift, f.weightDecay);
        if (problem != null) {
            throw new CourseException(source + ": " + problem);
        }
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

    private static int wholeNumber(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new CourseException("not a whole number");
        }
    }

    private static long longNumber(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CourseException("not a whole number");
        }
    }

    private static float number(String s) {
        try {
            return Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw new CourseException("not a number");
        }
    }

    // An option's name as written in lower case, with - or _ between words.
    private static <E extends Enum<E>> E option(String s, Class<E> options) {
        String name = s.toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : options.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new CourseException("must be one of " + names(options.getEnumConstants()));
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(TrainingConfig::lower).collect(Collectors.joining(", "));
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
