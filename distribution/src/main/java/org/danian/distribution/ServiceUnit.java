package org.danian.distribution;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * {@code bin/danian install-service}: prints the systemd unit of {@code etc/danian.service}
 * with this installation's folder filled in ({@code @DANIAN_HOME@}). The operator reviews it
 * and installs it (see {@code docs/testbed.md}): the launcher writes nothing outside its own
 * folder and needs no privilege.
 */
final class ServiceUnit {

    static final String COMMAND = "install-service";
    private static final String TEMPLATE = "etc/danian.service";

    private ServiceUnit() {
    }

    static int print(PrintStream out, PrintStream err) {
        Path home = Paths.get(System.getProperty(LauncherConfig.HOME_PROPERTY, ".")).toAbsolutePath().normalize();
        try {
            String unit = Files.readString(home.resolve(TEMPLATE)).replace("@DANIAN_HOME@", home.toString());
            out.print(unit);
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("danian: install-service: cannot read " + home.resolve(TEMPLATE) + ": " + e.getMessage());
            return OneShotCommand.EXIT_COMMAND_FAILED;
        }
    }
}
