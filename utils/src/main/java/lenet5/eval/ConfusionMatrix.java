package lenet5.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    /** Share of each class's images that are misclassified, in percent. */
    public double[] perClassErrorPercent() {
        double[] e = new double[classes()];
        for (int c = 0; c < e.length; c++) {
            e[c] = 100 * (1 - recall(c));
        }
        return e;
    }

    /** One kind of mistake: {@code count} images of digit {@code truth} predicted as {@code predicted}. */
    public record Confusion(int truth, int predicted, long count) {
        @Override
        public String toString() {
            return String.format("%d taken for %d (%d)", truth, predicted, count);
        }
    }

    /** The {@code k} most frequent mistakes, most frequent first (ties by true, then predicted class). */
    public List<Confusion> mostConfused(int k) {
        List<Confusion> all = new ArrayList<>();
        for (int t = 0; t < classes(); t++) {
            for (int p = 0; p < classes(); p++) {
                if (t != p && counts[t][p] > 0) {
                    all.add(new Confusion(t, p, counts[t][p]));
                }
            }
        }
        all.sort(Comparator.comparingLong(Confusion::count).reversed()
                .thenComparingInt(Confusion::truth).thenComparingInt(Confusion::predicted));
        return all.subList(0, Math.min(k, all.size()));
    }

    /**
     * Per-class table: images, the ones missed, precision, recall, F1. (A per-class "accuracy"
     * would be recall again: the share of the digit's images classified right.)
     */
    public String reportHtml() {
        StringBuilder sb = new StringBuilder("<table><thead><tr><th>digit</th><th>images</th><th>missed</th>"
                + "<th>precision</th><th>recall</th><th>F1</th></tr></thead><tbody>");
        for (int c = 0; c < classes(); c++) {
            sb.append(String.format(Locale.ROOT,
                    "<tr><td>%d</td><td>%d</td><td>%d</td><td>%.4f</td><td>%.4f</td><td>%.4f</td></tr>",
                    c, rowSum(c), rowSum(c) - counts[c][c], precision(c), recall(c), f1(c)));
        }
        return sb.append("</tbody></table>").toString();
    }

    /**
     * The counts as an HTML table: rows are true digits, columns predicted ones. The mistakes are
     * shaded by their count on a scale of their own, so that they are not drowned by the diagonal
     * (in grey, the correct predictions); a mistake that never happens shows as a dot.
     */
    public String countsHtml() {
        long worst = 1;
        for (int t = 0; t < classes(); t++) {
            for (int p = 0; p < classes(); p++) {
                if (t != p) {
                    worst = Math.max(worst, counts[t][p]);
                }
            }
        }
        String cell = "padding:3px 8px;text-align:right;border:1px solid #eee;";
        StringBuilder sb = new StringBuilder("<table style=\"border-collapse:collapse\"><thead>")
                .append("<tr><th></th><th colspan=\"").append(classes()).append("\">predicted digit &rarr;</th></tr>")
                .append("<tr><th>true digit &darr;</th>");
        for (int p = 0; p < classes(); p++) {
            sb.append("<th style=\"").append(cell).append("\">").append(p).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int t = 0; t < classes(); t++) {
            sb.append("<tr><th style=\"").append(cell).append("\">").append(t).append("</th>");
            for (int p = 0; p < classes(); p++) {
                long n = counts[t][p];
                if (t == p) {
                    sb.append("<td style=\"").append(cell).append("background:#e0e0e0;color:#555\">").append(n).append("</td>");
                } else if (n == 0) {
                    sb.append("<td style=\"").append(cell).append("color:#bbb\">&middot;</td>");
                } else {
                    double alpha = 0.15 + 0.85 * n / worst;
                    sb.append("<td style=\"").append(cell).append(String.format(Locale.ROOT,
                            "background:rgba(211,47,47,%.2f);color:%s;font-weight:bold\">", alpha, alpha > 0.6 ? "white" : "black"))
                            .append(n).append("</td>");
                }
            }
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }
}
