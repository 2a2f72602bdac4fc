package lenet5.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;

/**
 * The cells run in this kernel session, for Jupyter's history requests (tail, range, and search
 * with IPython's glob patterns). Kept in memory only: a restart starts a new history.
 */
final class CellHistory implements HistoryManager {

    /** This kernel's only session, as history requests number it. */
    static final int SESSION = 0;

    private record Cell(int number, String input, String output) {
    }

    private final List<Cell> cells = new ArrayList<>();

    synchronized void add(int number, String input, String output) {
        cells.add(new Cell(number, input, output == null ? "" : output));
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        return entries(cells.subList(Math.max(0, cells.size() - length), cells.size()), flags);
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int end, Set<ResultFlag> flags) {
        if (session != SESSION) {
            return List.of();
        }
        return entries(cells.stream().filter(c -> c.number >= start && c.number < end).toList(), flags);
    }

    @Override
    public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        Pattern p = glob(pattern);
        List<Cell> found = cells.stream().filter(c -> p.matcher(c.input).matches()).toList();
        if (flags.contains(ResultFlag.UNIQUE)) {
            Map<String, Cell> latest = new LinkedHashMap<>();
            for (Cell c : found) {
                latest.remove(c.input);
                latest.put(c.input, c);
            }
            found = new ArrayList<>(latest.values());
        }
        if (length > 0 && found.size() > length) {
            found = found.subList(found.size() - length, found.size());
        }
        return entries(found, flags);
    }

    /** IPython's history glob: {@code *} any text, {@code ?} one character. */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static List<HistoryEntry> entries(List<Cell> cells, Set<ResultFlag> flags) {
        boolean withOutput = flags.contains(ResultFlag.INCLUDE_OUTPUT);
        return cells.stream()
                .map(c -> withOutput ? new HistoryEntry(SESSION, c.number, c.input, c.output)
                        : new HistoryEntry(SESSION, c.number, c.input))
                .toList();
    }
}
