package lenet5.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import org.junit.jupiter.api.Test;

/** The paper's initialisation: every weight within 2.4/F of 0, F the unit's number of inputs, and reaching near that bound. */
class FanInUniformTest {

    @Test
    void weightsStayWithinTwoPointFourOverTheFanIn() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = new FanInUniform().initialize(m, new Shape(120, 16, 5, 5), DataType.FLOAT32);   // C5: F = 400
            float bound = 2.4f / 400;
            assertTrue(w.abs().max().getFloat() <= bound, "within 2.4/F");
            assertTrue(w.abs().max().getFloat() > 0.9f * bound, "uniform over the whole range, not narrower");
        }
    }

    @Test
    void eachC3MapHasTheBoundOfTheMapsItSees() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = LeNet1998.build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 32, 32));
            NDArray c3 = net.getChildren().get(4).getValue().getParameters().get("weight").getArray();   // (16, 6, 5, 5)
            for (int map = 0; map < 16; map++) {
                int seen = ConnectionTable.inputsOf(map);
                float largest = c3.get(map).abs().max().getFloat();
                float bound = 2.4f / (25 * seen);
                assertTrue(largest <= bound + 1e-7f && largest > 0.9f * bound, "C3 map " + map + " sees " + seen + " maps: " + largest);
            }
            assertEquals(16, c3.getShape().get(0));
        }
    }
}
