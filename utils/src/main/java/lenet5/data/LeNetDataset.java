package lenet5.data;

import java.util.Iterator;
import java.util.NoSuchElementException;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.Batchifier;
import ai.djl.util.Progress;

/**
 * LeNet-5's inputs as a DJL {@link Dataset}, the form {@link ai.djl.training.EasyTrain} reads:
 * every {@link #getData} is one pass over the images, as DJL {@link Batch}es.
 *
 * <p>Why not DJL's {@code ArrayDataset}: it would hold every image as padded floats (the memory
 * {@link LeNetInputs} saves by keeping bytes) and has no random shifts; here each batch is made
 * from the bytes in a few native calls ({@link Batches}, {@link TrainingBatches}).
 *
 * <p>A training set also does what DJL's loop cannot: stop and resume. When the thread is
 * interrupted (the notebook's stop button) its pass ends after the current batch, and the next
 * {@code getData} serves the rest of that epoch, with the same images and shifts it would have
 * had, before starting the next one.
 */
public final class LeNetDataset implements Dataset {

    private final TrainingBatches training;
    private final Batches evaluation;
    private final Device device;
    /** The epoch (1-based) the next training pass serves, and the batches of it already served. */
    private int epoch = 1;
    private int served;
    private boolean cut;
    private double passSeconds;
    private int passBatches;
    private long passImages;

    private LeNetDataset(TrainingBatches training, Batches evaluation, Device device) {
        this.training = training;
        this.evaluation = evaluation;
        this.device = device;
    }

    /** Training batches: a new order and new shifts every epoch; stops at an interrupt and resumes. */
    public static LeNetDataset training(TrainingBatches batches) {
        return new LeNetDataset(batches, null, null);
    }

    /** Evaluation batches: every image once, in order, on {@code device}, channels-last; never stopped part-way. */
    public static LeNetDataset evaluation(InputSource x, NDArray y, int batchSize, Device device) {
        return new LeNetDataset(null, new Batches(x, y, batchSize, false, 0), device);
    }

    /** Number of batches in one pass. */
    public int batchesPerEpoch() {
        return training != null ? training.batchesPerEpoch() : evaluation.batchesPerEpoch();
    }

    /** True when the last training pass was ended by an interrupt before its last batch. */
    public boolean wasCut() {
        return cut;
    }

    /** Wall time of the last training pass, from the request for data to its end, in seconds. */
    public double lastPassSeconds() {
        return passSeconds;
    }

    /** Batches the last training pass served. */
    public int lastPassBatches() {
        return passBatches;
    }

    /** Images the last training pass served. */
    public long lastPassImages() {
        return passImages;
    }

    /** The epoch (1-based) the next training pass serves, or finishes if it was cut. */
    public int nextEpoch() {
        return epoch;
    }

    /**
     * One pass. The batches live on managers of their own under the labels' manager, not on
     * {@code manager}: DJL closes each batch after its step, which releases all of it.
     */
    @Override
    public Iterable<Batch> getData(NDManager manager) {
        return training != null ? this::trainingPass : () -> evaluationPass(evaluation.epoch(0).iterator());
    }

    private Iterator<Batch> trainingPass() {
        int e = epoch;
        int first = served;
        int total = training.batchesPerEpoch();
        long start = System.nanoTime();
        Iterator<Batches.Batch> raw = training.epoch(e, first).iterator();
        cut = false;
        passBatches = 0;
        passImages = 0;
        return new Iterator<>() {
            private boolean ended;
            private boolean handedOut;

            @Override
            public boolean hasNext() {
                if (ended) {
                    return false;
                }
                // The batch handed out last counts as served once the loop comes back for the next:
                // one whose step threw is served again by the next pass.
                if (handedOut) {
                    served++;
                    handedOut = false;
                }
                boolean finished = !raw.hasNext();
                if (finished || Thread.currentThread().isInterrupted()) {
                    ended = true;
                    cut = !finished;
                    if (finished) {
                        epoch = e + 1;
                        served = 0;
                    }
                    passSeconds = (System.nanoTime() - start) / 1e9;
                    return false;
                }
                return true;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Batches.Batch b = raw.next();
                handedOut = true;
                passBatches++;
                passImages += b.size();
                return djl(b, served + 1, total);
            }
        };
    }

    private Iterator<Batch> evaluationPass(Iterator<Batches.Batch> raw) {
        int total = evaluation.batchesPerEpoch();
        return new Iterator<>() {
            private int index;

            @Override
            public boolean hasNext() {
                return raw.hasNext();
            }

            @Override
            public Batch next() {
                Batches.Batch b = raw.next();
                // Channels-last, as the training batches are: the layout libtorch's CPU kernels keep.
                NDArray x = ChannelsLast.view(b.x().toDevice(device, false));
                NDArray y = b.y().toDevice(device, false);
                return djl(new Batches.Batch(b.scope(), x, y), ++index, total);
            }
        };
    }

    // DJL's batch owns the course batch's manager: closing it after the step releases everything.
    private static Batch djl(Batches.Batch b, int index, int total) {
        return new Batch(b.scope(), new NDList(b.x()), new NDList(b.y()), b.size(), Batchifier.STACK,
                Batchifier.STACK, index, total);
    }

    /** Nothing to prepare: {@link LeNetInputs} has loaded the images. */
    @Override
    public void prepare(Progress progress) {
    }
}
