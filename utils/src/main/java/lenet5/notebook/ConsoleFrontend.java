package lenet5.notebook;

import java.awt.image.RenderedImage;
import java.io.PrintStream;

/**
 * Output for a plain JVM (benchmarks, unit tests): text is printed, rich output is summarised.
 */
final class ConsoleFrontend implements Frontend {

    private final PrintStream out;

    ConsoleFrontend(PrintStream out) {
        this.out = out;
    }

    @Override
    public String display(String mime, Object payload) {
        out.println(describe(mime, payload));
        return null;
    }

    @Override
    public void update(String id, String mime, Object payload) {
        // A console cannot rewrite what it printed; progress is printed once at the end instead.
    }

    @Override
    public String name() {
        return "console";
    }

    static String describe(String mime, Object payload) {
        if (Notebook.TEXT.equals(mime)) {
            return String.valueOf(payload);
        }
        if (payload instanceof RenderedImage img) {
            return "[" + mime + " " + img.getWidth() + "x" + img.getHeight() + "]";
        }
        return "[" + mime + ", " + String.valueOf(payload).length() + " characters]";
    }
}
