package lenet5.train;

import ai.djl.training.tracker.Tracker;

/**
 * The shape of LeCun et al.'s 1998 learning-rate schedule, stretched to any run length. The paper
 * trains for 20 passes with a global rate of 0.0005 for the first 2, 0.0002 for the next 3,
 * 0.0001 for 3, 0.00005 for 4 and 0.00001 for the last 8 (section III-B): steps of 1, 0.4, 0.2,
 * 0.1 and 0.02 times the first rate, over 10 %, 15 %, 15 %, 20 % and 40 % of the updates.
 */
public final class PaperSteps implements Tracker {

    /** Where each step ends, as a share of the run (2, 5, 8 and 12 of 20 passes). */
    private static final float[] ENDS = {0.10f, 0.25f, 0.40f, 0.60f};
    /** The rate of each step, relative to the first. */
    private static final float[] FACTORS = {1f, 0.4f, 0.2f, 0.1f, 0.02f};

    private final float first;
    private final int total;

    /**
     * @param first the learning rate of the first step
     * @param totalUpdates number of optimiser steps in the whole run
     */
    public PaperSteps(float first, int totalUpdates) {
        if (totalUpdates < 1) {
            throw new IllegalArgumentException("totalUpdates must be positive");
        }
        this.first = first;
        this.total = totalUpdates;
    }

    /** The rate of update {@code numUpdate}, counted from 1 as DJL's optimisers count them. */
    @Override
    public float getNewValue(int numUpdate) {
        float progress = (numUpdate - 1) / (float) total;
        int step = 0;
        while (step < ENDS.length && progress >= ENDS[step]) {
            step++;
        }
        return first * FACTORS[step];
    }
}
