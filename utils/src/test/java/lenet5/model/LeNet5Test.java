package lenet5.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import ai.djl.ndarray.types.Shape;
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
    }

    @Test
    void receptiveFields() {
        List<Integer> rf = ReceptiveField.of(LeNet5.layers(LeNet5.Variant.CLASSIC), 32);
        assertEquals(List.of(5, 5, 6, 14, 14, 16, 32, 32, 32, 32, 32, 32), rf);
    }
}
