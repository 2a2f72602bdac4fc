package lenet5.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import lenet5.MnistFixture;
import org.junit.jupiter.api.Test;

class TrainingSetTest extends MnistFixture {

    // 10 batches of 100 with shifts: small, and the shifts make every epoch's batches differ.
    private static TrainingSet trainingSet() {
        InputSource x = inputs.trainX().first(1000);
        NDArray y = inputs.trainY().get("0:1000");
        return new TrainingSet(x, y, 100, 1, -0.42f, 42, Device.cpu());
    }

    /** Every batch of one pass, as flat floats, with the DJL progress each came with. */
    private static List<float[]> pass(ai.djl.training.dataset.Dataset set, int interruptAfter, List<Long> progress) {
        List<float[]> out = new ArrayList<>();
        Iterable<Batch> data;
        try {
            data = set.getData(manager);
        } catch (java.io.IOException | ai.djl.translate.TranslateException e) {
            throw new AssertionError(e);
        }
        for (Batch b : data) {
            try (b) {
                out.add(b.getData().head().toFloatArray());
                progress.add(b.getProgress());
                if (out.size() == interruptAfter) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        Thread.interrupted();
        return out;
    }

    @Test
    void anInterruptedPassResumesWithTheBatchesTheWholePassWouldHaveServed() {
        TrainingSet whole = trainingSet();
        List<Long> progress = new ArrayList<>();
        List<float[]> epoch1 = pass(whole, -1, progress);
        List<float[]> epoch2 = pass(whole, -1, new ArrayList<>());
        assertEquals(10, epoch1.size());
        assertFalse(whole.wasCut());
        assertEquals(3, whole.nextEpoch());

        TrainingSet stopped = trainingSet();
        List<Long> first = new ArrayList<>();
        List<float[]> part1 = pass(stopped, 4, first);
        assertEquals(4, part1.size(), "stops after the batch during which the interrupt came");
        assertTrue(stopped.wasCut());
        assertEquals(1, stopped.nextEpoch(), "the cut epoch is served again");
        List<Long> rest = new ArrayList<>();
        List<float[]> part2 = pass(stopped, -1, rest);
        assertFalse(stopped.wasCut());
        assertEquals(6, part2.size(), "only the batches not yet served");
        List<float[]> next = pass(stopped, -1, new ArrayList<>());

        List<float[]> joined = new ArrayList<>(part1);
        joined.addAll(part2);
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(epoch1.get(i), joined.get(i), "epoch 1, batch " + (i + 1));
            assertArrayEquals(epoch2.get(i), next.get(i), "epoch 2, batch " + (i + 1));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L), first);
        assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L), rest);
        assertEquals(progress.subList(4, 10), rest);
    }

    @Test
    void aBatchWhoseLoopNeverCameBackIsServedAgain() {
        TrainingSet set = trainingSet();
        java.util.Iterator<Batch> broken = set.getData(manager).iterator();
        float[] first;
        try (Batch b = broken.next()) {
            first = b.getData().head().toFloatArray();
        }
        // The loop ended here without asking for more, as when a step throws: the batch is not counted.
        try (Batch b = set.getData(manager).iterator().next()) {
            assertArrayEquals(first, b.getData().head().toFloatArray());
            assertEquals(1L, b.getProgress());
        }
    }

    @Test
    void anEvaluationSetServesEveryImageOnceInOrderAndIgnoresInterrupts() {
        EvaluationSet set = new EvaluationSet(inputs.validationX(), inputs.validationY(), 1000, Device.cpu());
        Thread.currentThread().interrupt();
        int n = 0;
        try {
            for (Batch b : set.getData(manager)) {
                try (b) {
                    assertArrayEquals(inputs.validationY().get(n + ":" + (n + b.getSize())).toFloatArray(),
                            b.getLabels().head().toFloatArray());
                    n += b.getSize();
                }
            }
        } finally {
            Thread.interrupted();
        }
        assertEquals(5000, n);
    }
}
