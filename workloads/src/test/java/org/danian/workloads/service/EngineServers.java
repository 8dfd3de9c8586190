package org.danian.workloads.service;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.engine.EngineSettings;
import org.danian.framework.engine.Kernel;
import org.danian.spi.CoreTopology;

/**
 * An in-process live kernel for the servers' tests, without OSGi: the scheduler on core 0,
 * one worker core, Caladan's simple allocator, and no thread-pick policy installed (the
 * kernel's built-in least-recently-parked rule picks).
 */
final class EngineServers {

    private EngineServers() {
    }

    static Kernel startedKernel() {
        CoreTopology topology = CoreTopology.noSiblings(2);
        Kernel kernel = new Kernel(topology, System.getLogger("org.danian.workloads.test"),
                EngineSettings.withCores(topology, 0, new int[] {1}));
        kernel.addPolicy(new SimpleAllocationPolicy());
        kernel.start(org.danian.kernel.SchedulerKernel.REFERENCE_THREAD_PICK, SimpleAllocationPolicy.NAME);
        return kernel;
    }
}
