package lenet5.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

    @Test
    void paddingAndResizingBothGive32x32() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(3, 1, 28, 28));
            NDArray padded = Preprocessing.pad(x, 2);
            NDArray resized = Preprocessing.resize(x, 32);
            assertEquals(new Shape(3, 1, 32, 32), padded.getShape());
            assertEquals(new Shape(3, 1, 32, 32), resized.getShape());
            // Padding adds a zero frame: 28*28 ones out of 32*32 pixels per image.
            assertEquals(3 * 28 * 28, padded.sum().getFloat(), 1e-3);
            assertEquals(0f, padded.getFloat(0, 0, 0, 0));
            assertEquals(1f, resized.getFloat(0, 0, 0, 0), 1e-5);
        }
    }

    @Test
    void statsOfATinyHandMadeSet() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Values 0, 0, 1, 1 / 0, 0.5, 0.5, 1: sum 4, mean 0.5; squared deviations sum 1.5, variance 0.1875.
            NDArray x = m.create(new float[] {0, 0, 1, 1, 0, 0.5f, 0.5f, 1}, new Shape(2, 1, 2, 2));
            PixelStats s = PixelStats.of(x);
            assertEquals(0.5, s.mean(), 1e-6);
            assertEquals(Math.sqrt(0.1875), s.std(), 1e-6);
        }
    }

    @Test
    void toInputPadsThenNormalisesAndLeavesTheRawDigitsAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray raw = m.ones(new Shape(2, 1, 28, 28));
            PixelStats stats = new PixelStats(0.25f, 0.5f);
            NDArray x = Preprocessing.toInput(raw, stats);
            assertEquals(new Shape(2, 1, 32, 32), x.getShape());
            assertEquals((0f - 0.25f) / 0.5f, x.getFloat(0, 0, 0, 0), 1e-6);   // the frame: a blank pixel
            assertEquals((1f - 0.25f) / 0.5f, x.getFloat(1, 0, 16, 16), 1e-6);  // the digit
            assertEquals(2 * 28 * 28, raw.sum().getFloat(), 1e-3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Preprocessing.toInput(m.ones(new Shape(2, 1, 32, 32)), stats));
            assertTrue(e.getMessage().contains("(N, 1, 28, 28)"), e.getMessage());
        }
    }

    @Test
    void batchesHaveTheRightShapesAndCoverEveryExampleOnce() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(10f).reshape(10, 1);
            NDArray y = m.arange(10f);
            Batches b = new Batches(x, y, 4, true, 7);
            assertEquals(3, b.batchesPerEpoch());
            float sum = 0;
            int[] sizes = new int[3];
            int i = 0;
            for (Batches.Batch batch : b.epoch(0)) {
                sizes[i++] = batch.size();
                assertEquals(batch.x().getShape().get(0), batch.y().getShape().get(0));
                sum += batch.y().sum().getFloat();
                batch.close();
            }
            assertEquals(45f, sum);
            assertEquals(4, sizes[0]);
            assertEquals(2, sizes[2]);
            org.junit.jupiter.api.Assertions.assertArrayEquals(b.order(3), new Batches(x, y, 4, true, 7).order(3));
        }
    }
}
