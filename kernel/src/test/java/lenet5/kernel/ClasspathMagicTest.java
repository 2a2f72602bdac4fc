package lenet5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathMagicTest {

    @TempDir
    Path dir;

    @Test
    void relativeFoldersGlobsAndJavaWildcards() throws IOException {
        Files.createDirectories(dir.resolve("classes"));
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/a.jar"), "");
        Files.writeString(dir.resolve("lib/b.jar"), "");
        Files.writeString(dir.resolve("lib/notes.txt"), "");
        assertEquals(List.of(dir.resolve("classes")), ClasspathMagic.resolve("classes", dir));
        assertEquals(List.of(dir.resolve("lib/a.jar"), dir.resolve("lib/b.jar")), ClasspathMagic.resolve("lib/*", dir));
        assertEquals(List.of(dir.resolve("lib/b.jar")), ClasspathMagic.resolve("lib/b*.jar", dir));
        assertEquals(3, ClasspathMagic.resolvePathList(dir + "/classes:" + dir + "/lib/*", dir).size());
        assertEquals(List.of(dir.resolve("lib/a.jar"), dir.resolve("lib/b.jar")),
                ClasspathMagic.resolve("../lib/?.jar", dir.resolve("classes")), "relative to the notebook, through ..");
    }

    @Test
    void aGlobMayNameFolders() throws IOException {
        Files.createDirectories(dir.resolve("a/classes"));
        Files.createDirectories(dir.resolve("b/classes"));
        assertEquals(List.of(dir.resolve("a/classes"), dir.resolve("b/classes")), ClasspathMagic.resolve("*/classes", dir));
    }

    @Test
    void quotesKeepBlanksInAPath() throws IOException {
        Files.createDirectories(dir.resolve("my classes"));
        assertEquals(List.of(dir.resolve("my classes")), ClasspathMagic.resolve("\"my classes\"", dir));
    }

    @Test
    void anEntryMayStartWithAnEnvironmentVariable() throws IOException {
        Files.createDirectories(dir.resolve("course/utils/classes"));
        Path elsewhere = Files.createDirectories(dir.resolve("graded/student"));
        java.util.function.UnaryOperator<String> env = name -> name.equals("LENET5_HOME") ? dir.resolve("course").toString() : null;
        assertEquals(List.of(dir.resolve("course/utils/classes")), ClasspathMagic.resolve("$LENET5_HOME/utils/classes", elsewhere, env));
        assertEquals(List.of(dir.resolve("course/utils/classes")), ClasspathMagic.resolve("${LENET5_HOME}/utils/classes", elsewhere, env));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClasspathMagic.resolve("$COURSE/utils/classes", elsewhere, env));
        assertTrue(e.getMessage().contains("$COURSE, which is not set"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClasspathMagic.resolve("$/utils", elsewhere, env));
        assertTrue(e.getMessage().contains("names no variable"), e.getMessage());
    }

    @Test
    void missingEntriesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClasspathMagic.resolve("../nowhere", dir));
        assertTrue(e.getMessage().contains("../nowhere does not exist"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClasspathMagic.resolve("*.jar", dir));
        assertTrue(e.getMessage().contains("nothing matches *.jar"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClasspathMagic.resolve("nowhere/*.jar", dir));
        assertTrue(e.getMessage().contains("the folder of nowhere/*.jar does not exist"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClasspathMagic.resolve("  ", dir));
    }
}
