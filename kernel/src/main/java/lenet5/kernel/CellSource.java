package lenet5.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cell split into the parts the kernel runs in order: Java code and line magics.
 *
 * <p>A line magic is a line whose first non-blank character is {@code %}, standing where a
 * statement could start (not inside a text block or an open brace). {@code %%} starts a cell
 * magic, which this kernel reports as unknown.
 */
final class CellSource {

    /** What a part is. */
    enum Kind { CODE, MAGIC, CELL_MAGIC }

    /**
     * One part of a cell.
     *
     * @param kind      code, line magic or cell magic
     * @param text      the code, or the magic's line without its leading {@code %} or {@code %%}
     * @param firstLine index of the part's first line in the cell, from 0
     */
    record Part(Kind kind, String text, int firstLine) {
        /** The magic's name (its first word), or an empty string for code. */
        String magicName() {
            if (kind == Kind.CODE) {
                return "";
            }
            String t = text.strip();
            int space = indexOfWhitespace(t);
            return space < 0 ? t : t.substring(0, space);
        }

        /** What follows the magic's name. */
        String magicArguments() {
            String t = text.strip();
            int space = indexOfWhitespace(t);
            return space < 0 ? "" : t.substring(space).strip();
        }
    }

    private static final Pattern MAGIC = Pattern.compile("^\\s*(%%?)(\\S.*)?$");

    private CellSource() {
    }

    /**
     * Splits {@code cell}; {@code openCode} says whether code gathered so far ends inside a
     * statement, where a line starting with {@code %} is Java (e.g. a modulo in a text block).
     */
    static List<Part> split(String cell, Predicate<String> openCode) {
        List<Part> parts = new ArrayList<>();
        String[] lines = cell.split("\r?\n", -1);
        StringBuilder code = new StringBuilder();
        int codeStart = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = MAGIC.matcher(lines[i]);
            if (m.matches() && (code.toString().isBlank() || !openCode.test(code.toString()))) {
                if (!code.toString().isBlank()) {
                    parts.add(new Part(Kind.CODE, code.toString(), codeStart));
                }
                code.setLength(0);
                Kind kind = m.group(1).length() == 2 ? Kind.CELL_MAGIC : Kind.MAGIC;
                parts.add(new Part(kind, m.group(2) == null ? "" : m.group(2), i));
                codeStart = i + 1;
                continue;
            }
            if (code.length() == 0) {
                codeStart = i;
            } else {
                code.append('\n');
            }
            code.append(lines[i]);
        }
        if (!code.toString().isBlank()) {
            parts.add(new Part(Kind.CODE, code.toString(), codeStart));
        }
        return parts;
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
