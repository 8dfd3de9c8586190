package org.danian.distribution;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
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

    static final String PREFIX = "danian-run-";
    static final String OWNER_FILE = "owner.pid";

    private final Path path;

    private RunDirectory(Path path) {
        this.path = path;
    }

    /** Creates the directory and records in it the process that owns it. */
    static RunDirectory create() throws IOException {
        Path created = Files.createTempDirectory(PREFIX);
        Files.writeString(created.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
        return new RunDirectory(created);
    }

    /**
     * Deletes the run directories of processes that are gone: a run killed with SIGKILL never
     * deletes its own (several MB of bundle cache). A directory is stale when the process named
     * in its owner file no longer runs, or, without an owner file (a run that was killed while
     * creating it), when it is older than a day.
     */
    static void sweepStale(PrintStream err) {
        Path temp = Paths.get(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(temp, PREFIX + "*")) {
            for (Path run : runs) {
                if (Files.isDirectory(run) && isStale(run)) {
                    new RunDirectory(run).delete();
                }
            }
        } catch (IOException | RuntimeException e) {
            err.println("danian: warning: cannot sweep old run directories in " + temp + ": " + e.getMessage());
        }
    }

    private static boolean isStale(Path run) throws IOException {
        Path owner = run.resolve(OWNER_FILE);
        if (!Files.exists(owner)) {
            return Files.getLastModifiedTime(run).toInstant().isBefore(Instant.now().minus(Duration.ofDays(1)));
        }
        try {
            long pid = Long.parseLong(Files.readString(owner).trim());
            return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    Path path() {
        return path;
    }

    /**
     * The framework storage inside the run directory: a folder of its own, because Felix
     * empties its storage at first init and the owner file must stay.
     */
    Path storage() {
        return path.resolve("cache");
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
