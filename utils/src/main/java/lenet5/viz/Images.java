package lenet5.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
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
        float[] v = tiles.toType(DataType.FLOAT32, false).toFloatArray();
        return grid(v, n, h, w, columns, scale, captions, footer);
    }

    /** A grid without captions, with {@code footer} underneath. */
    public static BufferedImage grid(NDArray tiles, int columns, int scale, String footer) {
        return grid(tiles, columns, scale, null, footer);
    }

    /** Same as {@link #grid(NDArray, int, int, List, String)} on a flat array of {@code n * h * w} values. */
    public static BufferedImage grid(float[] v, int n, int h, int w, int columns, int scale,
                                     List<String> captions, String footer) {
        checkSize(v, n, h, w);
        float[] min = new float[n];
        float[] range = new float[n];
        for (int t = 0; t < n; t++) {
            float lo = Float.MAX_VALUE;
            float hi = -Float.MAX_VALUE;
            for (int i = 0; i < h * w; i++) {
                lo = Math.min(lo, v[t * h * w + i]);
                hi = Math.max(hi, v[t * h * w + i]);
            }
            min[t] = lo;
            range[t] = hi > lo ? hi - lo : 1;
        }
        // Ink is dark on white paper, as the digits were written.
        return render(v, n, h, w, columns, scale, captions, footer, 0, (t, x) -> {
            int grey = 255 - Math.round(255 * (x - min[t]) / range[t]);
            return new Color(grey, grey, grey);
        });
    }

    /**
     * Draws signed values, such as filter weights, all on one scale from {@code -m} (blue) through
     * 0 (white) to {@code +m} (red), {@code m} the largest magnitude in {@code tiles}, with a
     * colour bar that gives the scale.
     */
    public static BufferedImage diverging(NDArray tiles, int columns, int scale, List<String> captions) {
        return diverging(tiles, columns, scale, captions, null);
    }

    /**
     * The same with {@code footer} underneath, e.g. a layer's feature maps (tanh outputs and their
     * averages are signed): one scale for the whole layer, so that maps can be compared.
     */
    public static BufferedImage diverging(NDArray tiles, int columns, int scale, List<String> captions, String footer) {
        Shape s = tiles.getShape();
        int n = (int) s.get(0);
        int h = (int) s.get(s.dimension() - 2);
        int w = (int) s.get(s.dimension() - 1);
        float[] v = tiles.toType(DataType.FLOAT32, false).toFloatArray();
        checkSize(v, n, h, w);
        float m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        float bound = m > 0 ? m : 1;
        return render(v, n, h, w, columns, scale, captions, footer, bound, (t, x) -> diverging(x / bound));
    }

    // -1 -> blue, 0 -> white, +1 -> red.
    private static Color diverging(float u) {
        float a = Math.max(-1, Math.min(1, u));
        int fade = Math.round(255 * (1 - Math.abs(a)));
        return a < 0 ? new Color(fade, fade, 255) : new Color(255, fade, fade);
    }

    private interface Shade {
        Color of(int tile, float value);
    }

    private static void checkSize(float[] v, int n, int h, int w) {
        if (v.length != n * h * w) {
            throw new IllegalArgumentException("expected " + n * h * w + " values, got " + v.length);
        }
    }

    // Lays out the tiles; with colourBar > 0, a bar from -colourBar to +colourBar goes underneath.
    private static BufferedImage render(float[] v, int n, int h, int w, int columns, int scale, List<String> captions,
                                        String footer, float colourBar, Shade shade) {
        int cols = Math.max(1, Math.min(columns, n));
        int rows = (n + cols - 1) / cols;
        int captionH = captions == null ? 0 : 16;
        int footerH = footer == null ? 0 : 22;
        int barH = colourBar > 0 ? 34 : 0;
        int tileW = w * scale;
        int tileH = h * scale;
        int width = Math.max(cols * (tileW + PAD) + PAD, colourBar > 0 ? 220 : 0);
        int height = rows * (tileH + PAD + captionH) + PAD + footerH + barH;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = whiteCanvas(img, FONT);
        for (int t = 0; t < n; t++) {
            int x0 = PAD + (t % cols) * (tileW + PAD);
            int y0 = PAD + (t / cols) * (tileH + PAD + captionH);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    g.setColor(shade.of(t, v[t * h * w + y * w + x]));
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
        if (colourBar > 0) {
            int barW = width - 2 * PAD - 60;
            int bx = PAD + 30;
            int by = height - footerH - barH + 4;
            for (int x = 0; x < barW; x++) {
                g.setColor(diverging(2f * x / (barW - 1) - 1));
                g.fillRect(bx + x, by, 1, 10);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(bx - 1, by - 1, barW + 1, 11);
            String lo = String.format(Locale.ROOT, "%.2f", -colourBar);
            String hi = String.format(Locale.ROOT, "+%.2f", colourBar);
            g.drawString(lo, bx - 15, by + 24);
            g.drawString("0", bx + barW / 2 - 3, by + 24);
            g.drawString(hi, bx + barW - 20, by + 24);
        }
        if (footer != null) {
            g.setColor(Color.BLACK);
            g.drawString(footer, PAD, height - 7);
        }
        g.dispose();
        return img;
    }

    /** Digits, each with its label under it. */
    public static BufferedImage digits(NDArray images, NDArray labels, int columns) {
        List<String> captions = new ArrayList<>();
        for (int x : labels.toType(DataType.INT32, false).toIntArray()) {
            captions.add(String.valueOf(x));
        }
        return grid(images, columns, 3, captions, "each digit's label under it");
    }

    /** Graphics on {@code img} filled white, with anti-aliased text in {@code font}. */
    static Graphics2D whiteCanvas(BufferedImage img, Font font) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(font);
        return g;
    }
}
