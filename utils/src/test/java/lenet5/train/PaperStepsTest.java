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
        // DJL counts updates from 1: pass p runs updates 100 (p - 1) + 1 to 100 p.
        for (int pass = 1; pass <= 20; pass++) {
            assertEquals(expected[pass - 1], s.getNewValue((pass - 1) * 100 + 1), 1e-9, "first update of pass " + pass);
            assertEquals(expected[pass - 1], s.getNewValue(pass * 100), 1e-9, "last update of pass " + pass);
        }
        // One update per pass, as chapter 07 prints the paper's own schedule.
        PaperSteps perPass = new PaperSteps(0.0005f, 20);
        for (int pass = 1; pass <= 20; pass++) {
            assertEquals(expected[pass - 1], perPass.getNewValue(pass), 1e-9, "pass " + pass);
        }
    }
}
