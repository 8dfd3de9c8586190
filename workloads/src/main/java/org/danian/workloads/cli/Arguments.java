package org.danian.workloads.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of option values that picocli's types cannot express. A bad value becomes a
 * {@link ParameterException} naming the option and the value, which picocli prints with the
 * usage and turns into exit status 2.
 */
public final class Arguments {

    private final CommandSpec spec;

    public Arguments(CommandSpec spec) {
        this.spec = spec;
    }

    /** Fails with "Invalid value for option 'OPTION': VALUE" unless {@code ok}. */
    public void check(boolean ok, String option, Object value) {
        if (!ok) {
            throw invalid(option, value, null);
        }
    }

    /** One constant of {@code type}, named in lower case on the command line. */
    public <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                return constant;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw invalid(option, value, "expected one of " + names);
    }

    /** A numeric address or a host name that resolves. */
    public InetAddress address(String option, String value) {
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw invalid(option, value, "unknown host");
        }
    }

    /** {@code host:port}, with a port in 1..65535. */
    public InetSocketAddress hostPort(String option, String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw invalid(option, value, "expected host:port");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(option, value, "the port is not a number");
        }
        if (port < 1 || port > 65535) {
            throw invalid(option, value, "the port is not in 1..65535");
        }
        return new InetSocketAddress(address(option, value.substring(0, colon)), port);
    }

    private ParameterException invalid(String option, Object value, String why) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': '"
                + value + "'" + (why == null ? "" : " (" + why + ")"));
    }
}
