package lenet5.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import lenet5.CourseException;
import org.junit.jupiter.api.Test;

/** Settings are checked where they enter; each refusal is one line naming the variable or the call. */
class TrainingConfigTest {

    private static String refused(Map<String, String> env) {
        return assertThrows(CourseException.class, () -> TrainingConfig.defaults().withOverrides(env)).getMessage();
    }

    @Test
    void nonFiniteNumbersAreRefusedNamingTheVariable() {
        assertEquals("LENET5_LR=NaN: the learning rate must be a number above 0 and at most 10, not NaN",
                refused(Map.of("LENET5_LR", "NaN")));
        assertEquals("LENET5_MOMENTUM=Infinity: the momentum must be a number from 0 to below 1, not Infinity",
                refused(Map.of("LENET5_MOMENTUM", "Infinity")));
        assertEquals("LENET5_WEIGHT_DECAY=-Infinity: the weight decay must be a number from 0 to below 1, not -Infinity",
                refused(Map.of("LENET5_WEIGHT_DECAY", "-Infinity")));
    }

    @Test
    void outOfRangeValuesNameTheVariableOrTheCall() {
        assertEquals("LENET5_EPOCHS=0: the number of epochs must be a whole number from 1 to 1000, not 0",
                refused(Map.of("LENET5_EPOCHS", "0")));
        assertEquals("LENET5_BATCH_SIZE=many: not a whole number", refused(Map.of("LENET5_BATCH_SIZE", "many")));
        assertEquals("LENET5_SHIFT=9: the shift must be from 0 to 4 pixels, not 9", refused(Map.of("LENET5_SHIFT", "9")));
        assertEquals("withEpochs(0): the number of epochs must be a whole number from 1 to 1000, not 0",
                assertThrows(CourseException.class, () -> TrainingConfig.defaults().withEpochs(0)).getMessage());
        assertEquals("withLearningRate(NaNf): the learning rate must be a number above 0 and at most 10, not NaN",
                assertThrows(CourseException.class, () -> TrainingConfig.defaults().withLearningRate(Float.NaN)).getMessage());
        assertEquals("withMomentum(1.0f): the momentum must be a number from 0 to below 1, not 1.0",
                assertThrows(CourseException.class, () -> TrainingConfig.defaults().withMomentum(1f)).getMessage());
    }

    @Test
    void anOptionOutsideItsListNamesTheAllowedValues() {
        assertEquals("LENET5_OPTIMIZER=rmsprop: must be one of sgd, adam", refused(Map.of("LENET5_OPTIMIZER", "rmsprop")));
        assertEquals("LENET5_SCHEDULE=cyclic: must be one of one_cycle, cosine, constant, paper_steps",
                refused(Map.of("LENET5_SCHEDULE", "cyclic")));
        assertEquals("LENET5_DEVICE=tpu: must be one of auto, cpu, gpu", refused(Map.of("LENET5_DEVICE", "tpu")));
        assertEquals(TrainingConfig.Schedule.ONE_CYCLE,
                TrainingConfig.defaults().withOverrides(Map.of("LENET5_SCHEDULE", "one-cycle")).schedule());
    }

    @Test
    void aSeedTheEngineCannotTakeIsRefusedNotCut() {
        assertEquals("LENET5_SEED=4294967338: the seed must fit in an int (the engine's seed is one), not 4294967338",
                refused(Map.of("LENET5_SEED", "4294967338")));
        assertEquals("withSeed(4294967338): the seed must fit in an int (the engine's seed is one), not 4294967338",
                assertThrows(CourseException.class, () -> TrainingConfig.defaults().withSeed(4294967338L)).getMessage());
    }

    @Test
    void aMisspeltNameIsRefusedWithTheClosestKnownOne() {
        assertEquals("LENET5_EPOCH=2 is not a setting of the course: did you mean LENET5_EPOCHS? "
                + "(every setting: utils/src/main/resources/lenet5/settings.tsv)", refused(Map.of("LENET5_EPOCH", "2")));
        assertEquals(true, refused(Map.of("LENET5_BATCHSIZE", "64")).contains("did you mean LENET5_BATCH_SIZE?"));
        // Known names that are not training settings are left alone, as is the rest of the environment.
        TrainingConfig c = TrainingConfig.defaults().withOverrides(Map.of("LENET5_HOME", "/tmp", "LENET5_CLASSROOM_PORT", "9",
                "PATH", "/usr/bin", "LENET5_EPOCHS", "3"));
        assertEquals(3, c.epochs());
    }

    @Test
    void environmentOverridesApply() {
        TrainingConfig c = TrainingConfig.defaults().withOverrides(Map.of("LENET5_EPOCHS", "3", "LENET5_OPTIMIZER", "ADAM",
                "LENET5_LR", " 0.01 "));
        assertEquals(3, c.epochs());
        assertEquals(TrainingConfig.OptimizerKind.ADAM, c.optimizer());
        assertEquals(0.01f, c.learningRate());
    }

    @Test
    void withMethodsChangeOneThingAndKeepTheRest() {
        TrainingConfig recipe = TrainingConfig.defaults();
        TrainingConfig c = recipe.withSchedule(TrainingConfig.Schedule.CONSTANT).withLearningRate(0.05f).withShift(0);
        assertEquals(TrainingConfig.Schedule.CONSTANT, c.schedule());
        assertEquals(0.05f, c.learningRate());
        assertEquals(0, c.shift());
        assertEquals(recipe.batchSize(), c.batchSize());
        assertEquals(recipe.seed(), c.seed());
        assertEquals("epochs=5 batch=512 lr=0.3 momentum=0.9 optimizer=sgd schedule=one_cycle shift=1 weightDecay=0.0 seed=42 device=auto",
                recipe.toString());
    }
}
