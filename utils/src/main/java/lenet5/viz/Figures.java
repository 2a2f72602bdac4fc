package lenet5.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import lenet5.train.EpochStats;
import lenet5.train.SeedComparison;
import lenet5.train.TrainingHistory;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Grid;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;

/**
 * The course's charts as tablesaw-jsplot figures; {@link Charts#show} puts them on screen.
 */
public final class Figures {

    private static final String[] DIGITS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

    private Figures() {
    }

    /** A bar per class. */
    public static Figure classBars(String title, String yTitle, double[] values) {
        BarTrace bars = BarTrace.builder(DIGITS, values).name(yTitle).build();
        // Categories, not numbers: plotly would read "0".."9" as a number axis and label every other digit.
        return new Figure(layout(title, Axis.builder().title("digit").type(Axis.Type.CATEGORY).build(), yTitle), bars);
    }

    /** A bar per named category, in the order given. */
    public static Figure bars(String title, String xTitle, String yTitle, String[] categories, double[] values) {
        BarTrace bars = BarTrace.builder(categories, values).name(yTitle).build();
        return new Figure(layout(title, Axis.builder().title(xTitle).type(Axis.Type.CATEGORY).build(), yTitle), bars);
    }

    /** One line through the points (x[i], y[i]). */
    public static Figure line(String title, String xTitle, String yTitle, double[] x, double[] y) {
        ScatterTrace trace = ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).name(yTitle).build();
        return new Figure(layout(title, xTitle, yTitle), trace);
    }

    /** Several named lines over the same x, in the order given, with a legend. */
    public static Figure lines(String title, String xTitle, String yTitle, double[] x, Map<String, double[]> named) {
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<String, double[]> e : named.entrySet()) {
            traces.add(ScatterTrace.builder(x, e.getValue()).mode(ScatterTrace.Mode.LINE).name(e.getKey()).showLegend(true).build());
        }
        return new Figure(layout(title, xTitle, yTitle), traces.toArray(new Trace[0]));
    }

    /**
     * Each variant's seed-by-seed differences from the baseline (dots, "one seed"), its mean difference
     * with the 95 % interval (a vertical bar through a diamond); plotly's zero line marks no difference,
     * and a bar that crosses it is a "cannot tell".
     */
    public static Figure pairedDifferences(String title, SeedComparison comparison) {
        Map<String, double[]> perSeed = comparison.pairedDifferences();
        List<String> seedX = new ArrayList<>();
        List<Double> seedY = new ArrayList<>();
        perSeed.forEach((variant, d) -> {
            for (double v : d) {
                seedX.add(variant);
                seedY.add(v);
            }
        });
        List<Trace> traces = new ArrayList<>();
        boolean first = true;
        for (SeedComparison.Summary s : comparison.summaries()) {
            if (!perSeed.containsKey(s.variant()) || s.pairs() < 2) {
                continue;
            }
            traces.add(categoryTrace(List.of(s.variant(), s.variant()), List.of(s.difference() - s.halfWidth(), s.difference() + s.halfWidth()),
                    ScatterTrace.Mode.LINE, "95 % interval").showLegend(first).legendGroup("interval")
                    .line(Line.builder().color("rgba(255,127,14,0.6)").width(8).build()).build());
            first = false;
        }
        List<String> meanX = new ArrayList<>();
        List<Double> meanY = new ArrayList<>();
        for (SeedComparison.Summary s : comparison.summaries()) {
            if (perSeed.containsKey(s.variant())) {
                meanX.add(s.variant());
                meanY.add(s.difference());
            }
        }
        traces.add(categoryTrace(meanX, meanY, ScatterTrace.Mode.MARKERS, "mean")
                .marker(Marker.builder().size(11).color("#d62728").symbol(tech.tablesaw.plotly.components.Symbol.DIAMOND).build()).build());
        traces.add(categoryTrace(seedX, seedY, ScatterTrace.Mode.MARKERS, "one seed")
                .marker(Marker.builder().size(6).color("#1f77b4").build()).build());
        Layout layout = Layout.builder().title(title).height(420).width(760)
                .xAxis(Axis.builder().type(Axis.Type.CATEGORY).build())
                .yAxis(Axis.builder().title("variant minus " + comparison.baseline() + ", points").showZeroLine(true).zeroLineWidth(2).build())
                .build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /**
     * One value per category (a dot) with a symmetric interval around 0 or around the value (an orange
     * bar from value - halfWidth to value + halfWidth when {@code aroundValue}, else from -halfWidth to
     * +halfWidth), and plotly's zero line: for gaps that should be 0, the bar shows what chance allows.
     */
    public static Figure intervals(String title, String yTitle, String[] categories, double[] values, double[] halfWidths,
                                   String valueName, String intervalName, boolean aroundValue) {
        double[] low = new double[categories.length];
        double[] high = new double[categories.length];
        for (int i = 0; i < categories.length; i++) {
            double centre = aroundValue ? values[i] : 0;
            low[i] = centre - halfWidths[i];
            high[i] = centre + halfWidths[i];
        }
        return intervals(title, yTitle, categories, values, low, high, valueName, intervalName);
    }

    /**
     * One value per category (a dot) with its interval from {@code low[i]} to {@code high[i]} (an orange bar,
     * not necessarily centred on the value), and plotly's zero line.
     */
    public static Figure intervals(String title, String yTitle, String[] categories, double[] values, double[] low, double[] high,
                                   String valueName, String intervalName) {
        List<Trace> traces = new ArrayList<>();
        for (int i = 0; i < categories.length; i++) {
            traces.add(categoryTrace(List.of(categories[i], categories[i]), List.of(low[i], high[i]),
                    ScatterTrace.Mode.LINE, intervalName).showLegend(i == 0).legendGroup("interval")
                    .line(Line.builder().color("rgba(255,127,14,0.6)").width(10).build()).build());
        }
        List<Double> y = new ArrayList<>();
        for (double v : values) {
            y.add(v);
        }
        traces.add(categoryTrace(List.of(categories), y, ScatterTrace.Mode.MARKERS, valueName)
                .marker(Marker.builder().size(10).color("#1f77b4").build()).build());
        Layout layout = Layout.builder().title(title).height(400).width(700)
                .xAxis(Axis.builder().type(Axis.Type.CATEGORY).build())
                .yAxis(Axis.builder().title(yTitle).showZeroLine(true).zeroLineWidth(2).build())
                .build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /**
     * A reliability diagram on axes from 0 to 100 (percent): each group's point (mean probability,
     * share right) as a marker, the markers joined by straight lines in the order given, and the diagonal
     * of perfect calibration from (0, 0) to (100, 100).
     */
    public static Figure reliability(String title, double[] meanPercent, double[] shareRightPercent) {
        ScatterTrace model = ScatterTrace.builder(meanPercent, shareRightPercent).mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                .marker(Marker.builder().size(9).build()).name("this model: share right").showLegend(true).build();
        ScatterTrace diagonal = ScatterTrace.builder(new double[] {0, 100}, new double[] {0, 100}).mode(ScatterTrace.Mode.LINE)
                .line(Line.builder().color("grey").dash(Line.Dash.DASH).build())
                .name("perfect calibration (the diagonal)").showLegend(true).build();
        // From 0 to 100, with a margin of 2 so that the markers at 100 are not cut in half by the frame.
        Layout layout = Layout.builder().title(title).height(560).width(800)
                .xAxis(Axis.builder().title("mean top-1 probability of the group, %").range(-2, 102).build())
                .yAxis(Axis.builder().title("share right, %").range(-2, 102).build())
                .build();
        return new Figure(layout, model, diagonal);
    }

    private static ScatterTrace.ScatterBuilder categoryTrace(List<String> x, List<Double> y, ScatterTrace.Mode mode, String name) {
        return ScatterTrace.builder(StringColumn.create("x", x), DoubleColumn.create("y", y)).mode(mode).name(name);
    }

    /**
     * Loss (top) and accuracy (bottom) per epoch, each on its own axis, for the training batches and
     * the validation images. The training figures are averages over an epoch while the parameters
     * changed; the validation figures are measured once, after the epoch.
     */
    public static Figure history(String title, TrainingHistory history) {
        List<EpochStats> e = history.epochs();
        double[] x = new double[e.size()];
        double[] trainLoss = new double[e.size()];
        double[] validationLoss = new double[e.size()];
        double[] train = new double[e.size()];
        double[] validation = new double[e.size()];
        for (int i = 0; i < e.size(); i++) {
            x[i] = e.get(i).epoch();
            trainLoss[i] = e.get(i).trainLoss();
            validationLoss[i] = e.get(i).validationLoss();
            train[i] = 100 * e.get(i).trainAccuracy();
            validation[i] = 100 * e.get(i).validationAccuracy();
        }
        List<Trace> traces = new ArrayList<>();
        traces.add(line(x, trainLoss, "train loss", "y", TRAIN_COLOUR));
        traces.add(line(x, validationLoss, "validation loss", "y", VALIDATION_COLOUR));
        traces.add(line(x, train, "train accuracy %", "y2", TRAIN_COLOUR));
        traces.add(line(x, validation, "validation accuracy %", "y2", VALIDATION_COLOUR));
        // Two panels sharing the epoch axis: plotly's "coupled" grid gives each row its own y axis.
        Layout layout = Layout.builder()
                .title(title)
                .height(520).width(760)
                .grid(Grid.builder().rows(2).columns(1).pattern(Grid.Pattern.COUPLED).xGap(0.1).yGap(0.25).build())
                .xAxis(Axis.builder().title("epoch").build())
                .yAxis(Axis.builder().title("loss").build())
                .yAxis2(Axis.builder().title("accuracy %").build())
                .build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    private static final String TRAIN_COLOUR = "#1f77b4";
    private static final String VALIDATION_COLOUR = "#ff7f0e";

    // Points without a value (the validation of an epoch cut by the stop button) are left out.
    private static Trace line(double[] allX, double[] allY, String name, String yAxis, String colour) {
        int n = (int) java.util.Arrays.stream(allY).filter(Double::isFinite).count();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0, k = 0; i < allY.length; i++) {
            if (Double.isFinite(allY[i])) {
                x[k] = allX[i];
                y[k++] = allY[i];
            }
        }
        return ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(name).yAxis(yAxis)
                .line(Line.builder().color(colour).build())
                .marker(Marker.builder().color(colour).build())
                .build();
    }

    /**
     * Points in 2-D, one trace (colour) per class, and each class's mean point drawn as its digit
     * (plotly's dark text) on a white disc ringed in black (the trace "class means").
     */
    public static Figure scatterByClass(String title, double[][] xy, int[] labels) {
        List<Trace> traces = new ArrayList<>();
        List<double[]> means = new ArrayList<>();   // {x, y, class} of each class present
        for (int c = 0; c < DIGITS.length; c++) {
            int n = 0;
            for (int l : labels) {
                n += l == c ? 1 : 0;
            }
            double[] x = new double[n];
            double[] y = new double[n];
            int k = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    x[k] = xy[i][0];
                    y[k++] = xy[i][1];
                }
            }
            traces.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.MARKERS).name(DIGITS[c])
                    .marker(Marker.builder().size(4).build()).build());
            if (n > 0) {
                means.add(new double[] {java.util.Arrays.stream(x).average().getAsDouble(), java.util.Arrays.stream(y).average().getAsDouble(), c});
            }
        }
        traces.add(ScatterTrace.builder(means.stream().mapToDouble(m -> m[0]).toArray(), means.stream().mapToDouble(m -> m[1]).toArray())
                .mode(ScatterTrace.Mode.TEXT_AND_MARKERS).name("class means")
                .text(means.stream().map(m -> DIGITS[(int) m[2]]).toArray(String[]::new))
                .marker(Marker.builder().size(20).color("white").line(Line.builder().color("black").width(2).build()).build()).build());
        Layout layout = Layout.builder().title(title).height(520).width(620)
                .xAxis(Axis.builder().title("component 1").build())
                .yAxis(Axis.builder().title("component 2").build())
                .build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    private static Layout layout(String title, String xTitle, String yTitle) {
        return layout(title, Axis.builder().title(xTitle).build(), yTitle);
    }

    private static Layout layout(String title, Axis xAxis, String yTitle) {
        return Layout.builder().title(title).height(380).width(640)
                .xAxis(xAxis)
                .yAxis(Axis.builder().title(yTitle).build())
                .build();
    }
}
