package org.danian.workloads.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the runner calls OpenSSH's {@code ssh} client for every remote node: always
 * {@code -o BatchMode=yes} (a node that would ask for a password or a host-key confirmation
 * fails at once instead of hanging the run), then the user's configuration file ({@code -F}),
 * identity ({@code -i}) and {@code -o} options, in that order. Anything else (jump hosts, ports
 * per host, known hosts) is ssh's own configuration, read as ssh always reads it.
 *
 * @param config an ssh configuration file used instead of {@code ~/.ssh/config}, or null
 * @param identity a private key, or null for ssh's defaults and agent
 * @param options {@code Key=Value} options, each given to ssh as {@code -o Key=Value}
 */
record SshSettings(Path config, Path identity, List<String> options) {

    /** ssh's {@code -o} syntax: a keyword, then '=' or blanks, then a value. */
    private static final Pattern OPTION = Pattern.compile("[A-Za-z][A-Za-z0-9]*(=|\\s+)\\S.*");

    /** ssh with its defaults and nothing more. */
    static final SshSettings DEFAULTS = new SshSettings(null, null, List.of());

    SshSettings {
        options = List.copyOf(options);
        for (String option : options) {
            if (!OPTION.matcher(option).matches()) {
                throw new IllegalArgumentException("not an ssh option of the form Key=Value: '" + option + "'");
            }
        }
    }

    /** The arguments before the destination, {@code ssh} itself included. */
    List<String> sshArguments() {
        List<String> arguments = new ArrayList<>(List.of("ssh", "-o", "BatchMode=yes"));
        if (config != null) {
            arguments.add("-F");
            arguments.add(config.toString());
        }
        if (identity != null) {
            arguments.add("-i");
            arguments.add(identity.toString());
        }
        for (String option : options) {
            arguments.add("-o");
            arguments.add(option);
        }
        return arguments;
    }
}
