package lenet5.paper;

/**
 * The output layer's fixed target codes: one vector of +1 and -1 per class, as long as F6.
 *
 * <p>The paper draws its codes as stylised 7x12 bitmaps of the characters, so that confusable
 * characters get similar codes, which its word recogniser exploits. For ten isolated digits
 * there is nothing to exploit, so the course takes the codes that are as far from each other as
 * possible: rows of a Hadamard matrix of order 84, built by Paley's construction from the prime
 * 83. Any two of its rows agree in exactly half of their 84 places, so every pair of codes is at
 * the same squared distance, 42 x 2² = 168, and no digit starts closer to another.
 */
public final class TargetCodes {

    /** Length of a code: F6's 84 units. */
    public static final int LENGTH = 84;

    private TargetCodes() {
    }

    /** The codes of {@code classes} classes: rows 1 to {@code classes} of the Hadamard matrix (row 0 is all ones). */
    public static float[][] of(int classes) {
        if (classes < 1 || classes >= LENGTH) {
            throw new IllegalArgumentException("between 1 and " + (LENGTH - 1) + " classes: " + classes);
        }
        int[][] h = hadamard();
        float[][] codes = new float[classes][LENGTH];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < LENGTH; j++) {
                codes[c][j] = h[c + 1][j];
            }
        }
        return codes;
    }

    /**
     * Paley's first construction for q = 83 (a prime with q mod 4 = 3): with Q the q x q matrix of
     * quadratic characters Q[i][j] = chi(j - i), H = I + [[0, 1ᵀ], [-1, Q]] is a Hadamard matrix.
     */
    static int[][] hadamard() {
        int q = LENGTH - 1;
        boolean[] square = new boolean[q];
        for (int x = 1; x < q; x++) {
            square[(x * x) % q] = true;
        }
        int[][] h = new int[LENGTH][LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            for (int j = 0; j < LENGTH; j++) {
                int s;
                if (i == 0 && j == 0) {
                    s = 0;
                } else if (i == 0) {
                    s = 1;
                } else if (j == 0) {
                    s = -1;
                } else {
                    int d = Math.floorMod((j - 1) - (i - 1), q);
                    s = d == 0 ? 0 : square[d] ? 1 : -1;
                }
                h[i][j] = s + (i == j ? 1 : 0);
            }
        }
        return h;
    }
}
