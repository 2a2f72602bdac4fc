package lenet5.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

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
    void theReportHasNoColumnThatRepeatsAnother() {
        String html = cm.reportHtml();
        assertTrue(html.contains("<th>missed</th>"), html);
        assertTrue(!html.contains("accuracy"), "per-class accuracy is recall again: " + html);
        // class 2: 4 images, 1 missed, precision = recall = F1 = 0.75
        assertTrue(html.contains("<tr><td>2</td><td>4</td><td>1</td><td>0.7500</td><td>0.7500</td><td>0.7500</td></tr>"), html);
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
        assertEquals(0.75, cm.recall(2), 1e-12);
        assertEquals(25.0, cm.perClassErrorPercent()[2], 1e-12);
    }

    @Test
    void mostConfusedPairsAndTheTableShadesOnlyMistakes() {
        ConfusionMatrix m = ConfusionMatrix.of(
                new int[] {4, 4, 4, 9, 9, 7, 7, 2, 1}, new int[] {9, 9, 4, 4, 9, 2, 7, 7, 1}, 10);
        assertEquals(List.of(new ConfusionMatrix.Confusion(4, 9, 2), new ConfusionMatrix.Confusion(2, 7, 1),
                new ConfusionMatrix.Confusion(7, 2, 1)), m.mostConfused(3));
        assertEquals("4 taken for 9 (2)", m.mostConfused(1).get(0).toString());
        assertEquals(4, m.mostConfused(10).size());
        String html = m.countsHtml();
        // The worst mistake gets the darkest shade; correct predictions are grey, absent mistakes dots.
        assertTrue(html.contains("rgba(211,47,47,1.00);color:white;font-weight:bold\">2</td>"), html);
        assertTrue(html.contains("background:#e0e0e0;color:#555\">1</td>"), html);
        assertTrue(html.contains("&middot;"));
        assertTrue(html.contains("predicted digit") && html.contains("true digit"));
    }

    @Test
    void pcaFindsTheLongAxis() {
        double[][] pts = {{-2, 0.1}, {-1, -0.1}, {0, 0.05}, {1, -0.05}, {2, 0}};
        double[][] p = Pca.of(pts, 1).points();
        assertEquals(Math.sqrt(4 + 0.01), Math.abs(p[0][0]), 0.05);
    }
}
