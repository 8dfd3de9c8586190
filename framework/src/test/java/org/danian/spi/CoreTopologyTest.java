package org.danian.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreTopologyTest {

    @TempDir
    Path root;

    private void cpu(int core, String siblings) throws IOException {
        Path dir = Files.createDirectories(root.resolve("cpu" + core).resolve("topology"));
        Files.writeString(dir.resolve("thread_siblings_list"), siblings + "\n");
    }

    @Test
    void readsSiblingPairsFromSysfsInCommaForm() throws IOException {
        // 4 cores, hyperthreads numbered as on many Intel servers: 0 with 2, 1 with 3.
        cpu(0, "0,2");
        cpu(1, "1,3");
        cpu(2, "0,2");
        cpu(3, "1,3");
        CoreTopology topology = CoreTopology.fromSysfs(root);
        assertEquals(CoreTopology.of(2, 3, 0, 1), topology);
    }

    @Test
    void readsRangesAndSingleCores() throws IOException {
        cpu(0, "0-1");
        cpu(1, "0-1");
        cpu(2, "2");
        CoreTopology topology = CoreTopology.fromSysfs(root);
        assertEquals(1, topology.sibling(0));
        assertEquals(0, topology.sibling(1));
        assertEquals(KThreadView.NO_CORE, topology.sibling(2));
    }

    @Test
    void badSiblingListNamesFileAndContent() throws IOException {
        cpu(0, "zero");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CoreTopology.fromSysfs(root));
        assertTrue(error.getMessage().contains("'zero'"), error.getMessage());
        assertTrue(error.getMessage().contains("thread_siblings_list"), error.getMessage());
    }

    @Test
    void missingCpuDirectoryIsAnError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CoreTopology.fromSysfs(root));
        assertTrue(error.getMessage().contains(root.toString()));
    }

    @Test
    void thisMachineHasAtLeastOneCore() {
        assertTrue(CoreTopology.fromSystem().coreCount() >= 1);
    }

    @Test
    void constructedTopologiesAreValidated() {
        assertEquals(16, CoreTopology.siblingPairs(16).coreCount());
        assertEquals(14, CoreTopology.siblingPairs(16).sibling(15));
        assertEquals(KThreadView.NO_CORE, CoreTopology.siblingPairs(3).sibling(2));
        IllegalArgumentException self = assertThrows(IllegalArgumentException.class, () -> CoreTopology.of(0));
        assertTrue(self.getMessage().contains("core 0 has invalid sibling 0"), self.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CoreTopology.noSiblings(0));
    }
}
