package lenet5.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs JShell's snippets in this JVM, on a long-lived thread of their own, so that the shell
 * thread stays free to wait, the control thread can interrupt, and libraries keep their per-thread
 * state (thread pools, caches) from one cell to the next.
 *
 * <p>Each cell is a {@link CellRun}; an interrupt acts on the run of the cell running when it
 * arrives. It sets the thread's interrupt flag, which well-behaved loops check. Code that ignores
 * it is stopped after the grace period with {@link Thread#stop()} where the JDK still has it (up
 * to 19); either way its thread is retired and later cells run on a new one.
 */
final class InProcessExecution extends DirectExecutionControl {

    /** The class name JShell reports for a snippet ended by an interrupt. */
    static final String INTERRUPTED = "<interrupted>";
    /** The class name for a snippet this JDK could not stop: it runs on in the background. */
    static final String UNSTOPPABLE = "<unstoppable>";
    /** How long code may ignore an interrupt before it is stopped. */
    static final long GRACE_MILLIS = 3000;

    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "interrupt-watchdog"));
    private final Consumer<Thread> stopper;
    private final long graceMillis;
    private volatile ExecutorService runner = newRunner();
    private volatile CellRun current;
    private volatile Object lastValue;
    private volatile Throwable lastThrown;

    InProcessExecution() {
        this(InProcessExecution::stopThread, GRACE_MILLIS);
    }

    /**
     * @param stopper     stops a thread that ignores its interrupt; throws
     *                    {@link UnsupportedOperationException} where the JDK cannot
     * @param graceMillis how long a cell may ignore an interrupt
     */
    InProcessExecution(Consumer<Thread> stopper, long graceMillis) {
        this.stopper = stopper;
        this.graceMillis = graceMillis;
    }

    private static ExecutorService newRunner() {
        return Executors.newSingleThreadExecutor(r -> daemon(r, "cell"));
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stopThread(Thread t) {
        t.stop();
    }

    /** Starts a cell: interrupts from now on act on the returned run. */
    CellRun begin() {
        CellRun run = new CellRun();
        current = run;
        return run;
    }

    /** Ends a cell: later interrupts no longer reach it. */
    void end(CellRun run) {
        if (current == run) {
            current = null;
        }
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        lastValue = null;
        lastThrown = null;
        CellRun run = current;
        if (run == null) {
            run = new CellRun(); // JShell's own snippets, run outside any cell
        }
        ClassLoader snippets = doit.getDeclaringClass().getClassLoader();
        try {
            lastValue = run.execute(runner, () -> {
                // Libraries that look up services by context loader (DJL's engines) see %classpath jars.
                Thread.currentThread().setContextClassLoader(snippets);
                return doit.invoke(null);
            });
            // Not valueString(value): JShell would call toString() on every value a snippet makes,
            // and DJL formats a whole tensor for that. The kernel renders only the cell's last value.
            return "";
        } catch (CellRun.Stopped e) {
            throw new UserException("interrupted", e.threadStopped ? INTERRUPTED : UNSTOPPABLE, new StackTraceElement[0]);
        } catch (InterruptedException e) {
            throw new UserException("interrupted", INTERRUPTED, new StackTraceElement[0]);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
            if (run.interrupted() && cause instanceof InterruptedException) {
                throw new UserException("interrupted", INTERRUPTED, new StackTraceElement[0]);
            }
            lastThrown = cause;
            throw new InvocationTargetException(cause);
        }
    }

    /** The value the last snippet computed (null for none). */
    Object lastValue() {
        return lastValue;
    }

    /** The exception the last snippet threw, or null. */
    Throwable lastThrown() {
        return lastThrown;
    }

    /** Asks the running cell, if any, to stop; stops it if it does not within the grace period. */
    void interrupt() {
        CellRun run = current;
        if (run != null && run.interrupt()) {
            watchdog.schedule(() -> run.stop(this::retireRunner, stopper), graceMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** The runner's thread is being stopped (or cannot be): later cells get a fresh one. */
    private void retireRunner() {
        ExecutorService old = runner;
        runner = newRunner();
        old.shutdown();
    }

    @Override
    public void stop() {
        interrupt();
    }

    /** Stops the running cell at once (no grace: the kernel is going away), then the threads. */
    @Override
    public void close() {
        CellRun run = current;
        if (run != null) {
            run.interrupt();
            run.stop(() -> { }, stopper);
        }
        runner.shutdownNow();
        watchdog.shutdownNow();
        super.close();
    }

    /** Hands JShell this control. */
    static final class Provider implements ExecutionControlProvider {
        private final InProcessExecution control;

        Provider(InProcessExecution control) {
            this.control = control;
        }

        @Override
        public String name() {
            return "lenet5-in-process";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }
}
