package lenet5.data;

import java.io.IOException;
import java.nio.file.Path;

import ai.djl.basicdataset.cv.classification.Mnist;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.repository.Repository;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import lenet5.CourseException;
import lenet5.CoursePaths;

/**
 * MNIST through DJL's own {@link Mnist} dataset, read from the course's local folder.
 *
 * <p>DJL's {@code Mnist} normally downloads from DJL's repository; pointing {@code optRepository}
 * at a plain folder makes it read the four files that {@code make data} placed there, so the
 * course runs offline. {@link #load} then takes the whole split out as two tensors, which is what
 * the course preprocesses and batches.
 */
public final class MnistData {

    private MnistData() {
    }

    /** DJL's {@code Mnist} dataset for one split, ready to iterate in batches. */
    public static Mnist dataset(Dataset.Usage usage, int batchSize, boolean shuffle) {
        return dataset(usage, batchSize, shuffle, null);
    }

    /** Same, with the dataset's arrays on {@code manager} (null: a manager of the dataset's own). */
    static Mnist dataset(Dataset.Usage usage, int batchSize, boolean shuffle, NDManager manager) {
        Path dir = CoursePaths.mnist();
        MnistFiles.verify(dir);
        Mnist.Builder builder = Mnist.builder();
        if (manager != null) {
            builder.optManager(manager);
        }
        Mnist mnist = builder
                .optUsage(usage)
                .optRepository(Repository.newInstance("mnist", dir))
                .setSampling(batchSize, shuffle)
                .build();
        try {
            mnist.prepare();
        } catch (IOException | ai.djl.translate.TranslateException e) {
            throw new CourseException("DJL could not read MNIST from " + dir + ": " + e.getMessage()
                    + ". Run `" + MnistFiles.FETCH_COMMAND + "` to fetch it again.", e);
        }
        return mnist;
    }

    /**
     * The whole split as tensors on {@code manager}: images {@code (N, 1, 28, 28)} as float32 in
     * [0, 1], labels {@code (N)} as float32 class indices.
     */
    public static Split load(NDManager manager, Dataset.Usage usage) {
        // The dataset's own copy and every intermediate live on a scratch manager, released here:
        // only the two result tensors stay in memory.
        try (NDManager scratch = manager.newSubManager()) {
            Mnist mnist = dataset(usage, 1, false, scratch);
            long n = mnist.size();
            Batch all = mnist.getByRange(scratch, 0, n);
            NDArray images = all.getData().singletonOrThrow()
                    .reshape(n, 1, Mnist.IMAGE_HEIGHT, Mnist.IMAGE_WIDTH)
                    .toType(DataType.FLOAT32, false)
                    .div(255f);
            NDArray labels = all.getLabels().singletonOrThrow().toType(DataType.FLOAT32, true).reshape(n);
            // Everything else read here is released with the scratch manager.
            images.attach(manager);
            labels.attach(manager);
            return new Split(usage, images, labels);
        }
    }

    /** One split: images {@code (N, 1, H, W)} and labels {@code (N)}. */
    public record Split(Dataset.Usage usage, NDArray images, NDArray labels) {

        /** Number of examples. */
        public long size() {
            return labels.getShape().get(0);
        }
    }
}
