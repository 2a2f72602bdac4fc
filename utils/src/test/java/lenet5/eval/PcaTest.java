package lenet5.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PcaTest {

    @Test
    void explainedVarianceIsEachComponentsShareOfTheTotal() {
        // Variance 2 along x, 0.5 along y: the components are the axes, with 80 % and 20 %.
        double[][] x = {{2, 0}, {-2, 0}, {0, 1}, {0, -1}};
        Pca.Result r = Pca.of(x, 2);
        assertArrayEquals(new double[] {0.8, 0.2}, r.explained(), 1e-9);
        assertEquals(2, Math.abs(r.points()[0][0]), 1e-9);
        assertEquals(1, Math.abs(r.points()[2][1]), 1e-9);
    }

    @Test
    void oneComponentOfThreeFeaturesExplainsPartOfTheVariance() {
        double[][] x = {{3, 0, 0}, {-3, 0, 0}, {0, 2, 0}, {0, -2, 0}, {0, 0, 1}, {0, 0, -1}};
        assertArrayEquals(new double[] {9.0 / 14}, Pca.of(x, 1).explained(), 1e-9);
    }
}
