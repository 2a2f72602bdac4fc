package lenet5.kernel;

import java.util.UUID;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * Rich output from notebook code, in IJava's style. Cells can call these directly (the kernel
 * imports them statically); the course's own code reaches them through
 * {@code lenet5.notebook.Notebook}, which also works on IJava and JJava.
 *
 * <pre>{@code
 * String id = display("<b>epoch 1</b>", "text/html");
 * updateDisplay(id, "<b>epoch 2</b>", "text/html");
 * display(image);                       // a java.awt.image.RenderedImage, as PNG
 * }</pre>
 */
public final class Display {

    private Display() {
    }

    /**
     * Shows {@code value} under the current cell and returns an id for {@link #updateDisplay}.
     *
     * @param mimeTypes how to show it, e.g. {@code "text/html"}; none means the value's default
     *                  (text, or PNG for an image)
     */
    public static String display(Object value, String... mimeTypes) {
        JavaKernel kernel = JavaKernel.running();
        DisplayData data = kernel.render(value, mimeTypes);
        String id = UUID.randomUUID().toString();
        data.setDisplayId(id);
        kernel.publishDisplay(data);
        return id;
    }

    /**
     * What {@link #display} would show, as a value: the last expression of a cell shows it, as in
     * IJava ({@code render(html, "text/html")}).
     *
     * @param mimeTypes how to show it; none means the value's default
     */
    public static DisplayData render(Object value, String... mimeTypes) {
        return JavaKernel.running().render(value, mimeTypes);
    }

    /**
     * Clears the current cell's output; with {@code wait}, only when the next output arrives
     * (no flicker in an animation).
     */
    public static void clearOutput(boolean wait) {
        JavaKernel.running().clearOutput(wait);
    }

    /** Replaces what {@link #display} showed under {@code id}, wherever it is in the notebook. */
    public static void updateDisplay(String id, Object value, String... mimeTypes) {
        JavaKernel kernel = JavaKernel.running();
        kernel.publishUpdate(id, kernel.render(value, mimeTypes));
    }
}
