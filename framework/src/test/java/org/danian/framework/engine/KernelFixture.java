package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.danian.spi.CoreTopology;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;

/** Starts kernels for tests, and checks the invariant. */
public final class KernelFixture {

    /** Cores of every test kernel: four, in two sibling pairs. */
    public static final int CORES = 4;

    private KernelFixture() {
    }

    /** A kernel with the given policies installed, started aiming for {@code threadPick}. */
    public static Kernel started(RecordingLogger logger, String threadPick, LruTestPolicy... policies) {
        Kernel kernel = new Kernel(CoreTopology.siblingPairs(CORES), logger);
        for (LruTestPolicy policy : policies) {
            kernel.addPolicy(policy);
        }
        kernel.start(threadPick, "simple");
        return kernel;
    }

    public static ProcView proc(Kernel kernel, String name, int kthreads) {
        return kernel.createProc(ProcSpec.latencyCritical(name, kthreads));
    }

    /** Fails with every violation listed if the kernel's invariant does not hold. */
    public static void assertInvariant(Kernel kernel) {
        List<String> violations = kernel.invariantViolations();
        assertEquals(List.of(), violations, "kernel invariant violated");
    }
}
