package lenet5;

/**
 * Keeps DJL's start-up chatter out of notebook output.
 *
 * <p>slf4j-simple reads its levels once, when the first logger is created, so this must run
 * before DJL is touched; the course classes that start DJL call it from their static initialisers.
 * The kernelspec sets the same properties on the command line.
 */
public final class Logs {

    private Logs() {
    }

    /** Warnings and errors only; the GPU probe's warning on CPU-only machines is silenced. */
    public static void quiet() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // On a machine without a usable CUDA driver DJL warns that it cannot count GPUs; that is
        // the expected case on CPU, not a problem for the learner.
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
