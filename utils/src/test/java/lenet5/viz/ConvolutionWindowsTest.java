package lenet5.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

class ConvolutionWindowsTest {

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void theOutputSideFollowsTheFormula() {
        assertEquals(28, ConvolutionWindows.outputSide(32, 5, 0, 1));   // C1
        assertEquals(14, ConvolutionWindows.outputSide(28, 2, 0, 2));   // S2
        assertEquals(3, ConvolutionWindows.outputSide(5, 3, 1, 2));     // chapter 2's worked example
        assertEquals(13, ConvolutionWindows.outputSide(28, 3, 0, 2));   // the floor drops a window
        var e = assertThrows(IllegalArgumentException.class, () -> ConvolutionWindows.outputSide(3, 7, 1, 1));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }

    @Test
    void paddingIsGreyAndEachShownOutputCellHasItsWindowsColour() {
        BufferedImage img = ConvolutionWindows.draw(5, 3, 1, 2);
        int c = ConvolutionWindows.CELL;
        int top = ConvolutionWindows.TOP;
        int left = ConvolutionWindows.LEFT;
        // Padded input 7x7: the corner cell is padding, the next one in along the diagonal is an input pixel.
        assertEquals(ConvolutionWindows.PADDING.getRGB() & 0xFFFFFF, rgb(img, left + 10, top + 10));   // clear of the red outline and of the "0"
        assertEquals(0xFFFFFF, rgb(img, left + c + c - 4, top + c + c - 4));
        int outLeft = left + 7 * c + 70;
        // Output (0, 0) red, (0, 1) blue, (2, 2) green; (1, 1) left white.
        assertEquals(ConvolutionWindows.COLOURS[0].getRGB() & 0xFFFFFF, rgb(img, outLeft + c / 2, top + c / 2));
        assertEquals(ConvolutionWindows.COLOURS[1].getRGB() & 0xFFFFFF, rgb(img, outLeft + c + c / 2, top + c / 2));
        assertEquals(ConvolutionWindows.COLOURS[2].getRGB() & 0xFFFFFF, rgb(img, outLeft + 2 * c + c / 2, top + 2 * c + c / 2));
        assertEquals(0xFFFFFF, rgb(img, outLeft + c + c / 2, top + c + c / 2));
        // The blue window starts one stride (2 cells) to the right of the red one: its left edge, inset 6.
        assertEquals(ConvolutionWindows.COLOURS[1].getRGB() & 0xFFFFFF, rgb(img, left + 2 * c + 6, top + c + c / 2));
        assertEquals(ConvolutionWindows.COLOURS[0].getRGB() & 0xFFFFFF, rgb(img, left + 3, top + c + c / 2));
    }
}
