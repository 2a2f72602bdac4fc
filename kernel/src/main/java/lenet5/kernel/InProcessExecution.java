package lenet5.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs JShell's snippets in this JVM, on one long-lived thread of their own, so that the shell
 * thread stays free to wait, the control thread can interrupt, and libraries keep their per-thread
 * state (thread pools, caches) from one cell to the next.
 *
 * <p>An interrupt sets the thread's interrupt flag, which well-behaved loops check. Code that
 * ignores it is stopped after {@link #GRACE_MILLIS} with {@link Thread#stop()}, where the JDK still
 * has it (up to 19).
 */
final class InProcessExecution extends DirectExecutionControl {

    /** The class name JShell reports for a snippet ended by an interrupt. */
    static final String INTERRUPTED = "<interrupted>";
    /** How long code may ignore an interrupt before it is stopped. */
    static final long GRACE_MILLIS = 3000;

    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "interrupt-watchdog"));
    private final Consumer<String> warn;
    private final ExecutorService runner = newRunner();
    private volatile Thread cellThread;
    private volatile boolean interruptRequested;
    private volatile Object lastValue;
    private volatile Throwable lastThrown;

    /** @param warn tells the learner something about the running cell (its stderr) */
    InProcessExecution(Consumer<String> warn) {
        this.warn = warn;
    }

    private static ExecutorService newRunner() {
        return Executors.newSingleThreadExecutor(r -> daemon(r, "cell"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        lastValue = null;
        lastThrown = null;
        ClassLoader snippets = doit.getDeclaringClass().getClassLoader();
        Future<Object> task = runner.submit(() -> {
            Thread self = Thread.currentThread();
            // Libraries that look up services by context loader (DJL's engines) see %classpath jars.
            self.setContextClassLoader(snippets);
            cellThread = self;
            try {
                if (interruptRequested) {
                    throw new InterruptedException();
                }
                return doit.invoke(null);
            } finally {
                cellThread = null;
                Thread.interrupted();
            }
        });
        try {
            lastValue = task.get();
            // Not valueString(value): JShell would call toString() on every value a snippet makes,
            // and DJL formats a whole tensor for that. The kernel renders only the cell's last value.
            return "";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
            if (interruptRequested && (cause instanceof ThreadDeath || cause instanceof InterruptedException)) {
                throw new UserException("interrupted", INTERRUPTED, new StackTraceElement[0]);
            }
            lastThrown = cause;
            throw new InvocationTargetException(cause);
        }
    }

    /** Starts a cell: forgets an interrupt of the previous one. */
    void beginCell() {
        interruptRequested = false;
    }

    /** True when the running cell was asked to stop. */
    boolean interruptRequested() {
        return interruptRequested;
    }

    /** The value the last snippet computed (null for none). */
    Object lastValue() {
        return lastValue;
    }

    /** The exception the last snippet threw, or null. */
    Throwable lastThrown() {
        return lastThrown;
    }

    /** Asks the running cell to stop; stops it if it does not within the grace period. */
    void interrupt() {
        interruptRequested = true;
        Thread t = cellThread;
        if (t == null) {
            return;
        }
        t.interrupt();
        watchdog.schedule(() -> {
            if (cellThread == t) {
                stopThread(t);
            }
        }, GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings({"deprecation", "removal"})
    private void stopThread(Thread t) {
        try {
            t.stop();
        } catch (UnsupportedOperationException e) {
            warn.accept("This cell does not check for interrupts and this JDK cannot stop it: "
                    + "restart the kernel (Kernel → Restart) to end it.\n");
        }
    }

    @Override
    public void stop() {
        interrupt();
    }

    @Override
    public void close() {
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
