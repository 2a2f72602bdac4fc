package lenet5.data;

import java.util.Iterator;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.Batchifier;
import ai.djl.util.Progress;

/**
 * Images to evaluate on (validation or test) as a DJL {@link Dataset}: every image once, in order,
 * in batches on the device, channels-last as the training batches are (the layout libtorch's CPU
 * kernels keep). Never stopped part-way: a figure over part of the images would mean nothing.
 */
public final class EvaluationSet implements Dataset {

    private final Batches batches;
    private final Device device;

    /**
     * @param x normalised images {@code (N, 1, H, W)}
     * @param y their labels
     * @param batchSize images per batch
     * @param device where the network runs
     */
    public EvaluationSet(InputSource x, NDArray y, int batchSize, Device device) {
        this.batches = new Batches(x, y, batchSize, false, 0);
        this.device = device;
    }

    /** Number of batches in one pass. */
    public int batchesPerEpoch() {
        return batches.batchesPerEpoch();
    }

    /** Every image once; each batch on a manager of its own, released when DJL closes the batch. */
    @Override
    public Iterable<Batch> getData(NDManager manager) {
        return () -> new Iterator<>() {
            private final Iterator<Batches.Batch> raw = batches.epoch(0).iterator();
            private final int total = batches.batchesPerEpoch();
            private int index;

            @Override
            public boolean hasNext() {
                return raw.hasNext();
            }

            @Override
            public Batch next() {
                Batches.Batch b = raw.next();
                NDArray x = ChannelsLast.view(b.x().toDevice(device, false));
                return djl(b.scope(), x, b.y().toDevice(device, false), ++index, total);
            }
        };
    }

    // DJL's batch owns the course batch's manager: closing it after the step releases everything.
    static Batch djl(NDManager scope, NDArray x, NDArray y, int index, int total) {
        return new Batch(scope, new NDList(x), new NDList(y), (int) y.getShape().get(0), Batchifier.STACK,
                Batchifier.STACK, index, total);
    }

    /** Nothing to prepare: {@link LeNetInputs} has loaded the images. */
    @Override
    public void prepare(Progress progress) {
    }
}
