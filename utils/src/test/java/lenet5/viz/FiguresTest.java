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
}
