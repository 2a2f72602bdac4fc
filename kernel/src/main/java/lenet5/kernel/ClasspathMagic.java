package lenet5.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import io.github.spencerpark.jupyter.kernel.util.GlobFinder;

/**
 * {@code %classpath}: the folders and jars a cell adds to the classpath.
 *
 * <p>Entries are separated by blanks or by the platform's path separator and are relative to the
 * notebook's folder. A name with {@code *} or {@code ?} is a glob; {@code dir/*} means every jar
 * in {@code dir}, as on the {@code java} command line. An entry may start with an environment
 * variable, {@code $LENET5_HOME/utils/target/classes}, for notebooks that are copied elsewhere
 * (an assignment is graded in another folder than the one it was written in).
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
        return resolve(arguments, base, System::getenv);
    }

    /** The same, with the environment given (for tests). */
    static List<Path> resolve(String arguments, Path base, UnaryOperator<String> environment) {
        List<String> entries = new ArrayList<>();
        for (String word : words(arguments)) {
            entries.add(expandVariable(word, environment));
        }
        return resolve(entries, base);
    }

    // $NAME or ${NAME} at the start of an entry, as a shell would read it there.
    private static String expandVariable(String entry, UnaryOperator<String> environment) {
        if (!entry.startsWith("$")) {
            return entry;
        }
        boolean braced = entry.startsWith("${");
        int end = braced ? entry.indexOf('}') : 1;
        if (!braced) {
            while (end < entry.length() && (Character.isLetterOrDigit(entry.charAt(end)) || entry.charAt(end) == '_')) {
                end++;
            }
        }
        if (end <= 1 || (braced && end < 0)) {
            throw new IllegalArgumentException("%classpath: " + entry + " starts with $ but names no variable, e.g. $LENET5_HOME/utils/target/classes");
        }
        String name = entry.substring(braced ? 2 : 1, end);
        String value = environment.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("%classpath: " + entry + " uses $" + name
                    + ", which is not set in the kernel's environment (the course's kernelspec sets LENET5_HOME).");
        }
        return value + entry.substring(braced ? end + 1 : end);
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

    /** A glob over folders and files (the base library's: {@code *} and {@code ?}, in any segment). */
    private static List<Path> expand(String glob, Path base) {
        String absolute = new File(glob).isAbsolute() ? glob : base + "/" + glob;
        // As on the java command line, dir/* means the jars in dir.
        boolean javaWildcard = glob.equals("*") || glob.endsWith("/*");
        List<Path> matches = new ArrayList<>();
        try {
            for (Path p : new GlobFinder(absolute).computeMatchingPaths()) {
                if (!javaWildcard || p.getFileName().toString().toLowerCase().endsWith(".jar")) {
                    matches.add(p.normalize());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("%classpath: the folder of " + glob + " does not exist ("
                    + e.getMessage() + ").");
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("%classpath: nothing matches " + glob + " in " + base + ".");
        }
        Collections.sort(matches);
        return matches;
    }

    private static boolean isGlob(String name) {
        return name.contains("*") || name.contains("?");
    }
}
