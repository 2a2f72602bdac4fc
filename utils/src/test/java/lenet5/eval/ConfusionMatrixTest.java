package lenet5.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    // Three classes. truth:     0 0 0 1 1 2 2 2 2
    //                predicted: 0 0 1 1 2 2 2 2 0
    private final ConfusionMatrix cm = ConfusionMatrix.of(
            new int[] {0, 0, 0, 1, 1, 2, 2, 2, 2}, new int[] {0, 0, 1, 1, 2, 2, 2, 2, 0}, 3);

    @Test
    void countsAndAccuracy() {
        assertEquals(2, cm.count(0, 0));
        assertEquals(1, cm.count(0, 1));
        assertEquals(1, cm.count(2, 0));
        assertEquals(9, cm.total());
        assertEquals(6 / 9.0, cm.accuracy(), 1e-12);
    }

    @Test
    void perClassMeasuresByHand() {
        // class 0: TP 2, FN 1, FP 1 -> precision 2/3, recall 2/3
        assertEquals(2 / 3.0, cm.precision(0), 1e-12);
        assertEquals(2 / 3.0, cm.recall(0), 1e-12);
        // class 1: TP 1, FN 1, FP 1 -> 1/2, 1/2
        assertEquals(0.5, cm.precision(1), 1e-12);
        assertEquals(0.5, cm.f1(1), 1e-12);
        // class 2: TP 3, FN 1, FP 1 -> precision 3/4, recall 3/4, F1 3/4
        assertEquals(0.75, cm.recall(2), 1e-12);
        assertEquals(0.75, cm.f1(2), 1e-12);
        assertEquals(0.75, cm.perClassAccuracy()[2], 1e-12);
        assertEquals(25.0, cm.rowPercentages()[2][0], 1e-12);
    }

    @Test
    void pcaFindsTheLongAxis() {
        double[][] pts = {{-2, 0.1}, {-1, -0.1}, {0, 0.05}, {1, -0.05}, {2, 0}};
        double[][] p = Pca.project(pts, 1);
        assertEquals(Math.sqrt(4 + 0.01), Math.abs(p[0][0]), 0.05);
    }
}
