package lenet5.data;

import java.io.IOException;
import java.nio.file.Path;

import ai.djl.basicdataset.cv.classification.Mnist;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.repository.Repository;
import ai.djl.training.dataset.Dataset;
import lenet5.CourseException;
import lenet5.CoursePaths;

/**
 * MNIST for the course: DJL's own {@link Mnist} dataset, read from the course's local folder, and
 * the whole split as two tensors.
 *
 * <p>DJL's {@code Mnist} normally downloads from DJL's repository; pointing {@code optRepository}
 * at a plain folder makes it read the four files that {@code make data} placed there, so the
 * course runs offline. {@link #load} takes a split out as two tensors, which is what the course
 * preprocesses and batches; it reads the files' bytes itself ({@link MnistBytes}), because DJL's
 * dataset keeps its own float32 copy of the whole split.
 */
public final class MnistData {

    private MnistData() {
    }

    /**
     * DJL's {@code Mnist} dataset for one split, ready to iterate in batches. Its arrays live on a
     * sub-manager of {@code manager}: closing {@code manager} releases the dataset.
     */
    public static Mnist dataset(NDManager manager, Dataset.Usage usage, int batchSize, boolean shuffle) {
        Path dir = CoursePaths.mnist();
        MnistFiles.verify(dir);
        Mnist mnist = Mnist.builder()
                .optManager(manager)
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
     * [0, 1], labels {@code (N)} as float32 class indices; the same values as DJL's {@code Mnist}.
     */
    public static Split load(NDManager manager, Dataset.Usage usage) {
        // The bytes live on a scratch manager, released here: only the two result tensors stay.
        try (NDManager scratch = manager.newSubManager()) {
            MnistBytes bytes = MnistBytes.read(scratch, usage);
            NDArray images = bytes.images(0, bytes.size());
            NDArray labels = bytes.labels().toType(DataType.FLOAT32, true);
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
