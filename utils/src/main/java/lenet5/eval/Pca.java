package lenet5.eval;

import java.util.Random;

/**
 * Principal component analysis by power iteration: enough for a 2-D picture of a few hundred
 * points in tens of dimensions, with no linear-algebra library.
 */
public final class Pca {

    private Pca() {
    }

    /**
     * The projection and how much of the data's variance each component carries.
     *
     * @param points {@code n x k}: each point's coordinates along the first {@code k} components
     * @param explained per component, its variance as a share of the total (all {@code d} features)
     */
    public record Result(double[][] points, double[] explained) {
    }

    /** Projects the rows of {@code x} onto their first {@code k} principal components, with the variance each explains. */
    public static Result of(double[][] x, int k) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                double da = row[a] - mean[a];
                for (int b = 0; b < d; b++) {
                    cov[a][b] += da * (row[b] - mean[b]) / n;
                }
            }
        }
        double total = 0;
        for (int a = 0; a < d; a++) {
            total += cov[a][a];
        }
        double[] explained = new double[k];
        double[][] components = new double[k][];
        Random rnd = new Random(0);
        for (int c = 0; c < k; c++) {
            double[] v = new double[d];
            for (int j = 0; j < d; j++) {
                v[j] = rnd.nextGaussian();
            }
            double lambda = 0;
            for (int it = 0; it < 500; it++) {
                double[] w = multiply(cov, v);
                lambda = norm(w);
                if (lambda == 0) {
                    break;
                }
                for (int j = 0; j < d; j++) {
                    w[j] /= lambda;
                }
                v = w;
            }
            components[c] = v;
            explained[c] = total == 0 ? 0 : lambda / total;
            // Deflate: remove this component so the next iteration finds the next one.
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] -= lambda * v[a] * v[b];
                }
            }
        }
        double[][] out = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (x[i][j] - mean[j]) * components[c][j];
                }
                out[i][c] = s;
            }
        }
        return new Result(out, explained);
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] r = new double[v.length];
        for (int a = 0; a < v.length; a++) {
            double s = 0;
            for (int b = 0; b < v.length; b++) {
                s += m[a][b] * v[b];
            }
            r[a] = s;
        }
        return r;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
