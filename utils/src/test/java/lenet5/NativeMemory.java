package lenet5;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** What the process holds in native memory, by DJL's accounting and by the kernel's. */
public final class NativeMemory {

    public static final long MB = 1024 * 1024;

    private NativeMemory() {
    }

    /** Bytes of every array open under DJL's root manager (a view counts as its own shape). */
    public static long arrayBytes() {
        // A base manager's parent is the engine's root manager, which every other one descends from.
        try (NDManager probe = Engine.getInstance().newBaseManager()) {
            long bytes = 0;
            for (NDArray a : probe.getParentManager().getManagedArrays()) {
                bytes += a.getShape().size() * a.getDataType().getNumOfBytes();
            }
            return bytes;
        }
    }

    /** Arrays open under DJL's root manager, and managers below it: what a leaked object would add to. */
    public static long[] counts() {
        try (NDManager probe = Engine.getInstance().newBaseManager()) {
            NDManager root = probe.getParentManager();
            // The probe itself is one manager under the root: not counted.
            return new long[] {root.getManagedArrays().size(), managersBelow(root) - 1};
        }
    }

    // BaseNDManager keeps its children in a protected map; reading it is the only way to count them.
    private static long managersBelow(NDManager manager) {
        try {
            java.lang.reflect.Field f = ai.djl.ndarray.BaseNDManager.class.getDeclaredField("resources");
            f.setAccessible(true);
            long n = 0;
            for (Object child : ((java.util.Map<?, ?>) f.get(manager)).values()) {
                if (child instanceof NDManager m) {
                    n += 1 + managersBelow(m);
                }
            }
            return n;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Resident set size of this process (VmRSS), in bytes. */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS in /proc/self/status");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
