package lenet5.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/**
 * Chapter 03 writes the momentum update the way DJL's PyTorch engine computes it, with the rate
 * inside the velocity: v = mu v + eta g, theta = theta - v. PyTorch's own SGD multiplies the
 * velocity by the rate instead; the two differ as soon as the rate changes, as under one-cycle.
 */
class MomentumFormTest {

    @Test
    void theRateIsInsideTheVelocity() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Rate 1 for the first update, 0.1 after; a constant gradient of 1; momentum 0.9.
            Tracker rate = update -> update <= 1 ? 1f : 0.1f; // DJL counts updates from 1
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(rate).optMomentum(0.9f).build();
            NDArray w = m.create(new float[] {0f});
            NDArray g = m.create(new float[] {1f});
            sgd.update("w", w, g);
            assertEquals(-1f, w.getFloat(0), 1e-6f);
            sgd.update("w", w, g);
            // Rate inside: v = 0.9 * 1 + 0.1 * 1 = 1.0, w = -2.0. PyTorch's form would give
            // v = 0.9 * 1 + 1 = 1.9, w = -1 - 0.1 * 1.9 = -1.19.
            assertEquals(-2f, w.getFloat(0), 1e-6f);
        }
    }
}
