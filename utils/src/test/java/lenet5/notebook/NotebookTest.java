package lenet5.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotebookTest {

    @AfterEach
    void reset() {
        Notebook.use(null);
        io.github.spencerpark.ijava.runtime.Display.CALLS.clear();
        org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.CALLS.clear();
        org.rapaio.jupyter.kernel.global.Global.CALLS.clear();
    }

    @Test
    void rapaioGetsMimeFirst() {
        Notebook.use(KernelFrontend.of(KernelFrontend.RAPAIO, getClass().getClassLoader()));
        Notebook.html("<b>x</b>");
        String id = Notebook.liveHtml("<i>y</i>");
        Notebook.updateHtml(id, "<i>z</i>");
        var calls = org.rapaio.jupyter.kernel.global.Global.CALLS;
        assertEquals(3, calls.size());
        assertArrayEquals(new Object[] {"display", "text/html", "<b>x</b>"}, calls.get(0));
        assertEquals("rapaio-id", id);
        assertArrayEquals(new Object[] {"update", "rapaio-id", "text/html", "<i>z</i>"}, calls.get(2));
        assertEquals("rapaio", Notebook.kernel());
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
    void jjavaUpdatesById() {
        Notebook.use(KernelFrontend.of(KernelFrontend.JJAVA, getClass().getClassLoader()));
        String id = Notebook.liveHtml("a");
        Notebook.updateHtml(id, "b");
        var calls = org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.CALLS;
        assertEquals("jjava-id", id);
        assertEquals("update", calls.get(1)[0]);
        assertEquals("jjava-id", calls.get(1)[1]);
        assertEquals("b", calls.get(1)[2]);
        assertArrayEquals(new String[] {"text/html"}, (String[]) calls.get(1)[3]);
    }

    @Test
    void detectionPrefersRapaioAndFallsBackToConsole() {
        assertEquals("rapaio", KernelFrontend.detect(getClass().getClassLoader()).name());
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
