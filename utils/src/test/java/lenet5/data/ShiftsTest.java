package lenet5.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ShiftsTest {

    @Test
    void shiftsCropEachGroupBackToTheInputSizeAtARandomOffset() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 40 framed 6x6 images whose pixel value is its column: a crop's first column tells its offset.
            float[] v = new float[40 * 36];
            for (int i = 0; i < v.length; i++) {
                v[i] = i % 6;
            }
            NDArray framed = m.create(v, new Shape(40, 1, 6, 6));
            Shifts shifts = new Shifts(1, 42);
            NDArray out = shifts.apply(framed, 1, 1);
            assertEquals(new Shape(40, 1, 4, 4), out.getShape());
            for (int i = 0; i < 40; i++) {
                float dx = out.getFloat(i, 0, 0, 0);
                assertTrue(dx >= 0 && dx <= 2, "offset " + dx);
                assertEquals(dx, out.getFloat(i / Shifts.GROUP * Shifts.GROUP, 0, 0, 0), "one offset per group");
            }
            assertArrayEquals(out.toFloatArray(), shifts.apply(framed, 1, 1).toFloatArray(), 0f);
            assertEquals(framed, new Shifts(0, 42).apply(framed, 1, 1));
        }
    }

    @Test
    void trainingSetBatchesAreShiftedCopiesOfTheImagesWithTheirLabels() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 64 images of 4x4 whose pixels all hold the image's index; labels equal the index too.
            float[] v = new float[64 * 16];
            for (int i = 0; i < v.length; i++) {
                v[i] = i / 16;
            }
            NDArray x = m.create(v, new Shape(64, 1, 4, 4));
            NDArray y = m.arange(64f);
            TrainingSet batches = new TrainingSet(InputSource.of(x), y, 16, 1, -1f, 42, Device.cpu());
            assertEquals(4, batches.batchesPerEpoch());
            int seen = 0;
            for (ai.djl.training.dataset.Batch b : batches.getData(m)) {
                try (b) {
                    assertEquals(new Shape(16, 1, 4, 4), b.getData().head().getShape());
                    float[] px = b.getData().head().toFloatArray();
                    float[] labels = b.getLabels().head().toFloatArray();
                    for (int i = 0; i < 16; i++) {
                        // Each image keeps its own pixels (or the background of the frame), and its label.
                        for (int j = 0; j < 16; j++) {
                            float p = px[i * 16 + j];
                            assertTrue(p == labels[i] || p == -1f, "image " + labels[i] + " has pixel " + p);
                        }
                    }
                    seen += b.getSize();
                }
            }
            assertEquals(64, seen);
        }
    }
}
