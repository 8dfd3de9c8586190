package org.danian.driver.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Loading the native shim: with a shim in this build (DPDK was there), it loads and speaks
 * this code's interface; without one, the error says so and how to get one. The build decides
 * which branch runs; each asserts what a user would see.
 */
class ShimLibraryTest {

    @Test
    void theShimLoadsOrTheErrorSaysWhatIsMissing() throws Exception {
        Path directory = Files.createTempDirectory("danian-shim-test");
        if (ShimLibraryTest.class.getClassLoader().getResource(ShimLibrary.RESOURCE) == null) {
            IllegalStateException missing = assertThrows(IllegalStateException.class, () -> ShimLibrary.load(directory));
            assertTrue(missing.getMessage().contains("built without its native shim")
                    && missing.getMessage().contains("libdpdk-dev"), missing.getMessage());
            return;
        }
        DpdkShim shim = ShimLibrary.load(directory);
        assertEquals(ShimLibrary.ABI, shim.shim_abi_version());
        assertTrue(shim.shim_rte_version().startsWith("DPDK "), shim.shim_rte_version());
        int[] layout = new int[11];
        assertEquals(11, shim.shim_layout(layout, layout.length));
        assertEquals(128, layout[5], "RTE_PKTMBUF_HEADROOM as Debian builds DPDK");
        assertTrue(layout[7] >= 2048, "data room: " + layout[7]);
        assertEquals(1 << 3, layout[9], "RTE_MBUF_F_RX_L4_CKSUM_BAD in DPDK 22.11");
        assertEquals(1 << 8, layout[10], "RTE_MBUF_F_RX_L4_CKSUM_GOOD in DPDK 22.11");
        try (var files = Files.list(directory)) {
            assertEquals(1, files.count(), "extracted once, under its hash");
        }
        ShimLibrary.load(directory);
        try (var files = Files.list(directory)) {
            assertEquals(1, files.count(), "a second load reuses the same file");
        }
    }
}
