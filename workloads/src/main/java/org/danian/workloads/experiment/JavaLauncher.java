package org.danian.workloads.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the runner starts the workloads' main classes (clients, baseline server) in JVMs of
 * their own: this JVM's {@code java} binary and a class path. The runner's own class path
 * ({@code java.class.path}) serves both from Maven and from a distribution's lib folder,
 * since the main classes live in the same jar as the runner.
 *
 * @param java the {@code java} executable
 * @param classPath the class path of the child JVMs
 */
record JavaLauncher(Path java, String classPath) {

    /** This JVM's binary and class path. */
    static JavaLauncher current() {
        return new JavaLauncher(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"));
    }

    /** The command line that runs {@code mainClass} with {@code arguments}. */
    List<String> command(String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }
}
