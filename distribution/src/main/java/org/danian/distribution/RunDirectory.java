package org.danian.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The framework storage (bundle cache) of one run: a fresh temporary directory, deleted when
 * the run ends.
 *
 * <p>Why per run: Felix does not lock its storage, so two processes sharing one cache (an
 * interactive instance and a one-shot command started beside it) would corrupt each other's
 * bundle revisions. Nothing in the cache needs to survive a run: the bundles are installed
 * again from {@code bundle/} and {@code load/} at every start, and configuration is kept
 * outside the cache ({@code felix.cm.dir}).
 */
final class RunDirectory {

    private final Path path;

    private RunDirectory(Path path) {
        this.path = path;
    }

    static RunDirectory create() throws IOException {
        return new RunDirectory(Files.createTempDirectory("danian-run-"));
    }

    Path path() {
        return path;
    }

    /** Deletes the directory and everything in it; a file that cannot be deleted is left. */
    void delete() {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(RunDirectory::deleteQuietly);
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("danian: could not delete " + path + ": " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("danian: could not delete " + file + ": " + e.getMessage());
        }
    }
}
