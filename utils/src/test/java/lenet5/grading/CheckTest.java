package lenet5.grading;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CheckTest {

    @Test
    void aWrongAnswerFailsWithASentenceSayingWhatWasExpected() {
        Check.CheckFailed e = assertThrows(Check.CheckFailed.class,
                () -> Check.near("the test images' mean", 0.1307, 0.1325, 0.0005, "use the test images, not the training ones"));
        assertEquals("the test images' mean is 0.1307, expected 0.1325 within 0.0005: use the test images, not the training ones",
                e.getMessage());
        assertEquals(0, e.getStackTrace().length, "no stack trace to scroll through");
        e = assertThrows(Check.CheckFailed.class, () -> Check.equal("C3's parameters", 1516, 2416, null));
        assertEquals("C3's parameters is 1,516, expected 2,416.", e.getMessage());
        e = assertThrows(Check.CheckFailed.class, () -> Check.isSet("testStats", null));
        assertEquals("testStats is not set: run your answer cell above (it must assign testStats).", e.getMessage());
    }

    @Test
    void notANumberIsNeverNearOrBetween() {
        assertThrows(Check.CheckFailed.class, () -> Check.near("x", Double.NaN, 0, 1, null));
        assertThrows(Check.CheckFailed.class, () -> Check.between("x", Double.NaN, 0, 1));
    }

    @Test
    void aRightAnswerPasses() {
        assertDoesNotThrow(() -> {
            Check.near("mean", 0.1326, 0.1325, 0.0005, null);
            Check.between("mean", 0.5, 0, 1);
            Check.equal("count", 7, 7, null);
            Check.isSet("x", "set");
        });
    }
}
