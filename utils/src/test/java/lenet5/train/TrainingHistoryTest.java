package lenet5.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingHistoryTest {

    private static TrainingHistory sample() {
        TrainingHistory h = new TrainingHistory();
        h.add(new EpochStats(1, 0.25, 0.93, 0.08, 0.978, 6.5, 9230.7, 0.05, 469));
        h.add(new EpochStats(2, 0.0712345, 0.9812, 0.0512345, 0.9851, 5.9, 10169.5, 0.001, 469));
        return h;
    }

    @Test
    void csvRoundTrip(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("h.csv");
        sample().saveCsv(f);
        TrainingHistory back = TrainingHistory.loadCsv(f);
        assertEquals(2, back.size());
        assertEquals(0.0712345, back.last().trainLoss(), 1e-6);
        assertEquals(0.0512345, back.last().validationLoss(), 1e-6);
        assertEquals(0.9851, back.last().validationAccuracy(), 1e-6);
        assertEquals(469, back.last().batches());
    }

    @Test
    void rejectsAForeignCsv(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, "a,b\n1,2\n");
        assertThrows(IOException.class, () -> TrainingHistory.loadCsv(f));
    }

    @Test
    void smallLearningRatesKeepTheirDigitsInTheTable() {
        TrainingHistory h = new TrainingHistory();
        h.add(new EpochStats(1, 0.25, 0.93, 0.08, 0.978, 6.5, 9230.7, 0.00006, 469));
        h.add(new EpochStats(2, 0.2, 0.94, 0.07, 0.98, 6.5, 9230.7, 0.3, 469));
        String table = h.toHtml();
        assertTrue(table.contains("<td>6.00e-05</td>"), table);
        assertTrue(table.contains("<td>0.300</td>"), table);
        assertTrue(table.contains("<th>batches</th>"), table);
    }
}
