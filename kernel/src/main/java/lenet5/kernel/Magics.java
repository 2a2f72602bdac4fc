package lenet5.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The texts and files behind {@code %lsmagic}, {@code %jars} and {@code %load}. */
final class Magics {

    /** {@code %lsmagic}: every magic, one line each. */
    static final List<String> LIST = List.of(
            "%classpath PATHS          folders and jars (globs allowed) on the classpath",
            "%jars [JARS]              jars on the classpath (globs allowed); alone, lists the jars cells can use",
            "%maven G:A[:jar:CL]:V …   a Maven artifact with its dependencies (settings.xml honoured)",
            "%mavenRepo ID URL         one more repository for %maven and %%loadFromPOM",
            "%%loadFromPOM             the cell holds <dependency> elements or a whole POM: resolve them",
            "%loadFromPOM FILE         the same, from a POM file",
            "%load FILE                run a Java/JShell file, or the code cells of another notebook (.ipynb)",
            "%lsmagic                  this list",
            "In code: display(obj[, mime…]), updateDisplay(id, obj[, mime…]), render(obj[, mime…]), clearOutput(wait)");

    private Magics() {
    }

    /** {@code %jars} alone: the jars with their coordinates where known. */
    static List<String> jarList(List<MavenResolver.Jar> jars) {
        List<String> lines = new ArrayList<>();
        for (MavenResolver.Jar j : jars) {
            lines.add(j.groupId() + ":" + j.artifactId() + ":" + j.version() + "  " + j.file());
        }
        if (lines.isEmpty()) {
            lines.add("no jar with known coordinates on the classpath");
        }
        return lines;
    }

    /** The text of the file {@code argument} names, relative to the notebook's folder. */
    static String read(String argument, Path base, String magic) throws CellError.MagicError {
        Path file = file(argument, base, magic);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CellError.MagicError(magic + ": " + file + " could not be read (" + e.getMessage() + ").");
        }
    }

    private static Path file(String argument, Path base, String magic) throws CellError.MagicError {
        String name = argument.strip();
        if (name.length() > 1 && (name.startsWith("\"") && name.endsWith("\"") || name.startsWith("'") && name.endsWith("'"))) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.isEmpty()) {
            throw new CellError.MagicError(magic + " needs a file, e.g. " + magic + " helpers.jsh");
        }
        Path file = base.resolve(name).normalize();
        if (!Files.isRegularFile(file)) {
            throw new CellError.MagicError(magic + ": " + name + " does not exist (looked for " + file
                    + "). The path is relative to the notebook's folder.");
        }
        return file;
    }

    /**
     * {@code %load FILE}: the cells to run, in order: a notebook's code cells, or the file's text
     * as one cell.
     */
    static List<String> loadable(String argument, Path base) throws CellError.MagicError {
        String text = read(argument, base, "%load");
        if (!argument.strip().replaceAll("[\"']", "").endsWith(".ipynb")) {
            return List.of(text);
        }
        List<String> cells = new ArrayList<>();
        try {
            JsonElement cellList = new JsonParser().parse(text).getAsJsonObject().get("cells");
            for (JsonElement c : cellList.getAsJsonArray()) {
                JsonObject cell = c.getAsJsonObject();
                if ("code".equals(cell.get("cell_type").getAsString())) {
                    cells.add(source(cell.get("source")));
                }
            }
        } catch (RuntimeException e) {
            throw new CellError.MagicError("%load: " + argument.strip() + " is not a notebook (no \"cells\" list): " + e.getMessage());
        }
        return cells;
    }

    /** A cell's source: a string, or the list of lines nbformat also allows. */
    private static String source(JsonElement source) {
        if (source.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonElement line : (JsonArray) source) {
                sb.append(line.getAsString());
            }
            return sb.toString();
        }
        return source.getAsString();
    }
}
