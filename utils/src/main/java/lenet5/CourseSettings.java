package lenet5;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one list of every {@code LENET5_*} environment variable the course reads (training settings,
 * paths, the kernel's, setup's and the classroom's), from {@code lenet5/settings.tsv}. A name that
 * starts with {@code LENET5_} but is not in it is a typing mistake: left alone it would be ignored
 * without a word, and a learner who typed {@code LENET5_EPOCH=2} would wait for the full run.
 */
public final class CourseSettings {

    private static final String PREFIX = "LENET5_";
    private static final Map<String, String> KNOWN = load();

    private CourseSettings() {
    }

    /** Every known name, with its kind (training, paths, kernel, setup, classroom, tests, site). */
    public static Map<String, String> known() {
        return KNOWN;
    }

    /**
     * Refuses the first {@code LENET5_*} variable of {@code env} that the course does not know.
     *
     * @throws CourseException naming the variable, its value and the closest known name
     */
    public static void checkNames(Map<String, String> env) {
        env.keySet().stream().filter(k -> k.startsWith(PREFIX) && !KNOWN.containsKey(k)).sorted().findFirst()
                .ifPresent(name -> {
                    throw new CourseException(name + "=" + env.get(name) + " is not a setting of the course: did you mean "
                            + closest(name) + "? (every setting: utils/src/main/resources/lenet5/settings.tsv)");
                });
    }

    /** The known name with the fewest single-character edits from {@code name}. */
    static String closest(String name) {
        return KNOWN.keySet().stream().min(Comparator.comparingInt((String k) -> distance(name, k)).thenComparing(k -> k))
                .orElseThrow();
    }

    // Levenshtein distance, two rows at a time.
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    private static Map<String, String> load() {
        Map<String, String> names = new LinkedHashMap<>();
        try (InputStream in = CourseSettings.class.getResourceAsStream("settings.tsv")) {
            if (in == null) {
                throw new IllegalStateException("lenet5/settings.tsv is missing from the utilities: run `make setup`");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                names.put(fields[0], fields.length > 1 ? fields[1] : "");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read lenet5/settings.tsv: " + e.getMessage(), e);
        }
        return java.util.Collections.unmodifiableMap(names);
    }
}
