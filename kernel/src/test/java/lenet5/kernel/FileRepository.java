package lenet5.kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** A Maven repository in a folder, written for a test: artifacts with a POM and a jar holding one text file. */
final class FileRepository {

    final Path root;

    FileRepository(Path root) {
        this.root = root;
    }

    String url() {
        return root.toUri().toString();
    }

    /** Publishes group:artifact:version with the given dependencies ("g:a:v" each). */
    FileRepository publish(String coordinates, String... dependencies) throws IOException {
        return publishWithClassifier(coordinates, null, dependencies);
    }

    /** The same, with a second jar under {@code classifier} when it is not null. */
    FileRepository publishWithClassifier(String coordinates, String classifier, String... dependencies) throws IOException {
        String[] c = coordinates.split(":");
        Path dir = root.resolve(c[0].replace('.', '/')).resolve(c[1]).resolve(c[2]);
        Files.createDirectories(dir);
        StringBuilder deps = new StringBuilder();
        for (String d : dependencies) {
            String[] p = d.split(":");
            deps.append("<dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1])
                    .append("</artifactId><version>").append(p[2]).append("</version></dependency>");
        }
        Files.writeString(dir.resolve(c[1] + "-" + c[2] + ".pom"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>" + c[0] + "</groupId><artifactId>" + c[1] + "</artifactId><version>" + c[2] + "</version>"
                + "<dependencies>" + deps + "</dependencies></project>");
        jar(dir.resolve(c[1] + "-" + c[2] + ".jar"), coordinates);
        if (classifier != null) {
            jar(dir.resolve(c[1] + "-" + c[2] + "-" + classifier + ".jar"), coordinates + ":" + classifier);
        }
        return this;
    }

    /** A jar whose only entry, {@code which.txt}, says what it is. */
    static void jar(Path file, String what) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry("which.txt"));
            jar.write(what.getBytes());
            jar.closeEntry();
        }
    }

    /** A settings.xml whose local repository is {@code local} and whose mirror of everything is this repository. */
    Path settings(Path file, Path local, boolean offline) throws IOException {
        Files.writeString(file, "<settings><localRepository>" + local + "</localRepository><offline>" + offline
                + "</offline><mirrors><mirror><id>test-mirror</id><mirrorOf>*</mirrorOf><url>" + url()
                + "</url></mirror></mirrors></settings>");
        return file;
    }
}
