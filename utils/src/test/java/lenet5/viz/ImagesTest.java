package lenet5.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ImagesTest {

    @Test
    void divergingPutsEveryTileOnOneSignedScale() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Two 1x2 tiles: (-0.5, 0) and (0.25, 1). One scale for both: -1..+1.
            BufferedImage img = Images.diverging(m.create(new float[] {-0.5f, 0f, 0.25f, 1f}, new Shape(2, 1, 1, 2)),
                    2, 10, List.of("a", "b"));
            int pad = 4;
            int tile = 2 * 10 + pad;
            assertEquals(0xFFFFFF, rgb(img, pad + 15, pad + 5), "0 is white");
            assertEquals(0xFF0000, rgb(img, pad + tile + 15, pad + 5), "the largest magnitude is full red");
            int half = rgb(img, pad + 5, pad + 5);
            assertEquals(0xFF, half & 0xFF, "negative values are blue");
            assertTrue((half >> 16 & 0xFF) > 100 && (half >> 16 & 0xFF) < 150, "-0.5 is half-way to blue: " + Integer.toHexString(half));
            // Unlike grid(), a tile is not stretched to its own range: 0.25 stays pale.
            assertTrue((rgb(img, pad + tile + 5, pad + 5) >> 8 & 0xFF) > 150);
        }
    }

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }
}
