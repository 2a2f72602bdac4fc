package lenet5.notebook;

import java.awt.image.RenderedImage;
import java.util.Objects;

/**
 * The one place where course code talks to the notebook front end.
 *
 * <p>Chapters never call a kernel's own display API: they call {@link #html}, {@link #image} or
 * {@link #text}, and this class routes the output to whichever Java kernel is running (the course's,
 * IJava or JJava), or prints it in a plain JVM. The same notebook file therefore runs unchanged
 * on all of them.
 *
 * <pre>{@code
 * Notebook.html("<b>hello</b>");
 * String id = Notebook.liveHtml("<b>epoch 1</b>");
 * Notebook.updateHtml(id, "<b>epoch 2</b>");
 * }</pre>
 */
public final class Notebook {

    /** MIME type of HTML output. */
    public static final String HTML = "text/html";
    /** MIME type of PNG output. */
    public static final String PNG = "image/png";
    /** MIME type of plain text output. */
    public static final String TEXT = "text/plain";

    private static volatile Frontend frontend;

    private Notebook() {
    }

    /** Shows HTML. (Returns nothing, so a notebook cell that ends with it prints nothing more.) */
    public static void html(String html) {
        liveHtml(html);
    }

    /** Shows HTML that {@link #updateHtml} can replace later; returns its display id (null outside a kernel). */
    public static String liveHtml(String html) {
        return current().display(HTML, Objects.requireNonNull(html, "html"));
    }

    /** Replaces the HTML shown under {@code id}; does nothing when {@code id} is null. */
    public static void updateHtml(String id, String html) {
        if (id != null) {
            current().update(id, HTML, Objects.requireNonNull(html, "html"));
        }
    }

    /** Shows an image as PNG. */
    public static void image(RenderedImage image) {
        current().display(PNG, Objects.requireNonNull(image, "image"));
    }

    /** Which front end is in use: {@code course}, {@code ijava}, {@code jjava} or {@code console}. */
    public static String kernel() {
        return current().name();
    }

    /** True when output goes to a Jupyter kernel rather than a console. */
    public static boolean inKernel() {
        return !(current() instanceof ConsoleFrontend);
    }

    static Frontend current() {
        Frontend f = frontend;
        if (f == null) {
            synchronized (Notebook.class) {
                f = frontend;
                if (f == null) {
                    f = detect();
                    frontend = f;
                }
            }
        }
        return f;
    }

    static Frontend detect() {
        ClassLoader loader = Notebook.class.getClassLoader();
        KernelFrontend k = KernelFrontend.detect(loader);
        if (k == null && Thread.currentThread().getContextClassLoader() != null) {
            k = KernelFrontend.detect(Thread.currentThread().getContextClassLoader());
        }
        return k != null ? k : new ConsoleFrontend(System.out);
    }

    /** For tests: forces a front end ({@code null} means detect again). */
    static void use(Frontend f) {
        frontend = f;
    }
}
