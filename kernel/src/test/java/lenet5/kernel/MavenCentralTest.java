package lenet5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * One real resolution from Maven Central with the user's own settings and local repository, and
 * a call into what it brought. Needs the network unless the artifact is in ~/.m2 already.
 */
class MavenCentralTest {

    @Test
    void commonsCollectionsFromCentralIsCallable() throws Exception {
        List<Path> added = new ArrayList<>();
        MavenMagic m = new MavenMagic(List.of(), null, added::add);
        try (URLClassLoader before = new URLClassLoader(new java.net.URL[0], null)) {
            assertThrows(ClassNotFoundException.class, () -> before.loadClass("org.apache.commons.collections4.bag.HashBag"));
        }
        m.maven("org.apache.commons:commons-collections4:4.4");
        assertEquals("commons-collections4-4.4.jar", added.get(0).getFileName().toString());
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {added.get(0).toUri().toURL()}, null)) {
            Class<?> bag = loader.loadClass("org.apache.commons.collections4.bag.HashBag");
            Object b = bag.getConstructor(java.util.Collection.class).newInstance(List.of("a", "a", "b"));
            assertEquals(2, bag.getMethod("getCount", Object.class).invoke(b, "a"));
        }
    }
}
