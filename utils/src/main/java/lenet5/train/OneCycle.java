package lenet5.train;

import ai.djl.training.tracker.Tracker;

/**
 * The one-cycle learning-rate schedule: a linear warm-up from {@code peak / 10} to {@code peak}
 * over the first {@code warmupFraction} of the updates, then a cosine decay to almost zero.
 *
 * <p>The warm-up lets a large learning rate be used without the first noisy updates throwing
 * the weights far; the decay lets the last epochs settle into a minimum.
 */
public final class OneCycle implements Tracker {

    private final float peak;
    private final int total;
    private final int warmup;

    /**
     * @param peak highest learning rate
     * @param totalUpdates number of optimiser steps in the whole run
     * @param warmupFraction share of the steps spent warming up, e.g. 0.2
     */
    public OneCycle(float peak, int totalUpdates, float warmupFraction) {
        if (totalUpdates < 1) {
            throw new IllegalArgumentException("totalUpdates must be positive");
        }
        this.peak = peak;
        this.total = totalUpdates;
        this.warmup = Math.max(1, Math.round(totalUpdates * warmupFraction));
    }

    @Override
    public float getNewValue(int numUpdate) {
        if (numUpdate < warmup) {
            float start = peak / 10;
            return start + (peak - start) * numUpdate / warmup;
        }
        double progress = Math.min(1.0, (numUpdate - warmup) / (double) Math.max(1, total - warmup));
        double floor = peak * 1e-3;
        return (float) (floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
