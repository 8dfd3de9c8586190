package org.danian.framework.affinity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.danian.kernel.KernelSettings;
import org.danian.kernel.Pinning;

/**
 * The pinning decision of {@code pinThreads=auto}: pin only where the worker cores are
 * reserved for us, otherwise leave placement to Linux.
 *
 * <p>Why: a thread pinned to a core that other processes also use cannot escape when they
 * load it; Linux's scheduler would have moved it to an idle core (measured in
 * docs/measurements.md: p50 of milliseconds with busy co-tenants). Pinning pays only where
 * nothing else runs on the core, as on Caladan's testbed, whose cores are isolated. A core is
 * reserved if the Linux command line isolated it ({@code isolcpus}:
 * {@code /sys/devices/system/cpu/isolated}; {@code nohz_full}:
 * {@code /sys/devices/system/cpu/nohz_full}), or if the process runs in an exclusive cpuset
 * that holds it (cgroup v2 {@code cpuset.cpus.partition} {@code root} or {@code isolated},
 * cgroup v1 {@code cpuset.cpu_exclusive} 1; Linux's cgroup-v2 and cpusets documentation).
 * The root cpuset never counts: every process of the machine is in it, and cgroup v1 marks it
 * {@code cpu_exclusive} always (a v1 hybrid machine, such as the development one, would
 * otherwise pin every thread onto cores shared with everything else).
 *
 * <p>Reads files under a root directory ({@code /} live, a fake tree in tests); a file that
 * cannot be read counts as reserving nothing. Runs once when the kernel starts.
 */
public final class CpuReservation {

    private final Path root;

    /** This machine's files. */
    public static CpuReservation ofThisMachine() {
        return new CpuReservation(Path.of("/"));
    }

    /** @param root the directory that stands for {@code /} */
    public CpuReservation(Path root) {
        this.root = root;
    }

    /**
     * The decision for {@code mode} with these worker cores: always or never as the setting
     * says; for auto, pinned exactly when every worker core is reserved.
     */
    public Pinning decide(String mode, List<Integer> workerCores) {
        if (mode.equals(KernelSettings.PIN_ALWAYS)) {
            return new Pinning(mode, true, "pinThreads=true");
        }
        if (mode.equals(KernelSettings.PIN_NEVER)) {
            return new Pinning(mode, false, "pinThreads=false");
        }
        TreeSet<Integer> isolated = cpus("sys/devices/system/cpu/isolated");
        TreeSet<Integer> nohzFull = cpus("sys/devices/system/cpu/nohz_full");
        TreeSet<Integer> exclusive = exclusiveCpuset();
        TreeSet<Integer> reserved = new TreeSet<>(isolated);
        reserved.addAll(nohzFull);
        reserved.addAll(exclusive);
        String found = "isolated " + describe(isolated) + ", nohz_full " + describe(nohzFull)
                + ", exclusive cpuset " + describe(exclusive);
        if (reserved.containsAll(workerCores)) {
            return new Pinning(mode, true, "worker cores " + workerCores + " are reserved (" + found + ")");
        }
        return new Pinning(mode, false, "worker cores " + workerCores + " are not all reserved (" + found
                + "): Linux places the threads");
    }

    /** The cpus of the process's cpuset if it is exclusive, else none. */
    private TreeSet<Integer> exclusiveCpuset() {
        for (String line : lines("proc/self/cgroup")) {
            String[] parts = line.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            String path = parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
            if (path.isEmpty()) {
                continue; // the root cpuset: the whole machine's, never a reservation
            }
            if (parts[0].equals("0") && parts[1].isEmpty()) { // cgroup v2
                Path group = Path.of("sys/fs/cgroup").resolve(path);
                String partition = first(group.resolve("cpuset.cpus.partition").toString());
                if (partition.startsWith("root") || partition.startsWith("isolated")) {
                    return cpus(group.resolve("cpuset.cpus.effective").toString());
                }
            } else if (List.of(parts[1].split(",")).contains("cpuset")) { // cgroup v1
                Path group = Path.of("sys/fs/cgroup/cpuset").resolve(path);
                if (first(group.resolve("cpuset.cpu_exclusive").toString()).equals("1")) {
                    return cpus(group.resolve("cpuset.cpus").toString());
                }
            }
        }
        return new TreeSet<>();
    }

    private TreeSet<Integer> cpus(String file) {
        try {
            return parseCpuList(first(file));
        } catch (IllegalArgumentException unreadable) {
            return new TreeSet<>(); // a list we cannot read reserves nothing
        }
    }

    /**
     * A Linux cpu list ({@code 1-3,6}, blank, or {@code (null)} as nohz_full shows none).
     *
     * @throws IllegalArgumentException naming the list if it is malformed
     */
    static TreeSet<Integer> parseCpuList(String list) {
        TreeSet<Integer> cpus = new TreeSet<>();
        String text = list.trim();
        if (text.isEmpty() || text.equals("(null)")) {
            return cpus;
        }
        try {
            for (String range : text.split(",")) {
                String[] ends = range.trim().split("-");
                int from = Integer.parseInt(ends[0].trim());
                int to = ends.length > 1 ? Integer.parseInt(ends[1].trim()) : from;
                for (int cpu = from; cpu <= to; cpu++) {
                    cpus.add(cpu);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cpu list: '" + list + "'", e);
        }
        return cpus;
    }

    private String first(String file) {
        List<String> lines = lines(file);
        return lines.isEmpty() ? "" : lines.get(0).trim();
    }

    private List<String> lines(String file) {
        try {
            return Files.readAllLines(root.resolve(file), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return new ArrayList<>(); // absent (no isolation, no cgroup): reserves nothing
        }
    }

    private static String describe(TreeSet<Integer> cpus) {
        return cpus.isEmpty() ? "none" : cpus.toString();
    }
}
