package lenet5.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import org.junit.jupiter.api.Test;

class LeNet5Test {

    @Test
    void classicHas61706ParametersAndTheseShapes() {
        ModelSummary s = ModelSummary.of(LeNet5.Variant.CLASSIC);
        assertEquals(61_706, s.totalParameters());
        assertEquals(new Shape(1, 6, 28, 28), s.rows().get(0).outputShape());
        assertEquals(new Shape(1, 16, 5, 5), s.rows().get(5).outputShape());
        assertEquals(new Shape(1, 120, 1, 1), s.rows().get(6).outputShape());
        assertEquals(new Shape(1, 10), s.outputShape());
        assertEquals(48_120, s.rows().get(6).parameters());
    }

    @Test
    void modernHasTheSameCountAndCompactHas44426() {
        assertEquals(61_706, ModelSummary.of(LeNet5.Variant.MODERN).totalParameters());
        ModelSummary c = ModelSummary.of(LeNet5.Variant.COMPACT_28);
        assertEquals(44_426, c.totalParameters());
        assertEquals(new Shape(1, 256), c.rows().get(6).outputShape());
        // Only the input size differs from the classic: tanh and average pooling, as tutorial 004.
        List<String> names = c.rows().stream().map(ModelSummary.Row::name).toList();
        assertTrue(names.stream().anyMatch(n -> n.endsWith("tanh")), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.endsWith("relu")), names.toString());
    }

    @Test
    void structureNamesEveryLayerItsOutputShapeAndParameterShapes() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape input = new Shape(1, 1, 32, 32);
            SequentialBlock net = LeNet5.classic();
            net.initialize(m, DataType.FLOAT32, input);
            List<String> lines = ModelSummary.structure(net, input);
            assertEquals(12, lines.size());
            assertEquals("Conv2d -> (1, 6, 28, 28) weight(6, 1, 5, 5) bias(6)", lines.get(0));
            assertEquals("avgPool2d -> (1, 6, 14, 14)", lines.get(2));
            assertEquals("Conv2d -> (1, 120, 1, 1) weight(120, 16, 5, 5) bias(120)", lines.get(6));

            // One changed layer changes the structure.
            SequentialBlock other = LeNet5.build(LeNet5.Variant.MODERN);
            other.initialize(m, DataType.FLOAT32, input);
            List<String> modern = ModelSummary.structure(other, input);
            assertEquals(lines.get(0), modern.get(0));
            assertNotEquals(lines, modern);
        }
    }

    @Test
    void receptiveFields() {
        List<Integer> rf = ReceptiveField.of(LeNet5.layers(LeNet5.Variant.CLASSIC), 32);
        assertEquals(List.of(5, 5, 6, 14, 14, 16, 32, 32, 32, 32, 32, 32), rf);
    }

    @Test
    void aFlattenKeepsTheFieldAndTheFullyConnectedLayerAfterItSeesEverything() {
        List<LeNet5.Layer> layers = LeNet5.layers(LeNet5.Variant.COMPACT_28);
        List<Integer> rf = ReceptiveField.of(layers, 28);
        int flatten = layers.stream().map(LeNet5.Layer::kind).toList().indexOf(LeNet5.Kind.FLATTEN);
        assertEquals(16, rf.get(flatten - 1), "S4");
        assertEquals(16, rf.get(flatten), "flatten widens nothing");
        assertEquals(28, rf.get(flatten + 1), "the first fully connected layer");
    }
}
