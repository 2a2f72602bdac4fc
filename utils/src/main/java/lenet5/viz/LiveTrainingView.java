package lenet5.viz;

import java.util.Locale;

import lenet5.notebook.Notebook;
import lenet5.train.EpochStats;
import lenet5.train.TrainingHistory;
import lenet5.train.TrainingListener;

/**
 * Shows training as it runs: a progress bar for the current epoch and a loss/accuracy chart
 * redrawn after every epoch. Outside a kernel it prints one line per epoch instead.
 */
public final class LiveTrainingView implements TrainingListener {

    private final String progressId;
    private final String chartId;
    private final String tableId;
    private long lastUpdate;

    private final String title;

    private LiveTrainingView(String title) {
        this.title = title;
        Charts.showPlotlyOnce();
        progressId = Notebook.liveHtml(bar(0, 0, 1, 0, 0));
        chartId = Notebook.liveHtml("<div><i>The chart appears after the first epoch.</i></div>");
        tableId = Notebook.liveHtml("<div></div>");
    }

    /** Creates the three outputs (progress, chart, table) under the current cell. */
    public static LiveTrainingView create() {
        return create("Training history");
    }

    /** The same, with a title for the chart. */
    public static LiveTrainingView create(String chartTitle) {
        return new LiveTrainingView(chartTitle);
    }

    @Override
    public void onBatch(int epoch, int batch, int batchesPerEpoch, double loss, double accuracy) {
        long now = System.nanoTime();
        // At most four redraws a second: the browser, not the training, would become the bottleneck.
        if (batch == batchesPerEpoch || now - lastUpdate > 250_000_000L) {
            lastUpdate = now;
            Notebook.updateHtml(progressId, bar(epoch, batch, batchesPerEpoch, loss, accuracy));
        }
    }

    @Override
    public void onEpoch(EpochStats stats, TrainingHistory history) {
        Notebook.updateHtml(chartId, Charts.html(Figures.history(title, history)));
        Notebook.updateHtml(tableId, history.toHtml());
        if (!Notebook.inKernel()) {
            System.out.println(String.format(Locale.ROOT, "epoch %d: loss %.4f, train %.2f %%, validation loss %.4f, validation %.2f %%, %.1f s",
                    stats.epoch(), stats.trainLoss(), 100 * stats.trainAccuracy(), stats.validationLoss(),
                    100 * stats.validationAccuracy(), stats.seconds()));
        }
    }

    static String bar(int epoch, int batch, int total, double loss, double accuracy) {
        int pct = (int) Math.round(100.0 * batch / Math.max(1, total));
        return String.format(Locale.ROOT,
                "<div style=\"font-family:monospace\">epoch %d &nbsp; <progress value=\"%d\" max=\"%d\" style=\"width:300px\"></progress>"
                        + " %3d %% &nbsp; batch %d/%d &nbsp; loss %.4f &nbsp; accuracy %.2f %%</div>",
                epoch, batch, total, pct, batch, total, loss, 100 * accuracy);
    }
}
