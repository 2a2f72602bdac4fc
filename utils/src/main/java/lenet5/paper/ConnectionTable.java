package lenet5.paper;

/**
 * Table I of the paper: which of S2's 6 feature maps feed each of C3's 16.
 *
 * <p>The first six C3 maps see 3 neighbouring S2 maps, the next six see 4 neighbouring ones,
 * three see 4 maps that are not all neighbours, and the last sees all six: 60 connections
 * instead of 96. The paper gives two reasons: fewer connections, and broken symmetry, since
 * maps that see different inputs are pushed to learn different, complementary features.
 */
public final class ConnectionTable {

    /** Rows are S2 maps 0-5, columns C3 maps 0-15; X marks a connection (the paper's layout). */
    private static final String[] TABLE = {
        "X   XXX  XXXX XX",
        "XX   XXX  XXXX X",
        "XXX   XXX  X XXX",
        " XXX  XXXX  X XX",
        "  XXX  XXXX XX X",
        "   XXX  XXXX XXX",
    };

    /** Number of S2 maps (the table's rows). */
    public static final int INPUTS = 6;
    /** Number of C3 maps (the table's columns). */
    public static final int OUTPUTS = 16;

    private ConnectionTable() {
    }

    /** True when C3 map {@code output} takes S2 map {@code input} as input. */
    public static boolean connected(int output, int input) {
        return TABLE[input].charAt(output) == 'X';
    }

    /** How many S2 maps feed C3 map {@code output}. */
    public static int inputsOf(int output) {
        int n = 0;
        for (int i = 0; i < INPUTS; i++) {
            n += connected(output, i) ? 1 : 0;
        }
        return n;
    }

    /** Number of connections in the table (60). */
    public static int connections() {
        int n = 0;
        for (int o = 0; o < OUTPUTS; o++) {
            n += inputsOf(o);
        }
        return n;
    }

    /** The table as a (16, 6) mask of ones and zeros, in the layout of a convolution's weight. */
    public static float[] mask() {
        float[] m = new float[OUTPUTS * INPUTS];
        for (int o = 0; o < OUTPUTS; o++) {
            for (int i = 0; i < INPUTS; i++) {
                m[o * INPUTS + i] = connected(o, i) ? 1f : 0f;
            }
        }
        return m;
    }

    /** The table as the paper prints it, S2 maps down, C3 maps across. */
    public static String text() {
        StringBuilder sb = new StringBuilder("S2\\C3");
        for (int o = 0; o < OUTPUTS; o++) {
            sb.append(String.format("%3d", o));
        }
        for (int i = 0; i < INPUTS; i++) {
            sb.append(String.format("%n%5d", i));
            for (int o = 0; o < OUTPUTS; o++) {
                sb.append(connected(o, i) ? "  X" : "  .");
            }
        }
        return sb.toString();
    }
}
