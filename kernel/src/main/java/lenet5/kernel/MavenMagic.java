package lenet5.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * {@code %maven}, {@code %mavenRepo} and {@code %%loadFromPOM}: Maven artifacts resolved with their
 * dependencies and put on the cells' classpath, each library once.
 *
 * <p>Maven's resolver is loaded on the first {@code %maven}, from the {@value #RESOLVER_FOLDER}
 * folder beside the kernel's jar, in a class loader of its own: a kernel that never resolves
 * anything holds none of it.
 */
final class MavenMagic {

    /** The folder beside the kernel's jar holding the resolver and the kernel's bridge to it. */
    static final String RESOLVER_FOLDER = "resolver";
    /** The file setup writes beside the course's jars: one {@code group:artifact:version file} a line. */
    static final String COORDINATES_FILE = "maven-coordinates.txt";
    private static final String BRIDGE = "lenet5.kernel.maven.ResolverBridge";

    private final Consumer<Path> addToClasspath;
    /** group:artifact → version and jar, for every jar cells can already use. */
    private final Map<String, MavenResolver.Jar> present = new LinkedHashMap<>();
    private final List<MavenResolver.Repository> repositories = new ArrayList<>();
    /** Jars not looked into yet: reading them waits for the first %maven, off the kernel's start. */
    private final List<Path> unread = new ArrayList<>();
    private final Path resolverFolder;
    private MavenResolver resolver;

    /**
     * @param classpath      the jars cells can use at start (the kernelspec's classpath)
     * @param resolverFolder the resolver's jars; null for those on this class's own loader (tests)
     * @param addToClasspath puts a resolved jar on the cells' classpath
     */
    MavenMagic(List<Path> classpath, Path resolverFolder, Consumer<Path> addToClasspath) {
        this.resolverFolder = resolverFolder;
        this.addToClasspath = addToClasspath;
        unread.addAll(classpath);
    }

    /** The resolver folder beside the jar this class came from, or null when it is not there. */
    static Path defaultResolverFolder() {
        try {
            Path here = Path.of(MavenMagic.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path folder = here.getParent().resolve(RESOLVER_FOLDER);
            return Files.isRegularFile(here) && Files.isDirectory(folder) ? folder : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Jars added by other means ({@code %classpath}, {@code %jars}), looked into when needed. */
    void noteClasspath(List<Path> jars) {
        unread.addAll(jars);
    }

    private void readUnread() {
        List<Path> jars = List.copyOf(unread);
        unread.clear();
        Map<Path, Map<String, String>> manifests = new LinkedHashMap<>();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
                continue;
            }
            Map<String, String> listed = manifests.computeIfAbsent(jar.toAbsolutePath().getParent(), MavenMagic::readManifest);
            String coordinates = listed.get(jar.getFileName().toString());
            MavenResolver.Jar known = coordinates != null ? parse(coordinates, jar) : fromPomProperties(jar);
            if (known != null) {
                present.putIfAbsent(known.key(), known);
            }
        }
    }

    /** file name → group:artifact:version, from the folder's {@value #COORDINATES_FILE}. */
    private static Map<String, String> readManifest(Path folder) {
        Map<String, String> byFile = new LinkedHashMap<>();
        Path file = folder.resolve(COORDINATES_FILE);
        if (!Files.isRegularFile(file)) {
            return byFile;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                String[] words = line.strip().split("\\s+");
                if (words.length == 2 && !line.startsWith("#")) {
                    byFile.put(words[1], words[0]);
                }
            }
        } catch (IOException e) {
            // Without it, pom.properties inside the jars still name most of them.
        }
        return byFile;
    }

    private static MavenResolver.Jar parse(String coordinates, Path jar) {
        String[] p = coordinates.split(":");
        return p.length == 3 ? new MavenResolver.Jar(p[0], p[1], p[2], jar) : null;
    }

    /** The coordinates a jar built by Maven carries (several for a shaded jar: the first is taken). */
    private static MavenResolver.Jar fromPomProperties(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            var entries = j.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
                    Properties p = new Properties();
                    try (InputStream in = j.getInputStream(e)) {
                        p.load(in);
                    }
                    String g = p.getProperty("groupId");
                    String a = p.getProperty("artifactId");
                    String v = p.getProperty("version");
                    if (g != null && a != null && v != null) {
                        return new MavenResolver.Jar(g, a, v, jar);
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** {@code %mavenRepo id url}. */
    void addRepository(String arguments) throws CellError.MagicError {
        // Split at blanks only: a URL holds the ':' that %classpath splits at.
        List<String> words = List.of(arguments.strip().split("\\s+"));
        if (words.size() != 2 || !words.get(1).matches("(?i)(https?|file):.+")) {
            throw new CellError.MagicError("%mavenRepo needs an id and a URL, e.g. %mavenRepo jitpack https://jitpack.io");
        }
        repositories.removeIf(r -> r.id().equals(words.get(0)));
        repositories.add(new MavenResolver.Repository(words.get(0), words.get(1)));
    }

    /**
     * {@code %maven coordinates…}: resolves them and adds what the cells cannot use yet.
     *
     * @return lines for the learner: what was added, and which version stays where two differ
     */
    List<String> maven(String arguments) throws CellError.MagicError {
        List<String> coordinates = new ArrayList<>();
        for (String w : arguments.strip().split("\\s+")) {
            if (!w.isBlank()) {
                coordinates.add(w);
            }
        }
        if (coordinates.isEmpty()) {
            throw new CellError.MagicError("%maven needs coordinates, e.g. %maven org.apache.commons:commons-math3:3.6.1");
        }
        return add(coordinates, List.of());
    }

    /** {@code %%loadFromPOM}: the dependencies (and repositories) of a POM or a dependency list. */
    List<String> loadFromPom(String xml) throws CellError.MagicError {
        MavenResolver.Pom pom;
        try {
            pom = resolver().readPom(xml);
        } catch (MavenResolver.Failure e) {
            throw new CellError.MagicError(e.getMessage());
        }
        return add(pom.coordinates(), pom.repositories());
    }

    private List<String> add(List<String> coordinates, List<MavenResolver.Repository> extra) throws CellError.MagicError {
        List<MavenResolver.Repository> repos = new ArrayList<>(repositories);
        repos.addAll(extra);
        readUnread();
        List<MavenResolver.Jar> jars;
        try {
            jars = resolver().resolve(coordinates, repos);
        } catch (MavenResolver.Failure e) {
            throw new CellError.MagicError(e.getMessage());
        }
        List<String> notes = new ArrayList<>();
        int added = 0;
        for (MavenResolver.Jar jar : jars) {
            MavenResolver.Jar there = present.get(jar.key());
            if (there == null) {
                addToClasspath.accept(jar.file());
                present.put(jar.key(), jar);
                added++;
            } else if (!there.version().equals(jar.version())) {
                notes.add(jar.key() + ": " + there.version() + " stays (already on the classpath, "
                        + there.file().getFileName() + "); " + jar.version() + " was not added.");
            }
        }
        notes.add(0, "%maven: " + added + " jar" + (added == 1 ? "" : "s") + " added"
                + (jars.size() > added ? ", " + (jars.size() - added) + " already on the classpath" : "") + ".");
        return notes;
    }

    /** The jars added so far by {@code %maven}, {@code %classpath} and the kernelspec, for {@code %jars}. */
    List<MavenResolver.Jar> present() {
        readUnread();
        return List.copyOf(present.values());
    }

    /** Maven's resolver, loaded now if this is the first resolution. */
    private MavenResolver resolver() throws CellError.MagicError {
        if (resolver == null) {
            try {
                ClassLoader loader = resolverFolder == null ? MavenMagic.class.getClassLoader()
                        : new URLClassLoader("maven-resolver", jarsIn(resolverFolder), MavenMagic.class.getClassLoader());
                resolver = (MavenResolver) Class.forName(BRIDGE, true, loader).getConstructor().newInstance();
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw new CellError.MagicError(e.getCause().getMessage());
            } catch (ReflectiveOperationException | IOException | LinkageError e) {
                throw new CellError.MagicError("%maven: Maven's resolver could not be loaded from "
                        + resolverFolder + " (" + e + "); run 'make setup' in the course folder.");
            }
        }
        return resolver;
    }

    private static URL[] jarsIn(Path folder) throws IOException {
        List<URL> urls = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path p : jars) {
                urls.add(toUrl(p.toUri()));
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static URL toUrl(URI uri) throws MalformedURLException {
        return uri.toURL();
    }
}
