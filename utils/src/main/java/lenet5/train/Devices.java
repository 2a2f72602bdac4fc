package lenet5.train;

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
            return String.format("engine %s %s | GPUs: %d | devices: %s | training on: %s | CUDA: %s",
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
        Engine engine = Engine.getInstance();
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
     * The device {@code LENET5_DEVICE} asks for ({@code auto} when unset): every manager, model,
     * trainer and predictor the chapters make is put there, so that they all agree.
     */
    public static Device fromEnv() {
        return choose(TrainingConfig.fromEnv().device());
    }
}
