package org.danian.workloads.netperf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandshakeRateLimitTest {

    private long now = 1_000_000_000L;
    private final HandshakeRateLimit limit = new HandshakeRateLimit(2, 3, () -> now);

    @Test
    void anAddressGetsItsBurstThenItsRate() throws Exception {
        InetAddress client = InetAddress.getByName("198.18.0.2");
        assertTrue(limit.admit(client));
        assertTrue(limit.admit(client));
        assertTrue(limit.admit(client));
        assertFalse(limit.admit(client), "beyond the burst of 3");
        now += TimeUnit.MILLISECONDS.toNanos(499);
        assertFalse(limit.admit(client), "not yet a whole token at 2 a second");
        now += TimeUnit.MILLISECONDS.toNanos(2);
        assertTrue(limit.admit(client), "one token after 500 ms");
        assertFalse(limit.admit(client));
        now += TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < 3; i++) {
            assertTrue(limit.admit(client), "a long pause refills the burst, no more");
        }
        assertFalse(limit.admit(client));
        assertEquals(4, limit.refused());
    }

    @Test
    void addressesHaveBucketsOfTheirOwn() throws Exception {
        InetAddress first = InetAddress.getByName("198.18.0.2");
        InetAddress second = InetAddress.getByName("198.18.0.3");
        for (int i = 0; i < 3; i++) {
            assertTrue(limit.admit(first));
        }
        assertFalse(limit.admit(first));
        assertTrue(limit.admit(second), "another address is not charged for the first one's handshakes");
    }

    @Test
    void aFullTableRefusesNewAddressesUntilABucketRefills() throws Exception {
        HandshakeRateLimit oneEach = new HandshakeRateLimit(1, 1, () -> now);
        for (int i = 0; i < HandshakeRateLimit.MAX_CLIENTS; i++) {
            assertTrue(oneEach.admit(address(i)));
        }
        InetAddress newcomer = InetAddress.getByName("198.19.255.254");
        assertFalse(oneEach.admit(newcomer), "every tracked address spent its token: the table stays bounded");
        now += TimeUnit.SECONDS.toNanos(1);
        assertTrue(oneEach.admit(newcomer), "refilled buckets are forgotten, making room");
        assertEquals(1, oneEach.refused());
    }

    @Test
    void zeroPerSecondIsNoLimit() throws Exception {
        HandshakeRateLimit none = new HandshakeRateLimit(0, 1, () -> now);
        InetAddress client = InetAddress.getByName("198.18.0.2");
        for (int i = 0; i < 1000; i++) {
            assertTrue(none.admit(client));
        }
        assertEquals(0, none.refused());
    }

    @Test
    void badSettingsAreRefusedNamingTheValue() {
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> new HandshakeRateLimit(-1, 3, () -> now));
        assertTrue(rate.getMessage().contains("-1"), rate::getMessage);
        IllegalArgumentException burst = assertThrows(IllegalArgumentException.class,
                () -> new HandshakeRateLimit(2, 0, () -> now));
        assertTrue(burst.getMessage().contains("0"), burst::getMessage);
    }

    private static InetAddress address(int i) throws Exception {
        return InetAddress.getByAddress(new byte[] {(byte) 198, 18, (byte) (i >> 8), (byte) i});
    }
}
