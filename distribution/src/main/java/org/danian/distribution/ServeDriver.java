package org.danian.distribution;

import java.net.InetAddress;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;

/**
 * The packet driver a {@code bin/danian serve} run asks for: {@code --driver kernel-udp} (the
 * default, the kernel's UDP sockets) or {@code --driver dpdk --vdev DEVICE --ip ADDRESS} (the
 * DPDK driver bundle on one port, driver-dpdk/README.md). For dpdk the run writes the driver's
 * configuration (PID {@value #DPDK_PID}, marked as the run's own, deleted at the end). The
 * kernel's {@code packetDriver} setting is the run's only ({@link RunOnlyKernelSetting}): the
 * stored one stays as it was, so a run killed with SIGKILL leaves no driver choice behind; the
 * kernel moves any port already open to the driver as soon as it is installed.
 *
 * @param name the driver's name, or null to leave the kernel's setting as it is
 * @param device the DPDK device (dpdk only)
 * @param ip the IPv4 address the DPDK driver owns (dpdk only)
 */
record ServeDriver(String name, String device, String ip) {

    static final String DPDK = "dpdk";
    static final String KERNEL_UDP = "kernel-udp";
    static final String DPDK_PID = "org.danian.driver.dpdk";
    private static final String SETTING = "packetDriver";
    private static final String DRIVER_TYPE = "org.danian.spi.net.PacketDriver";

    /** Checks the options; {@code name} null means none was given. */
    static ServeDriver of(String name, String device, String ip) throws ServeArguments.Invalid {
        if (name == null || KERNEL_UDP.equals(name)) {
            if (device != null || ip != null) {
                throw new ServeArguments.Invalid("--vdev and --ip need --driver dpdk");
            }
            return new ServeDriver(name, null, null);
        }
        if (!DPDK.equals(name)) {
            throw new ServeArguments.Invalid("invalid --driver '" + name + "': use kernel-udp or dpdk");
        }
        if (device == null || ip == null) {
            throw new ServeArguments.Invalid("--driver dpdk needs --vdev DEVICE (e.g. net_af_packet0,iface=eth1) and"
                    + " --ip ADDRESS (the IPv4 address the driver owns)");
        }
        if (!ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new ServeArguments.Invalid("invalid --ip '" + ip + "': use a dotted IPv4 address");
        }
        return new ServeDriver(name, device, ip);
    }

    /** Whether {@code bind} may be served: the DPDK driver binds the wildcard or its own address. */
    boolean owns(String bind) throws java.net.UnknownHostException {
        return DPDK.equals(name) && (bind.equals(ip) || InetAddress.getByName(bind).isAnyLocalAddress());
    }

    /**
     * Writes the driver's configuration and points the kernel at it for this run; returns what
     * {@link #restore} takes away (null without --driver, which changes nothing).
     */
    RunOnlyKernelSetting configure(BundleContext context, ConfigAdminClient admin) throws Exception {
        if (name == null) {
            return null;
        }
        if (DPDK.equals(name)) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("device", device);
            properties.put("ipv4", ip);
            properties.put(ServeMode.MARKER, "true");
            admin.put(DPDK_PID, properties);
        }
        return RunOnlyKernelSetting.apply(context, admin, SETTING, name);
    }

    /** Ends {@link #configure}'s setting: the kernel, if it still runs, has its stored driver again. */
    void restore(ConfigAdminClient admin, RunOnlyKernelSetting setting) throws Exception {
        if (setting != null) {
            setting.remove(admin);
        }
    }

    /** Whether the driver's service is registered (the DPDK driver starts in 0.5–2 s, or fails and logs why). */
    boolean installed(BundleContext context) throws InvalidSyntaxException {
        return name == null || context.getServiceReferences(DRIVER_TYPE, "(danian.driver.name=" + name + ")") != null;
    }
}
