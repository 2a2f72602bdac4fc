package lenet5.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;


/**
 * The per-epoch record of a training run, kept in memory and saved as CSV or JSON.
 *
 * <p>It is filled while training runs, so an interrupted run still leaves every finished epoch
 * (and the partial one) in it.
 */
public final class TrainingHistory {

    static final String CSV_HEADER =
            "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,seconds,images_per_second,learning_rate,batches";

    private final List<EpochStats> epochs = Collections.synchronizedList(new ArrayList<>());

    /** Appends one epoch. */
    public void add(EpochStats stats) {
        epochs.add(stats);
    }

    /** Replaces the last epoch: an interrupted epoch, once finished. */
    void replaceLast(EpochStats stats) {
        synchronized (epochs) {
            epochs.set(epochs.size() - 1, stats);
        }
    }

    /** A snapshot of the epochs so far. */
    public List<EpochStats> epochs() {
        synchronized (epochs) {
            return List.copyOf(epochs);
        }
    }

    /** Number of epochs recorded. */
    public int size() {
        return epochs.size();
    }

    /** The last epoch, or null when empty. */
    public EpochStats last() {
        synchronized (epochs) {
            return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
        }
    }

    /** The last epoch with validation figures (an epoch cut by the stop button has none), or null. */
    public EpochStats lastValidated() {
        synchronized (epochs) {
            for (int i = epochs.size() - 1; i >= 0; i--) {
                if (Double.isFinite(epochs.get(i).validationAccuracy())) {
                    return epochs.get(i);
                }
            }
            return null;
        }
    }

    /** Writes the history as CSV with a header line. */
    public void saveCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (EpochStats e : epochs()) {
            sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.3f,%.1f,%.6g,%d%n", e.epoch(), e.trainLoss(),
                    e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(), e.seconds(), e.imagesPerSecond(),
                    e.learningRate(), e.batches()));
        }
        writeString(file, sb.toString());
    }

    /** Reads a history written by {@link #saveCsv}. */
    public static TrainingHistory loadCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().equals(CSV_HEADER)) {
            throw new IOException(file + " is not a training history CSV of this course version (unexpected header):"
                    + " run chapter 3 again to write it");
        }
        TrainingHistory h = new TrainingHistory();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 9) {
                throw new IOException(file + ": expected 9 fields, got " + f.length + " in '" + line + "'");
            }
            h.add(new EpochStats(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                    Double.parseDouble(f[6]), Double.parseDouble(f[7]), Integer.parseInt(f[8])));
        }
        return h;
    }

    private static void writeString(Path file, String s) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, s, StandardCharsets.UTF_8);
    }

    /**
     * The history as an HTML table (an epoch cut by the stop button shows no validation figures); learning rates with three significant digits (the paper's last
     * steps are 0.00006). The batch column shows an epoch cut by an interrupt: fewer batches.
     */
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<table><thead><tr><th>epoch</th><th>train loss</th><th>train acc</th>"
                + "<th>validation loss</th><th>validation acc</th><th>seconds</th><th>images/s</th><th>lr</th><th>batches</th></tr></thead><tbody>");
        for (EpochStats e : epochs()) {
            sb.append(String.format(Locale.ROOT,
                    "<tr><td>%d</td><td>%.4f</td><td>%.2f %%</td><td>%s</td><td>%s</td><td>%.1f</td><td>%,.0f</td><td>%.3g</td><td>%d</td></tr>",
                    e.epoch(), e.trainLoss(), 100 * e.trainAccuracy(), orDash("%.4f", e.validationLoss()),
                    orDash("%.2f %%", 100 * e.validationAccuracy()), e.seconds(), e.imagesPerSecond(), e.learningRate(),
                    e.batches()));
        }
        return sb.append("</tbody></table>").toString();
    }

    // An epoch cut by the stop button has no validation figures: a dash, not "NaN".
    private static String orDash(String format, double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "&ndash;";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format("%5s %10s %9s %10s %9s %7s %9s%n",
                "epoch", "loss", "train", "val. loss", "val.", "sec", "img/s"));
        for (EpochStats e : epochs()) {
            sb.append(String.format(Locale.ROOT, "%5d %10.4f %8.2f%% %10.4f %8.2f%% %7.1f %9.0f%n", e.epoch(), e.trainLoss(),
                    100 * e.trainAccuracy(), e.validationLoss(), 100 * e.validationAccuracy(), e.seconds(), e.imagesPerSecond())
                    .replace("NaN%", "   -").replace("NaN", "-"));
        }
        return sb.toString();
    }
}
