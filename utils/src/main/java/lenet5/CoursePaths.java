package lenet5;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the course keeps its build products: data, models and the DJL cache.
 *
 * <p>Notebooks run with their own folder as working directory, the headless tools with the
 * project root; both find the project by walking up to the folder that holds {@code utils/pom.xml}.
 * {@code LENET5_HOME} overrides the search.
 */
public final class CoursePaths {

    private CoursePaths() {
    }

    /** The project root. */
    public static Path root() {
        String home = System.getenv("LENET5_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("utils/pom.xml"))) {
                return p;
            }
        }
        return dir;
    }

    /** {@code build/}, the folder for everything the course generates. */
    public static Path build() {
        return root().resolve("build");
    }

    /** Folder with the four raw MNIST files; {@code lenet5.mnist.dir} or {@code LENET5_MNIST_DIR} override it. */
    public static Path mnist() {
        String dir = System.getProperty("lenet5.mnist.dir", System.getenv("LENET5_MNIST_DIR"));
        return dir != null && !dir.isBlank() ? Path.of(dir) : build().resolve("data/mnist");
    }

    /**
     * {@code path} as the learner should read it: relative to the project when inside it (so that
     * printed paths and the exported course do not show where the project happens to live).
     */
    public static String shown(Path path) {
        Path p = path.toAbsolutePath().normalize();
        Path root = root();
        return p.startsWith(root) && !p.equals(root) ? root.relativize(p).toString() : p.toString();
    }

    /** Folder where chapter 03 saves parameters and history; {@code LENET5_MODELS} overrides it. */
    public static Path models() {
        String dir = System.getenv("LENET5_MODELS");
        return dir != null && !dir.isBlank() ? Path.of(dir) : root().resolve("models");
    }
}
