package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.kernel.KThreadStatus;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.ProcStatus;
import org.danian.spi.CoreTopology;

/**
 * Live kernels for tests on a small machine: the scheduler on core 0, one worker core 1,
 * the default idle strategy and pinning, {@code simple}, and an LRU thread picker.
 * Public in the test-jar, for the policy modules' live tests too.
 */
public final class LiveFixture {

    /** Longest a live test waits for a condition before failing; never reached when all is well. */
    public static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(20);

    private LiveFixture() {
    }

    /**
     * A kernel not started yet, on the small machine (scheduler on core 0, worker core 1),
     * with {@code simple} installed and ports opened on the packet driver {@code packetDriver};
     * the caller adds its policies and drivers, then starts it.
     */
    public static Kernel unstarted(System.Logger logger, String packetDriver) {
        CoreTopology topology = CoreTopology.noSiblings(2);
        Kernel kernel = new Kernel(topology, logger, KernelSettings.withCores(topology, 0, List.of(1))
                .withPacketDriver(packetDriver));
        kernel.addPolicy(new SimpleAllocationPolicy());
        return kernel;
    }

    static Kernel started(RecordingLogger logger, LruTestPolicy... pickPolicies) {
        Kernel kernel = unstarted(logger, KernelSettings.KERNEL_UDP_DRIVER);
        LruTestPolicy[] policies = pickPolicies.length == 0 ? new LruTestPolicy[] {new LruTestPolicy("lru")}
                : pickPolicies;
        for (LruTestPolicy policy : policies) {
            kernel.addPolicy(policy);
        }
        kernel.start(policies[0].name(), SimpleAllocationPolicy.NAME);
        return kernel;
    }

    /** Waits until {@code condition} holds; fails with {@code why} if it does not within the patience. */
    public static void await(BooleanSupplier condition, Supplier<String> why) {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("gave up waiting: " + why.get());
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting: " + why.get());
            }
        }
    }

    /** Fails with every violation listed if the live kernel's invariant does not hold. */
    static void assertInvariant(Kernel kernel) {
        List<String> violations = kernel.onScheduler(scheduler -> InvariantChecker.check(scheduler.table()));
        assertEquals(List.of(), violations, "kernel invariant violated");
    }

    /** Number of the named proc's kthreads running on a core, from a status snapshot. */
    static int running(Kernel kernel, String proc) {
        for (ProcStatus status : kernel.status().procs()) {
            if (status.name().equals(proc)) {
                return (int) status.kthreads().stream().filter(KThreadStatus::running).count();
            }
        }
        return -1;
    }
}
