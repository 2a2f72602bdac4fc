package lenet5.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import lenet5.CourseException;
import org.junit.jupiter.api.Test;

/** The device choice on an engine that reports 0 or 1 GPUs, and the line the learner reads. */
class DevicesTest {

    /** An engine whose only answer is its GPU count: nothing else is asked by the choice. */
    private static Engine engineWith(int gpus) {
        return new Engine() {
            @Override public Engine getAlternativeEngine() { return null; }
            @Override public String getEngineName() { return "Fake"; }
            @Override public int getRank() { return 0; }
            @Override public String getVersion() { return "0"; }
            @Override public boolean hasCapability(String capability) { return false; }
            @Override public Model newModel(String name, Device device) { throw new UnsupportedOperationException(); }
            @Override public NDManager newBaseManager() { throw new UnsupportedOperationException(); }
            @Override public NDManager newBaseManager(Device device) { throw new UnsupportedOperationException(); }
            @Override public int getGpuCount() { return gpus; }
        };
    }

    @Test
    void autoTakesTheGpuOnlyWhenTheEngineHasOne() {
        assertEquals(Device.cpu(), Devices.choose(Devices.Preference.AUTO, engineWith(0)));
        assertEquals(Device.gpu(), Devices.choose(Devices.Preference.AUTO, engineWith(1)));
        assertEquals(Device.cpu(), Devices.choose(Devices.Preference.CPU, engineWith(1)));
        assertEquals(Device.gpu(), Devices.choose(Devices.Preference.GPU, engineWith(1)));
    }

    @Test
    void askingForAGpuWithoutOneIsRefusedInOneLine() {
        String message = assertThrows(CourseException.class,
                () -> Devices.choose(Devices.Preference.GPU, engineWith(0))).getMessage();
        assertEquals("No GPU found: DJL sees no CUDA device on this machine. "
                + "Use LENET5_DEVICE=auto (or cpu), or see the README's GPU section.", message);
    }

    @Test
    void theLineSaysWhyAPresentGpuGoesUnused() {
        assertEquals("Device: CPU (no NVIDIA GPU found)", Devices.line(Device.cpu(), 0, false, null));
        assertEquals("Device: GPU 0", Devices.line(Device.gpu(), 1, true, null));
        assertEquals("Device: CPU (LENET5_DEVICE=cpu; unset it to train on the GPU)",
                Devices.line(Device.cpu(), 1, true, null));
        assertEquals("Device: CPU: an NVIDIA GPU is present but unused: no CUDA runtime found",
                Devices.line(Device.cpu(), 0, true, "no CUDA runtime found"));
        assertEquals("Device: CPU: an NVIDIA GPU is present but unused: DJL could not load the CUDA runtime "
                + "(libcudart.so.12); install it and run 'make setup' again", Devices.line(Device.cpu(), 0, true, " "));
    }
}
