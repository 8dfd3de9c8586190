package org.danian.distribution;

import java.util.List;

/** The help texts of {@code bin/danian --help} and {@code bin/danian serve --help}, printed on standard output. */
final class LauncherUsage {

    static final String GENERAL = """
            Usage:
              danian                       the interactive shell (type 'help', 'policies', 'exit')
              danian <command> [args...]   run danian:<command> once, print its answer, exit
                                           (--json for one line of JSON; <command> --help for its help)
              danian serve [options]       serve workloads until SIGTERM/SIGINT (danian serve --help)
              danian experiment [options]  the paper's experiments (danian experiment --help)
              danian install-service       print a systemd unit for this installation
              danian --help                this text

            Commands: policies, policy [name], allocator [name], status, stats, config [key [value]]
            Exit statuses: 0 ok, 1 the command failed, 2 unknown command or bad arguments,
                           3 the kernel, the shell or a server did not start
            Environment: JAVA_HOME, DANIAN_JAVA_OPTS (e.g. -Ddanian.data=/var/lib/danian)
            """;

    static final String SERVE = """
            Usage: danian serve [--workload synthetic|netperf|all] [--port N] [--bind ADDR]

              --workload W   which servers to start (default all: synthetic and netperf)
              --port N       synthetic's port (default 8000); netperf takes N+1 with 'all'
                             (default 8001); 0 asks for any free port
              --bind ADDR    the address to listen on (default 127.0.0.1, loopback only);
                             0.0.0.0 listens on every interface: see SECURITY.md first

            Prints one line '<workload> <address> <port>' per server once it listens, then reads
            shell commands from standard input; every other message goes to standard error and
            log/. Stops cleanly on SIGTERM, SIGINT or 'exit' (exit status 0); bad arguments exit
            2; a server that cannot listen (port in use) exits 3 at once.
            """;

    private LauncherUsage() {
    }

    /** Whether the arguments ask for help: {@code --help}, {@code -h} or {@code help} alone. */
    static boolean asksForHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h") || (args.size() == 1 && "help".equals(args.get(0)));
    }
}
