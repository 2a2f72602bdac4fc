package lenet5.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.types.Shape;
import lenet5.model.LeNet5;
import lenet5.model.ModelSummary;
import lenet5.paper.ConnectionTable;

/**
 * The architecture figure: every layer that changes the shape (convolutions, pooling, fully
 * connected), drawn from a {@link ModelSummary}, so the figure shows what the model computes.
 * Feature maps are stacks of squares at their true relative size (C5's 120 maps of 1x1 as a
 * column of single pixels, since it stays a convolution); fully connected layers are bars whose
 * height grows with their number of units. A legend names the colours.
 */
public final class Diagrams {

    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final int PIXEL = 4;      // drawn size of one input pixel
    private static final int STACK = 5;      // at most this many maps drawn per stack
    private static final int OFFSET = 5;     // shift between the maps of a stack
    private static final int GAP = 34;
    private static final int HEIGHT = 250;
    static final Color INPUT = new Color(0xE0E0E0);
    static final Color CONVOLUTION = new Color(0xBBDEFB);
    static final Color SUBSAMPLING = new Color(0xC8E6C9);
    static final Color FULLY_CONNECTED = new Color(0xFFE0B2);

    private Diagrams() {
    }

    /** One drawn layer: its name, output shape and parameter count. */
    private record Box(String name, Shape shape, long parameters) {
    }

    /**
     * Table I of LeCun et al. (1998) as a figure: S2's 6 maps down, C3's 16 maps across, a dark
     * cell where a C3 map takes that S2 map as input.
     */
    public static BufferedImage connectionTable() {
        int cell = 24;
        int left = 70;
        int top = 44;
        int width = left + ConnectionTable.OUTPUTS * cell + 12;
        int height = top + ConnectionTable.INPUTS * cell + 30;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Images.whiteCanvas(img, LABEL);
        g.setColor(Color.DARK_GRAY);
        g.drawString("C3 map", left, 14);
        g.drawString("S2 map", 6, top + 14);
        for (int o = 0; o < ConnectionTable.OUTPUTS; o++) {
            g.drawString(String.valueOf(o), left + o * cell + (o < 10 ? 8 : 4), top - 8);
        }
        for (int i = 0; i < ConnectionTable.INPUTS; i++) {
            g.drawString(String.valueOf(i), left - 16, top + i * cell + 16);
            for (int o = 0; o < ConnectionTable.OUTPUTS; o++) {
                g.setColor(ConnectionTable.connected(o, i) ? new Color(40, 70, 130) : new Color(240, 240, 240));
                g.fillRect(left + o * cell + 1, top + i * cell + 1, cell - 2, cell - 2);
            }
            g.setColor(Color.DARK_GRAY);
        }
        g.drawString(ConnectionTable.connections() + " of " + ConnectionTable.OUTPUTS * ConnectionTable.INPUTS
                + " kernels (LeCun et al. 1998, Table I)", left, height - 10);
        g.dispose();
        return img;
    }

    /** The layers of {@code summary} that change the shape, from input to output, as a PNG-ready image. */
    public static BufferedImage architecture(ModelSummary summary) {
        List<Box> boxes = new ArrayList<>();
        boxes.add(new Box("input", summary.inputShape(), 0));
        for (ModelSummary.Row r : summary.rows()) {
            if (r.kind() != LeNet5.Kind.ACTIVATION && r.kind() != LeNet5.Kind.FLATTEN) {
                boxes.add(new Box(r.name(), r.outputShape(), r.parameters()));
            }
        }
        int width = GAP;
        for (Box b : boxes) {
            width += widthOf(b) + GAP;
        }
        BufferedImage img = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Images.whiteCanvas(img, LABEL);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int middle = 110;
        legend(g, GAP, 14);
        int x = GAP;
        for (int i = 0; i < boxes.size(); i++) {
            Box b = boxes.get(i);
            int w = widthOf(b);
            draw(g, b, x, middle);
            g.setColor(Color.BLACK);
            g.setFont(BOLD);
            g.drawString(b.name(), x, HEIGHT - 52);
            g.setFont(LABEL);
            g.drawString(describe(b.shape()), x, HEIGHT - 36);
            if (b.parameters() > 0) {
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format("%,d params", b.parameters()), x, HEIGHT - 20);
            }
            if (i + 1 < boxes.size()) {
                arrow(g, x + w + 6, x + w + GAP - 6, middle);
            }
            x += w + GAP;
        }
        g.dispose();
        return img;
    }

    private static boolean isMaps(Box b) {
        return b.shape().dimension() == 4;
    }

    private static Color colourOf(Box b) {
        if (b.name().equals("input")) {
            return INPUT;
        }
        if (!isMaps(b)) {
            return FULLY_CONNECTED;
        }
        return b.name().startsWith("S") ? SUBSAMPLING : CONVOLUTION;
    }

    private static void legend(Graphics2D g, int x, int y) {
        Object[][] items = {{INPUT, "input"}, {CONVOLUTION, "convolution: feature maps"},
                {SUBSAMPLING, "subsampling (pooling): feature maps"}, {FULLY_CONNECTED, "fully connected: units"}};
        for (Object[] item : items) {
            g.setColor((Color) item[0]);
            g.fillRect(x, y - 10, 12, 12);
            g.setColor(new Color(0x546E7A));
            g.drawRect(x, y - 10, 12, 12);
            g.setColor(Color.DARK_GRAY);
            g.drawString((String) item[1], x + 18, y);
            x += 18 + g.getFontMetrics().stringWidth((String) item[1]) + 22;
        }
    }

    private static int widthOf(Box b) {
        if (isMaps(b)) {
            int side = (int) b.shape().get(2) * PIXEL;
            int stack = b.shape().get(2) == 1 ? 1 : (int) Math.min(STACK, b.shape().get(1));
            return Math.max(side + (stack - 1) * OFFSET, 70);
        }
        return 70;
    }

    private static void draw(Graphics2D g, Box b, int x, int middle) {
        if (isMaps(b) && b.shape().get(2) == 1) {
            // Maps of one pixel (C5): a column of single-pixel maps, 12 drawn, the rest implied.
            int drawn = (int) Math.min(12, b.shape().get(1));
            int top = middle - drawn * 10 / 2;
            for (int k = 0; k < drawn; k++) {
                g.setColor(colourOf(b));
                g.fillRect(x + 29, top + k * 10, PIXEL * 2, PIXEL * 2);
                g.setColor(new Color(0x546E7A));
                g.drawRect(x + 29, top + k * 10, PIXEL * 2, PIXEL * 2);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString("\u22ee", x + 30, top + drawn * 10 + 12);
        } else if (isMaps(b)) {
            int side = (int) b.shape().get(2) * PIXEL;
            int stack = (int) Math.min(STACK, b.shape().get(1));
            int top = middle - side / 2 - (stack - 1) * OFFSET / 2;
            for (int k = stack - 1; k >= 0; k--) {
                int xk = x + k * OFFSET;
                int yk = top + (stack - 1 - k) * OFFSET;
                g.setColor(colourOf(b));
                g.fillRect(xk, yk, side, side);
                g.setColor(new Color(0x546E7A));
                g.drawRect(xk, yk, side, side);
            }
        } else {
            long units = b.shape().size() / b.shape().get(0);
            int h = (int) Math.min(180, 20 + 1.2 * units);
            g.setColor(colourOf(b));
            g.fillRect(x + 25, middle - h / 2, 16, h);
            g.setColor(new Color(0x8D6E63));
            g.drawRect(x + 25, middle - h / 2, 16, h);
        }
    }

    private static void arrow(Graphics2D g, int from, int to, int y) {
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(from, y, to, y);
        g.drawLine(to, y, to - 6, y - 4);
        g.drawLine(to, y, to - 6, y + 4);
    }

    // (1, 6, 28, 28) -> "6@28x28"; (1, 84) -> "84"
    private static String describe(Shape s) {
        if (s.dimension() == 4) {
            return s.get(1) + "@" + s.get(2) + "\u00d7" + s.get(3);
        }
        return String.valueOf(s.size() / s.get(0));
    }
}
