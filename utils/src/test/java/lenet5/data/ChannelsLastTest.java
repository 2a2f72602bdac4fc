package lenet5.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.junit.jupiter.api.Test;

/** The channels-last view must not change a single result. */
class ChannelsLastTest {

    @Test
    void channelsLastViewHasTheSameShapeAndValuesAndLeavesOtherArraysAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray batch = m.randomNormal(new Shape(3, 1, 4, 5));
            NDArray view = ChannelsLast.view(batch);
            assertEquals(batch.getShape(), view.getShape());
            assertArrayEquals(batch.toFloatArray(), view.toFloatArray());
            // The same convolution on both layouts.
            NDArray w = m.randomNormal(new Shape(2, 1, 3, 3));
            assertArrayEquals(Conv2d.conv2d(batch, w).head().toFloatArray(),
                    Conv2d.conv2d(view, w).head().toFloatArray(), 1e-5f);
            NDArray rgb = m.randomNormal(new Shape(3, 3, 4, 5));
            assertSame(rgb, ChannelsLast.view(rgb));
            NDArray flat = m.randomNormal(new Shape(3, 20));
            assertSame(flat, ChannelsLast.view(flat));
        }
    }
}
