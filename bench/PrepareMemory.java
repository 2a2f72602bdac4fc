import ai.djl.basicdataset.cv.classification.Mnist;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.Repository;
import ai.djl.training.dataset.Dataset;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What DJL's {@code Mnist.prepare()} of the training split adds to a JVM's resident memory, under
 * each set of JVM flags given, side by side (chapters 01 and 03 call it; it is their kernels' peak).
 *
 * <pre>
 * ../shared/tools/memcap 2048 -- env MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 \
 *   java -cp "build/lib/*:build/lib-cpu/*" bench/PrepareMemory.java \
 *   "-XX:+UseSerialGC -XX:MaxNewSize=8m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20" \
 *   "-XX:+UseG1GC -XX:G1PeriodicGCInterval=3000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20"
 * </pre>
 *
 * Each flag set runs {@code --runs} times (3 unless given) in a JVM of its own, with the class path
 * and the memory cap of this one (run it under a cap: the JVM sizes its heap from it). A run samples
 * its own {@code /proc/self/status} every 2 ms while {@code prepare()} runs.
 */
public class PrepareMemory {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child();
            return;
        }
        int runs = 3;
        List<String> flagSets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            } else {
                flagSets.add(args[i]);
            }
        }
        if (flagSets.isEmpty()) {
            System.err.println("usage: PrepareMemory [--runs N] \"FLAGS\" [\"FLAGS\" ...]");
            System.exit(2);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String source = Path.of("bench", "PrepareMemory.java").toString();
        System.out.println("per run: resident before -> peak during prepare() (added), Java heap committed after");
        for (String flags : flagSets) {
            System.out.println(flags);
            for (int run = 0; run < runs; run++) {
                List<String> command = new ArrayList<>(List.of(java));
                command.addAll(Arrays.asList(flags.trim().split("\\s+")));
                command.addAll(List.of("-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp", System.getProperty("java.class.path"), source, "--child"));
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String last = "";
                try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        last = line;
                    }
                }
                System.out.println("    " + (p.waitFor() == 0 ? last : "FAILED: " + last));
            }
        }
    }

    /** Resident memory of this process (VmRSS), in MB. */
    private static long resident() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static void child() throws Exception {
        try (NDManager warm = NDManager.newBaseManager()) {
            warm.ones(new Shape(2, 2)).sum().getFloat();   // libtorch loaded before the baseline
        }
        System.gc();
        Thread.sleep(500);
        long before = resident();
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            try {
                while (sampling.get()) {
                    peak.accumulateAndGet(resident(), Math::max);
                    Thread.sleep(2);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        try (NDManager manager = NDManager.newBaseManager()) {
            Mnist mnist = Mnist.builder()
                    .optUsage(Dataset.Usage.TRAIN)
                    .optRepository(Repository.newInstance("mnist", lenet5Mnist()))
                    .setSampling(64, true)
                    .optManager(manager)
                    .build();
            mnist.prepare();
            Thread.sleep(50);
            sampling.set(false);
            sampler.join();
            System.out.printf("%d -> %d MB (+%d), heap %d MB%n", before, peak.get(), peak.get() - before,
                    Runtime.getRuntime().totalMemory() >> 20);
        }
    }

    private static Path lenet5Mnist() {
        Path dir = Path.of("build", "data", "mnist");
        if (!Files.isRegularFile(dir.resolve("train_data"))) {
            throw new IllegalStateException("MNIST is not in " + dir.toAbsolutePath() + ": run `make data` first");
        }
        return dir;
    }
}
