package lenet5.eval;

import java.util.Locale;

/**
 * Counts of (true class, predicted class) pairs, and the per-class measures derived from them.
 *
 * <p>Row {@code t}, column {@code p} counts the images of class {@code t} predicted as {@code p}.
 * Precision of class {@code c} is {@code M[c][c] / sum of column c}, recall is
 * {@code M[c][c] / sum of row c}, and F1 is their harmonic mean.
 */
public final class ConfusionMatrix {

    private final long[][] counts;

    private ConfusionMatrix(int classes) {
        counts = new long[classes][classes];
    }

    /** Builds the matrix from parallel arrays of true and predicted classes. */
    public static ConfusionMatrix of(int[] truth, int[] predicted, int classes) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " labels but " + predicted.length + " predictions");
        }
        ConfusionMatrix m = new ConfusionMatrix(classes);
        for (int i = 0; i < truth.length; i++) {
            m.counts[truth[i]][predicted[i]]++;
        }
        return m;
    }

    /** Number of classes. */
    public int classes() {
        return counts.length;
    }

    /** Count of class {@code truth} predicted as {@code predicted}. */
    public long count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    /** All examples. */
    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    /** Share of examples on the diagonal. */
    public double accuracy() {
        long right = 0;
        for (int c = 0; c < classes(); c++) {
            right += counts[c][c];
        }
        return right / (double) total();
    }

    private long rowSum(int r) {
        long s = 0;
        for (long c : counts[r]) {
            s += c;
        }
        return s;
    }

    private long columnSum(int col) {
        long s = 0;
        for (long[] row : counts) {
            s += row[col];
        }
        return s;
    }

    /** Recall of a class: the share of its images that were recognised (per-class accuracy). */
    public double recall(int c) {
        long n = rowSum(c);
        return n == 0 ? 0 : counts[c][c] / (double) n;
    }

    /** Precision of a class: the share of predictions of it that were right. */
    public double precision(int c) {
        long n = columnSum(c);
        return n == 0 ? 0 : counts[c][c] / (double) n;
    }

    /** Harmonic mean of precision and recall. */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Recall of every class, the "per-class accuracy". */
    public double[] perClassAccuracy() {
        double[] a = new double[classes()];
        for (int c = 0; c < a.length; c++) {
            a[c] = recall(c);
        }
        return a;
    }

    /** Row-normalised matrix in percent, for a heatmap. */
    public double[][] rowPercentages() {
        double[][] z = new double[classes()][classes()];
        for (int t = 0; t < classes(); t++) {
            long n = rowSum(t);
            for (int p = 0; p < classes(); p++) {
                z[t][p] = n == 0 ? 0 : 100.0 * counts[t][p] / n;
            }
        }
        return z;
    }

    /** Per-class table: support, accuracy, precision, recall, F1. */
    public String reportHtml() {
        StringBuilder sb = new StringBuilder("<table><thead><tr><th>digit</th><th>images</th><th>accuracy</th>"
                + "<th>precision</th><th>recall</th><th>F1</th></tr></thead><tbody>");
        for (int c = 0; c < classes(); c++) {
            sb.append(String.format(Locale.ROOT,
                    "<tr><td>%d</td><td>%d</td><td>%.2f %%</td><td>%.4f</td><td>%.4f</td><td>%.4f</td></tr>",
                    c, rowSum(c), 100 * recall(c), precision(c), recall(c), f1(c)));
        }
        return sb.append("</tbody></table>").toString();
    }

    /** The counts as an HTML table with the diagonal in bold. */
    public String countsHtml() {
        StringBuilder sb = new StringBuilder("<table><thead><tr><th>true \\ predicted</th>");
        for (int p = 0; p < classes(); p++) {
            sb.append("<th>").append(p).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int t = 0; t < classes(); t++) {
            sb.append("<tr><th>").append(t).append("</th>");
            for (int p = 0; p < classes(); p++) {
                sb.append(t == p ? "<td><b>" + counts[t][p] + "</b></td>" : "<td>" + counts[t][p] + "</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }
}
