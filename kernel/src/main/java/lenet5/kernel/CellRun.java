package lenet5.kernel;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One run of one cell: what an interrupt, and the forced stop after it, act on.
 *
 * <p>Cells share a thread, so an interrupt must not outlive its cell: the thread is interrupted or
 * stopped only while it runs one of this run's snippets (checked under this object's lock), and
 * its interrupt flag is cleared before it leaves the snippet.
 */
final class CellRun {

    /** Ends the wait for a snippet that ran past the grace period. */
    static final class Stopped extends Exception {
        /** False where the JDK cannot stop a thread: the snippet runs on in the background. */
        final boolean threadStopped;

        Stopped(boolean threadStopped) {
            super(null, null, false, false);
            this.threadStopped = threadStopped;
        }
    }

    private boolean interrupted;
    /** The thread running a snippet of this run, and that snippet's result; null between snippets. */
    private Thread thread;
    private CompletableFuture<Object> pending;

    synchronized boolean interrupted() {
        return interrupted;
    }

    /**
     * Interrupts the running snippet's thread; no further snippet of this run starts.
     *
     * @return true the first time, when the caller should arm the forced stop
     */
    synchronized boolean interrupt() {
        boolean first = !interrupted;
        interrupted = true;
        if (thread != null) {
            thread.interrupt();
        }
        return first;
    }

    /**
     * Runs one snippet on {@code runner} and waits for it.
     *
     * @throws InterruptedException if this run was interrupted before the snippet started
     * @throws Stopped              if {@link #stop} ended the wait
     * @throws ExecutionException   with what the snippet threw
     */
    Object execute(Executor runner, Callable<Object> code) throws Exception {
        CompletableFuture<Object> result = new CompletableFuture<>();
        synchronized (this) {
            if (interrupted) {
                throw new InterruptedException();
            }
            pending = result;
        }
        runner.execute(() -> {
            try {
                result.complete(runHere(code));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Stopped s ? s : e;
        }
    }

    private Object runHere(Callable<Object> code) throws Exception {
        synchronized (this) {
            if (interrupted) {
                throw new InterruptedException();
            }
            thread = Thread.currentThread();
        }
        try {
            return code.call();
        } finally {
            synchronized (this) {
                thread = null;
            }
            Thread.interrupted(); // this run's interrupt must not reach the thread's next run
        }
    }

    /**
     * Ends the snippet still running after the grace period: {@code retire} first takes its thread
     * out of service (no later cell runs there), then {@code stopper} stops it where the JDK can.
     * The waiting {@link #execute} ends with {@link Stopped} either way.
     *
     * @return false when no snippet of this run is running: the forced stop has nothing to do
     */
    synchronized boolean stop(Runnable retire, Consumer<Thread> stopper) {
        if (thread == null) {
            return false;
        }
        retire.run();
        boolean stopped = true;
        try {
            stopper.accept(thread);
        } catch (UnsupportedOperationException e) {
            stopped = false; // JDK 20 and later
        }
        pending.completeExceptionally(new Stopped(stopped));
        return true;
    }
}
