package lenet5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class CoursePathsTest {

    @Test
    void pathsInsideTheProjectAreShownRelativeToIt() {
        assertEquals("models", CoursePaths.shown(CoursePaths.root().resolve("models")));
        assertEquals(Path.of("build", "data", "mnist").toString(),
                CoursePaths.shown(CoursePaths.root().resolve("build/data/../data/mnist")));
    }

    @Test
    void pathsOutsideStayAbsolute() {
        Path outside = CoursePaths.root().getRoot().resolve("elsewhere/models");
        assertEquals(outside.toString(), CoursePaths.shown(outside));
    }
}
