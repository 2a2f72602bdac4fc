package lenet5.train;

import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;

/**
 * The learning-rate schedules of the course, as DJL {@link Tracker}s: what chapter 04 builds in a
 * cell, kept here for {@link Training} and the benchmarks. DJL's optimisers ask a tracker for the
 * rate of update {@code k}, counting from 1.
 */
public final class LearningRates {

    /** Share of the updates spent warming up in the one-cycle schedule. */
    public static final float WARM_UP_SHARE = 0.2f;

    private LearningRates() {
    }

    /** The schedule a configuration names, for a run of {@code totalUpdates} optimiser steps. */
    public static Tracker of(TrainingConfig config, int totalUpdates) {
        return switch (config.schedule()) {
            case ONE_CYCLE -> oneCycle(config.learningRate(), totalUpdates);
            case COSINE -> cosine(config.learningRate(), totalUpdates);
            case CONSTANT -> Tracker.fixed(config.learningRate());
            case PAPER_STEPS -> new PaperSteps(config.learningRate(), totalUpdates);
        };
    }

    /**
     * One cycle: a linear warm-up from {@code peak / 10} to {@code peak} over the first fifth of the
     * updates (DJL's {@link WarmUpTracker}), then a cosine decay to {@code peak / 1000} over the
     * rest (DJL's {@link CosineTracker}).
     */
    public static Tracker oneCycle(float peak, int totalUpdates) {
        if (totalUpdates < 1) {
            throw new IllegalArgumentException("a schedule needs at least one update, got " + totalUpdates);
        }
        int warmUp = Math.max(1, Math.round(totalUpdates * WARM_UP_SHARE));
        Tracker decay = CosineTracker.builder()
                .setBaseValue(peak)
                .optFinalValue(peak / 1000)
                .setMaxUpdates(Math.max(1, totalUpdates - warmUp))
                .build();
        return WarmUpTracker.builder()
                .optWarmUpBeginValue(peak / 10)
                .optWarmUpSteps(warmUp)
                .setMainTracker(decay)
                .build();
    }

    /** The one-cycle's decay alone: from {@code peak} at the first update down to {@code peak / 1000}, no warm-up. */
    public static Tracker cosine(float peak, int totalUpdates) {
        if (totalUpdates < 1) {
            throw new IllegalArgumentException("a schedule needs at least one update, got " + totalUpdates);
        }
        // DJL asks for update 1 first; the decay's step 0 is the peak.
        Tracker decay = CosineTracker.builder().setBaseValue(peak).optFinalValue(peak / 1000)
                .setMaxUpdates(Math.max(1, totalUpdates - 1)).build();
        return update -> decay.getNewValue(update - 1);
    }

    /** The rates of updates 1 to {@code totalUpdates}, as the optimiser will ask for them. */
    public static double[] rates(Tracker schedule, int totalUpdates) {
        double[] out = new double[totalUpdates];
        for (int k = 1; k <= totalUpdates; k++) {
            out[k - 1] = schedule.getNewValue(k);
        }
        return out;
    }
}
