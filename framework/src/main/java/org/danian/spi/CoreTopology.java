package org.danian.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The cores a kernel schedules and their hyperthread siblings (Caladan's {@code sched_siblings}).
 *
 * <p>Immutable. On a live machine it is read from
 * {@code /sys/devices/system/cpu/cpu*}{@code /topology/thread_siblings_list}; tests and the
 * simulator construct it directly ({@link #siblingPairs(int)}, {@link #noSiblings(int)}).
 * With more than two hardware threads per physical core, the sibling of a core is the next
 * one in its sibling list (wrapping), which is the rung Caladan's pick scans for.
 */
public final class CoreTopology {

    private final int[] siblings;

    private CoreTopology(int[] siblings) {
        this.siblings = siblings;
    }

    /**
     * A topology from an explicit sibling table.
     *
     * @param siblings {@code siblings[c]} is the sibling of core {@code c}, or
     *     {@link KThreadView#NO_CORE}; the relation must be symmetric and never map a core to
     *     itself
     * @throws IllegalArgumentException naming the first core whose entry is invalid
     */
    public static CoreTopology of(int... siblings) {
        int[] copy = siblings.clone();
        if (copy.length == 0) {
            throw new IllegalArgumentException("a topology needs at least one core");
        }
        for (int core = 0; core < copy.length; core++) {
            int sibling = copy[core];
            if (sibling == KThreadView.NO_CORE) {
                continue;
            }
            if (sibling < 0 || sibling >= copy.length || sibling == core) {
                throw new IllegalArgumentException("core " + core + " has invalid sibling " + sibling
                        + " (cores are 0.." + (copy.length - 1) + ")");
            }
        }
        return new CoreTopology(copy);
    }

    /** {@code cores} cores without hyperthreads. */
    public static CoreTopology noSiblings(int cores) {
        requirePositive(cores);
        int[] siblings = new int[cores];
        Arrays.fill(siblings, KThreadView.NO_CORE);
        return new CoreTopology(siblings);
    }

    /**
     * {@code cores} cores in sibling pairs (0,1), (2,3), …, as a 16-core machine with eight
     * two-way hyperthreaded physical cores; an odd last core has no sibling.
     */
    public static CoreTopology siblingPairs(int cores) {
        requirePositive(cores);
        int[] siblings = new int[cores];
        for (int core = 0; core < cores; core++) {
            int partner = core ^ 1;
            siblings[core] = partner < cores ? partner : KThreadView.NO_CORE;
        }
        return new CoreTopology(siblings);
    }

    /** The topology of this machine, read from {@code /sys/devices/system/cpu}. */
    public static CoreTopology fromSystem() {
        return fromSysfs(Path.of("/sys/devices/system/cpu"));
    }

    /**
     * The topology described by a sysfs-shaped tree: {@code cpuRoot/cpuN/topology/
     * thread_siblings_list} for N = 0, 1, … until a directory is missing.
     *
     * @throws IllegalArgumentException if {@code cpuRoot} has no {@code cpu0}, or a sibling
     *     list cannot be parsed (the message names the file and its content)
     * @throws UncheckedIOException if a file exists but cannot be read
     */
    public static CoreTopology fromSysfs(Path cpuRoot) {
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
        return of(siblings);
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

    private static void requirePositive(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("core count must be at least 1: " + cores);
        }
    }

    /** Number of cores, numbered 0 to {@code coreCount() - 1}. */
    public int coreCount() {
        return siblings.length;
    }

    /**
     * The hyperthread sibling of {@code core}, or {@link KThreadView#NO_CORE} if it has none.
     *
     * @throws IndexOutOfBoundsException if {@code core} is not a core of this topology
     */
    public int sibling(int core) {
        return siblings[core];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CoreTopology that && Arrays.equals(siblings, that.siblings);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(siblings);
    }

    @Override
    public String toString() {
        return "CoreTopology" + Arrays.toString(siblings);
    }
}
