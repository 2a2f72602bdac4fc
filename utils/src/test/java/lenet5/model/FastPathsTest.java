package lenet5.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The two speed-ups must not change a single result: same values, same gradients. */
class FastPathsTest {

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

    @Test
    void coveringConvolutionMatchesConv2dInValuesAndGradients() {
        for (Shape input : new Shape[] {new Shape(4, 16, 5, 5), new Shape(4, 16, 7, 7)}) {
            try (NDManager m = NDManager.newBaseManager()) {
                Block plain = Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(12).build();
                Block covering = new CoveringConv2d(12, 5);
                plain.initialize(m, DataType.FLOAT32, input);
                covering.initialize(m, DataType.FLOAT32, input);
                for (String p : new String[] {"weight", "bias"}) {
                    covering.getParameters().get(p).getArray().set(plain.getParameters().get(p).getArray().toFloatArray());
                }
                NDArray x = m.randomNormal(input);
                float[][] a = forwardAndGradients(plain, x);
                float[][] b = forwardAndGradients(covering, x);
                assertEquals(a[0].length, b[0].length);
                for (int i = 0; i < a.length; i++) {
                    assertArrayEquals(a[i], b[i], 1e-4f, input + " result " + i);
                }
                assertTrue(b[1].length == 12 * 16 * 25);
            }
        }
    }

    // Output, weight gradient and bias gradient of sum(block(x)^2).
    private static float[][] forwardAndGradients(Block block, NDArray x) {
        ParameterStore ps = new ParameterStore(x.getManager(), false);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = block.forward(ps, new NDList(x), true).singletonOrThrow();
            gc.backward(y.square().sum());
            return new float[][] {y.toFloatArray(),
                block.getParameters().get("weight").getArray().getGradient().toFloatArray(),
                block.getParameters().get("bias").getArray().getGradient().toFloatArray()};
        }
    }
}
