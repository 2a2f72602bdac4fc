package lenet5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The execution identity on its own: one shared thread, as in the kernel, without JShell. */
class CellRunTest {

    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private final ExecutorService shell = Executors.newSingleThreadExecutor();

    @AfterEach
    void shutDown() {
        runner.shutdownNow();
        shell.shutdownNow();
    }

    /** A snippet that spins until its thread is interrupted, after saying it started. */
    private Future<Object> politeLoop(CellRun run, CountDownLatch started) {
        return shell.submit(() -> run.execute(runner, () -> {
            started.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
            return "ended";
        }));
    }

    @Test
    void eachCellIsARunOfItsOwnAndAnInterruptBetweenCellsReachesNone() {
        InProcessExecution execution = new InProcessExecution();
        try {
            CellRun first = execution.begin();
            execution.end(first);
            execution.interrupt();
            CellRun second = execution.begin();
            assertNotSame(first, second);
            assertFalse(first.interrupted(), "the interrupt came after the first cell ended");
            assertFalse(second.interrupted(), "the interrupt came before the second cell started");
            execution.interrupt();
            assertTrue(second.interrupted());
        } finally {
            execution.close();
        }
    }

    @Test
    void anInterruptReachesItsOwnRunOnlyNotTheNextOneOnTheSameThread() throws Exception {
        CellRun first = new CellRun();
        CountDownLatch started = new CountDownLatch(1);
        Future<Object> loop = politeLoop(first, started);
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertTrue(first.interrupt(), "the first interrupt arms the forced stop");
        assertFalse(first.interrupt(), "a second one does not arm it again");
        assertEquals("ended", loop.get(5, TimeUnit.SECONDS));

        CellRun next = new CellRun();
        assertEquals(false, next.execute(runner, () -> Thread.currentThread().isInterrupted()),
                "the shared thread must start the next run with no interrupt pending");
        assertFalse(next.interrupted());
        AtomicBoolean stopped = new AtomicBoolean();
        assertFalse(first.stop(() -> { }, t -> stopped.set(true)), "the first run has no snippet running any more");
        assertFalse(stopped.get(), "the forced stop of an ended run must not touch the thread");
    }

    @Test
    void anInterruptedRunStartsNoFurtherSnippet() {
        CellRun run = new CellRun();
        run.interrupt();
        AtomicBoolean ran = new AtomicBoolean();
        assertThrows(InterruptedException.class, () -> run.execute(runner, () -> ran.getAndSet(true)));
        assertFalse(ran.get());
    }

    @Test
    void aSnippetThatIgnoresItsInterruptIsStoppedAfterItsThreadIsRetired() throws Exception {
        CellRun run = new CellRun();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        Future<Object> stubborn = shell.submit(() -> run.execute(runner, () -> {
            started.countDown();
            while (!release.get()) {
                Thread.onSpinWait();
            }
            return "ended";
        }));
        assertTrue(started.await(5, TimeUnit.SECONDS));
        run.interrupt();
        List<String> order = new ArrayList<>();
        List<Thread> stoppedThreads = new ArrayList<>();
        assertTrue(run.stop(() -> order.add("retire"), t -> {
            order.add("stop");
            stoppedThreads.add(t);
        }));
        assertEquals(List.of("retire", "stop"), order, "no later cell may get the thread being stopped");
        Exception e = assertThrows(Exception.class, () -> stubborn.get(5, TimeUnit.SECONDS));
        CellRun.Stopped s = assertInstanceOfStopped(e);
        assertTrue(s.threadStopped);
        assertEquals(1, stoppedThreads.size());
        release.set(true);
    }

    @Test
    void whereTheJdkCannotStopAThreadTheWaitEndsAndSaysSo() throws Exception {
        CellRun run = new CellRun();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        Future<Object> stubborn = shell.submit(() -> run.execute(runner, () -> {
            started.countDown();
            while (!release.get()) {
                Thread.onSpinWait();
            }
            return "ended";
        }));
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertTrue(run.stop(() -> { }, t -> {
            throw new UnsupportedOperationException("JDK 20+");
        }));
        Exception e = assertThrows(Exception.class, () -> stubborn.get(5, TimeUnit.SECONDS));
        assertFalse(assertInstanceOfStopped(e).threadStopped);
        release.set(true);
    }

    private static CellRun.Stopped assertInstanceOfStopped(Exception e) {
        Throwable cause = e.getCause();
        assertSame(CellRun.Stopped.class, cause == null ? null : cause.getClass(), String.valueOf(e));
        return (CellRun.Stopped) cause;
    }
}
