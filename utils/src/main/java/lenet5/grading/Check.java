package lenet5.grading;

import java.util.Locale;

/**
 * The checks of the graded exercises. Each one throws {@link CheckFailed} with a sentence that says
 * what was expected and what was found; Java's {@code assert} is not used because the JVM skips it
 * unless started with {@code -ea}, and a skipped check would pass a wrong answer.
 */
public final class Check {

    private Check() {
    }

    /** {@code value} is set: the answer cell ran and assigned it. */
    public static void isSet(String name, Object value) {
        if (value == null) {
            throw new CheckFailed(name + " is not set: run your answer cell above (it must assign " + name + ").");
        }
    }

    /** {@code actual} lies within {@code tolerance} of {@code expected}. */
    public static void near(String what, double actual, double expected, double tolerance, String hint) {
        if (!(Math.abs(actual - expected) <= tolerance)) {
            throw new CheckFailed(String.format(Locale.ROOT, "%s is %s, expected %s within %s%s", what, shown(actual),
                    shown(expected), shown(tolerance), hint == null || hint.isBlank() ? "." : ": " + hint));
        }
    }

    /** {@code low <= actual <= high}. */
    public static void between(String what, double actual, double low, double high) {
        if (!(actual >= low && actual <= high)) {
            throw new CheckFailed(String.format(Locale.ROOT, "%s is %s, outside the possible range %s to %s.",
                    what, shown(actual), shown(low), shown(high)));
        }
    }

    /** {@code actual == expected}. */
    public static void equal(String what, long actual, long expected, String hint) {
        if (actual != expected) {
            throw new CheckFailed(String.format(Locale.ROOT, "%s is %,d, expected %,d%s", what, actual, expected,
                    hint == null || hint.isBlank() ? "." : ": " + hint));
        }
    }

    // Four significant digits, without trailing zeros: 0.0005, not 0.0005000.
    private static String shown(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(v, new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** A failed check: its message is the whole report, so no stack trace is needed to read it. */
    public static final class CheckFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        CheckFailed(String message) {
            super(message, null, false, false);
        }
    }
}
