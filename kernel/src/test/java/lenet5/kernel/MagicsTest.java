package lenet5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code %load}, {@code %jars}, {@code %lsmagic} and the cell magic's placement, through a real JShell. */
class MagicsTest {

    @TempDir
    Path dir;
    CellEvaluator shell;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stdout;

    @BeforeEach
    void start() {
        stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        shell = new CellEvaluator(List.of(), dir, new PrintStream(new ByteArrayOutputStream()), new InProcessExecution());
    }

    @AfterEach
    void stop() {
        System.setOut(stdout);
        shell.close();
    }

    private Object value(String cell) throws Exception {
        return shell.eval(cell, 1).value();
    }

    @Test
    void loadRunsAJavaFileAndANotebooksCodeCells() throws Exception {
        Files.writeString(dir.resolve("helpers.jsh"), "int twice(int x) { return 2 * x; }\n");
        shell.eval("%load helpers.jsh", 1);
        assertEquals(42, value("twice(21)"));
        Files.writeString(dir.resolve("other.ipynb"), "{\"cells\": ["
                + "{\"cell_type\": \"markdown\", \"source\": \"not code\", \"metadata\": {}},"
                + "{\"cell_type\": \"code\", \"source\": [\"int a = 3;\\n\", \"int b = a + 1;\"], \"metadata\": {}, \"outputs\": []},"
                + "{\"cell_type\": \"code\", \"source\": \"String s = \\\"b=\\\" + b;\", \"metadata\": {}, \"outputs\": []}],"
                + "\"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
        shell.eval("%load other.ipynb", 1);
        assertEquals("b=4", value("s"));
    }

    @Test
    void loadNamesAMissingFileAndStopsAFileThatLoadsItself() throws Exception {
        CellError.MagicError e = assertThrows(CellError.MagicError.class, () -> shell.eval("%load nowhere.jsh", 1));
        assertTrue(e.getMessage().startsWith("%load: nowhere.jsh does not exist"), e.getMessage());
        Files.writeString(dir.resolve("self.jsh"), "%load self.jsh\n");
        e = assertThrows(CellError.MagicError.class, () -> shell.eval("%load self.jsh", 1));
        assertTrue(e.getMessage().contains("nests deeper"), e.getMessage());
    }

    @Test
    void jarsAddsJarsOnlyAndListsThoseWithCoordinates() throws Exception {
        Files.createDirectories(dir.resolve("classes"));
        CellError.MagicError e = assertThrows(CellError.MagicError.class, () -> shell.eval("%jars classes", 1));
        assertTrue(e.getMessage().contains("is not a jar"), e.getMessage());
        FileRepository.jar(dir.resolve("a.jar"), "a");
        Files.writeString(dir.resolve(MavenMagic.COORDINATES_FILE), "g:a:1.0 a.jar\n");
        shell.eval("%jars *.jar", 1);
        assertEquals("a", value("new String(Thread.currentThread().getContextClassLoader()"
                + ".getResourceAsStream(\"which.txt\").readAllBytes())"));
        shell.eval("%jars", 1);
        assertTrue(printed.toString().contains("g:a:1.0  " + dir.resolve("a.jar")), printed.toString());
    }

    @Test
    void lsmagicListsEveryMagicAndUnknownOnesPointToIt() throws Exception {
        shell.eval("%lsmagic", 1);
        for (String magic : List.of("%classpath", "%jars", "%maven ", "%mavenRepo", "%%loadFromPOM", "%load ", "%lsmagic", "render(")) {
            assertTrue(printed.toString().contains(magic), magic + " missing from " + printed);
        }
        CellError.MagicError e = assertThrows(CellError.MagicError.class, () -> shell.eval("%time 1", 1));
        assertTrue(e.getMessage().contains("%lsmagic"), e.getMessage());
        e = assertThrows(CellError.MagicError.class, () -> shell.eval("int x = 1;\n%%loadFromPOM\n<dependency/>", 1));
        assertTrue(e.getMessage().contains("must be the cell's first line"), e.getMessage());
    }
}
