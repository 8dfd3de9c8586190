package org.danian.workloads.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What {@code run-info.txt} records about the code and the machine an experiment ran on, so
 * that a result can be traced to them: the git commit of the checkout (and whether it had
 * uncommitted changes), every bundle of the distribution ({@code bundle/} and {@code load/})
 * with its symbolic name, version and SHA-256, the JVM, the OS kernel, the CPU, and the load
 * average before and after the run (a busy machine shows there). Each item that cannot be read
 * says so rather than being left out.
 *
 * @param danianHome the distribution folder, or null for a baseline-only run
 * @param loadBefore {@code /proc/loadavg} when the run started
 */
record RunInfo(Path danianHome, String loadBefore) {

    private static final long GIT_TIMEOUT_SECONDS = 10;

    /** Takes what must be read before the run. */
    static RunInfo before(Path danianHome) {
        return new RunInfo(danianHome, loadAverage());
    }

    /** The lines for {@code run-info.txt}, reading the rest now. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        Path checkout = danianHome != null ? danianHome : Path.of("");
        lines.add("commit: " + commit(checkout));
        lines.add("jvm: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        lines.add("kernel: " + System.getProperty("os.name") + " " + firstLine(Path.of("/proc/sys/kernel/osrelease"))
                + " " + System.getProperty("os.arch"));
        lines.add("cpu: " + Runtime.getRuntime().availableProcessors() + " available, " + cpuModel());
        lines.add("load average before: " + loadBefore);
        lines.add("load average after: " + loadAverage());
        if (danianHome != null) {
            for (String folder : List.of("bundle", "load")) {
                bundles(danianHome.resolve(folder)).forEach(bundle -> lines.add("bundle: " + folder + "/" + bundle));
            }
        }
        return lines;
    }

    /** {@code HEAD}'s hash, with "+ uncommitted changes" if the tree is dirty, or why it is unknown. */
    static String commit(Path inside) {
        List<String> head = git(inside, "rev-parse", "HEAD");
        if (head.isEmpty()) {
            return "unknown (not in a git checkout, or git is not installed)";
        }
        List<String> changes = git(inside, "status", "--porcelain", "--untracked-files=no");
        return head.get(0) + (changes.isEmpty() ? "" : " + uncommitted changes (" + changes.size() + " files)");
    }

    private static List<String> git(Path inside, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", inside.toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        try {
            Process git = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] output = git.getInputStream().readAllBytes();
            if (!git.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || git.exitValue() != 0) {
                git.destroyForcibly();
                return List.of();
            }
            return new String(output, StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** "file: symbolic-name version sha256:…" for each jar of {@code folder}, sorted by file name. */
    static List<String> bundles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> bundles = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                bundles.add(jar.getFileName() + ": " + identity(jar) + " sha256:" + sha256(jar));
            }
        } catch (IOException e) {
            bundles.add("(cannot list " + folder + ": " + e.getMessage() + ")");
        }
        return bundles;
    }

    private static String identity(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest() == null ? new Attributes() : file.getManifest().getMainAttributes();
            String name = main.getValue("Bundle-SymbolicName");
            return name == null ? "(not a bundle)" : name.split(";")[0].strip() + " " + main.getValue("Bundle-Version");
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            DigestInputStream digesting = (DigestInputStream) in;
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String loadAverage() {
        return firstLine(Path.of("/proc/loadavg"));
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).map(line -> line.replaceFirst("^[^:]*:\\s*", ""))
                    .findFirst().orElse("model unknown");
        } catch (IOException | RuntimeException e) {
            return "model unknown";
        }
    }

    private static String firstLine(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
