package org.danian.framework.affinity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;

/**
 * Reads the machine's cores and hyperthread siblings from Linux sysfs, the way Caladan's
 * IOKernel fills {@code sched_siblings} at start: {@code /sys/devices/system/cpu/cpuN/topology/
 * thread_siblings_list} for N = 0, 1, … until a directory is missing. With more than two
 * hardware threads per physical core, the sibling of a core is the next one in its sibling
 * list (wrapping), which is the rung Caladan's pick scans for.
 *
 * <p>The SPI's {@link CoreTopology} is a value built from a sibling table; reading the machine
 * is the kernel's business, done here once when the kernel starts.
 */
public final class SysfsTopology {

    private static final Path SYSTEM_CPUS = Path.of("/sys/devices/system/cpu");

    private SysfsTopology() {
    }

    /**
     * This machine's topology, or {@code availableProcessors()} cores without known siblings
     * where sysfs cannot be read (not Linux, or hidden in some containers).
     */
    public static CoreTopology ofThisMachine() {
        try {
            return read(SYSTEM_CPUS);
        } catch (RuntimeException noSysfs) {
            return CoreTopology.noSiblings(Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * The topology a sysfs-shaped tree describes.
     *
     * @throws IllegalArgumentException if {@code cpuRoot} has no {@code cpu0}, or a sibling
     *     list cannot be parsed (the message names the file and its content)
     * @throws UncheckedIOException if a file exists but cannot be read
     */
    public static CoreTopology read(Path cpuRoot) {
        int cores = 0;
        while (Files.isDirectory(cpuRoot.resolve("cpu" + cores))) {
            cores++;
        }
        if (cores == 0) {
            throw new IllegalArgumentException("no cpu0 directory under " + cpuRoot);
        }
        int[] siblings = new int[cores];
        for (int core = 0; core < cores; core++) {
            Path file = cpuRoot.resolve("cpu" + core).resolve("topology/thread_siblings_list");
            siblings[core] = Files.exists(file) ? siblingFrom(file, core) : KThreadView.NO_CORE;
            if (siblings[core] >= cores) {
                siblings[core] = KThreadView.NO_CORE; // offline or beyond the scanned range
            }
        }
        return CoreTopology.of(siblings);
    }

    private static int siblingFrom(Path file, int core) {
        String text;
        try {
            text = Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int[] list = SiblingListParser.parse(text, file);
        for (int i = 0; i < list.length; i++) {
            if (list[i] == core) {
                return list.length == 1 ? KThreadView.NO_CORE : list[(i + 1) % list.length];
            }
        }
        throw new IllegalArgumentException(file + " does not list core " + core + ": '" + text + "'");
    }
}
