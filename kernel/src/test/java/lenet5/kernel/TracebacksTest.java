package lenet5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class TracebacksTest {

    private static StackTraceElement frame(String cls, String method, int line) {
        return new StackTraceElement(cls, method, cls + ".java", line);
    }

    @Test
    void keepsLibraryFramesAboveTheCellAndDropsJShellBelowIt() {
        IllegalStateException e = new IllegalStateException("bad");
        e.setStackTrace(new StackTraceElement[] {
            frame("java.util.Objects", "check", 10),
            frame("REPL.$JShell$12", "helper", 7),
            frame("REPL.$JShell$14", "do_it$", 5),
            frame("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", -2),
            frame("jdk.jshell.execution.DirectExecutionControl", "invoke", 119),
            frame("java.util.concurrent.FutureTask", "run", 264),
        });
        List<String> lines = Tracebacks.format(e, f -> switch (f.getClassName()) {
            case "REPL.$JShell$12" -> "helper (cell [3], line 2)";
            case "REPL.$JShell$14" -> "cell [4], line 1";
            default -> null;
        });
        assertEquals(List.of(
                "java.lang.IllegalStateException: bad",
                "    at java.util.Objects.check(java.util.Objects.java:10)",
                "    at helper (cell [3], line 2)",
                "    at cell [4], line 1"), lines);
    }

    @Test
    void causesFollowWithTheirOwnFrames() {
        RuntimeException cause = new RuntimeException("root");
        cause.setStackTrace(new StackTraceElement[] {frame("lib.A", "a", 1)});
        IllegalStateException e = new IllegalStateException("outer", cause);
        e.setStackTrace(new StackTraceElement[] {frame("REPL.$JShell$2", "do_it$", 3)});
        List<String> lines = Tracebacks.format(e, f -> f.getClassName().startsWith("REPL") ? "cell [1], line 1" : null);
        assertEquals("Caused by: java.lang.RuntimeException: root", lines.get(2));
        assertEquals("    at lib.A.a(lib.A.java:1)", lines.get(3));
    }

    @Test
    void nestedSnippetClassesMapToTheirSnippet() {
        assertEquals("REPL.$JShell$12", Tracebacks.outerClass("REPL.$JShell$12$Inner"));
        assertEquals("java.lang.String", Tracebacks.outerClass("java.lang.String"));
    }
}
