package lenet5.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;

import lenet5.model.LeNet5;
import lenet5.model.ModelSummary;
import org.junit.jupiter.api.Test;

class DiagramsTest {

    @Test
    void theInputIsDrawnAtItsSizeAndEveryVariantFits() {
        BufferedImage classic = Diagrams.architecture(ModelSummary.of(LeNet5.Variant.CLASSIC));
        // The input's 32x32 pixels at 4 drawn pixels each, left edge at the first gap.
        assertEquals(0xBBDEFB, classic.getRGB(34 + 64, 110) & 0xFFFFFF);
        assertEquals(0xFFFFFF, classic.getRGB(34 + 130, 110 - 70) & 0xFFFFFF);
        BufferedImage compact = Diagrams.architecture(ModelSummary.of(LeNet5.Variant.COMPACT_28));
        assertTrue(compact.getWidth() < classic.getWidth(), "28x28 maps are drawn smaller");
    }
}
