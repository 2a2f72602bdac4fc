package lenet5.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import lenet5.CourseException;
import lenet5.CoursePaths;
import lenet5.data.PixelStats;
import lenet5.model.LeNet5;

/**
 * Saves and restores the parameters of a trained LeNet-5, with its training history beside them.
 *
 * <p>DJL stores parameters only; the architecture is rebuilt from code ({@link LeNet5}), which is
 * why the network is part of the checkpoint's name.
 *
 * <p>A save never loses the last good model: each file is written under a temporary folder beside
 * its target and renamed over it, and the previous parameters are removed only once the new ones
 * are in place. DJL names the parameters after the number of epochs ({@code NAME-0005.params}), so
 * a shorter run's file would sit beside a longer one's; removing the others after the rename, and
 * loading the newest file should one remain, makes the last save the one loaded.
 */
public final class Checkpoint {

    /** Name of the course's trained model. */
    public static final String NAME = "lenet5-classic";
    /** The chapter that trains and saves it, named in every message about a missing or unreadable model. */
    public static final String CHAPTER = "04-training-recipe.ipynb";
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
    public static void save(Model model, TrainingHistory history, PixelStats stats, Path dir) {
        save(model, history, stats, Double.NaN, dir);
    }

    /**
     * The same, with the test accuracy measured once at the end of training stored beside the
     * parameters, for the chapters that compare with it ({@link #testAccuracy(Model)}).
     *
     * @throws CourseException when the files cannot be written; the previous checkpoint, if any, is kept
     */
    public static void save(Model model, TrainingHistory history, PixelStats stats, double testAccuracy, Path dir) {
        model.setProperty("Epoch", String.valueOf(history.size()));
        model.setProperty(MEAN, String.valueOf(stats.mean()));
        model.setProperty(STD, String.valueOf(stats.std()));
        EpochStats last = history.last();
        if (last != null && Double.isFinite(last.validationAccuracy())) {
            model.setProperty("ValidationAccuracy", String.valueOf(last.validationAccuracy()));
        } else {
            model.getProperties().remove("ValidationAccuracy");
        }
        if (Double.isNaN(testAccuracy)) {
            model.getProperties().remove(TEST);  // none measured for these parameters
        } else {
            model.setProperty(TEST, String.valueOf(testAccuracy));
        }
        Path staging = null;
        Path placed = null;   // the new parameters, once renamed into place
        try {
            Files.createDirectories(dir);
            staging = Files.createTempDirectory(dir, ".saving-");
            model.save(staging, NAME);
            history.saveCsv(staging.resolve("history.csv"));
            Path params = listed(staging).stream().filter(Checkpoint::isParams).findFirst()
                    .orElseThrow(() -> new IOException("DJL wrote no parameter file"));
            Path target = dir.resolve(params.getFileName());
            replace(params, target);
            placed = target;
            // Only now, with the new parameters in place, do the older ones go.
            for (Path old : paramFiles(dir)) {
                if (!old.equals(target)) {
                    Files.deleteIfExists(old);
                }
            }
            replace(staging.resolve("history.csv"), dir.resolve("history.csv"));
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            Thread.interrupted(); // an interrupt that cut the write is answered by this message
            if (placed != null) {
                throw new CourseException("The model was saved as " + CoursePaths.shown(placed) + ", but the save did not finish ("
                        + reason(e) + "): an older parameter file or history.csv may remain beside it; save again.", e);
            }
            throw new CourseException("The model could not be saved to " + CoursePaths.shown(dir) + " (" + reason(e)
                    + "); " + (exists(dir) ? "the model saved there before is kept." : "nothing was saved."), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /** True when {@code dir} holds a saved model. */
    public static boolean exists(Path dir) {
        return !paramFiles(dir).isEmpty();
    }

    /**
     * Builds a fresh classic LeNet-5 on the device {@code LENET5_DEVICE} gives and loads the saved
     * parameters into it (no training).
     *
     * @throws CourseException when nothing is saved yet or the file cannot be read, naming the notebook that saves it
     */
    public static Model load(Path dir) {
        List<Path> files = paramFiles(dir);
        if (files.isEmpty()) {
            throw new CourseException("No trained model in " + CoursePaths.shown(dir)
                    + ": run notebook " + CHAPTER + " first (it saves the model there).");
        }
        Path newest = files.stream().max(Comparator.comparing(Checkpoint::modified)).orElseThrow();
        String name = newest.getFileName().toString();
        String epoch = name.substring(NAME.length() + 1, name.length() - ".params".length());
        Model model = Model.newInstance(NAME, Devices.fromEnv());
        try {
            model.setBlock(LeNet5.classic());
            model.load(dir, NAME, Map.of("epoch", Integer.parseInt(epoch)));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new CourseException("The saved model " + CoursePaths.shown(newest) + " cannot be read (" + reason(e)
                    + "): run notebook " + CHAPTER + " again to train and save it.", e);
        }
        return model;
    }

    /**
     * The pixel statistics a loaded model was trained with: inputs must be normalised with these
     * ({@code Preprocessing.toInput}), whatever data they come from.
     */
    public static PixelStats stats(Model model) {
        return new PixelStats((float) number(model, MEAN), (float) number(model, STD));
    }

    /** The test accuracy measured when the model was saved (chapter 04, once, after training). */
    public static double testAccuracy(Model model) {
        if (model.getProperty(TEST) == null) {
            throw new CourseException("The saved model " + model.getName() + " has no test accuracy"
                    + " (saved without one, or by an older version of the course): run notebook " + CHAPTER + " again.");
        }
        return number(model, TEST);
    }

    /** The saved training history. */
    public static TrainingHistory history(Path dir) {
        Path csv = dir.resolve("history.csv");
        if (!Files.exists(csv)) {
            throw new CourseException("No training history in " + CoursePaths.shown(dir)
                    + ": run notebook " + CHAPTER + " first.");
        }
        try {
            return TrainingHistory.loadCsv(csv);
        } catch (IOException | RuntimeException e) {
            throw new CourseException("The training history " + CoursePaths.shown(csv) + " cannot be read (" + reason(e)
                    + "): run notebook " + CHAPTER + " again.", e);
        }
    }

    // A property saved as text in the parameter file, as a number; anything else names the file.
    private static double number(Model model, String key) {
        String value = model.getProperty(key);
        String file = model.getModelPath() == null ? model.getName() : CoursePaths.shown(model.getModelPath());
        if (value == null) {
            throw new CourseException("The saved model in " + file + " has no " + key + " (saved by an older version of"
                    + " the course): run notebook " + CHAPTER + " again.");
        }
        try {
            double f = Double.parseDouble(value);   // double: the test accuracy is compared exactly
            if (Double.isFinite(f)) {
                return f;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CourseException("The saved model in " + file + " has " + key + "=" + value
                + ", which is not a number: run notebook " + CHAPTER + " again to save it anew.");
    }

    private static boolean isParams(Path p) {
        String n = p.getFileName().toString();
        return n.startsWith(NAME + "-") && n.endsWith(".params") && n.length() == NAME.length() + 1 + 4 + 7;
    }

    private static List<Path> paramFiles(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        for (Path p : listed(dir)) {
            if (isParams(p) && Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    // java.io's listing takes no Java lock: a save stopped by an interrupt (Thread.stop) in the middle of
    // a java.nio directory stream leaves the stream's lock held, and its close then waits for ever.
    private static List<Path> listed(Path dir) {
        java.io.File[] files = dir.toFile().listFiles();
        return files == null ? List.of() : java.util.Arrays.stream(files).map(java.io.File::toPath).toList();
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    // A rename within one folder: readers see the old file or the new one, never a half-written one.
    private static void replace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try {
            for (Path p : listed(folder)) {
                Files.deleteIfExists(p);   // DJL writes files only, no subfolders
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // a leftover .saving- folder is harmless: it never holds the loaded model
        }
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        String type = e.getClass().getSimpleName();
        if (e instanceof java.nio.channels.ClosedByInterruptException) {
            return "interrupted while writing";
        }
        return m == null || m.isBlank() ? type : type.endsWith("Exception") && m.contains(" ") ? m : type + ": " + m;
    }
}
