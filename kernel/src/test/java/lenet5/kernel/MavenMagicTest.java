package lenet5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %maven}, {@code %mavenRepo} and {@code %%loadFromPOM} against a repository in a
 * temporary folder, which settings.xml makes the mirror of every repository: no network.
 */
class MavenMagicTest {

    @TempDir
    Path dir;
    FileRepository repo;
    final List<Path> added = new ArrayList<>();

    @BeforeEach
    void repository() throws IOException {
        repo = new FileRepository(Files.createDirectories(dir.resolve("remote")));
        repo.publish("t:dep:1.0").publish("t:dep:2.0").publishWithClassifier("t:hello:1.0", "extra", "t:dep:2.0");
        useSettings(false);
    }

    private void useSettings(boolean offline) throws IOException {
        Path settings = repo.settings(dir.resolve("settings.xml"), dir.resolve("local"), offline);
        System.setProperty("lenet5.maven.settings", settings.toString());
    }

    @AfterEach
    void defaultSettings() {
        System.clearProperty("lenet5.maven.settings");
    }

    private MavenMagic magic(List<Path> classpath) {
        return new MavenMagic(classpath, null, added::add);
    }

    private static String names(List<Path> jars) {
        return jars.stream().map(p -> p.getFileName().toString()).sorted().toList().toString();
    }

    @Test
    void anArtifactComesWithItsDependenciesIntoTheLocalRepository() throws Exception {
        List<String> said = magic(List.of()).maven("t:hello:1.0");
        assertEquals("[dep-2.0.jar, hello-1.0.jar]", names(added));
        assertEquals("%maven: 2 jars added.", said.get(0));
        assertTrue(Files.isRegularFile(dir.resolve("local/t/hello/1.0/hello-1.0.jar")), "settings' localRepository used");
    }

    @Test
    void aClassifierSelectsThatJar() throws Exception {
        magic(List.of()).maven("t:hello:jar:extra:1.0");
        assertEquals("[dep-2.0.jar, hello-1.0-extra.jar]", names(added));
    }

    @Test
    void aLibraryOnTheClasspathStaysInItsVersionAndIsSaid() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        // As setup's build/lib: a jar without pom.properties, named by the coordinates file beside it.
        FileRepository.jar(lib.resolve("dep.jar"), "course's dep");
        Files.writeString(lib.resolve(MavenMagic.COORDINATES_FILE), "t:dep:1.0 dep.jar\n");
        List<String> said = magic(List.of(lib.resolve("dep.jar"))).maven("t:hello:1.0");
        assertEquals("[hello-1.0.jar]", names(added));
        assertEquals(List.of("%maven: 1 jar added, 1 already on the classpath.",
                "t:dep: 1.0 stays (already on the classpath, dep.jar); 2.0 was not added."), said);
    }

    @Test
    void theSameArtifactTwiceAddsNothingTheSecondTime() throws Exception {
        MavenMagic m = magic(List.of());
        m.maven("t:hello:1.0");
        List<String> said = m.maven("t:hello:1.0");
        assertEquals(2, added.size());
        assertEquals(List.of("%maven: 0 jars added, 2 already on the classpath."), said);
    }

    @Test
    void aMissingArtifactIsOneLineSayingWhereItLooked() {
        CellError.MagicError e = assertThrows(CellError.MagicError.class, () -> magic(List.of()).maven("t:nope:1.0"));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("%maven: could not resolve t:nope:1.0: "), m);
        assertTrue(m.contains(dir.resolve("local").toString()), m);
        assertTrue(m.contains("%mavenRepo"), m);
        assertTrue(added.isEmpty());
    }

    @Test
    void aMalformedCoordinateOrNoneIsSaidSo() {
        CellError.MagicError e = assertThrows(CellError.MagicError.class, () -> magic(List.of()).maven("hello"));
        assertTrue(e.getMessage().contains("'hello' is not a coordinate"), e.getMessage());
        e = assertThrows(CellError.MagicError.class, () -> magic(List.of()).maven("  "));
        assertTrue(e.getMessage().startsWith("%maven needs coordinates"), e.getMessage());
    }

    @Test
    void offlineSettingsUseOnlyTheLocalRepository() throws Exception {
        magic(List.of()).maven("t:hello:1.0");
        useSettings(true);
        added.clear();
        magic(List.of()).maven("t:hello:1.0");
        assertEquals(2, added.size(), "what is in the local repository resolves offline");
        CellError.MagicError e = assertThrows(CellError.MagicError.class, () -> magic(List.of()).maven("t:dep:1.0"));
        assertTrue(e.getMessage().contains("offline"), e.getMessage());
    }

    @Test
    void aRepositoryAddedByMavenRepoIsSearched() throws Exception {
        FileRepository other = new FileRepository(Files.createDirectories(dir.resolve("other")));
        other.publish("o:only:1.0");
        // No mirror here: the mirror of '*' would hide the other repository.
        Files.writeString(dir.resolve("settings.xml"), "<settings><localRepository>" + dir.resolve("local2")
                + "</localRepository><mirrors><mirror><id>m</id><mirrorOf>central</mirrorOf><url>" + repo.url()
                + "</url></mirror></mirrors></settings>");
        MavenMagic m = magic(List.of());
        assertThrows(CellError.MagicError.class, () -> m.maven("o:only:1.0"));
        m.addRepository("other " + other.url());
        m.maven("o:only:1.0");
        assertEquals("[only-1.0.jar]", names(added));
        CellError.MagicError e = assertThrows(CellError.MagicError.class, () -> m.addRepository("just-an-id"));
        assertTrue(e.getMessage().startsWith("%mavenRepo needs an id and a URL"), e.getMessage());
    }

    @Test
    void loadFromPomReadsADependencyListOrAWholePom() throws Exception {
        MavenMagic m = magic(List.of());
        m.loadFromPom("<dependency><groupId>t</groupId><artifactId>dep</artifactId><version>1.0</version></dependency>");
        assertEquals("[dep-1.0.jar]", names(added));
        added.clear();
        m = magic(List.of());
        m.loadFromPom("<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>y</artifactId>"
                + "<version>1</version><properties><v>1.0</v></properties><dependencies>"
                + "<dependency><groupId>t</groupId><artifactId>hello</artifactId><version>${v}</version></dependency>"
                + "<dependency><groupId>t</groupId><artifactId>nope</artifactId><version>1</version><scope>test</scope></dependency>"
                + "</dependencies></project>");
        assertEquals("[dep-2.0.jar, hello-1.0.jar]", names(added), "property interpolated, test scope left out");
        CellError.MagicError e = assertThrows(CellError.MagicError.class, () -> magic(List.of()).loadFromPom("<dependency><groupId>"));
        assertTrue(e.getMessage().startsWith("%%loadFromPOM: the cell is not a POM"), e.getMessage());
    }
}
