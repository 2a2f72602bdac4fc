package lenet5.viz;

import java.util.ArrayList;
import java.util.List;

import lenet5.train.EpochStats;
import lenet5.train.TrainingHistory;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

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
        return new Figure(layout(title, "digit", yTitle), bars);
    }

    /** One line through the points (x[i], y[i]). */
    public static Figure line(String title, String xTitle, String yTitle, double[] x, double[] y) {
        ScatterTrace trace = ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).name(yTitle).build();
        return new Figure(layout(title, xTitle, yTitle), trace);
    }

    /** Training loss and train/test accuracy per epoch, two panels side by side. */
    public static Figure history(String title, TrainingHistory history) {
        List<EpochStats> e = history.epochs();
        double[] x = new double[e.size()];
        double[] loss = new double[e.size()];
        double[] train = new double[e.size()];
        double[] test = new double[e.size()];
        for (int i = 0; i < e.size(); i++) {
            x[i] = e.get(i).epoch();
            loss[i] = e.get(i).trainLoss();
            train[i] = 100 * e.get(i).trainAccuracy();
            test[i] = 100 * e.get(i).testAccuracy();
        }
        List<Trace> traces = new ArrayList<>();
        traces.add(ScatterTrace.builder(x, loss).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name("train loss").build());
        traces.add(ScatterTrace.builder(x, train).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name("train accuracy %")
                .yAxis("y2").build());
        traces.add(ScatterTrace.builder(x, test).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name("test accuracy %")
                .yAxis("y2").build());
        Layout layout = Layout.builder()
                .title(title)
                .height(380).width(760)
                // Leave room on the right for the accuracy axis, so the legend does not cover it.
                .xAxis(Axis.builder().title("epoch").domain(0f, 0.82f).build())
                .yAxis(Axis.builder().title("loss").build())
                .yAxis2(Axis.builder().title("accuracy %").side(Axis.Side.right).overlaying(ScatterTrace.YAxis.Y).build())
                .build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** Points in 2-D, one trace (colour) per class. */
    public static Figure scatterByClass(String title, double[][] xy, int[] labels) {
        List<Trace> traces = new ArrayList<>();
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
        }
        Layout layout = Layout.builder().title(title).height(520).width(620)
                .xAxis(Axis.builder().title("component 1").build())
                .yAxis(Axis.builder().title("component 2").build())
                .build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    private static Layout layout(String title, String xTitle, String yTitle) {
        return Layout.builder().title(title).height(380).width(640)
                .xAxis(Axis.builder().title(xTitle).build())
                .yAxis(Axis.builder().title(yTitle).build())
                .build();
    }
}
