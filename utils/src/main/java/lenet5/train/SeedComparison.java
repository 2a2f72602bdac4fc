package lenet5.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import lenet5.CourseException;

/**
 * Variants of a training run against a baseline, each trained with the same seeds and judged on
 * the validation images: each variant's mean and spread over seeds, and its paired difference
 * from the baseline, seed by seed, with a 95 % interval. Chapter 04 prints the recipe against its
 * variations ({@code bench/RecipeChoice.java}), chapter 07 the 1998 network against the classic
 * ({@code bench/PaperComparison.java}), each from the per-seed results file its bench writes.
 *
 * <p>Pairing matters: two runs with the same seed start from the same random state and see the
 * batches in the same order, so their difference removes much of what the seed alone changes. A
 * variant is told apart from the baseline only when that interval excludes zero.
 */
public final class SeedComparison {

    static final String HEADER = "variant,seed,epochs,validation_correct,validation_images,seconds";

    /** One run: a variant trained with one seed, judged on the validation images after its last epoch. */
    public record Run(String variant, int seed, int epochs, int correct, int images, double seconds) {

        /** Validation accuracy in percent. */
        public double percent() {
            return 100.0 * correct / images;
        }
    }

    /**
     * One variant over its seeds.
     *
     * @param variant the variant's name
     * @param seeds how many seeds it was trained with
     * @param mean mean validation accuracy, in percent
     * @param sd sample standard deviation of the accuracy over seeds, in points
     * @param seconds mean seconds of training
     * @param difference mean of (variant - baseline), seed by seed, in points (0 for the baseline)
     * @param halfWidth half-width of the difference's 95 % interval (Student's t), in points
     * @param pairs seeds both the variant and the baseline were trained with
     */
    public record Summary(String variant, int seeds, double mean, double sd, double seconds, double difference,
                          double halfWidth, int pairs) {

        /** "better", "worse" or "cannot tell" against the baseline, from the interval. */
        public String verdict() {
            if (pairs < 2 || halfWidth == 0 && difference == 0) {
                return "-";
            }
            return difference - halfWidth > 0 ? "better" : difference + halfWidth < 0 ? "worse" : "cannot tell";
        }
    }

    // Two-sided 95 % quantiles of Student's t for 1 to 10 degrees of freedom.
    private static final double[] T95 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228};

    private final List<Run> runs;
    private final String baseline;

    private SeedComparison(List<Run> runs, String baseline) {
        this.runs = runs;
        this.baseline = baseline;
    }

    /** Reads a results file; the variant named {@code baseline} is the one the others are compared with. */
    public static SeedComparison load(Path csv, String baseline) {
        List<Run> runs = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                throw new CourseException(csv + " is not a per-seed results file of the benchmarks (header " + HEADER + ")");
            }
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                runs.add(new Run(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Double.parseDouble(f[5])));
            }
        } catch (IOException e) {
            throw new CourseException("Cannot read " + csv + ": " + e.getMessage() + " (a benchmark in bench/ writes it)", e);
        } catch (RuntimeException e) {
            if (e instanceof CourseException) {
                throw e;
            }
            throw new CourseException(csv + " is malformed (" + e.getMessage() + "): run its benchmark in bench/ again", e);
        }
        return new SeedComparison(runs, baseline);
    }

    /** The variant the others are compared with. */
    public String baseline() {
        return baseline;
    }

    /** Every run in the file. */
    public List<Run> runs() {
        return runs;
    }

    /**
     * Adds one run to a results file, replacing the line of the same variant and seed, and keeps the
     * lines sorted by variant (in {@code order}) and seed; the benchmarks call it after every run.
     */
    public static void record(Run run, Path csv, List<String> order) throws IOException {
        List<Run> runs = new ArrayList<>(Files.exists(csv) ? load(csv, run.variant()).runs() : List.of());
        runs.removeIf(r -> r.variant().equals(run.variant()) && r.seed() == run.seed());
        runs.add(run);
        runs.sort((a, b) -> a.variant().equals(b.variant()) ? Integer.compare(a.seed(), b.seed())
                : Integer.compare(order.indexOf(a.variant()), order.indexOf(b.variant())));
        save(runs, csv);
    }

    /** Writes runs as the results file, one line per run. */
    public static void save(List<Run> runs, Path csv) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Run r : runs) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%.2f%n", r.variant(), r.seed(), r.epochs(), r.correct(),
                    r.images(), r.seconds()));
        }
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Each variant other than the baseline, in the order the file lists them, with its seed-by-seed
     * differences from the baseline (variant minus baseline, in points), for the seeds both were run with.
     */
    public Map<String, double[]> pairedDifferences() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (var e : bySeed().entrySet()) {
            if (!e.getKey().equals(baseline)) {
                out.put(e.getKey(), differences(e.getValue()));
            }
        }
        return out;
    }

    private Map<String, Map<Integer, Run>> bySeed() {
        Map<String, Map<Integer, Run>> byVariant = new LinkedHashMap<>();
        byVariant.put(baseline, new TreeMap<>());
        for (Run r : runs) {
            byVariant.computeIfAbsent(r.variant(), k -> new TreeMap<>()).put(r.seed(), r);
        }
        return byVariant;
    }

    private double[] differences(Map<Integer, Run> seeds) {
        Map<Integer, Run> base = bySeed().get(baseline);
        List<Double> diffs = new ArrayList<>();
        for (var s : seeds.entrySet()) {
            Run other = base.get(s.getKey());
            if (other != null) {
                diffs.add(s.getValue().percent() - other.percent());
            }
        }
        return diffs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** One summary per variant, the baseline first, then in the order the file lists them. */
    public List<Summary> summaries() {
        List<Summary> out = new ArrayList<>();
        for (var e : bySeed().entrySet()) {
            Map<Integer, Run> seeds = e.getValue();
            if (seeds.isEmpty()) {
                continue;
            }
            double[] acc = seeds.values().stream().mapToDouble(Run::percent).toArray();
            double seconds = seeds.values().stream().mapToDouble(Run::seconds).average().orElse(Double.NaN);
            double[] d = differences(seeds);
            double half = d.length >= 2 ? T95[Math.min(d.length - 1, T95.length) - 1] * sd(d) / Math.sqrt(d.length) : 0;
            out.add(new Summary(e.getKey(), acc.length, mean(acc), sd(acc), seconds, mean(d), half, d.length));
        }
        return out;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? Double.NaN : s / x.length;
    }

    /** Sample standard deviation (n - 1). */
    static double sd(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }

    /** The table as text, one variant per line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %5s %16s %9s %22s  %s%n", "variant", "seeds",
                "validation %", "seconds", "minus the baseline", "verdict"));
        for (Summary s : summaries()) {
            sb.append(String.format(Locale.ROOT, "%-16s %5d %9.2f ± %4.2f %9.1f %+9.2f ± %4.2f points  %s%n", s.variant(), s.seeds(),
                    s.mean(), s.sd(), s.seconds(), shown(s.difference()), s.halfWidth(), s.verdict()));
        }
        return sb.toString();
    }

    // Rounded as printed, so that a difference that rounds to 0 is not shown as -0.00.
    private static double shown(double difference) {
        return Math.round(difference * 100) == 0 ? 0.0 : difference;
    }

    /** The same as an HTML table. */
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<table><thead><tr><th>variant</th><th>seeds</th><th>validation accuracy, mean ± sd</th>"
                + "<th>seconds of training</th><th>minus the " + baseline + ", seed by seed (95 % interval)</th><th>verdict</th></tr></thead><tbody>");
        for (Summary s : summaries()) {
            sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%.2f ± %.2f %%</td><td>%.1f</td><td>%s</td><td>%s</td></tr>",
                    s.variant(), s.seeds(), s.mean(), s.sd(), s.seconds(),
                    s.variant().equals(baseline) ? "&ndash;" : String.format(Locale.ROOT, "%+.2f ± %.2f points", shown(s.difference()), s.halfWidth()),
                    s.variant().equals(baseline) ? "&ndash;" : s.verdict()));
        }
        return sb.append("</tbody></table>").toString();
    }
}
