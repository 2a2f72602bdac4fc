package lenet5.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import lenet5.CourseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistFilesTest {

    @Test
    void missingDataNamesTheFetchCommandInOneLine(@TempDir Path dir) {
        CourseException e = assertThrows(CourseException.class, () -> MnistFiles.verify(dir.resolve("nothing")));
        assertTrue(e.getMessage().contains("run `make data`"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertEquals(0, e.getStackTrace().length, "no stack trace for the learner");
    }

    @Test
    void checksumMismatchNamesFileAndBothSumsAndDeletesNothing(@TempDir Path dir) throws Exception {
        for (String name : MnistFiles.ENTRIES.keySet()) {
            Files.writeString(dir.resolve(name), "not mnist " + name);
        }
        CourseException e = assertThrows(CourseException.class, () -> MnistFiles.verify(dir));
        String actual = MnistFiles.md5(dir.resolve("train_data"));
        assertTrue(e.getMessage().contains("train_data"), e.getMessage());
        assertTrue(e.getMessage().contains(actual), e.getMessage());
        assertTrue(e.getMessage().contains("6bbc9ace898e44ae57da46a324031adb"), e.getMessage());
        for (String name : MnistFiles.ENTRIES.keySet()) {
            assertTrue(Files.exists(dir.resolve(name)), name + " must not be deleted");
        }
    }

    @Test
    void md5OfKnownContent(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("abc");
        Files.writeString(f, "abc");
        assertEquals("900150983cd24fb0d6963f7d28e17f72", MnistFiles.md5(f));
    }

    @Test
    void realDataVerifies() {
        // Present after `make setup`; this is the check the notebooks rely on.
        MnistFiles.verify(lenet5.CoursePaths.mnist());
    }
}
