package org.danian.driver.dpdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A DPDK port with one receive and one transmit queue, as a {@link NicQueue}: EAL brought up
 * (once per process), the device plugged in, its mbuf pool, configured and started (DPDK
 * Programmer's Guide, "Environment Abstraction Layer" and "Poll Mode Driver";
 * docs/bibliography.md).
 *
 * <p><b>Once per process.</b> EAL cannot be initialised twice, not even after
 * {@code rte_eal_cleanup}: a second {@code rte_eal_init} fails with EALREADY. A restarted or
 * updated bundle (a new class loader, so this class's flag is fresh) therefore takes EALREADY
 * as "up" and plugs its device in again with {@code rte_eal_hotplug_add}; {@link #close()}
 * unplugs it with {@code rte_eal_hotplug_remove}. The mbuf pool outlives the port and is found
 * again by name. Never {@code rte_eal_cleanup}.
 *
 * <p><b>Threads.</b> EAL pins the thread that initialises it, and the threads it starts later,
 * to the lcores named; {@code --lcores=0@(<allowed cpus>)} gives lcore 0 every CPU the process
 * may use, so no thread's affinity changes and the kernel pins its scheduler thread as usual.
 * That thread is not an EAL thread; it may call the burst functions (mempool gets then bypass
 * the per-lcore cache).
 */
final class EalPort implements NicQueue {

    /** rte_errno's EALREADY: EAL was initialised before in this process. */
    private static final int EALREADY = 114;
    /** Whether this class loader saw EAL up; package-private so a test can play a restarted bundle. */
    static boolean ealUp;

    private final DpdkShim shim;
    private final MbufLayout layout;
    private final int port;
    private final long pool;
    private final long mac;
    private final String bus;
    private final String name;
    private boolean closed;

    private EalPort(DpdkShim shim, MbufLayout layout, int port, long pool, long mac, String bus, String name) {
        this.shim = shim;
        this.layout = layout;
        this.port = port;
        this.pool = pool;
        this.mac = mac;
        this.bus = bus;
        this.name = name;
    }

    /**
     * Brings EAL up if it is not, then plugs in and starts {@code settings.device()}.
     *
     * @throws IllegalStateException naming the step that failed and DPDK's error
     */
    static EalPort open(DpdkShim shim, DpdkPortSettings settings) {
        initialise(shim, settings);
        String device = settings.device();
        int comma = device.indexOf(',');
        String name = comma < 0 ? device : device.substring(0, comma);
        String args = comma < 0 ? "" : device.substring(comma + 1);
        String bus = settings.isVirtual() ? "vdev" : "pci";
        long[] pool = new long[1];
        byte[] mac = new byte[6];
        String poolName = ("danian_" + name).substring(0, Math.min(25, name.length() + 7));
        int port = shim.shim_port_open(bus, name, args, poolName, settings.mbufs(), settings.rxDescriptors(),
                settings.txDescriptors(), pool, mac);
        if (port < 0) {
            throw failure("cannot start DPDK device '" + device + "' on bus " + bus, shim);
        }
        long macBits = 0;
        for (byte b : mac) {
            macBits = macBits << 8 | (b & 0xff);
        }
        return new EalPort(shim, layout(shim), port, pool[0], macBits, bus, name);
    }

    private static synchronized void initialise(DpdkShim shim, DpdkPortSettings settings) {
        if (ealUp) {
            return;
        }
        List<String> args = ealArguments(settings, allowedCpus());
        if (shim.shim_eal_init(String.join("\n", args)) < 0 && shim.shim_errno() != EALREADY) {
            throw failure("DPDK EAL did not initialise with " + args, shim);
        }
        ealUp = true;
    }

    /** The EAL command line; a vdev is plugged in afterwards, a PCI device is allowed here. */
    static List<String> ealArguments(DpdkPortSettings settings, String cpus) {
        List<String> args = new ArrayList<>(List.of("danian", "--lcores=0@(" + cpus + ")", "--no-shconf",
                "--no-telemetry", "--log-level=lib.eal:warning"));
        if (settings.hugepages()) {
            args.add("--in-memory"); // hugepages without files left behind
        } else {
            args.add("--no-huge");
        }
        args.add("-m");
        args.add(Integer.toString(settings.memoryMb()));
        if (settings.isVirtual()) {
            args.add("--no-pci");
        } else {
            args.add("-a");
            args.add(settings.device());
        }
        for (String extra : settings.ealArgs().trim().split("\\s+")) {
            if (!extra.isEmpty()) {
                args.add(extra);
            }
        }
        return args;
    }

    /** The CPUs this process may run on, as Linux lists them ("0-1"); all of them if unknown. */
    private static String allowedCpus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "0-" + (Runtime.getRuntime().availableProcessors() - 1);
    }

    private static MbufLayout layout(DpdkShim shim) {
        int[] values = new int[11];
        if (shim.shim_layout(values, values.length) < values.length) {
            throw new IllegalStateException("the native shim reports too few mbuf fields");
        }
        // values: buf_addr, data_off, data_len, pkt_len, nb_segs, headroom, sizeof(rte_mbuf), data room,
        // ol_flags, RTE_MBUF_F_RX_L4_CKSUM_BAD, RTE_MBUF_F_RX_L4_CKSUM_GOOD
        return new MbufLayout(values[0], values[1], values[2], values[3], values[4], values[7], values[8],
                values[9], values[10]);
    }

    private static IllegalStateException failure(String what, DpdkShim shim) {
        int error = shim.shim_errno();
        return new IllegalStateException(what + ": " + shim.shim_strerror(error) + " (rte_errno " + error + ", "
                + shim.shim_rte_version() + ")");
    }

    @Override
    public MbufLayout layout() {
        return layout;
    }

    @Override
    public long mac() {
        return mac;
    }

    @Override
    public int receive(long mbufs, int max) {
        return shim.shim_rx_burst(port, mbufs, max);
    }

    @Override
    public int transmit(long mbufs, int count) {
        return shim.shim_tx_burst(port, mbufs, count);
    }

    @Override
    public boolean allocate(long mbufs, int count) {
        return shim.shim_alloc_bulk(pool, mbufs, count) == 0;
    }

    @Override
    public void free(long mbufs, int count) {
        shim.shim_free_bulk(mbufs, count);
    }

    @Override
    public synchronized long missed() {
        return closed ? -1 : shim.shim_port_missed(port);
    }

    /** Stops the port and unplugs its device (no poll may follow: DPDK would log a fault). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (shim.shim_port_close(port, bus, name) < 0) {
            System.getLogger(DpdkDriverComponent.LOGGER).log(System.Logger.Level.WARNING,
                    "DPDK device " + name + " did not unplug cleanly: rte_errno " + shim.shim_errno());
        }
    }
}
