package org.danian.distribution.it;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;

/**
 * The Pax Exam configuration shared by the integration tests: a real Felix (the native
 * container) with the very bundles the distribution ships, from {@code target/danian/bundle},
 * in the same file-name order {@code bin/danian} starts them.
 *
 * <p>Used on the host side only (in {@code @Configuration} methods), where failsafe's system
 * property {@value #TREE_PROPERTY} names the unpacked distribution.
 */
final class DanianRuntime {

    static final String TREE_PROPERTY = "danian.distribution.tree";
    static final String WORK_PROPERTY = "danian.it.work";
    /**
     * The console is left out: it would read the test JVM's standard input, which the build
     * tool uses to talk to its forked test JVM. The end-to-end tests cover it.
     */
    static final String CONSOLE_JAR = "org.apache.felix.gogo.jline.jar";

    private DanianRuntime() {
    }

    /** The shipped bundle jars the tests install, sorted by file name. */
    static List<Path> shippedBundles() {
        Path bundles = Paths.get(System.getProperty(TREE_PROPERTY, "target/danian")).resolve("bundle");
        try (Stream<Path> files = Files.list(bundles)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .filter(file -> !file.getFileName().toString().equals(CONSOLE_JAR))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("no distribution tree at " + bundles + "; run the package phase first", e);
        }
    }

    /** Options for a framework with every shipped bundle, plus {@code extra}. */
    static Option[] options(Option... extra) {
        List<Option> options = new ArrayList<>();
        for (Path jar : shippedBundles()) {
            options.add(bundle(jar.toUri().toString()));
        }
        options.add(frameworkProperty("felix.cm.dir").value(temporaryDirectory("danian-it-config")));
        options.add(frameworkProperty("felix.fileinstall.dir").value(temporaryDirectory("danian-it-load")));
        options.add(frameworkProperty("felix.fileinstall.poll").value("1000"));
        options.add(frameworkProperty("felix.log.level").value("1"));
        options.add(junitBundles());
        options.add(cleanCaches());
        options.addAll(List.of(extra));
        return options.toArray(new Option[0]);
    }

    /** A fresh directory under the build's {@value #WORK_PROPERTY}, removed by a clean build. */
    private static String temporaryDirectory(String prefix) {
        try {
            Path work = Paths.get(System.getProperty(WORK_PROPERTY, "target/it-work"));
            Files.createDirectories(work);
            return Files.createTempDirectory(work, prefix).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
