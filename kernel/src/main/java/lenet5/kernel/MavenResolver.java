package lenet5.kernel;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code %maven} and {@code %%loadFromPOM} need from Maven's resolver. The implementation,
 * {@code lenet5.kernel.maven.ResolverBridge}, and the resolver itself sit in the kernel's
 * {@code resolver/} folder and are loaded by {@link MavenMagic} on first use, so an idle kernel
 * never loads them.
 */
public interface MavenResolver {

    /** A repository to search besides Maven Central and the local repository. */
    record Repository(String id, String url) {
    }

    /** One resolved jar and the coordinates it was resolved for. */
    record Jar(String groupId, String artifactId, String version, Path file) {
        /** {@code groupId:artifactId}, the key that says whether two jars are the same library. */
        public String key() {
            return groupId + ":" + artifactId;
        }
    }

    /** The dependencies and repositories a POM (or a bare list of dependencies) names. */
    record Pom(List<String> coordinates, List<Repository> repositories) {
    }

    /** A resolution that failed; its message is the one line the learner sees. */
    final class Failure extends Exception {
        public Failure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Resolves {@code coordinates} ({@code group:artifact[:extension[:classifier]]:version}) with
     * their runtime dependencies.
     *
     * @return the jars, the requested ones first
     */
    List<Jar> resolve(List<String> coordinates, List<Repository> repositories) throws Failure;

    /** Reads a whole POM or a list of {@code <dependency>} elements. */
    Pom readPom(String xml) throws Failure;
}
