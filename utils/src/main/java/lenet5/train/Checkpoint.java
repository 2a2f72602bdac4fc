package lenet5.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import lenet5.CourseException;
import lenet5.data.PixelStats;
import lenet5.model.LeNet5;

/**
 * Saves and restores the parameters of a trained LeNet-5, with its training history beside them.
 *
 * <p>DJL stores parameters only; the architecture is rebuilt from code ({@link LeNet5}), which is
 * why the variant is part of the checkpoint's name.
 */
public final class Checkpoint {

    /** Name of the course's trained model. */
    public static final String NAME = "lenet5-classic";
    private static final String MEAN = "PixelMean";
    private static final String STD = "PixelStd";
    private static final String TEST = "TestAccuracy";

    private Checkpoint() {
    }

    /**
     * Writes the parameters ({@code NAME-NNNN.params}, NNNN the number of epochs trained), with the
     * pixel statistics the inputs were normalised with stored beside them in the same file,
     * and {@code history.csv} into {@code dir}.
     */
    public static void save(Model model, TrainingHistory history, PixelStats stats, Path dir) throws IOException {
        save(model, history, stats, Double.NaN, dir);
    }

    /**
     * The same, with the test accuracy measured once at the end of training stored beside the
     * parameters, for the chapters that compare with it ({@link #testAccuracy(Model)}).
     */
    public static void save(Model model, TrainingHistory history, PixelStats stats, double testAccuracy, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        // DJL names the file after the epoch and loads the highest one: an older, longer run's
        // parameters would win over this one's, so they go.
        try (var old = Files.newDirectoryStream(dir, NAME + "-*.params")) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
        model.setProperty("Epoch", String.valueOf(history.size()));
        model.setProperty(MEAN, String.valueOf(stats.mean()));
        model.setProperty(STD, String.valueOf(stats.std()));
        EpochStats last = history.last();
        if (last != null) {
            model.setProperty("ValidationAccuracy", String.valueOf(last.validationAccuracy()));
        }
        if (Double.isNaN(testAccuracy)) {
            model.getProperties().remove(TEST);  // none measured for these parameters
        } else {
            model.setProperty(TEST, String.valueOf(testAccuracy));
        }
        model.save(dir, NAME);
        history.saveCsv(dir.resolve("history.csv"));
    }

    /** True when {@code dir} holds a saved model. */
    public static boolean exists(Path dir) {
        try (var files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith(NAME) && p.toString().endsWith(".params"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Builds a fresh classic LeNet-5 and loads the saved parameters into it (no training).
     *
     * @throws CourseException when nothing is saved yet, naming the notebook that saves it
     */
    public static Model load(Path dir) {
        if (!exists(dir)) {
            throw new CourseException("No trained model in " + dir.toAbsolutePath().normalize()
                    + ": run notebook 03-training.ipynb first (it saves the model there).");
        }
        Model model = Model.newInstance(NAME);
        model.setBlock(LeNet5.classic());
        try {
            model.load(dir, NAME);
        } catch (IOException | MalformedModelException e) {
            model.close();
            throw new CourseException("The saved model in " + dir + " cannot be read (" + e.getMessage()
                    + "): run notebook 03-training.ipynb again.", e);
        }
        return model;
    }

    /**
     * The pixel statistics a loaded model was trained with: inputs must be normalised with these
     * ({@code Preprocessing.toInput}), whatever data they come from.
     */
    public static PixelStats stats(Model model) {
        String mean = model.getProperty(MEAN);
        String std = model.getProperty(STD);
        if (mean == null || std == null) {
            throw new CourseException("The saved model " + model.getName() + " has no pixel statistics"
                    + " (saved by an older version of the course): run notebook 03-training.ipynb again.");
        }
        return new PixelStats(Float.parseFloat(mean), Float.parseFloat(std));
    }

    /** The test accuracy measured when the model was saved (chapter 3, once, after training). */
    public static double testAccuracy(Model model) {
        String test = model.getProperty(TEST);
        if (test == null) {
            throw new CourseException("The saved model " + model.getName() + " has no test accuracy"
                    + " (saved without one, or by an older version of the course): run notebook 03-training.ipynb again.");
        }
        return Double.parseDouble(test);
    }

    /** The saved training history. */
    public static TrainingHistory history(Path dir) {
        Path csv = dir.resolve("history.csv");
        if (!Files.exists(csv)) {
            throw new CourseException("No training history in " + dir.toAbsolutePath().normalize()
                    + ": run notebook 03-training.ipynb first.");
        }
        try {
            return TrainingHistory.loadCsv(csv);
        } catch (IOException e) {
            throw new CourseException("Cannot read " + csv + ": " + e.getMessage(), e);
        }
    }
}
