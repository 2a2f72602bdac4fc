package lenet5.viz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void classBarsLabelEveryDigit() {
        String js = Figures.classBars("t", "images", new double[10]).asJavascript("div");
        // A category axis shows a label under every bar; a number axis, plotly's default here, every other one.
        assertTrue(js.replaceAll("\\s", "").contains("type:'category'"), js);
    }

    @Test
    void severalLinesEachKeepTheirName() {
        var named = new java.util.LinkedHashMap<String, double[]>();
        named.put("one-cycle", new double[] {0.03, 0.3, 0.0003});
        named.put("constant 0.05", new double[] {0.05, 0.05, 0.05});
        String js = Figures.lines("t", "update", "rate", new double[] {1, 2, 3}, named).asJavascript("div");
        assertTrue(js.contains("one-cycle") && js.contains("constant 0.05"), js);
        assertTrue(js.indexOf("one-cycle") < js.indexOf("constant 0.05"), "in the order given");
    }

    @Test
    void pointsAreMarkedOnlyWhenAskedFor() {
        var named = new java.util.LinkedHashMap<String, double[]>();
        named.put("a", new double[] {0.5, 0.9});
        String plain = Figures.lines("t", "x", "y", new double[] {1, 2}, named).asJavascript("div");
        String marked = Figures.lines("t", "x", "y", new double[] {1, 2}, named, true).asJavascript("div");
        assertTrue(plain.contains("mode: 'lines'") || plain.replaceAll("\\s", "").contains("mode:'lines'"), plain);
        assertTrue(marked.replaceAll("\\s", "").contains("mode:'lines+markers'"), marked);
    }

    @Test
    void classMeansAreDrawnAtTheMeanOfEachClass() {
        double[][] xy = {{0, 0}, {2, 4}, {10, 10}};
        int[] labels = {3, 3, 7};
        String js = Figures.scatterByClass("t", xy, labels).asJavascript("div").replaceAll("\\s", "");
        int means = js.indexOf("name:'classmeans'");
        assertTrue(means > 0, js);
        // The last trace holds one point per class present: class 3's mean (1, 2), class 7's (10, 10), labelled 3 and 7.
        String trace = js.substring(js.lastIndexOf("{x:", means), means);
        assertTrue(trace.contains("x:[\"1.0\",\"10.0\"]") && trace.contains("y:[\"2.0\",\"10.0\"]"), trace);
        assertTrue(trace.contains("text:[\"3\",\"7\"]"), trace);
    }
}
