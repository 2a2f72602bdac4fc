package lenet5.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotebookTest {

    @AfterEach
    void reset() {
        Notebook.use(null);
        io.github.spencerpark.ijava.runtime.Display.CALLS.clear();
    }

    @Test
    void courseKernelIsReachedThroughItsDisplayClass() {
        KernelFrontend f = KernelFrontend.of(KernelFrontend.COURSE, getClass().getClassLoader());
        assertEquals("course", f.name());
        // The real class, outside a running kernel: its own message comes through unchanged.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.display("text/html", "<b>x</b>"));
        assertTrue(e.getMessage().contains("No Java kernel runs in this JVM"), e.getMessage());
    }

    @Test
    void ijavaGetsObjectThenMimeTypes() {
        Notebook.use(KernelFrontend.of(KernelFrontend.IJAVA, getClass().getClassLoader()));
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        Notebook.image(img);
        var call = io.github.spencerpark.ijava.runtime.Display.CALLS.get(0);
        assertEquals("display", call[0]);
        assertSame(img, call[1]);
        assertArrayEquals(new String[] {"image/png"}, (String[]) call[2]);
        assertEquals("ijava", Notebook.kernel());
    }

    @Test
    void jjavaSignaturesMatchTheRealBaseNotebookStatics() {
        // JJava's own jar (a test dependency): the adapter finds both methods on the real class...
        KernelFrontend f = KernelFrontend.of(KernelFrontend.JJAVA, getClass().getClassLoader());
        assertEquals("jjava", f.name());
        // ...and calling them reaches JJava's code, which fails here only because no JJava kernel runs.
        RuntimeException e = assertThrows(RuntimeException.class, () -> f.display("text/html", "<b>x</b>"));
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertTrue(trace.toString().contains("org.dflib.jjava"), trace.toString());
    }

    @Test
    void detectionPrefersTheCourseKernelAndFallsBackToConsole() {
        assertEquals("course", KernelFrontend.detect(getClass().getClassLoader()).name());
        // A loader that sees only the JDK: no kernel classes at all.
        ClassLoader bare = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());
        assertNull(KernelFrontend.detect(bare));
        assertNull(KernelFrontend.of("no.such.Kernel", getClass().getClassLoader()));
    }

    @Test
    void consolePrintsASummaryOfRichOutput() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Notebook.use(new ConsoleFrontend(new PrintStream(buf, true)));
        Notebook.html("<p>hello</p>");
        Notebook.image(new BufferedImage(28, 14, BufferedImage.TYPE_INT_RGB));
        assertNull(Notebook.liveHtml("x"));
        String out = buf.toString();
        assertTrue(out.contains("[text/html, 12 characters]"), out);
        assertTrue(out.contains("[image/png 28x14]"), out);
    }
}
