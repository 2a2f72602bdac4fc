package lenet5.kernel;

import java.lang.management.ManagementFactory;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.management.ObjectName;

/**
 * Gives the Java heap's and the C heap's free pages back to the system once the kernel has been
 * idle for a while after a cell: a full collection, then HotSpot's {@code System.trim_native_heap}
 * command (JDK 17.0.9 and newer).
 *
 * <p>Why: the kernelspec's Serial collector shrinks the heap only after a full collection, and
 * libtorch frees a cell's tensors into glibc's heap, which keeps the pages; a learner's kernels sit
 * idle side by side (JupyterLab keeps each one running), so what they keep adds up. Doing both only
 * when idle costs training nothing, unlike the JVM's periodic collections and trimming.
 */
final class IdleTrim {

    private final ScheduledExecutorService scheduler;
    private final long delayMillis;
    private final Runnable action;
    private ScheduledFuture<?> pending;

    /** Trims on {@code scheduler}, {@code delayMillis} after a cell ends unless another has begun. */
    IdleTrim(ScheduledExecutorService scheduler, long delayMillis) {
        this(scheduler, delayMillis, IdleTrim::collectAndTrim);
    }

    IdleTrim(ScheduledExecutorService scheduler, long delayMillis, Runnable action) {
        this.scheduler = scheduler;
        this.delayMillis = delayMillis;
        this.action = action;
    }

    /** A cell begins: no trim while it runs. */
    synchronized void cellStarted() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** A cell has ended: trim once the kernel has stayed idle for the delay. */
    synchronized void cellEnded() {
        cellStarted();
        try {
            pending = scheduler.schedule(action, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The kernel is shutting down: nothing to trim for.
        }
    }

    /** A full collection (the heap then shrinks to the kernelspec's MaxHeapFreeRatio), then {@link #trim()}. */
    static void collectAndTrim() {
        System.gc();   // also frees the native memory of unreachable direct buffers before the trim
        trim();
    }

    /**
     * Returns the C heap's free pages to the system now.
     *
     * @return false where the JVM has no such command (older JDKs, other VMs): nothing happens
     */
    static boolean trim() {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }
}
