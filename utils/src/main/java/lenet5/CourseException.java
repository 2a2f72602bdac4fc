package lenet5;

/**
 * A problem the learner can fix, reported as one clear sentence.
 *
 * <p>The stack trace is left out on purpose: in a notebook it would bury the one line that says
 * what to do (which command to run, which file is wrong).
 */
public class CourseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception whose message says what went wrong and how to fix it. */
    public CourseException(String message) {
        super(message, null, false, false);
    }

    /** Same, keeping the cause for programmatic callers (it is not printed). */
    public CourseException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    @Override
    public String toString() {
        // JShell prints toString(); the class name adds nothing for a learner.
        return getMessage();
    }
}
