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
}
