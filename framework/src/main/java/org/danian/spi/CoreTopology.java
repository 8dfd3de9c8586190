package org.danian.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The cores a kernel schedules and their hyperthread siblings (Caladan's {@code sched_siblings}).
 *
 * <p>Immutable. The kernel reads the machine's topology when it starts and hands it to
 * policies; tests construct one directly ({@link #siblingPairs(int)}, {@link #noSiblings(int)},
 * {@link #of(int...)}). With more than two hardware threads per physical core, the sibling of
 * a core is the next one in its sibling list (wrapping), which is the rung Caladan's pick
 * scans for.
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

    /**
     * The topology of this machine, read from {@code /sys/devices/system/cpu}.
     *
     * @deprecated Reading the machine is the kernel's business, not the SPI's: the kernel reads
     *     it itself when it starts and hands policies the result. Kept, frozen, so that code
     *     compiled against version 1.0 still links; removed in 2.0.
     */
    @Deprecated(since = "1.1", forRemoval = true)
    public static CoreTopology fromSystem() {
        return fromSysfs(Path.of("/sys/devices/system/cpu"));
    }

    /**
     * The topology described by a sysfs-shaped tree: {@code cpuRoot/cpuN/topology/
     * thread_siblings_list} for N = 0, 1, … until a directory is missing; the sibling of a core
     * is the next core in its list.
     *
     * @throws IllegalArgumentException if {@code cpuRoot} has no {@code cpu0}, or a sibling
     *     list cannot be parsed
     * @throws UncheckedIOException if a file exists but cannot be read
     * @deprecated As {@link #fromSystem()}: kept, frozen, for code compiled against 1.0;
     *     removed in 2.0.
     */
    @Deprecated(since = "1.1", forRemoval = true)
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
            int[] list = Files.exists(file) ? cpuList(file) : new int[] {core};
            int at = Arrays.binarySearch(list, core);
            int sibling = list.length < 2 || at < 0 ? KThreadView.NO_CORE : list[(at + 1) % list.length];
            siblings[core] = sibling < cores ? sibling : KThreadView.NO_CORE;
        }
        return of(siblings);
    }

    /** A Linux cpulist ("0,4", "0-1", "0-1,8-9"), sorted. */
    private static int[] cpuList(Path file) {
        String text;
        try {
            text = Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            return Arrays.stream(text.split(",")).map(String::trim).flatMapToInt(part -> {
                String[] range = part.split("-");
                int first = Integer.parseInt(range[0].trim());
                int last = range.length == 2 ? Integer.parseInt(range[1].trim()) : first;
                return java.util.stream.IntStream.rangeClosed(first, last);
            }).sorted().toArray();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad cpu list in " + file + ": '" + text + "'", e);
        }
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
