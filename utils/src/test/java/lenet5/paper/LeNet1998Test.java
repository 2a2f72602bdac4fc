package lenet5.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import lenet5.data.PixelStats;
import org.junit.jupiter.api.Test;

class LeNet1998Test {

    private static final Shape INPUT = new Shape(2, 1, 32, 32);

    @Test
    void parameterCountsAreThePapers() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = LeNet1998.build();
            net.initialize(m, DataType.FLOAT32, INPUT);
            List<Pair<String, Long>> counts = LeNet1998.parameterCounts(net);
            assertEquals(List.of("C1", "S2", "C3", "S4", "C5", "F6", "output"), counts.stream().map(Pair::getKey).toList());
            assertEquals(List.of(156L, 12L, 1_516L, 32L, 48_120L, 10_164L, 0L), counts.stream().map(Pair::getValue).toList());
            NDArray out = net.forward(new ParameterStore(m, false), new NDList(m.randomUniform(-0.1f, 1.175f, INPUT)), false)
                    .singletonOrThrow();
            assertEquals(new Shape(2, 10), out.getShape());
        }
    }

    @Test
    void squashingMapsPlusMinusOneToThemselves() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] y = Squashing.apply(m.create(new float[] {-1, 0, 1, 100})).toFloatArray();
            assertEquals(-1f, y[0], 1e-4);
            assertEquals(0f, y[1]);
            assertEquals(1f, y[2], 1e-4);
            assertEquals(1.7159f, y[3], 1e-5);
        }
    }

    @Test
    void inputScalingGivesBackgroundMinusPointOneAndInkOnePointOneSevenFive() {
        PixelStats s = PixelStats.LECUN_1998;
        assertEquals(-0.1f, (0 - s.mean()) / s.std(), 1e-6);
        assertEquals(1.175f, (1 - s.mean()) / s.std(), 1e-6);
    }

    @Test
    void subsamplingSumsEachWindowTimesACoefficientPlusABias() {
        try (NDManager m = NDManager.newBaseManager()) {
            Subsampling s = new Subsampling(2);
            Shape in = new Shape(1, 2, 2, 4);
            s.initialize(m, DataType.FLOAT32, in);
            s.getParameters().get("coefficient").getArray().set(new float[] {0.5f, -2f});
            s.getParameters().get("bias").getArray().set(new float[] {1f, 0f});
            NDArray x = m.arange(16f).reshape(in);
            float[] y = s.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            // map 0 windows: {0,1,4,5}=10, {2,3,6,7}=18; map 1: {8,9,12,13}=42, {10,11,14,15}=50
            assertEquals(List.of(6f, 10f, -84f, -100f), List.of(y[0], y[1], y[2], y[3]));
            assertThrows(IllegalArgumentException.class, () -> s.getOutputShapes(new Shape[] {new Shape(1, 3, 4, 4)}));
        }
    }

    @Test
    void c3OutputIgnoresTheInputsTheTableLeavesOutAndTheirKernelsGetNoGradient() {
        try (NDManager m = NDManager.newBaseManager(); Model model = Model.newInstance("c3")) {
            model.setBlock(new SparseConv2d());
            try (Trainer t = model.newTrainer(new DefaultTrainingConfig(new MapLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build()))) {
                Shape in = new Shape(1, 6, 5, 5);
                t.initialize(in);
                NDArray x = m.randomUniform(-1, 1, in);
                NDArray base = t.forward(new NDList(x)).singletonOrThrow().reshape(16);
                // S2 map 3 feeds C3 maps 1, 2, 3, 6, 7, 8, 9, 12, 14, 15 only.
                NDArray changed = x.duplicate();
                changed.set(new ai.djl.ndarray.index.NDIndex("0, 3"), 5f);
                NDArray moved = t.forward(new NDList(changed)).singletonOrThrow().reshape(16).sub(base).abs();
                float[] d = moved.toFloatArray();
                for (int o = 0; o < 16; o++) {
                    assertEquals(ConnectionTable.connected(o, 3), d[o] > 1e-6, "C3 map " + o);
                }
                try (GradientCollector gc = t.newGradientCollector()) {
                    gc.backward(t.forward(new NDList(x)).singletonOrThrow().sum());
                }
                Block c3 = model.getBlock();
                NDArray grad = c3.getParameters().get("weight").getArray().getGradient().abs().sum(new int[] {2, 3});
                float[] g = grad.toFloatArray();
                for (int o = 0; o < 16; o++) {
                    for (int i = 0; i < 6; i++) {
                        assertEquals(ConnectionTable.connected(o, i), g[o * 6 + i] > 0, "gradient of kernel " + o + "," + i);
                    }
                }
            }
        }
    }

    @Test
    void rbfOutputIsTheNegatedSquaredDistanceToEachCode() {
        try (NDManager m = NDManager.newBaseManager()) {
            RbfOutput rbf = new RbfOutput(10);
            rbf.initialize(m, DataType.FLOAT32, new Shape(1, 84));
            float[][] codes = TargetCodes.of(10);
            NDArray x = m.create(codes[3]).reshape(1, 84);
            float[] s = rbf.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            for (int c = 0; c < 10; c++) {
                assertEquals(c == 3 ? 0f : -168f, s[c], 1e-4, "class " + c);
            }
            assertTrue(!rbf.getParameters().get("codes").requiresGradient());
        }
    }

    @Test
    void mapLossIsTheCorrectPenaltyPlusTheLogTerm() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] penalties = {2f, 0.5f, 7f};
            NDArray scores = m.create(penalties).neg().reshape(1, 3);
            float e = new MapLoss(1f).evaluate(new NDList(m.create(new int[] {1})), new NDList(scores)).getFloat();
            double expected = 0.5 + Math.log(Math.exp(-1) + Math.exp(-2) + Math.exp(-0.5) + Math.exp(-7));
            assertEquals(expected, e, 1e-5);
            // Large penalties stay finite (log-sum-exp).
            NDArray far = m.create(new float[] {-1000f, -2000f, -3000f}).reshape(1, 3);
            float big = new MapLoss(1f).evaluate(new NDList(m.create(new int[] {0})), new NDList(far)).getFloat();
            assertEquals(1000f - 1f, big, 1e-2);
        }
    }
}
