package lenet5.kernel;

import java.util.List;

/**
 * An error a cell ends with, already formatted for the learner: Jupyter shows {@link #lines()}
 * as the traceback. The subclass names become the error's name in the notebook.
 */
abstract class CellError extends Exception {

    private final List<String> lines;

    CellError(String message, List<String> lines) {
        super(message, null, false, false);
        this.lines = List.copyOf(lines);
    }

    /** The traceback lines, without line breaks in them. */
    List<String> lines() {
        return lines;
    }

    /** Java that does not compile, with the line and a caret. */
    static final class CompilationError extends CellError {
        CompilationError(String message, List<String> lines) {
            super(message, lines);
        }
    }

    /** The cell was interrupted (the stop button, or Kernel → Interrupt). */
    static final class Interrupted extends CellError {
        Interrupted(String message) {
            super(message, List.of("Interrupted: " + message));
        }
    }

    /** A magic that is unknown or failed. */
    static final class MagicError extends CellError {
        MagicError(String message) {
            super(message, List.of("MagicError: " + message));
        }
    }

    /** A {@link Throwable} that is not an {@link Exception} (an {@link Error}), raised by the cell. */
    static final class CellFailure extends CellError {
        CellFailure(Throwable t, List<String> lines) {
            super(t.toString(), lines);
        }
    }
}
