package lenet5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interrupts through JShell, as the kernel sends them: before, while and after a cell, and the
 * learner's sequence "interrupt a loop, then at once run a long cell", which must run to its end.
 */
class CellInterruptTest {

    /** Short, so that a forced stop aimed at the wrong cell shows within a test's time. */
    private static final long GRACE = 200;
    private static final AtomicInteger stops = new AtomicInteger();
    private static CellEvaluator cells;
    private static final ExecutorService shell = Executors.newSingleThreadExecutor();
    private static int count;

    @BeforeAll
    static void startJShell() {
        cells = evaluator(new InProcessExecution(t -> {
            stops.incrementAndGet();
            stop(t);
        }, GRACE));
    }

    @AfterAll
    static void close() {
        cells.close();
        shell.shutdownNow();
    }

    static CellEvaluator evaluator(InProcessExecution execution) {
        return new CellEvaluator(List.of(), Path.of("."), new PrintStream(new ByteArrayOutputStream()), execution);
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread t) {
        t.stop();
    }

    /** A cell that says it runs, then spins until interrupted (one snippet: a block). */
    private static String politeLoop(String flag) {
        return "{ System.setProperty(\"" + flag + "\", \"running\"); long n = 0;\n"
                + "  while (!Thread.currentThread().isInterrupted()) { n++; } }";
    }

    /** A cell that computes for {@code millis}, ignoring nothing, and shows a value. */
    private static String computeFor(long millis) {
        return "long t0 = System.nanoTime(); long k = 0;\n"
                + "while (System.nanoTime() - t0 < " + millis + "_000_000L) { k++; }\n"
                + "\"done after \" + (k > 0)";
    }

    private static Future<CellEvaluator.Result> start(CellEvaluator ev, String code) {
        int n = ++count;
        return shell.submit(() -> ev.eval(code, n));
    }

    private static void awaitRunning(String flag) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"running".equals(System.getProperty(flag))) {
            assertTrue(System.nanoTime() < deadline, "the cell never started");
            Thread.sleep(5);
        }
        System.clearProperty(flag);
    }

    private static CellError.Interrupted assertInterrupted(Future<CellEvaluator.Result> cell) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> cell.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof CellError.Interrupted, "not an interrupt: " + e.getCause());
        return (CellError.Interrupted) e.getCause();
    }

    @Test
    void anInterruptBeforeACellIsForgotten() throws Exception {
        cells.interrupt();
        Thread.sleep(GRACE * 2);
        assertEquals("done after true", cells.eval(computeFor(GRACE * 2), ++count).value());
    }

    @Test
    void anInterruptWhileACellRunsEndsIt() throws Exception {
        Future<CellEvaluator.Result> loop = start(cells, politeLoop("while"));
        awaitRunning("while");
        cells.interrupt();
        assertTrue(assertInterrupted(loop).getMessage().contains("Everything it finished before that is kept"));
    }

    @Test
    void anInterruptAfterACellReachesNoLaterCell() throws Exception {
        assertEquals(42, cells.eval("6 * 7", ++count).value());
        cells.interrupt();
        assertEquals("done after true", cells.eval(computeFor(GRACE * 3), ++count).value());
    }

    @Test
    void aCellStartedAtOnceAfterAnInterruptedLoopRunsToItsEnd() throws Exception {
        int before = stops.get();
        for (int trial = 0; trial < 8; trial++) {
            Future<CellEvaluator.Result> loop = start(cells, politeLoop("trial"));
            awaitRunning("trial");
            cells.interrupt();
            assertInterrupted(loop);
            // Runs past the interrupted cell's grace period: the old kernel stopped it there.
            assertEquals("done after true", cells.eval(computeFor(GRACE * 3), ++count).value(), "trial " + trial);
        }
        assertEquals(before, stops.get(), "no thread may be stopped: every loop ended politely");
    }

    @Test
    void theLearnersSequenceWithTheKernelsOwnGracePeriod() throws Exception {
        CellEvaluator kernelDefault = evaluator(new InProcessExecution());
        try {
            Future<CellEvaluator.Result> loop = start(kernelDefault, politeLoop("learner"));
            awaitRunning("learner");
            kernelDefault.interrupt();
            assertInterrupted(loop);
            long computing = InProcessExecution.GRACE_MILLIS + 500;
            assertEquals("done after true", kernelDefault.eval(computeFor(computing), ++count).value());
        } finally {
            kernelDefault.close();
        }
    }

    @Test
    void aLoopThatIgnoresTheInterruptIsStoppedAndTheNextCellRuns() throws Exception {
        int before = stops.get();
        Future<CellEvaluator.Result> loop = start(cells, "{ System.setProperty(\"stubborn\", \"running\"); while (true) { } }");
        awaitRunning("stubborn");
        long t0 = System.nanoTime();
        cells.interrupt();
        assertInterrupted(loop);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(millis >= GRACE && millis < GRACE + 2000, "stopped after " + millis + " ms");
        assertEquals(before + 1, stops.get());
        assertEquals("done after true", cells.eval(computeFor(GRACE * 3), ++count).value());
    }

    @Test
    void whereTheJdkCannotStopALoopTheCellSaysToRestartAndTheKernelGoesOn() throws Exception {
        // JDK 20 and later: Thread.stop throws.
        CellEvaluator jdk20 = evaluator(new InProcessExecution(t -> {
            throw new UnsupportedOperationException();
        }, GRACE));
        try {
            Future<CellEvaluator.Result> loop = start(jdk20,
                    "{ System.setProperty(\"jdk20\", \"running\"); while (!Boolean.getBoolean(\"jdk20.release\")) { } }");
            awaitRunning("jdk20");
            jdk20.interrupt();
            String message = assertInterrupted(loop).lines().toString();
            assertTrue(message.contains("restart the kernel"), message);
            assertEquals(1, assertInterrupted(loop).lines().size(), "one line");
            assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertEquals(42, jdk20.eval("6 * 7", ++count).value()), "the kernel goes on answering");
        } finally {
            System.setProperty("jdk20.release", "true"); // ends the loop left running
            jdk20.close();
        }
    }
}
