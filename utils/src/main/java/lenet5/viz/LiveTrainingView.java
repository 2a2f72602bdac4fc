package lenet5.viz;

import java.util.Locale;

import ai.djl.training.Trainer;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import lenet5.notebook.Notebook;
import lenet5.train.EpochRecorder;
import lenet5.train.EpochStats;
import lenet5.train.TrainingHistory;

/**
 * A DJL training listener that shows training as it runs: a progress bar for the current epoch,
 * with the running loss and accuracy of DJL's evaluators, and the history's chart and table
 * redrawn after every epoch. Outside a kernel it prints one line per epoch instead.
 *
 * <p>It draws the {@link TrainingHistory} an {@link EpochRecorder} fills, so it comes after that
 * recorder (and after DJL's {@link EvaluatorTrainingListener}) in the trainer's listeners.
 */
public final class LiveTrainingView extends TrainingListenerAdapter {

    private String progressId;
    private String chartId;
    private String tableId;
    private long lastUpdate;
    private EpochStats shown;

    private final String title;
    private final TrainingHistory history;

    private LiveTrainingView(String title, TrainingHistory history) {
        this.title = title;
        this.history = history;
    }

    // The outputs appear under the cell that trains, even when the view was made in an earlier one.
    private void show() {
        if (progressId == null) {
            Charts.showPlotlyOnce();
            progressId = Notebook.liveHtml(bar(0, 0, 1, 0, 0));
            chartId = Notebook.liveHtml("<div><i>The chart appears after the first epoch.</i></div>");
            tableId = Notebook.liveHtml("<div></div>");
        }
    }

    /** A view of {@code history}; its three outputs (progress, chart, table) appear under the cell that trains. */
    public static LiveTrainingView create(TrainingHistory history) {
        return create("Training history", history);
    }

    /** The same, with a title for the chart. */
    public static LiveTrainingView create(String chartTitle, TrainingHistory history) {
        return new LiveTrainingView(chartTitle, history);
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        show();
        long now = System.nanoTime();
        int batch = (int) batchData.getBatch().getProgress();
        int total = (int) batchData.getBatch().getProgressTotal();
        // At most four redraws a second: the browser, not the training, would become the bottleneck.
        if (batch == total || now - lastUpdate > 250_000_000L) {
            lastUpdate = now;
            EpochStats last = history.last();
            boolean resumed = last != null && last.batches() < total;   // a cut epoch is being finished
            int epoch = last == null ? 1 : resumed ? last.epoch() : last.epoch() + 1;
            String stage = EvaluatorTrainingListener.TRAIN_EPOCH;
            // DJL's evaluators restart at a cut, so a resumed epoch's running figures cover the rest only.
            Notebook.updateHtml(progressId, bar(epoch + (resumed ? " (resumed)" : ""), batch, total,
                    trainer.getLoss().getAccumulator(stage), EpochRecorder.accuracy(trainer).getAccumulator(stage)));
        }
    }

    @Override
    public void onEpoch(Trainer trainer) {
        EpochStats stats = history.last();
        if (stats == null || stats == shown) {
            return; // nothing new: a pass stopped before its first batch
        }
        shown = stats;
        show();
        Notebook.updateHtml(chartId, Charts.html(Figures.history(title, history)));
        Notebook.updateHtml(tableId, history.toHtml());
        if (!Notebook.inKernel()) {
            System.out.println(String.format(Locale.ROOT, "epoch %d: loss %.4f, train %.2f %%, validation loss %.4f, validation %.2f %%, %.1f s",
                    stats.epoch(), stats.trainLoss(), 100 * stats.trainAccuracy(), stats.validationLoss(),
                    100 * stats.validationAccuracy(), stats.seconds()));
        }
    }

    static String bar(Object epoch, int batch, int total, double loss, double accuracy) {
        int pct = (int) Math.round(100.0 * batch / Math.max(1, total));
        return String.format(Locale.ROOT,
                "<div style=\"font-family:monospace\">epoch %s &nbsp; <progress value=\"%d\" max=\"%d\" style=\"width:300px\"></progress>"
                        + " %3d %% &nbsp; batch %d/%d &nbsp; loss %.4f &nbsp; accuracy %.2f %%</div>",
                epoch, batch, total, pct, batch, total, loss, 100 * accuracy);
    }
}
