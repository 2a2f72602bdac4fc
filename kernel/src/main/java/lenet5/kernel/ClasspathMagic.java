package lenet5.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code %classpath}: the folders and jars a cell adds to the classpath.
 *
 * <p>Entries are separated by blanks or by the platform's path separator and are relative to the
 * notebook's folder. A name with {@code *}, {@code ?}, {@code [} or {@code {} is a glob over its
 * folder; {@code dir/*} means every jar in {@code dir}, as on the {@code java} command line.
 */
final class ClasspathMagic {

    private ClasspathMagic() {
    }

    /**
     * The paths that {@code arguments} names, resolved against {@code base}.
     *
     * @throws IllegalArgumentException naming the entry when it is missing or matches nothing
     */
    static List<Path> resolve(String arguments, Path base) {
        return resolve(words(arguments), base);
    }

    /** A classpath in the platform's format (the kernelspec's environment variable); may be empty. */
    static List<Path> resolvePathList(String pathList, Path base) {
        if (pathList == null || pathList.isBlank()) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        for (String e : pathList.split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e.strip());
            }
        }
        return resolve(entries, base);
    }

    private static List<Path> resolve(List<String> entries, Path base) {
        List<Path> found = new ArrayList<>();
        for (String name : entries) {
            if (isGlob(name)) {
                found.addAll(expand(name, base));
            } else {
                Path p = base.resolve(name).normalize();
                if (!Files.exists(p)) {
                    throw new IllegalArgumentException("%classpath: " + name + " does not exist (looked for "
                            + p + "). Check the path; it is relative to the notebook's folder.");
                }
                found.add(p);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("%classpath needs a folder or jar, e.g. %classpath ../utils/target/classes");
        }
        return found;
    }

    /** Splits at blanks and path separators, except inside single or double quotes. */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (Character.isWhitespace(c) || File.pathSeparatorChar == c) {
                if (cur.length() > 0) {
                    words.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            words.add(cur.toString());
        }
        return words;
    }

    private static List<Path> expand(String glob, Path base) {
        int cut = firstGlobChar(glob);
        int slash = glob.lastIndexOf('/', cut);
        Path dir = base.resolve(slash < 0 ? "." : glob.substring(0, Math.max(slash, 1))).normalize();
        String pattern = glob.substring(slash + 1);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("%classpath: folder " + dir + " of " + glob + " does not exist.");
        }
        boolean javaWildcard = pattern.equals("*");
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<Path> matches = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> matcher.matches(p.getFileName()))
                    .filter(p -> !javaWildcard || p.getFileName().toString().toLowerCase().endsWith(".jar"))
                    .sorted()
                    .forEach(matches::add);
        } catch (IOException e) {
            throw new IllegalArgumentException("%classpath: cannot list " + dir + ": " + e.getMessage());
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("%classpath: nothing matches " + glob + " in " + dir + ".");
        }
        return matches;
    }

    private static boolean isGlob(String name) {
        return firstGlobChar(name) >= 0;
    }

    private static int firstGlobChar(String name) {
        for (int i = 0; i < name.length(); i++) {
            if ("*?[{".indexOf(name.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
