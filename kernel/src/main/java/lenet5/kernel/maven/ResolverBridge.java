package lenet5.kernel.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.interpolation.ModelInterpolator;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

import lenet5.kernel.MavenResolver;

/**
 * {@link MavenResolver} on Maven's own resolver (maven-resolver-supplier-mvn3), configured as
 * {@code mvn} would be from the user's {@code ~/.m2/settings.xml}: local repository, offline,
 * mirrors, proxies and server credentials. Maven Central comes from Maven's super POM.
 *
 * <p>Loaded reflectively by the kernel's {@code MavenMagic}, in a class loader of its own.
 */
public final class ResolverBridge implements MavenResolver {

    private final RepositorySystem system;
    private final Settings settings;
    private final Path localRepository;

    /** Reads the settings as {@code mvn} does: the user's over the global ones ({@code $MAVEN_HOME/conf}). */
    public ResolverBridge() throws Failure {
        quietLogging();
        system = new RepositorySystemSupplier().get();
        Path home = Path.of(System.getProperty("user.home"));
        Path userSettings = Path.of(System.getProperty("lenet5.maven.settings", home.resolve(".m2/settings.xml").toString()));
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
        request.setUserSettingsFile(userSettings.toFile());
        String mavenHome = System.getenv("MAVEN_HOME");
        if (mavenHome != null) {
            request.setGlobalSettingsFile(Path.of(mavenHome, "conf", "settings.xml").toFile());
        }
        request.setSystemProperties(System.getProperties());
        try {
            settings = new DefaultSettingsBuilderFactory().newInstance().build(request).getEffectiveSettings();
        } catch (SettingsBuildingException e) {
            throw new Failure("%maven: " + userSettings + " could not be read (" + firstLine(e.getMessage()) + "). Fix or move that file.");
        }
        String local = settings.getLocalRepository();
        localRepository = local == null || local.isBlank() ? home.resolve(".m2/repository") : Path.of(local);
    }

    /**
     * The resolver's own SLF4J (in this loader) has no provider and logs nowhere; its warning saying
     * so would land in the cell. The property is put back at once, so the cells' SLF4J is unaffected.
     */
    private static synchronized void quietLogging() {
        String key = "slf4j.internal.verbosity";
        String before = System.getProperty(key);
        System.setProperty(key, "ERROR");
        try {
            org.slf4j.LoggerFactory.getILoggerFactory();
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    @Override
    public List<Jar> resolve(List<String> coordinates, List<Repository> repositories) throws Failure {
        CollectRequest collect = new CollectRequest();
        for (String c : coordinates) {
            try {
                collect.addDependency(new org.eclipse.aether.graph.Dependency(new DefaultArtifact(c), JavaScopes.RUNTIME));
            } catch (IllegalArgumentException e) {
                throw new Failure("%maven: '" + c + "' is not a coordinate; write group:artifact:version, "
                        + "or group:artifact:jar:classifier:version.");
            }
        }
        try (RepositorySystemSession.CloseableSession session = session()) {
            List<RemoteRepository> remotes = system.newResolutionRepositories(session, remotes(repositories));
            collect.setRepositories(remotes);
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            List<ArtifactResult> results;
            try {
                results = system.resolveDependencies(session, request).getArtifactResults();
            } catch (DependencyResolutionException e) {
                throw new Failure(explain(coordinates, e, remotes, session.isOffline()));
            }
            List<Jar> jars = new ArrayList<>();
            for (ArtifactResult r : results) {
                Artifact a = r.getArtifact();
                if (a != null && a.getPath() != null) {
                    jars.add(new Jar(a.getGroupId(), a.getArtifactId(), a.getBaseVersion(), a.getPath()));
                }
            }
            return jars;
        }
    }

    private RepositorySystemSession.CloseableSession session() {
        RepositorySystemSession.SessionBuilder b = new SessionBuilderSupplier(system).get();
        b.withLocalRepositoryBaseDirectories(localRepository);
        b.setOffline(settings.isOffline());
        b.setSystemProperties(System.getProperties());
        DefaultMirrorSelector mirrors = new DefaultMirrorSelector();
        for (Mirror m : settings.getMirrors()) {
            mirrors.add(m.getId(), m.getUrl(), m.getLayout(), false, m.isBlocked(), m.getMirrorOf(), m.getMirrorOfLayouts());
        }
        b.setMirrorSelector(mirrors);
        DefaultProxySelector proxies = new DefaultProxySelector();
        for (Proxy p : settings.getProxies()) {
            if (p.isActive()) {
                var auth = new AuthenticationBuilder().addUsername(p.getUsername()).addPassword(p.getPassword()).build();
                proxies.add(new org.eclipse.aether.repository.Proxy(p.getProtocol(), p.getHost(), p.getPort(), auth), p.getNonProxyHosts());
            }
        }
        b.setProxySelector(proxies);
        DefaultAuthenticationSelector auths = new DefaultAuthenticationSelector();
        for (Server s : settings.getServers()) {
            auths.add(s.getId(), new AuthenticationBuilder().addUsername(s.getUsername()).addPassword(s.getPassword())
                    .addPrivateKey(s.getPrivateKey(), s.getPassphrase()).build());
        }
        b.setAuthenticationSelector(auths);
        return b.build();
    }

    /** Maven Central (from Maven's super POM, as mvn has it) and then the user's repositories. */
    private static List<RemoteRepository> remotes(List<Repository> extra) throws Failure {
        Map<String, RemoteRepository> byId = new LinkedHashMap<>();
        // Maven 3.10's super POM names Central's URL by a property, with the default in the model builder.
        String central = System.getProperty(ModelInterpolator.MAVEN_REPO_CENTRAL_KEY, ModelInterpolator.DEFAULT_MAVEN_REPO_CENTRAL_URL);
        for (org.apache.maven.model.Repository r : superPom().getRepositories()) {
            String url = r.getUrl().replace("${" + ModelInterpolator.MAVEN_REPO_CENTRAL_KEY + "}", central);
            byId.put(r.getId(), new RemoteRepository.Builder(r.getId(), "default", url).build());
        }
        for (Repository r : extra) {
            byId.put(r.id(), new RemoteRepository.Builder(r.id(), "default", r.url()).build());
        }
        return new ArrayList<>(byId.values());
    }

    private static Model superPom() throws Failure {
        try (InputStream in = MavenXpp3Reader.class.getClassLoader().getResourceAsStream("org/apache/maven/model/pom-4.0.0.xml")) {
            if (in == null) {
                throw new Failure("%maven: Maven's super POM is missing from the kernel's resolver folder; run 'make setup' again.");
            }
            return new MavenXpp3Reader().read(in, false);
        } catch (IOException | org.codehaus.plexus.util.xml.pull.XmlPullParserException e) {
            throw new Failure("%maven: Maven's super POM could not be read (" + e.getMessage() + "); run 'make setup' again.");
        }
    }

    private String explain(List<String> coordinates, DependencyResolutionException e, List<RemoteRepository> remotes, boolean offline) {
        List<String> where = new ArrayList<>();
        where.add("local " + localRepository);
        if (!offline) {
            for (RemoteRepository r : remotes) {
                where.add(r.getId() + " " + r.getUrl());
            }
        }
        String what = firstLine(rootMessage(e));
        String hint = offline
                ? "Maven is offline (settings.xml): fetch it once online, or switch offline off."
                : "Check the spelling and version, or add the repository that has it with %mavenRepo id url.";
        return "%maven: could not resolve " + String.join(", ", coordinates) + ": " + what
                + " (looked in " + String.join(", ", where) + "). " + hint;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.toString() : m;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s.strip() : s.substring(0, nl).strip();
    }

    @Override
    public Pom readPom(String xml) throws Failure {
        String text = xml.strip();
        if (!text.contains("<project")) {
            // A bare list of <dependency> elements, as JJava's %%loadFromPOM accepts.
            text = "<project><modelVersion>4.0.0</modelVersion><dependencies>"
                    + text.replaceAll("</?dependencies>", "") + "</dependencies></project>";
        }
        Model model;
        try {
            model = new MavenXpp3Reader().read(new StringReader(text), false);
        } catch (IOException | org.codehaus.plexus.util.xml.pull.XmlPullParserException e) {
            throw new Failure("%%loadFromPOM: the cell is not a POM or a list of <dependency> elements: " + firstLine(e.getMessage()));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        model.getProperties().forEach((k, v) -> properties.put(k.toString(), v.toString()));
        List<String> coordinates = new ArrayList<>();
        for (Dependency d : model.getDependencies()) {
            String scope = d.getScope();
            if (scope != null && (scope.equals("test") || scope.equals("provided") || scope.equals("system"))) {
                continue;
            }
            String version = interpolate(d.getVersion(), properties);
            if (version == null || version.isBlank()) {
                throw new Failure("%%loadFromPOM: " + d.getGroupId() + ":" + d.getArtifactId()
                        + " has no <version>; give one (a parent's dependencyManagement is not read).");
            }
            String type = d.getType() == null ? "jar" : d.getType();
            coordinates.add(d.getClassifier() == null || d.getClassifier().isBlank()
                    ? d.getGroupId() + ":" + d.getArtifactId() + ":" + type + ":" + version
                    : d.getGroupId() + ":" + d.getArtifactId() + ":" + type + ":" + d.getClassifier() + ":" + version);
        }
        List<Repository> repositories = new ArrayList<>();
        for (org.apache.maven.model.Repository r : model.getRepositories()) {
            repositories.add(new Repository(r.getId(), r.getUrl()));
        }
        if (coordinates.isEmpty()) {
            throw new Failure("%%loadFromPOM: the cell names no dependency; put <dependency> elements (or a whole POM) below the magic.");
        }
        return new Pom(coordinates, repositories);
    }

    /** ${name} from the POM's own properties: what a course notebook's POM cell uses. */
    private static String interpolate(String value, Map<String, String> properties) {
        if (value == null) {
            return null;
        }
        String v = value;
        for (Map.Entry<String, String> p : properties.entrySet()) {
            v = v.replace("${" + p.getKey() + "}", p.getValue());
        }
        return v;
    }
}
