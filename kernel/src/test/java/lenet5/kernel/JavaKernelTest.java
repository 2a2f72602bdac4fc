package lenet5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kernel without a Jupyter connection: its cells, interrupts and shutdown. */
class JavaKernelTest {

    private PrintStream stdout;
    private PrintStream stderr;

    /**
     * JShell keeps one JVM-wide daemon thread for indexing the classpath (SourceCodeAnalysisImpl's
     * static INDEXER): started here, so that it is part of every baseline.
     */
    @BeforeAll
    static void startJShellsOwnThread() {
        try (CellEvaluator warmUp = CellInterruptTest.evaluator(new InProcessExecution())) {
            warmUp.complete("Stri", 4);
        }
    }

    @BeforeEach
    void keepStreams() {
        stdout = System.out;
        stderr = System.err;
    }

    @AfterEach
    void restoreStreams() {
        System.setOut(stdout);
        System.setErr(stderr);
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    /** Threads started since {@code before} that are still alive after up to five seconds. */
    private static Set<String> leftOver(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Set<Thread> extra;
        do {
            Thread.sleep(20);
            extra = liveThreads();
            extra.removeAll(before);
        } while (!extra.isEmpty() && System.nanoTime() < deadline);
        return extra.stream().map(t -> t.getName() + " " + List.of(t.getStackTrace())).collect(Collectors.toSet());
    }

    @Test
    void shutdownDuringARunningCellEndsItAndLeavesNoThread() throws Exception {
        Set<Thread> before = liveThreads();
        JavaKernel kernel = new JavaKernel(List.of(), Path.of("."), new PrintStream(new ByteArrayOutputStream()),
                new InProcessExecution());
        ExecutorService shell = Executors.newSingleThreadExecutor();
        try {
            assertEquals("2", kernel.eval("1 + 1").getData(MIMEType.TEXT_PLAIN));
            // Ignores interrupts: only the kernel's own stop ends it.
            Future<?> cell = shell.submit(() -> kernel.eval(
                    "{ System.setProperty(\"shutdown\", \"running\"); while (true) { } }"));
            while (System.getProperty("shutdown") == null) {
                Thread.sleep(5);
            }
            kernel.onShutdown(false);
            ExecutionException e = assertThrows(ExecutionException.class, () -> cell.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof CellError.Interrupted, String.valueOf(e.getCause()));
        } finally {
            shell.shutdownNow();
            shell.awaitTermination(5, TimeUnit.SECONDS);
            System.clearProperty("shutdown");
        }
        assertEquals(Set.of(), leftOver(before));
    }

    @Test
    void shutdownRightAfterAnInterruptLeavesNoPendingStop() throws Exception {
        Set<Thread> before = liveThreads();
        JavaKernel kernel = new JavaKernel(List.of(), Path.of("."), new PrintStream(new ByteArrayOutputStream()),
                new InProcessExecution());
        ExecutorService shell = Executors.newSingleThreadExecutor();
        try {
            Future<?> cell = shell.submit(() -> kernel.eval(
                    "{ System.setProperty(\"polite\", \"running\"); while (!Thread.interrupted()) { } }"));
            while (System.getProperty("polite") == null) {
                Thread.sleep(5);
            }
            kernel.interrupt(); // arms the forced stop, 3 s later
            assertThrows(ExecutionException.class, () -> cell.get(5, TimeUnit.SECONDS));
            kernel.onShutdown(true);
        } finally {
            shell.shutdownNow();
            shell.awaitTermination(5, TimeUnit.SECONDS);
            System.clearProperty("polite");
        }
        assertEquals(Set.of(), leftOver(before), "the interrupt's watchdog must not outlive the kernel");
    }

    @Test
    void anInterruptWhileJavaStartsStopsTheWaitingCellAndTheNextCellRuns() throws Exception {
        JavaKernel kernel = new JavaKernel(List.of(), Path.of("."), new PrintStream(new ByteArrayOutputStream()),
                new InProcessExecution());
        ExecutorService shell = Executors.newSingleThreadExecutor();
        try {
            // Sent as soon as the kernel exists, as a frontend does: JShell is still starting.
            Future<?> cell = shell.submit(() -> kernel.eval("while (!Thread.interrupted()) { }"));
            Thread.sleep(50);
            kernel.interrupt();
            ExecutionException e = assertThrows(ExecutionException.class, () -> cell.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof CellError.Interrupted, String.valueOf(e.getCause()));
            assertEquals("2", shell.submit(() -> kernel.eval("1 + 1")).get(10, TimeUnit.SECONDS)
                    .getData(MIMEType.TEXT_PLAIN));
        } finally {
            kernel.onShutdown(false);
            shell.shutdownNow();
            shell.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
