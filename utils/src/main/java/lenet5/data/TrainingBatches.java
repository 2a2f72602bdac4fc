package lenet5.data;

import java.util.Iterator;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The batches a training loop consumes, ready for the network: shuffled, shifted by up to
 * {@code shift} pixels (the recipe's augmentation), on the training device, and in the
 * channels-last layout libtorch's CPU convolutions prefer. The loop itself only runs forward,
 * loss, backward and step on them.
 *
 * <p>Shifting works on a frame: each batch is padded with {@code shift} pixels of background, and
 * each group of images is cropped back to its size at a random offset ({@link Shifts}). Padding
 * per batch gives the same values as padding the whole set once, without a second copy of it.
 */
public final class TrainingBatches {

    private final Batches batches;
    private final Shifts shifts;
    private final int shift;
    private final float background;
    private final Device device;

    /**
     * @param x normalised training images {@code (N, 1, H, W)}
     * @param y their labels
     * @param batchSize images per batch
     * @param shift largest shift in pixels, 0 for none
     * @param background the value of a blank pixel after normalisation, used for the frame
     * @param seed seed of the shuffling and the shifts
     * @param device where the network runs
     */
    public TrainingBatches(InputSource x, NDArray y, int batchSize, int shift, float background, long seed, Device device) {
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

    /** The batches of one epoch (1-based), each closed by the caller. */
    public Iterable<Batches.Batch> epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /**
     * The batches of one epoch (1-based) from batch {@code firstBatch} (0-based) on: the same
     * images and shifts as the whole epoch's from that batch.
     */
    public Iterable<Batches.Batch> epoch(int epoch, int firstBatch) {
        return () -> new Iterator<>() {
            private final Iterator<Batches.Batch> raw = batches.epoch(epoch - 1, firstBatch).iterator();
            private int index = firstBatch;

            @Override
            public boolean hasNext() {
                return raw.hasNext();
            }

            @Override
            public Batches.Batch next() {
                Batches.Batch b = raw.next();
                NDArray x = ChannelsLast.view(shifts.apply(framed(b.x()), epoch, index++).toDevice(device, false));
                return new Batches.Batch(b.scope(), x, b.y().toDevice(device, false));
            }
        };
    }

    // The batch with a frame of background pixels, on the batch's own manager.
    private NDArray framed(NDArray x) {
        return shift > 0 ? x.pad(new Shape(shift, shift, shift, shift), background) : x;
    }
}
