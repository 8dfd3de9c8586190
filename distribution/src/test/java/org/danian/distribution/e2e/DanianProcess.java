package org.danian.distribution.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/danian} of an unpacked distribution as a user would: its own process, a
 * working directory of the caller's choice, the test's JVM as {@code JAVA_HOME}.
 */
final class DanianProcess {

    /** One finished one-shot run. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    static final Duration ONE_SHOT_TIMEOUT = Duration.ofSeconds(90);

    private DanianProcess() {
    }

    static ProcessBuilder builder(Path launcher, Path workingDirectory, String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("DANIAN_JAVA_OPTS");
        return builder;
    }

    /**
     * Runs {@code launcher args…} to completion, its output captured in files (no pipe can fill
     * up), killed if it outlives {@link #ONE_SHOT_TIMEOUT}.
     */
    static Result runOnce(Path launcher, Path workingDirectory, String... args) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("danian-out", ".txt");
        Path stderr = Files.createTempFile("danian-err", ".txt");
        Process process = builder(launcher, workingDirectory, args)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            if (!process.waitFor(ONE_SHOT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("bin/danian " + String.join(" ", args) + " still running after "
                        + ONE_SHOT_TIMEOUT + "\n" + Files.readString(stdout) + Files.readString(stderr));
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
