package lenet5.train;

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
}
