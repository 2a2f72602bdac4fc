package lenet5.data;

import java.util.Iterator;
import java.util.NoSuchElementException;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.util.Progress;

/**
 * The training images as a DJL {@link Dataset}, the form {@link ai.djl.training.EasyTrain} reads:
 * every {@link #getData} is one epoch of shuffled batches, each shifted by up to {@code shift}
 * pixels (the recipe's augmentation), on the training device, channels-last.
 *
 * <p>Why not DJL's {@code ArrayDataset}: it would need every image as padded floats (the 225 MB
 * that {@link LeNetInputs} saves by keeping bytes) and transforms image by image; here a batch is
 * made in a few native calls: gathered ({@link Batches}), framed with background and cropped per
 * group of images ({@link Shifts}), viewed channels-last ({@link ChannelsLast}).
 *
 * <p>It also does what DJL's loop cannot: stop and resume. When the thread is interrupted (the
 * notebook's stop button) the epoch ends after the current batch, and the next {@code getData}
 * serves the rest of that epoch, with the images and shifts it would have had, before the next.
 */
public final class TrainingSet implements Dataset {

    private final Batches batches;
    private final Shifts shifts;
    private final int shift;
    private final float background;
    private final Device device;
    /** The epoch (1-based) the next pass serves, and the batches of it already served. */
    private int epoch = 1;
    private int served;
    private boolean cut;
    private double passSeconds;
    private int passBatches;
    private long passImages;

    /**
     * @param x normalised training images {@code (N, 1, H, W)}
     * @param y their labels
     * @param batchSize images per batch
     * @param shift largest shift in pixels, 0 for none
     * @param background the value of a blank pixel after normalisation, used for the frame
     * @param seed seed of the shuffling and the shifts
     * @param device where the network trains
     */
    public TrainingSet(InputSource x, NDArray y, int batchSize, int shift, float background, long seed, Device device) {
        this.batches = new Batches(x, y, batchSize, true, seed);
        this.shifts = new Shifts(shift, seed);
        this.shift = shift;
        this.background = background;
        this.device = device;
    }

    /** Number of batches in one epoch. */
    public int batchesPerEpoch() {
        return batches.batchesPerEpoch();
    }

    /** True when the last pass was ended by an interrupt before its last batch. */
    public boolean wasCut() {
        return cut;
    }

    /** Wall time of the last pass, from the request for data to its end, in seconds. */
    public double lastPassSeconds() {
        return passSeconds;
    }

    /** Batches the last pass served. */
    public int lastPassBatches() {
        return passBatches;
    }

    /** Images the last pass served. */
    public long lastPassImages() {
        return passImages;
    }

    /** The epoch (1-based) the next pass serves, or finishes if it was cut. */
    public int nextEpoch() {
        return epoch;
    }

    /**
     * One epoch, or the rest of a cut one. The batches live on managers of their own under the
     * labels' manager, not on {@code manager}: DJL closes each batch after its step, which
     * releases all of it.
     */
    @Override
    public Iterable<Batch> getData(NDManager manager) {
        return this::pass;
    }

    private Iterator<Batch> pass() {
        int e = epoch;
        int first = served;
        int total = batches.batchesPerEpoch();
        long start = System.nanoTime();
        Iterator<Batches.Batch> raw = batches.epoch(e - 1, first).iterator();
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
                NDArray x = ChannelsLast.view(shifts.apply(framed(b.x()), e, served).toDevice(device, false));
                return EvaluationSet.djl(b.scope(), x, b.y().toDevice(device, false), served + 1, total);
            }
        };
    }

    // The batch with a frame of background pixels, on the batch's own manager.
    private NDArray framed(NDArray x) {
        return shift > 0 ? x.pad(new Shape(shift, shift, shift, shift), background) : x;
    }

    /** Nothing to prepare: {@link LeNetInputs} has loaded the images. */
    @Override
    public void prepare(Progress progress) {
    }
}
