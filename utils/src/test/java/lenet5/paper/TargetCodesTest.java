package lenet5.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TargetCodesTest {

    @Test
    void paleyMatrixIsHadamard() {
        int[][] h = TargetCodes.hadamard();
        for (int i = 0; i < 84; i++) {
            for (int k = 0; k < 84; k++) {
                int dot = 0;
                for (int j = 0; j < 84; j++) {
                    assertEquals(1, Math.abs(h[i][j]));
                    dot += h[i][j] * h[k][j];
                }
                assertEquals(i == k ? 84 : 0, dot, "rows " + i + " and " + k);
            }
        }
    }

    @Test
    void everyPairOfDigitCodesIsEquallyFarApart() {
        float[][] codes = TargetCodes.of(10);
        for (int a = 0; a < 10; a++) {
            for (int b = a + 1; b < 10; b++) {
                float d = 0;
                for (int j = 0; j < 84; j++) {
                    d += (codes[a][j] - codes[b][j]) * (codes[a][j] - codes[b][j]);
                }
                assertEquals(168f, d);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> TargetCodes.of(84));
    }
}
