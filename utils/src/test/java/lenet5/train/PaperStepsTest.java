package lenet5.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PaperStepsTest {

    @Test
    void twentyPassesFollowThePapersRates() {
        // 20 passes of 100 updates: 0.0005 x2, 0.0002 x3, 0.0001 x3, 0.00005 x4, 0.00001 x8.
        PaperSteps s = new PaperSteps(0.0005f, 2000);
        float[] expected = {5e-4f, 5e-4f, 2e-4f, 2e-4f, 2e-4f, 1e-4f, 1e-4f, 1e-4f, 5e-5f, 5e-5f, 5e-5f, 5e-5f,
            1e-5f, 1e-5f, 1e-5f, 1e-5f, 1e-5f, 1e-5f, 1e-5f, 1e-5f};
        for (int pass = 0; pass < 20; pass++) {
            assertEquals(expected[pass], s.getNewValue(pass * 100), 1e-9, "first update of pass " + (pass + 1));
            assertEquals(expected[pass], s.getNewValue(pass * 100 + 99), 1e-9, "last update of pass " + (pass + 1));
        }
    }
}
