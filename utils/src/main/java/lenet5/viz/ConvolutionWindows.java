package lenet5.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Where a convolution's filter reads: the input with its padding of zeros drawn around it, the
 * windows of three output positions outlined in colour, and the output grid with the same three
 * cells filled in those colours. Drawn from the side, kernel, padding and stride alone, with the
 * output side from the formula {@code (side + 2 padding - kernel) / stride + 1}.
 */
public final class ConvolutionWindows {

    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final int CELL = 34;
    static final int TOP = 44;
    static final int LEFT = 16;
    static final Color PADDING = new Color(0xE0E0E0);
    /** The outlined output positions: first, the one to its right (one stride on), the last. */
    static final Color[] COLOURS = {new Color(0xD32F2F), new Color(0x1976D2), new Color(0x388E3C)};

    private ConvolutionWindows() {
    }

    /** The output side, or an exception saying why the filter does not fit. */
    public static int outputSide(int side, int kernel, int padding, int stride) {
        if (side < 1 || kernel < 1 || padding < 0 || stride < 1) {
            throw new IllegalArgumentException("side, kernel and stride must be at least 1 and padding at least 0");
        }
        if (kernel > side + 2 * padding) {
            throw new IllegalArgumentException("a " + kernel + "x" + kernel + " kernel does not fit in a " + side
                    + "x" + side + " input padded by " + padding);
        }
        return (side + 2 * padding - kernel) / stride + 1;
    }

    /** The output positions outlined, as {row, column}: (0, 0), (0, 1) and the last one. */
    static int[][] shown(int out) {
        return out == 1 ? new int[][] {{0, 0}} : new int[][] {{0, 0}, {0, 1}, {out - 1, out - 1}};
    }

    /** The figure for a {@code side x side} input, a {@code kernel x kernel} filter, padding and stride. */
    public static BufferedImage draw(int side, int kernel, int padding, int stride) {
        int out = outputSide(side, kernel, padding, stride);
        int padded = side + 2 * padding;
        int outLeft = LEFT + padded * CELL + 70;
        int width = outLeft + out * CELL + LEFT;
        int height = TOP + Math.max(padded, out) * CELL + 52;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Images.whiteCanvas(img, LABEL);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format("input %dx%d, padding %d (grey zeros)", side, side, padding), LEFT, 16);
        g.drawString(String.format("kernel %dx%d, stride %d", kernel, kernel, stride), LEFT, 32);
        g.drawString(String.format("output %dx%d", out, out), outLeft, 32);
        for (int r = 0; r < padded; r++) {
            for (int c = 0; c < padded; c++) {
                boolean pad = r < padding || c < padding || r >= padding + side || c >= padding + side;
                cell(g, LEFT + c * CELL, TOP + r * CELL, pad ? PADDING : Color.WHITE, pad ? "0" : null);
            }
        }
        for (int r = 0; r < out; r++) {
            for (int c = 0; c < out; c++) {
                cell(g, outLeft + c * CELL, TOP + r * CELL, Color.WHITE, null);
            }
        }
        int[][] positions = shown(out);
        g.setStroke(new BasicStroke(3));
        for (int k = 0; k < positions.length; k++) {
            int i = positions[k][0];
            int j = positions[k][1];
            Color colour = COLOURS[k];
            g.setColor(colour);
            // Output (i, j) reads padded rows i*stride .. i*stride+kernel-1; inset each outline a little
            // so that overlapping windows stay apart.
            int inset = 3 + 3 * k;
            g.drawRect(LEFT + j * stride * CELL + inset, TOP + i * stride * CELL + inset,
                    kernel * CELL - 2 * inset, kernel * CELL - 2 * inset);
            g.fillRect(outLeft + j * CELL + 1, TOP + i * CELL + 1, CELL - 1, CELL - 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("each coloured output cell: the kernel's weights times the pixels", LEFT, height - 26);
        g.drawString("under the window of its colour, added up", LEFT, height - 10);
        g.dispose();
        return img;
    }

    private static void cell(Graphics2D g, int x, int y, Color fill, String text) {
        g.setColor(fill);
        g.fillRect(x, y, CELL, CELL);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(x, y, CELL, CELL);
        if (text != null) {
            g.drawString(text, x + CELL / 2 - 3, y + CELL / 2 + 5);
        }
    }
}
