package lenet5.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedComparisonTest {

    @Test
    void aDifferenceThatRoundsToZeroIsShownWithoutASign(@TempDir Path dir) throws Exception {
        // One image in 100,000 on one seed of three: a mean difference of -0.0003 points.
        Files.writeString(dir.resolve("runs.csv"), "variant,seed,epochs,validation_correct,validation_images,seconds\n"
                + "recipe,1,5,90000,100000,1\nrecipe,2,5,90000,100000,1\nrecipe,3,5,90000,100000,1\n"
                + "variant,1,5,90000,100000,1\nvariant,2,5,90000,100000,1\nvariant,3,5,89999,100000,1\n");
        SeedComparison table = SeedComparison.load(dir.resolve("runs.csv"), "recipe");
        for (String shown : new String[] {table.toHtml(), table.toString()}) {
            assertTrue(shown.contains("+0.00 ±"), shown);
            assertFalse(shown.contains("-0.00"), shown);
        }
    }

    @Test
    void pairedDifferencesAreSeedBySeedAndOnlyForSeedsBothHave(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("runs.csv"), "variant,seed,epochs,validation_correct,validation_images,seconds\n"
                + "recipe,1,5,4950,5000,1\nrecipe,2,5,4960,5000,1\n"
                + "variant,1,5,4940,5000,1\nvariant,2,5,4965,5000,1\nvariant,3,5,4000,5000,1\n");
        SeedComparison table = SeedComparison.load(dir.resolve("runs.csv"), "recipe");
        var d = table.pairedDifferences();
        assertEquals(java.util.List.of("variant"), java.util.List.copyOf(d.keySet()), "the baseline is not compared with itself");
        assertArrayEquals(new double[] {-0.2, 0.1}, d.get("variant"), 1e-9, "seed 3 has no baseline run");
        assertEquals(-0.05, table.summaries().get(1).difference(), 1e-9, "the table's mean is the mean of these");
    }
}
