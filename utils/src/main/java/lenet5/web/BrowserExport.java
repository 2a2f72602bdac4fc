package lenet5.web;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.Dataset;
import ai.djl.util.Pair;
import com.google.gson.Gson;
import lenet5.CourseException;
import lenet5.Logs;
import lenet5.data.MnistBytes;
import lenet5.data.PixelStats;
import lenet5.eval.DigitTranslator;
import lenet5.train.Checkpoint;

/**
 * Exports the trained classic LeNet-5 for the site's "Try it" page: its parameters and pixel
 * statistics as a JavaScript file, and, for the page's test, the first test digits with the
 * scores the DJL {@code Predictor} gives them.
 *
 * <pre>
 *   java -cp utils/target/classes:build/lib/*:build/lib-cpu/* lenet5.web.BrowserExport \
 *       models build/site/assets/lenet5-model.js build/web-check.js 200
 * </pre>
 */
public final class BrowserExport {

    private BrowserExport() {
    }

    /** Arguments: models folder, model script, check script, number of test digits. */
    public static void main(String[] args) throws Exception {
        Logs.quiet();
        if (args.length != 4) {
            System.err.println("usage: BrowserExport <models dir> <model.js> <check.js> <test digits>");
            System.exit(2);
        }
        try (Model model = Checkpoint.load(Path.of(args[0])); NDManager manager = NDManager.newBaseManager(model.getNDManager().getDevice())) {
            PixelStats stats = Checkpoint.stats(model);
            write(Path.of(args[1]), "LENET5_MODEL", modelJson(model, stats));
            MnistBytes test = MnistBytes.read(manager, Dataset.Usage.TEST);
            write(Path.of(args[2]), "LENET5_CHECK", checkJson(model, stats, test, Integer.parseInt(args[3])));
        } catch (CourseException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static void write(Path file, String variable, Object value) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        // A script rather than JSON: pages opened from disk may not fetch files.
        Files.writeString(file, "window." + variable + " = " + new Gson().toJson(value) + ";\n");
    }

    record Exported(String name, long[] shape, String data) {
    }

    record ModelFile(String source, float mean, float std, List<Exported> parameters) {
    }

    record CheckFile(int count, int[] labels, String images, float[][] logits) {
    }

    static ModelFile modelJson(Model model, PixelStats stats) {
        List<Exported> params = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            NDArray a = p.getValue().getArray();
            params.add(new Exported(p.getKey(), a.getShape().getShape(), base64(a.toFloatArray())));
        }
        String source = String.format(Locale.ROOT, "%s-%04d.params", model.getName(),
                Integer.parseInt(model.getProperty("Epoch", "0")));
        return new ModelFile(source, stats.mean(), stats.std(), params);
    }

    static CheckFile checkJson(Model model, PixelStats stats, MnistBytes test, int n) throws Exception {
        NDArray images = test.images(0, n);
        float[] pixels = images.toFloatArray();
        byte[] bytes = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            bytes[i] = (byte) Math.round(pixels[i] * 255);
        }
        float[][] logits = new float[n][];
        try (Predictor<NDArray, float[]> predictor = model.newPredictor(DigitTranslator.scores(stats))) {
            for (int i = 0; i < n; i++) {
                // The Predictor is fed exactly what the page will read back: the pixels as bytes / 255.
                float[] digit = new float[784];
                for (int j = 0; j < 784; j++) {
                    digit[j] = (bytes[i * 784 + j] & 0xFF) / 255f;
                }
                logits[i] = predictor.predict(images.getManager().create(digit, new Shape(28, 28)));
            }
        }
        int[] labels = test.labels().get("0:" + n).toType(DataType.INT32, false).toIntArray();
        return new CheckFile(n, labels, Base64.getEncoder().encodeToString(bytes), logits);
    }

    private static String base64(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return Base64.getEncoder().encodeToString(b.array());
    }
}
