package org.danian.distribution.testpolicy;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Jar;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds a thread-pick policy bundle as a third party builds one against a released SPI:
 * javac on the policy's source with nothing on the class path but that release's framework
 * jar and osgi.core, then bnd computing the manifest from the same two jars. The imports of the
 * SPI packages are therefore the ranges bnd derives from the release's package versions (for
 * SPI 1.0.0, consumer ranges {@code [1.0,2)}), not the hand-written ones of {@link
 * PolicyBundleJar}.
 *
 * <p>The source is a test resource ({@code old-spi-policy/}), not test code, so that Maven never
 * compiles it against the working tree's SPI: three classes in {@value #PACKAGE}, the policy
 * {@value #POLICY_NAME} registered by a plain bundle activator.
 */
public final class OldSpiPolicyJar {

    /** The name {@code LifoPickPolicy.java} registers. */
    public static final String POLICY_NAME = "test-old-spi";
    public static final String SYMBOLIC_NAME = "org.danian.test.policy.oldspi";
    private static final String PACKAGE = "org.danian.test.oldspi";
    private static final String SOURCES = "/old-spi-policy/" + PACKAGE.replace('.', '/') + "/";
    private static final List<String> SOURCE_FILES =
            List.of("LifoPickPolicy.java", "LifoPicker.java", "LifoPolicyActivator.java");

    private OldSpiPolicyJar() {
    }

    /**
     * Compiles and packages the policy in {@code workDirectory}; returns the bundle jar.
     *
     * @param releasedSpi the framework jar of the release to build against
     * @param osgiCore the OSGi Core API jar
     * @throws IllegalStateException if the source does not compile or bnd reports a problem
     */
    public static Path build(Path releasedSpi, Path osgiCore, Path workDirectory) throws IOException {
        List<Path> compileAgainst = List.of(releasedSpi, osgiCore);
        Path classes = compile(copySources(workDirectory.resolve("src")), compileAgainst,
                Files.createDirectories(workDirectory.resolve("classes")));
        return bundle(classes, compileAgainst, workDirectory.resolve("old-spi-policy.jar"));
    }

    private static List<Path> copySources(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> sources = new ArrayList<>();
        for (String file : SOURCE_FILES) {
            try (InputStream in = OldSpiPolicyJar.class.getResourceAsStream(SOURCES + file)) {
                if (in == null) {
                    throw new IllegalStateException("policy source not on the test class path: " + SOURCES + file);
                }
                Path source = directory.resolve(file);
                Files.copy(in, source);
                sources.add(source);
            }
        }
        return sources;
    }

    /** javac with an explicit class path, so the test's own class path never leaks in. */
    private static Path compile(List<Path> sources, List<Path> classPath, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                "-classpath", classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            boolean compiled = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            if (!compiled) {
                throw new IllegalStateException("the policy does not compile against " + classPath + ":\n"
                        + diagnostics.getDiagnostics().stream().map(d -> d.toString())
                                .collect(Collectors.joining("\n")));
            }
        }
        return classes;
    }

    /** The manifest as bnd-maven-plugin would compute it; a warning fails like an error. */
    private static Path bundle(Path classes, List<Path> classPath, Path jarFile) throws IOException {
        try (Builder builder = new Builder()) {
            builder.setProperty(Constants.BUNDLE_SYMBOLICNAME, SYMBOLIC_NAME);
            builder.setProperty(Constants.BUNDLE_VERSION, "1.0.0");
            builder.setProperty(Constants.BUNDLE_ACTIVATOR, PACKAGE + ".LifoPolicyActivator");
            builder.setProperty(Constants.PRIVATEPACKAGE, PACKAGE);
            builder.addClasspath(classes.toFile());
            for (Path jar : classPath) {
                builder.addClasspath(jar.toFile());
            }
            try (Jar jar = builder.build()) {
                if (!builder.getErrors().isEmpty() || !builder.getWarnings().isEmpty()) {
                    throw new IllegalStateException("bnd: errors " + builder.getErrors() + ", warnings "
                            + builder.getWarnings());
                }
                jar.write(jarFile.toFile());
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("bnd failed on " + classes, e);
        }
        return jarFile;
    }
}
