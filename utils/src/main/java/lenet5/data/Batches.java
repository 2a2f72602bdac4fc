package lenet5.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Mini-batches cut from two whole tensors, in a shuffled order that depends only on the seed
 * and the epoch.
 *
 * <p>Each batch is gathered with one indexing call on the full tensor, so an epoch costs a few
 * hundred native calls rather than one per image. The caller closes each batch.
 */
public final class Batches implements Iterable<Batches.Batch> {

    /**
     * Inputs {@code (B, ...)} and labels {@code (B)} of one mini-batch, owned by their own
     * manager: everything computed from them (predictions, loss) is released by {@link #close}.
     */
    public record Batch(NDManager scope, NDArray x, NDArray y) implements AutoCloseable {

        /** Number of examples in the batch. */
        public int size() {
            return (int) y.getShape().get(0);
        }

        @Override
        public void close() {
            scope.close();
        }
    }

    private final InputSource x;
    private final NDArray y;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private int epoch;
    private int first;

    /**
     * @param x inputs, first axis is the example
     * @param y labels, one per example
     * @param batchSize examples per batch; the last batch may be smaller
     * @param shuffle whether each epoch visits the examples in a new random order
     * @param seed seed of the shuffling
     */
    public Batches(NDArray x, NDArray y, int batchSize, boolean shuffle, long seed) {
        this(InputSource.of(x), y, batchSize, shuffle, seed);
    }

    /**
     * Batches whose inputs are read from {@code x} one batch at a time, e.g. made from bytes
     * ({@link LeNetInputs}).
     *
     * @param x inputs, first axis is the example
     * @param y labels, one per example
     * @param batchSize examples per batch; the last batch may be smaller
     * @param shuffle whether each epoch visits the examples in a new random order
     * @param seed seed of the shuffling
     */
    public Batches(InputSource x, NDArray y, int batchSize, boolean shuffle, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        if (x.getShape().get(0) != y.getShape().get(0)) {
            throw new IllegalArgumentException("x has " + x.getShape().get(0) + " examples, y has " + y.getShape().get(0));
        }
        this.x = x;
        this.y = y;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    /** Number of examples. */
    public long size() {
        return y.getShape().get(0);
    }

    /** Number of batches in one epoch. */
    public int batchesPerEpoch() {
        return (int) ((size() + batchSize - 1) / batchSize);
    }

    /** Chooses the epoch whose order the next iteration follows (0-based). */
    public Batches epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /**
     * Chooses the epoch whose order the next iteration follows (0-based) and the batch that
     * iteration, and only that one, starts at: to finish an epoch that was stopped part-way.
     */
    public Batches epoch(int epoch, int firstBatch) {
        if (firstBatch < 0 || firstBatch > batchesPerEpoch()) {
            throw new IllegalArgumentException("batch " + firstBatch + " of an epoch of " + batchesPerEpoch());
        }
        this.epoch = epoch;
        this.first = firstBatch;
        return this;
    }

    /** Example order of an epoch: identity without shuffling, else a seeded permutation. */
    public int[] order(int epoch) {
        int n = Math.toIntExact(size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (shuffle) {
            Random rnd = new Random(seed * 1_000_003L + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
        }
        return idx;
    }

    @Override
    public Iterator<Batch> iterator() {
        int[] order = order(epoch);
        // Under the labels' manager: an owner such as Training attaches them to its own.
        NDManager manager = y.getManager();
        int from = Math.min(first * batchSize, order.length);
        first = 0; // the starting batch applies to the next iteration only
        return new Iterator<>() {
            private int start = from;

            @Override
            public boolean hasNext() {
                return start < order.length;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(start + batchSize, order.length);
                NDManager scope = manager.newSubManager();
                NDArray bx;
                NDArray by;
                if (!shuffle) {
                    bx = x.get(start, end);
                    by = y.get(start + ":" + end);
                } else {
                    NDArray index = scope.create(Arrays.copyOfRange(order, start, end));
                    bx = x.get(index);
                    by = y.get(index);
                }
                bx.attach(scope);
                by.attach(scope);
                start = end;
                return new Batch(scope, bx, by);
            }
        };
    }
}
