package lenet5.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Stack traces cut to what a learner wrote: the exception, the frames of the library code it came
 * through (a few), and the cell lines; never JShell's or reflection's frames.
 */
final class Tracebacks {

    /** At most this many library frames above the first cell frame. */
    static final int LIBRARY_FRAMES = 6;

    private Tracebacks() {
    }

    /**
     * Formats {@code t} and its causes.
     *
     * @param cellLine maps a frame to "cell line N" text, or null when the frame is not cell code
     */
    static List<String> format(Throwable t, Function<StackTraceElement, String> cellLine) {
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        String prefix = "";
        for (Throwable cur = t; cur != null && seen.add(cur); cur = cur.getCause()) {
            lines.add(prefix + cur);
            lines.addAll(frames(cur.getStackTrace(), cellLine));
            prefix = "Caused by: ";
        }
        return lines;
    }

    private static List<String> frames(StackTraceElement[] trace, Function<StackTraceElement, String> cellLine) {
        List<String> out = new ArrayList<>();
        int firstCell = -1;
        for (int i = 0; i < trace.length; i++) {
            if (cellLine.apply(trace[i]) != null) {
                firstCell = i;
                break;
            }
        }
        if (firstCell < 0) {
            // Not thrown through the cell (e.g. a cause from a library): its top frames say where.
            int n = Math.min(trace.length, LIBRARY_FRAMES);
            for (int i = 0; i < n; i++) {
                out.add("    at " + trace[i]);
            }
            if (trace.length > n) {
                out.add("    ... " + (trace.length - n) + " more");
            }
            return out;
        }
        int shown = Math.min(firstCell, LIBRARY_FRAMES);
        for (int i = 0; i < shown; i++) {
            out.add("    at " + trace[i]);
        }
        if (firstCell > shown) {
            out.add("    ... " + (firstCell - shown) + " frames in libraries");
        }
        String last = null;
        for (int i = firstCell; i < trace.length; i++) {
            String where = cellLine.apply(trace[i]);
            if (where == null) {
                if (isInternal(trace[i])) {
                    break;
                }
                continue;
            }
            if (!where.equals(last)) {
                out.add("    at " + where);
                last = where;
            }
        }
        return out;
    }

    /** Frames below the cell: reflection, JShell, the kernel's executor. */
    private static boolean isInternal(StackTraceElement e) {
        String c = e.getClassName();
        return c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.")
                || c.startsWith("jdk.jshell.") || c.startsWith("lenet5.kernel.")
                || c.startsWith("java.util.concurrent.");
    }

    /** Formats a cell's error with a map of frames to cell lines. */
    static List<String> format(Throwable t, Map<String, Function<Integer, String>> byClass) {
        return format(t, e -> {
            Function<Integer, String> f = byClass.get(outerClass(e.getClassName()));
            if (f == null) {
                return null;
            }
            String where = f.apply(e.getLineNumber());
            // do_it$ is JShell's wrapper of a cell's top-level statements; other methods are the learner's.
            return e.getMethodName().equals("do_it$") ? where : e.getMethodName() + " (" + where + ")";
        });
    }

    /** {@code REPL.$JShell$12$Inner} → {@code REPL.$JShell$12}. */
    static String outerClass(String className) {
        if (!className.startsWith("REPL.$JShell$")) {
            return className;
        }
        int end = className.indexOf('$', "REPL.$JShell$".length());
        return end < 0 ? className : className.substring(0, end);
    }
}
