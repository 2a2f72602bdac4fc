package lenet5.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnectionTableTest {

    @Test
    void followsTablePattern() {
        // Maps 0-5: three neighbouring S2 maps; 6-11: four neighbouring; 12-14: four with a gap; 15: all.
        for (int o = 0; o < 16; o++) {
            int[] expected;
            if (o < 6) {
                expected = new int[] {o, o + 1, o + 2};
            } else if (o < 12) {
                expected = new int[] {o - 6, o - 5, o - 4, o - 3};
            } else if (o < 15) {
                expected = new int[] {o - 12, o - 11, o - 9, o - 8};
            } else {
                expected = new int[] {0, 1, 2, 3, 4, 5};
            }
            assertEquals(expected.length, ConnectionTable.inputsOf(o), "C3 map " + o);
            for (int i : expected) {
                assertTrue(ConnectionTable.connected(o, i % 6), "C3 map " + o + " sees S2 map " + (i % 6));
            }
        }
        assertEquals(60, ConnectionTable.connections());
    }

    @Test
    void maskAndTextAgreeWithTheTable() {
        float[] mask = ConnectionTable.mask();
        assertEquals(96, mask.length);
        float sum = 0;
        for (float m : mask) {
            sum += m;
        }
        assertEquals(60, sum);
        assertEquals(1f, mask[15 * 6 + 5]);
        assertEquals(0f, mask[0 * 6 + 3]);
        String text = ConnectionTable.text();
        assertEquals(7, text.lines().count());
        assertEquals(60, text.chars().filter(c -> c == 'X').count());
    }
}
