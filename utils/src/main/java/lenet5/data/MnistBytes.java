package lenet5.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import lenet5.CourseException;
import lenet5.CoursePaths;

/**
 * One MNIST split as the files store it: one unsigned byte per pixel and per label.
 *
 * <p>This is the smallest form that serves (a quarter of float32); floats are made from it only
 * where they are needed ({@link #images(long, long)}), and the values are the ones DJL's
 * {@code Mnist} gives. The files are read through one small direct buffer: a buffer the size of
 * the file would stay in Java's direct memory until the next garbage collection.
 *
 * @param usage which split
 * @param pixels images {@code (N, 1, 28, 28)} as uint8, 0 (background) to 255 (ink)
 * @param labels class indices {@code (N)} as uint8
 */
public record MnistBytes(Dataset.Usage usage, NDArray pixels, NDArray labels) {

    private static final int IMAGE_MAGIC = 2051;
    private static final int LABEL_MAGIC = 2049;
    private static final int CHUNK = 1 << 20;

    /** Reads one split from the course's MNIST folder onto {@code manager}, after checking the files. */
    public static MnistBytes read(NDManager manager, Dataset.Usage usage) {
        if (usage != Dataset.Usage.TRAIN && usage != Dataset.Usage.TEST) {
            throw new IllegalArgumentException("MNIST has a training and a test split, not " + usage);
        }
        Path dir = CoursePaths.mnist();
        MnistFiles.verify(dir);
        String prefix = usage == Dataset.Usage.TRAIN ? "train" : "test";
        NDArray labels = read(manager, dir.resolve(prefix + "_labels"), LABEL_MAGIC);
        NDArray pixels = read(manager, dir.resolve(prefix + "_data"), IMAGE_MAGIC);
        return new MnistBytes(usage, pixels, labels);
    }

    /** Number of examples. */
    public long size() {
        return labels.getShape().get(0);
    }

    /** Examples {@code from} to {@code to} of this split, as views of its arrays (nothing is copied). */
    public MnistBytes range(long from, long to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("examples " + from + " to " + to + " of " + size());
        }
        return new MnistBytes(usage, pixels.get(from + ":" + to), labels.get(from + ":" + to));
    }

    /** Images {@code from} to {@code to} as float32 in [0, 1], new arrays on the pixels' manager. */
    public NDArray images(long from, long to) {
        // The same two steps as DJL's Mnist and its ToTensor: bytes to float, then divided by 255.
        NDArray slice = pixels.get(from + ":" + to);
        NDArray images = slice.toType(DataType.FLOAT32, true).divi(255f);
        slice.close();
        return images;
    }

    // An idx file: magic, one count per axis (big-endian int32), then the bytes row by row.
    private static NDArray read(NDManager manager, Path file, int magic) {
        try (FileChannel in = FileChannel.open(file)) {
            int axes = magic == IMAGE_MAGIC ? 3 : 1;
            ByteBuffer header = ByteBuffer.allocate(4 * (1 + axes)).order(ByteOrder.BIG_ENDIAN);
            while (header.hasRemaining() && in.read(header) >= 0) {
                // reads the whole header
            }
            header.flip();
            if (header.remaining() < header.capacity() || header.getInt() != magic) {
                throw new CourseException("MNIST file " + file + " is not an idx file with magic " + magic
                        + ": run `" + MnistFiles.FETCH_COMMAND + "` to fetch it again.");
            }
            long n = header.getInt();
            Shape shape = axes == 3 ? new Shape(n, 1, header.getInt(), header.getInt()) : new Shape(n);
            long perItem = shape.size() / n;
            NDArray out = manager.create(shape, DataType.UINT8);
            long itemsPerChunk = Math.max(1, CHUNK / perItem);
            ByteBuffer buffer = ByteBuffer.allocateDirect(Math.toIntExact(itemsPerChunk * perItem));
            for (long start = 0; start < n; start += itemsPerChunk) {
                long count = Math.min(itemsPerChunk, n - start);
                buffer.clear().limit(Math.toIntExact(count * perItem));
                while (buffer.hasRemaining()) {
                    if (in.read(buffer) < 0) {
                        out.close();
                        throw new CourseException("MNIST file " + file + " ends early: run `"
                                + MnistFiles.FETCH_COMMAND + "` to fetch it again.");
                    }
                }
                buffer.flip();
                long[] dims = shape.getShape().clone();
                dims[0] = count;
                // The part reads the buffer in place; set() copies it before the buffer is refilled.
                try (NDArray part = manager.create(buffer, new Shape(dims), DataType.UINT8)) {
                    out.set(new NDIndex(start + ":" + (start + count)), part);
                }
            }
            return out;
        } catch (IOException e) {
            throw new CourseException("Cannot read MNIST file " + file + ": " + e.getMessage(), e);
        }
    }
}
