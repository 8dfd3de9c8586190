package org.danian.framework.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading Linux's per-socket drop counts from tables in the format of /proc/net/udp and udp6. */
class SocketDropsTest {

    private static final String UDP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
              12: 0100007F:9C41 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4711 2 0000000000000000 17
              13: 0100007F:9C42 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4712 2 0000000000000000 5
              14: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4713 2 0000000000000000 99
            """;
    private static final String UDP6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
              40: 00000000000000000000000001000000:9C41 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4800 2 0000000000000000 3
            """;

    @Test
    void sumsTheDropsOfOurPortsInBothTablesAndIgnoresOthers(@TempDir Path dir) throws IOException {
        Path udp = Files.writeString(dir.resolve("udp"), UDP);
        Path udp6 = Files.writeString(dir.resolve("udp6"), UDP6);
        SocketDrops drops = new SocketDrops(List.of(udp, udp6));

        assertEquals(17 + 3, drops.dropsFor(new int[] {0x9C41}));
        assertEquals(17 + 3 + 5, drops.dropsFor(new int[] {0x9C42, 0x9C41}));
        assertEquals(0, drops.dropsFor(new int[] {1234}));
        assertEquals(0, drops.dropsFor(new int[0]));
    }

    @Test
    void aMissingTableCountsNothing(@TempDir Path dir) throws IOException {
        Path udp = Files.writeString(dir.resolve("udp"), UDP);
        assertEquals(5, new SocketDrops(List.of(udp, dir.resolve("absent"))).dropsFor(new int[] {0x9C42}));
    }
}
