package lenet5.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import lenet5.CourseException;
import lenet5.Logs;

/**
 * Which engine runs the course and on which device.
 */
public final class Devices {

    static {
        Logs.quiet();
    }

    /**
     * The engine and devices found.
     *
     * @param engine engine name, e.g. PyTorch
     * @param version engine (libtorch) version
     * @param gpuCount CUDA devices DJL can use
     * @param devices every device the engine offers
     * @param chosen the device training will use with {@code device=auto}
     * @param cudaVersion CUDA runtime version, or "none"
     */
    public record Report(String engine, String version, int gpuCount, String devices, Device chosen, String cudaVersion) {

        @Override
        public String toString() {
            return String.format("engine %s %s | GPUs: %d | devices: %s | auto would pick: %s | CUDA: %s",
                    engine, version, gpuCount, devices, chosen, cudaVersion);
        }
    }

    private Devices() {
    }

    /** Starts the engine (if needed) and describes it. */
    public static Report report() {
        Engine engine = Engine.getInstance();
        int gpus = engine.getGpuCount();
        String devices = Arrays.stream(engine.getDevices()).map(Device::toString).collect(Collectors.joining(", "));
        String cuda = gpus > 0 ? String.valueOf(CudaUtils.getCudaVersionString()) : "none";
        return new Report(engine.getEngineName(), engine.getVersion(), gpus, devices, choose(Preference.AUTO), cuda);
    }

    /** Where to train: the first GPU when there is one ({@code AUTO}), or a fixed choice. */
    public enum Preference { AUTO, CPU, GPU }

    /**
     * The device for a preference: {@code AUTO} takes the first GPU if there is one, else the CPU.
     *
     * @throws CourseException for {@code GPU} on a machine where DJL finds no CUDA device
     */
    public static Device choose(Preference preference) {
        return choose(preference, Engine.getInstance());
    }

    /** {@link #choose(Preference)} on a given engine (a test gives it one with a fixed GPU count). */
    static Device choose(Preference preference, Engine engine) {
        return switch (preference) {
            case CPU -> Device.cpu();
            case GPU -> {
                if (engine.getGpuCount() == 0) {
                    throw new CourseException("No GPU found: DJL sees no CUDA device on this machine. "
                            + "Use LENET5_DEVICE=auto (or cpu), or see the README's GPU section.");
                }
                yield Device.gpu();
            }
            case AUTO -> engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        };
    }

    /**
     * The device {@code LENET5_DEVICE} asks for ({@code auto} when unset): the chapters put their
     * data, models, trainers and predictors there, so that they all agree.
     */
    public static Device fromEnv() {
        return choose(TrainingConfig.fromEnv().device());
    }

    /**
     * One line for the learner: the device {@code LENET5_DEVICE} gives and, when an NVIDIA GPU is
     * present but unused, why and what to do (setup's finding, {@code LENET5_GPU_NOTE}, when it has one).
     */
    public static String line() {
        Engine engine = Engine.getInstance();
        boolean nvidia = Files.exists(Path.of("/proc/driver/nvidia/version")) || Files.exists(Path.of("/dev/nvidia0"));
        return line(choose(TrainingConfig.fromEnv().device(), engine), engine.getGpuCount(), nvidia,
                System.getenv("LENET5_GPU_NOTE"));
    }

    static String line(Device chosen, int gpuCount, boolean nvidiaPresent, String setupNote) {
        String device = "Device: " + (chosen.isGpu() ? "GPU " + chosen.getDeviceId() : "CPU");
        if (chosen.isGpu() || !nvidiaPresent) {
            return device + (gpuCount == 0 ? " (no NVIDIA GPU found)" : "");
        }
        if (gpuCount > 0) {
            return device + " (LENET5_DEVICE=cpu; unset it to train on the GPU)";
        }
        String why = setupNote != null && !setupNote.isBlank() ? setupNote
                : "DJL could not load the CUDA runtime (libcudart.so.12); install it and run 'make setup' again";
        return device + ": an NVIDIA GPU is present but unused: " + why;
    }

    /** Starts the engine and prints what it found; setup runs it on a GPU host to fetch the CUDA libtorch. */
    public static void main(String[] args) {
        System.out.println(report());
        System.out.println(line());
    }
}
