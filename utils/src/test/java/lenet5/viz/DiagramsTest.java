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
        assertEquals(Diagrams.INPUT.getRGB() & 0xFFFFFF, classic.getRGB(34 + 64, 110) & 0xFFFFFF);
        assertEquals(0xFFFFFF, classic.getRGB(34 + 130, 110 - 70) & 0xFFFFFF);
        BufferedImage compact = Diagrams.architecture(ModelSummary.of(LeNet5.Variant.COMPACT_28));
        assertTrue(compact.getWidth() < classic.getWidth(), "28x28 maps are drawn smaller");
    }

    @Test
    void c5IsDrawnAsConvolutionMapsAndALegendNamesTheColours() {
        BufferedImage img = Diagrams.architecture(ModelSummary.of(LeNet5.Variant.CLASSIC));
        // Count, per colour, the columns that hold it below the legend: C5 adds convolution-coloured
        // columns of its own, and the only fully connected bars are F6 and the output.
        int conv = Diagrams.CONVOLUTION.getRGB() & 0xFFFFFF;
        int dense = Diagrams.FULLY_CONNECTED.getRGB() & 0xFFFFFF;
        int denseBars = 0;
        boolean inBar = false;
        int lastConvColumn = -1;
        for (int x = 0; x < img.getWidth(); x++) {
            boolean hasDense = false;
            for (int y = 30; y < 200; y++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                hasDense |= rgb == dense;
                if (rgb == conv) {
                    lastConvColumn = x;
                }
            }
            if (hasDense && !inBar) {
                denseBars++;
            }
            inBar = hasDense;
        }
        assertEquals(2, denseBars, "F6 and the output are bars; C5 is not");
        int firstDense = -1;
        for (int x = 0; x < img.getWidth() && firstDense < 0; x++) {
            for (int y = 30; y < 200; y++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == dense) {
                    firstDense = x;
                    break;
                }
            }
        }
        assertTrue(lastConvColumn > 0 && lastConvColumn < firstDense, "C5's maps, in the convolution colour, before F6");
        // The legend's swatches, top left.
        assertEquals(Diagrams.INPUT.getRGB() & 0xFFFFFF, img.getRGB(34 + 5, 9) & 0xFFFFFF);
    }
}
