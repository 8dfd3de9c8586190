package org.danian.framework.affinity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.danian.kernel.KernelSettings;
import org.danian.kernel.Pinning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pinThreads=auto decision, on fake sysfs, procfs and cgroup trees. */
class CpuReservationTest {

    @TempDir
    Path root;

    @Test
    void aSharedMachinePinsNothingAndSaysWhy() {
        write("sys/devices/system/cpu/isolated", "\n");
        write("proc/self/cgroup", "0::/user.slice\n");
        write("sys/fs/cgroup/user.slice/cpuset.cpus.partition", "member\n");

        Pinning pinning = decide(List.of(1));

        assertFalse(pinning.pinned());
        assertEquals(KernelSettings.PIN_AUTO, pinning.mode());
        assertTrue(pinning.reason().contains("not all reserved"), pinning.reason());
        assertTrue(pinning.reason().contains("isolated none"), pinning.reason());
    }

    @Test
    void isolatedWorkerCoresArePinned() {
        write("sys/devices/system/cpu/isolated", "2-3,5\n");

        assertTrue(decide(List.of(2, 3, 5)).pinned());
        assertFalse(decide(List.of(1, 2)).pinned(), "core 1 is not isolated");
    }

    @Test
    void nohzFullCoresCountAsReservedAndItsEmptyMarkerAsNone() {
        write("sys/devices/system/cpu/nohz_full", "1-3\n");
        assertTrue(decide(List.of(1, 2)).pinned());

        write("sys/devices/system/cpu/nohz_full", "(null)\n");
        assertFalse(decide(List.of(1)).pinned());
    }

    @Test
    void anExclusiveCgroupV2CpusetReservesItsCpus() {
        write("proc/self/cgroup", "0::/danian.slice\n");
        write("sys/fs/cgroup/danian.slice/cpuset.cpus.partition", "root\n");
        write("sys/fs/cgroup/danian.slice/cpuset.cpus.effective", "0-3\n");

        Pinning pinning = decide(List.of(1, 2, 3));
        assertTrue(pinning.pinned(), pinning.reason());
        assertTrue(pinning.reason().contains("exclusive cpuset [0, 1, 2, 3]"), pinning.reason());
    }

    @Test
    void anExclusiveCgroupV1CpusetReservesItsCpus() {
        write("proc/self/cgroup", "12:memory:/x\n7:cpuset,cpu:/bench\n");
        write("sys/fs/cgroup/cpuset/bench/cpuset.cpu_exclusive", "1\n");
        write("sys/fs/cgroup/cpuset/bench/cpuset.cpus", "4-7\n");
        assertTrue(decide(List.of(5, 6)).pinned());

        write("sys/fs/cgroup/cpuset/bench/cpuset.cpu_exclusive", "0\n");
        assertFalse(decide(List.of(5, 6)).pinned());
    }

    @Test
    void theRootCpusetIsNeverAReservation() {
        // A cgroup v1 hybrid machine: the process sits in the root cpuset, which v1 always
        // marks cpu_exclusive, and every other process of the machine sits there too.
        write("proc/self/cgroup", "3:cpuset:/\n0::/\n");
        write("sys/fs/cgroup/cpuset/cpuset.cpu_exclusive", "1\n");
        write("sys/fs/cgroup/cpuset/cpuset.cpus", "0-1\n");
        write("sys/fs/cgroup/cpuset.cpus.partition", "root\n");
        write("sys/fs/cgroup/cpuset.cpus.effective", "0-1\n");

        Pinning pinning = decide(List.of(1));
        assertFalse(pinning.pinned(), pinning.reason());
        assertTrue(pinning.reason().contains("exclusive cpuset none"), pinning.reason());
    }

    @Test
    void explicitSettingsWinWhateverTheMachineReserves() {
        write("sys/devices/system/cpu/isolated", "1\n");
        CpuReservation reservation = new CpuReservation(root);

        assertFalse(reservation.decide(KernelSettings.PIN_NEVER, List.of(1)).pinned());
        assertTrue(reservation.decide(KernelSettings.PIN_ALWAYS, List.of(0)).pinned());
        assertEquals("pinThreads=false", reservation.decide(KernelSettings.PIN_NEVER, List.of(1)).reason());
    }

    @Test
    void anUnreadableTreeReservesNothing() {
        write("sys/devices/system/cpu/isolated", "garbage\n");
        assertFalse(decide(List.of(1)).pinned());
    }

    @Test
    void parsesLinuxCpuLists() {
        assertEquals(Set.of(0, 1, 2, 7), CpuReservation.parseCpuList("0-2,7"));
        assertEquals(Set.of(), CpuReservation.parseCpuList(" "));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> CpuReservation.parseCpuList("1-x"));
        assertTrue(bad.getMessage().contains("1-x"));
    }

    private Pinning decide(List<Integer> workers) {
        return new CpuReservation(root).decide(KernelSettings.PIN_AUTO, workers);
    }

    private void write(String file, String text) {
        try {
            Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
