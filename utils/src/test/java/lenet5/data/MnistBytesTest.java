package lenet5.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.basicdataset.cv.classification.Mnist;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.repository.Repository;
import ai.djl.training.dataset.Dataset;
import lenet5.CoursePaths;
import lenet5.NativeMemory;
import org.junit.jupiter.api.Test;

class MnistBytesTest {

    @Test
    void theBytesGiveDjlsValuesAndDjlsDatasetIsFreedWithItsManager() throws Exception {
        long before = NativeMemory.arrayBytes();
        try (NDManager manager = NDManager.newBaseManager()) {
            // DJL's own dataset, read from the course's folder as chapter 01 shows it.
            Mnist djl = Mnist.builder().optManager(manager).optUsage(Dataset.Usage.TEST)
                    .optRepository(Repository.newInstance("mnist", CoursePaths.mnist())).setSampling(64, false).build();
            djl.prepare();
            long n = djl.size();
            Batch all = djl.getByRange(manager, 0, n);
            // DJL's batches are (N, 28, 28, 1) floats 0..255; the course's tensors are (N, 1, 28, 28) in [0, 1].
            NDArray expected = all.getData().singletonOrThrow().reshape(n, 1, 28, 28).div(255f);
            MnistBytes split = MnistBytes.read(manager, Dataset.Usage.TEST);
            assertTrue(expected.contentEquals(split.images(0, n)), "images differ from DJL's");
            assertTrue(all.getLabels().singletonOrThrow().reshape(n).contentEquals(split.labels().toType(ai.djl.ndarray.types.DataType.FLOAT32, false)),
                    "labels differ from DJL's");
            assertTrue(NativeMemory.arrayBytes() - before > 30 * NativeMemory.MB, "the dataset holds the split");
        }
        long after = NativeMemory.arrayBytes();
        assertTrue(after - before < NativeMemory.MB, "left open after closing the manager: " + (after - before) + " bytes");
    }

    @Test
    void inputsPreparedFromBytesEqualTheWholeSplitPrepared() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LeNetInputs inputs = LeNetInputs.load(manager);
            MnistBytes file = MnistBytes.read(manager, Dataset.Usage.TRAIN);
            MnistBytes test = MnistBytes.read(manager, Dataset.Usage.TEST);
            NDArray fileImages = file.images(0, file.size());
            NDArray fileLabels = file.labels().toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            NDArray testLabels = test.labels().toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            // Statistics of the 55,000 training images only; the last 5,000 are the validation set.
            PixelStats stats = PixelStats.of(fileImages.get("0:55000"));
            assertEquals(stats, inputs.stats());
            assertEquals(new Shape(55000, 1, 32, 32), inputs.trainX().getShape());
            assertEquals(new Shape(5000, 1, 32, 32), inputs.validationX().getShape());
            assertEquals(new Shape(10000, 1, 32, 32), inputs.testX().getShape());
            NDArray whole = Preprocessing.toInput(fileImages, stats);
            assertTrue(whole.get("0:55000").contentEquals(inputs.trainX().get(0, 55000)), "training inputs differ");
            assertTrue(whole.get("55000:60000").contentEquals(inputs.validationX().get(0, 5000)), "validation inputs differ");
            assertTrue(Preprocessing.toInput(test.images(0, test.size()), stats).contentEquals(inputs.testX().get(0, 10000)), "test inputs differ");
            NDArray index = manager.create(new int[] {54999, 7, 31337});
            assertTrue(whole.get(index).contentEquals(inputs.trainX().get(index)), "a gathered batch differs");
            assertEquals(PixelStats.of(whole.get("0:55000")), PixelStats.of(inputs.trainX()), "statistics read slice by slice");
            assertTrue(fileLabels.get("0:55000").contentEquals(inputs.trainY()));
            assertTrue(fileLabels.get("55000:60000").contentEquals(inputs.validationY()));
            assertTrue(testLabels.contentEquals(inputs.testY()));
        }
    }

    @Test
    void inputsHoldTheBytesNotFloats() {
        long before = NativeMemory.arrayBytes();
        try (NDManager manager = NDManager.newBaseManager()) {
            LeNetInputs.load(manager);
            long held = NativeMemory.arrayBytes() - before;
            // 70,000 images of 784 bytes (55 MB) and float labels; as padded floats they were 287 MB.
            assertTrue(held < 60 * NativeMemory.MB, "LeNetInputs holds " + held / NativeMemory.MB + " MB");
        }
        assertTrue(NativeMemory.arrayBytes() - before < NativeMemory.MB, "left open after closing the manager");
    }
}
