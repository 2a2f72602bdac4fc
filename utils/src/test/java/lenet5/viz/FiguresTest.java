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
    void intervalsAreCentredOnZeroOrOnTheValue() {
        String[] groups = {"low", "high"};
        String around0 = Figures.intervals("t", "gap", groups, new double[] {-3, 1}, new double[] {5, 2}, "gap", "chance", false)
                .asJavascript("div").replaceAll("\\s", "");
        assertTrue(around0.contains("x:[\"low\",\"low\"],y:[\"-5.0\",\"5.0\"]"), around0);
        assertTrue(around0.contains("x:[\"high\",\"high\"],y:[\"-2.0\",\"2.0\"]"), around0);
        String aroundValue = Figures.intervals("t", "gap", groups, new double[] {-3, 1}, new double[] {5, 2}, "gap", "chance", true)
                .asJavascript("div").replaceAll("\\s", "");
        assertTrue(aroundValue.contains("x:[\"low\",\"low\"],y:[\"-8.0\",\"2.0\"]"), aroundValue);
        assertTrue(aroundValue.contains("x:[\"low\",\"high\"],y:[\"-3.0\",\"1.0\"]"), aroundValue);
    }

    @Test
    void intervalsCanBeLopsided() {
        String js = Figures.intervals("t", "error", new String[] {"0"}, new double[] {0.2}, new double[] {0.06}, new double[] {0.74},
                "rate", "interval").asJavascript("div").replaceAll("\\s", "");
        assertTrue(js.contains("x:[\"0\",\"0\"],y:[\"0.06\",\"0.74\"]"), js);
    }

    @Test
    void reliabilityDiagramMarksItsPointsOnAxesFrom0To100WithAMargin() {
        String js = Figures.reliability("t", new double[] {45, 99}, new double[] {31, 100}).asJavascript("div").replaceAll("\\s", "");
        assertTrue(js.contains("mode:'lines+markers'"), js);
        assertTrue(js.split("range:\\[\"-2\",\"102\"\\]", -1).length - 1 == 2, js);
        assertTrue(js.contains("x:[\"0.0\",\"100.0\"],y:[\"0.0\",\"100.0\"]"), js);
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

    @Test
    void pairedDifferencesDrawEachSeedTheIntervalAndZero(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("runs.csv"), "variant,seed,epochs,validation_correct,validation_images,seconds\n"
                + "recipe,1,5,4950,5000,1\nrecipe,2,5,4960,5000,1\nrecipe,3,5,4955,5000,1\n"
                + "slower,1,5,4940,5000,1\nslower,2,5,4950,5000,1\nslower,3,5,4945,5000,1\n");
        var comparison = lenet5.train.SeedComparison.load(dir.resolve("runs.csv"), "recipe");
        String js = Figures.pairedDifferences("t", comparison).asJavascript("div").replaceAll("\\s", "");
        assertTrue(js.contains("name:'oneseed'"), js);
        // Three seeds, each 10 images of 5,000 worse: -0.2 points three times, an interval of width 0 around -0.2.
        String seeds = js.substring(js.lastIndexOf("{x:", js.indexOf("name:'oneseed'")), js.indexOf("name:'oneseed'"));
        assertTrue(seeds.contains("\"slower\",\"slower\",\"slower\""), seeds);
        var y = java.util.regex.Pattern.compile("\"(-?[0-9.E-]+)\"").matcher(seeds.substring(seeds.indexOf("y:")));
        int n = 0;
        while (y.find()) {
            org.junit.jupiter.api.Assertions.assertEquals(-0.2, Double.parseDouble(y.group(1)), 1e-9, seeds);
            n++;
        }
        org.junit.jupiter.api.Assertions.assertEquals(3, n, seeds);
        assertTrue(js.contains("zeroline:true") && js.contains("name:'95%interval'") && js.contains("name:'mean'"), js);
    }

    @Test
    void barsKeepTheirCategoriesInOrder() {
        String js = Figures.bars("t", "value", "%", new String[] {"0", "0 to 0.5", "1"}, new double[] {81, 13, 6})
                .asJavascript("div").replaceAll("\\s", "");
        assertTrue(js.contains("x:[\"0\",\"0to0.5\",\"1\"]") && js.contains("type:'category'"), js);
    }
}
