package lenet5.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Grey-level pictures of tensors: digits, filters and feature maps, laid out in a grid with an
 * optional caption under each tile and a line of text under the grid.
 */
public final class Images {

    private static final int PAD = 4;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Images() {
    }

    /**
     * Draws each {@code (H, W)} slice of {@code tiles} (shape {@code (N, H, W)} or
     * {@code (N, 1, H, W)}), each scaled to its own min..max so faint maps stay visible.
     *
     * @param captions one caption per tile, or null
     * @param footer a line under the grid, or null
     */
    public static BufferedImage grid(NDArray tiles, int columns, int scale, List<String> captions, String footer) {
        Shape s = tiles.getShape();
        int n = (int) s.get(0);
        int h = (int) s.get(s.dimension() - 2);
        int w = (int) s.get(s.dimension() - 1);
        float[] v = tiles.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        return grid(v, n, h, w, columns, scale, captions, footer);
    }

    /** Same as {@link #grid(NDArray, int, int, List, String)} on a flat array of {@code n * h * w} values. */
    public static BufferedImage grid(float[] v, int n, int h, int w, int columns, int scale,
                                     List<String> captions, String footer) {
        if (v.length != n * h * w) {
            throw new IllegalArgumentException("expected " + n * h * w + " values, got " + v.length);
        }
        int cols = Math.max(1, Math.min(columns, n));
        int rows = (n + cols - 1) / cols;
        int captionH = captions == null ? 0 : 16;
        int footerH = footer == null ? 0 : 22;
        int tileW = w * scale;
        int tileH = h * scale;
        int width = cols * (tileW + PAD) + PAD;
        int height = rows * (tileH + PAD + captionH) + PAD + footerH;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(FONT);
        for (int t = 0; t < n; t++) {
            int x0 = PAD + (t % cols) * (tileW + PAD);
            int y0 = PAD + (t / cols) * (tileH + PAD + captionH);
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (int i = 0; i < h * w; i++) {
                min = Math.min(min, v[t * h * w + i]);
                max = Math.max(max, v[t * h * w + i]);
            }
            float range = max > min ? max - min : 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // Ink is dark on white paper, as the digits were written.
                    int grey = 255 - Math.round(255 * (v[t * h * w + y * w + x] - min) / range);
                    g.setColor(new Color(grey, grey, grey));
                    g.fillRect(x0 + x * scale, y0 + y * scale, scale, scale);
                }
            }
            g.setColor(Color.LIGHT_GRAY);
            g.drawRect(x0 - 1, y0 - 1, tileW + 1, tileH + 1);
            if (captions != null && t < captions.size()) {
                g.setColor(Color.DARK_GRAY);
                g.drawString(captions.get(t), x0, y0 + tileH + 13);
            }
        }
        if (footer != null) {
            g.setColor(Color.BLACK);
            g.drawString(footer, PAD, height - 7);
        }
        g.dispose();
        return img;
    }

    /** Digits with a "Ground truth: 5 0 4 ..." line underneath. */
    public static BufferedImage digits(NDArray images, NDArray labels, int columns) {
        int[] l = labels.toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
        StringBuilder sb = new StringBuilder("Ground truth:");
        for (int x : l) {
            sb.append(' ').append(x);
        }
        return grid(images, columns, 2, null, sb.toString());
    }
}
