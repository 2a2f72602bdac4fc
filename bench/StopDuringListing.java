// Why Checkpoint lists folders with java.io: run  java bench/StopDuringListing.java nio 5000  and  ... io 5000

import java.nio.file.*;
import java.util.*;
import java.util.stream.*;
/** Stops a thread (Thread.stop, as the kernel's interrupt does) while it lists a folder, N times; counts threads left hanging. */
public class StopDuringListing {
    @SuppressWarnings("removal")
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("stop-during-listing");
        for (int i = 0; i < 5; i++) Files.writeString(dir.resolve("f" + i), "x");
        boolean nio = args[0].equals("nio");
        int trials = Integer.parseInt(args[1]), hung = 0;
        Random r = new Random(1);
        for (int t = 0; t < trials; t++) {
            Thread th = new Thread(() -> {
                while (true) {
                    if (nio) {
                        try (Stream<Path> s = Files.list(dir)) { s.count(); } catch (Exception e) { throw new RuntimeException(e); }
                    } else {
                        java.io.File[] f = dir.toFile().listFiles(); if (f.length != 5) throw new IllegalStateException();
                    }
                }
            });
            th.setDaemon(true);
            th.start();
            long until = System.nanoTime() + 200_000 + r.nextInt(800_000); while (System.nanoTime() < until) Thread.onSpinWait();
            th.stop();
            th.join(2000);
            if (th.isAlive()) hung++;
        }
        System.out.println((nio ? "java.nio Files.list" : "java.io File.listFiles") + ": " + hung + " of " + trials + " stopped threads hang");
    }
}
