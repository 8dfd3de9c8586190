package org.danian.driver.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danian.spi.net.DriverCounters;
import org.danian.spi.net.Packet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver on a real DPDK port: net_af_packet on the host end of a veth pair whose other end
 * is in a namespace ({@link VethNamespace}), polled by a thread of this JVM as the scheduler
 * thread would poll it, answering sockperf's protocol (docs/bibliography.md) on the polling
 * thread itself. The clients are the real sockperf and a raw-socket frame fuzzer
 * (src/test/native/frame_fuzz.c), run in the namespace. Each test starts the driver afresh, so
 * the device is unplugged and plugged in again between tests in one EAL.
 */
class DpdkVethTest {

    private static final Pattern DROPPED = Pattern.compile("# dropped messages = (\\d+); # duplicated messages = (\\d+)");
    private static final int MAX_PAYLOAD = 1000;
    private static VethNamespace veth;
    private static Path fuzzer;

    private DpdkPacketDriver driver;
    private Thread poller;
    private volatile boolean polling;
    private int port;

    @BeforeAll
    static void network() throws Exception {
        DpdkPrerequisites.check();
        veth = VethNamespace.create();
        fuzzer = Path.of("target", "frame_fuzz").toAbsolutePath();
        veth.run("gcc", "-O2", "-o", fuzzer.toString(), Path.of("src/test/native/frame_fuzz.c").toAbsolutePath().toString());
    }

    @AfterAll
    static void deleteNetwork() throws Exception {
        if (veth != null) {
            veth.close();
        }
    }

    @BeforeEach
    void startDriver() throws Exception {
        driver = DpdkDriverComponent.start(Files.createTempDirectory("danian-dpdk-test"), DriverConfigs.of(Map.of(
                "device", "net_af_packet0,iface=" + veth.hostEnd + ",framecnt=4096", "ipv4", VethNamespace.DRIVER_IP,
                "maxPayload", MAX_PAYLOAD)));
        port = driver.open(new InetSocketAddress(0));
        driver.attach(port, DpdkVethTest::answerSockperf);
        polling = true;
        poller = new Thread(() -> {
            while (polling) {
                driver.poll();
                driver.flush();
            }
        }, "dpdk-test-poller");
        poller.start();
    }

    /** sockperf's server rule: answer a client's pong request with the CLIENT flag cleared, ignore the rest. */
    private static boolean answerSockperf(Packet packet) {
        ByteBuffer payload = packet.payload();
        if (payload.limit() >= 14 && (payload.getShort(8) & 0x1) != 0 && (payload.getShort(8) & 0x4) == 0
                && (payload.getShort(8) & 0x2) != 0) {
            payload.putShort(8, (short) (payload.getShort(8) & ~0x1));
            packet.reply();
        } else {
            packet.release();
        }
        return true;
    }

    @AfterEach
    void stopDriver() throws Exception {
        polling = false;
        if (poller != null) {
            poller.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (driver != null) {
            DriverCounters counters = driver.counters();
            assertEquals(counters.received(), counters.delivered() + counters.dropped(), counters.toString());
            driver.close();
        }
    }

    @Test
    void sockperfPingPongWithDataIntegrityAndUnderLoadLoseNothing() throws Exception {
        veth.run("ip", "-n", veth.namespace, "neigh", "flush", "all"); // so the client asks by ARP
        String pingPong = sockperf("ping-pong", "-t", "2", "-m", "64", "--data-integrity");
        assertFalse(pingPong.contains("data integrity test failed"), pingPong);
        assertNothingDropped(pingPong);
        // The echo on the polling thread, with no kthread handoff: docs/measurements.md quotes it.
        Matcher median = Pattern.compile("percentile 50\\.000 =\\s+(\\S+)").matcher(pingPong);
        System.out.println("DpdkVethTest: sockperf ping-pong p50 (RTT/2, µs) = " + (median.find() ? median.group(1) : "?"));
        // sockperf counts a reply still in flight when its timer ends as dropped: a stall of the
        // shared machine at that moment is retried; a driver that loses replies fails every try
        // (and its own counters below would show the drop).
        String underLoad = "";
        for (int attempt = 0; attempt < 5 && droppedIn(underLoad) != 0; attempt++) {
            underLoad = sockperf("under-load", "-t", "2", "-m", "64", "--mps", "5000", "--reply-every", "1");
        }
        assertNothingDropped(underLoad);
        DriverCounters counters = driver.counters();
        assertTrue(counters.sent() > 1000, "replies sent: " + counters);
        assertEquals(0, counters.dropped(), counters.toString());
        assertEquals(0, counters.transmitFailed(), counters.toString());
        assertTrue(FrameCounts.of(driver.counters())[1] >= 1, "sockperf's kernel asked for our address by ARP");
    }

    private String sockperf(String... args) throws Exception {
        String[] command = new String[args.length + 4];
        command[0] = "sockperf";
        command[1] = args[0];
        command[2] = "-i";
        command[3] = VethNamespace.DRIVER_IP;
        command[4] = "--port=" + port;
        System.arraycopy(args, 1, command, 5, args.length - 1);
        return veth.inNamespace(command).replaceAll("\u001b\\[[0-9;]*m", "");
    }

    private static long jsonNumber(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertTrue(matcher.find(), field + " in " + json);
        return Long.parseLong(matcher.group(1));
    }

    private static long droppedIn(String report) {
        Matcher matcher = DROPPED.matcher(report);
        return matcher.find() ? Long.parseLong(matcher.group(1)) + Long.parseLong(matcher.group(2)) : -1;
    }

    private static void assertNothingDropped(String report) {
        Matcher matcher = DROPPED.matcher(report);
        assertTrue(matcher.find(), report);
        assertEquals("0", matcher.group(1), "dropped: " + report);
        assertEquals("0", matcher.group(2), "duplicated: " + report);
    }

    @Test
    void aRestartedBundleFindsEalUpAndPlugsItsDeviceInAgain() throws Exception {
        stopDriver();
        // A new class loader (an updated bundle) has not seen EAL: its init meets EALREADY.
        synchronized (EalPort.class) {
            EalPort.ealUp = false;
        }
        startDriver();
        assertTrue(EalPort.ealUp, "EALREADY was taken as up");
        String sent = veth.inNamespace(fuzzer.toString(), veth.clientEnd, VethNamespace.CLIENT_IP,
                VethNamespace.DRIVER_IP, veth.hostMac(), Integer.toString(port), "11", Integer.toString(MAX_PAYLOAD));
        assertEquals(0, jsonNumber(sent, "unanswered"), "the re-plugged port answers: " + sent);
        assertEquals(1, driver.counters().sent(), driver.counters().toString());
    }

    @Test
    void aHundredThousandFuzzedFramesAreEachCountedOnce() throws Exception {
        DriverCounters before = driver.counters();
        long[] framesBefore = FrameCounts.of(driver.counters());
        int count = 110_000; // ten of each kind of frame the fuzzer makes
        String sent = veth.inNamespace(fuzzer.toString(), veth.clientEnd, VethNamespace.CLIENT_IP,
                VethNamespace.DRIVER_IP, veth.hostMac(), Integer.toString(port), Integer.toString(count),
                Integer.toString(MAX_PAYLOAD)).trim();
        long perKind = count / 11;
        long probes = jsonNumber(sent, "probes");
        DriverCounters after = driver.counters();
        long[] framesAfter = FrameCounts.of(driver.counters());
        String seen = "sent " + sent + "; counters " + after + "; frames/arp/other/missed " + framesAfter[0] + "/"
                + framesAfter[1] + "/" + framesAfter[2] + "/" + framesAfter[3];
        long frames = framesAfter[0] - framesBefore[0];
        long arp = framesAfter[1] - framesBefore[1];
        assertEquals(0, jsonNumber(sent, "unanswered"), "every probe was answered: " + seen);
        // The total is not exact: the namespace's kernel sends stray frames of its own (after
        // the sockperf test, a dozen were seen, counted as other: not UDP to our address), and
        // one of the seeded random-garbage frames has been seen, run after run, never to reach
        // the driver (dropped by the kernel before af_packet; the NIC does not count it). Every
        // frame built to a rule is counted exactly below, and every frame the driver took is
        // counted once (the last assertion).
        long extra = frames - count - probes - arp;
        assertTrue(extra >= -2 && extra <= 64, "frames arrived: " + seen);
        assertEquals(perKind + probes, after.delivered() - before.delivered(), "valid frames and probes: " + seen);
        assertEquals(probes, after.sent() - before.sent(), "probes answered: " + seen);
        assertEquals(perKind, after.truncated() - before.truncated(), seen);
        assertEquals(perKind, after.oversized() - before.oversized(), seen);
        assertEquals(perKind, after.unroutable() - before.unroutable(), seen);
        long malformed = after.malformed() - before.malformed();
        assertTrue(malformed >= 4 * perKind && malformed <= 5 * perKind, "four malformed kinds and most garbage: " + seen);
        assertTrue(framesAfter[2] - framesBefore[2] >= 2 * perKind, "IPv6 and other addresses are other: " + seen);
        assertEquals(frames - arp, after.received() - before.received() + framesAfter[2] - framesBefore[2], seen);
    }
}
