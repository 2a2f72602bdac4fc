package lenet5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdleTrimTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger trims = new AtomicInteger();
    private final IdleTrim idle = new IdleTrim(scheduler, 200, trims::incrementAndGet);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void trimsOnceTheKernelHasStayedIdle() throws InterruptedException {
        idle.cellStarted();
        idle.cellEnded();
        Thread.sleep(600);
        assertEquals(1, trims.get());
    }

    @Test
    void aCellBegunWithinTheDelayPostponesTheTrim() throws InterruptedException {
        for (int cell = 0; cell < 5; cell++) {
            idle.cellStarted();
            idle.cellEnded();
            Thread.sleep(50);
        }
        idle.cellStarted();
        Thread.sleep(400);
        assertEquals(0, trims.get(), "trimmed while cells ran in a row");
        idle.cellEnded();
        Thread.sleep(600);
        assertEquals(1, trims.get());
    }

    @Test
    void thisJdkHasTheTrimCommand() {
        Runtime.Version v = Runtime.version();
        // System.trim_native_heap came with 17.0.9 (and 21).
        boolean expected = v.feature() > 17 || v.update() >= 9;
        assertEquals(expected, IdleTrim.trim(), "JDK " + v);
    }
}
