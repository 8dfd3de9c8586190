package org.danian.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The tarball the build produced ({@code danian.distribution.tarball}), unpacked into a folder. */
final class UnpackedDistribution {

    private UnpackedDistribution() {
    }

    /** Unpacks into {@code folder} and returns the distribution's root (the one top folder). */
    static Path into(Path folder) throws IOException, InterruptedException {
        Path tarball = Path.of(System.getProperty("danian.distribution.tarball"));
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", folder.toString())
                .inheritIO().start();
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS), "tar did not finish");
        assertEquals(0, tar.exitValue(), "tar failed on " + tarball);
        List<Path> roots;
        try (Stream<Path> children = Files.list(folder)) {
            roots = children.toList();
        }
        assertEquals(1, roots.size(), "one top folder in the tarball: " + roots);
        return roots.get(0);
    }
}
