package org.danian.framework.affinity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The native implementation on this Linux machine. Each pinning test runs on a fresh thread,
 * so the test runner's threads keep their affinity.
 */
class NativeThreadsTest {

    private static NativeThreads threads;
    private static ExecutorService fresh;

    @BeforeAll
    static void load() {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "native thread control is Linux-only");
        threads = JnrNativeThreads.load();
        fresh = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (fresh != null) {
            fresh.shutdownNow();
            fresh.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static <T> T onFreshThread(Callable<T> body) throws Exception {
        // A new thread per call: a pinned pool thread would leak its pin into the next test.
        FutureTask<T> task = new FutureTask<>(body);
        new Thread(task, "pin-test").start();
        return task.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theSystemChoiceOnLinuxIsNativeAndStable() {
        NativeThreads system = NativeThreadsLoader.system();
        assertSame(system, NativeThreadsLoader.system());
        assertTrue(system.canPin(), system.description());
    }

    @Test
    void pinningToCoreZeroMovesTheThreadThere() throws Exception {
        int[] result = onFreshThread(() -> new int[] {threads.pin(0) ? 1 : 0, threads.currentCore()});
        assertEquals(1, result[0], "pin(0) failed");
        assertEquals(0, result[1]);
    }

    @Test
    void pinningToCoreOneMovesTheThreadThere() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two cores");
        int[] result = onFreshThread(() -> new int[] {threads.pin(1) ? 1 : 0, threads.currentCore()});
        assertEquals(1, result[0], "pin(1) failed");
        assertEquals(1, result[1]);
    }

    @Test
    void aThreadPinnedTwiceFollowsTheLastPin() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two cores");
        int core = onFreshThread(() -> {
            assertTrue(threads.pin(1));
            assertTrue(threads.pin(0));
            return threads.currentCore();
        });
        assertEquals(0, core);
    }

    @Test
    void aCoreBeyondTheMachineIsRefusedWithoutPinning() throws Exception {
        assertEquals(Boolean.FALSE, onFreshThread(() -> threads.pin(1 << 20)));
    }

    @Test
    void timerSlackIsSetForTheCallingThreadOnly() throws Exception {
        long[] slacks = onFreshThread(() -> {
            long set = threads.timerSlack(1_000);
            long other = fresh.submit(() -> threads.timerSlack(50_000)).get(10, TimeUnit.SECONDS);
            return new long[] {set, other, threads.timerSlack(1_000)};
        });
        assertEquals(1_000, slacks[0], "read back after setting 1 µs");
        assertEquals(50_000, slacks[1], "another thread keeps its own");
        assertEquals(1_000, slacks[2]);
        long restored = onFreshThread(() -> {
            threads.timerSlack(1_000);
            return threads.timerSlack(0);
        });
        assertEquals(slacks[1], restored, "0 restores the thread's default, here Linux's 50 µs");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> threads.timerSlack(-1));
        assertTrue(e.getMessage().contains(": -1"), e.getMessage());
    }

    @Test
    void aNegativeCoreIsACallerMistake() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> threads.pin(-3));
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
    }

    @Test
    void threadIdsArePositiveAndDistinctPerThread() throws Exception {
        long mine = threads.osThreadId();
        long other = fresh.submit(threads::osThreadId).get(10, TimeUnit.SECONDS);
        assertTrue(mine > 0, "tid " + mine);
        assertTrue(other > 0, "tid " + other);
        assertNotEquals(mine, other);
        assertEquals(mine, threads.osThreadId(), "the tid of a thread is constant");
    }

    @Test
    void theRawSystemCallGivesTheSameThreadIdAsGettid() {
        assumeTrue(JnrNativeThreads.gettidSyscallNumber(System.getProperty("os.arch")) != 0, "unknown arch");
        assertEquals(threads.osThreadId(), ((JnrNativeThreads) threads).osThreadIdViaSyscall());
    }

    @Test
    void gettidSystemCallNumbersFollowTheKernelTables() {
        assertEquals(186, JnrNativeThreads.gettidSyscallNumber("amd64"));
        assertEquals(178, JnrNativeThreads.gettidSyscallNumber("aarch64"));
        assertEquals(0, JnrNativeThreads.gettidSyscallNumber("sparcv9"));
    }

    @Test
    void cpuTimeGrowsWithBusyWork() {
        long before = threads.currentThreadCpuNanos();
        assertTrue(before >= 0, "cpu time " + before);
        BusyWork.spinUntilCpuTimePasses(threads, before);
        assertTrue(threads.currentThreadCpuNanos() > before);
    }

    @Test
    void setNiceChangesTheCallingThreadOnly() throws Exception {
        int[] nices = onFreshThread(() -> {
            int before = ThreadNiceProbe.niceOfCallingThread();
            int raised = threads.setNice(before + 3);
            int other = fresh.submit(ThreadNiceProbe::niceOfCallingThread).get(10, TimeUnit.SECONDS);
            return new int[] {before, raised, ThreadNiceProbe.niceOfCallingThread(), other};
        });
        assertEquals(0, nices[1], "raising one's own nice value needs no privilege");
        assertEquals(nices[0] + 3, nices[2], "read back from /proc/thread-self/stat");
        assertEquals(nices[0], nices[3], "another thread keeps its own");
    }

    @Test
    void loweringNiceSucceedsExactlyWhenLinuxPermitsIt() throws Exception {
        int[] outcome = onFreshThread(() -> new int[] {threads.setNice(-5), ThreadNiceProbe.niceOfCallingThread()});
        if (ThreadNiceProbe.mayLowerTo(-5)) {
            assertEquals(0, outcome[0], "CAP_SYS_NICE or RLIMIT_NICE permits -5");
            assertEquals(-5, outcome[1]);
        } else {
            assertTrue(outcome[0] == 13 || outcome[0] == 1, "EACCES or EPERM, got " + outcome[0]);
            assertTrue(outcome[1] > -5, "refused, yet the thread runs at " + outcome[1]);
        }
    }

    @Test
    void aNiceOutsideLinuxsRangeIsACallerMistake() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> threads.setNice(20));
        assertTrue(e.getMessage().contains(": 20"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> threads.setNice(-21));
    }
}
