package org.danian.workloads.service;

import java.util.List;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.engine.Kernel;
import org.danian.framework.net.KernelUdpDriver;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.PolicyKind;
import org.danian.spi.CoreTopology;

/**
 * An in-process live kernel for the servers' tests, without OSGi: the scheduler on core 0,
 * one worker core, Caladan's simple allocator, the given kernel UDP driver, and no thread-pick
 * policy installed (the kernel's built-in least-recently-parked rule picks). The caller closes
 * the driver after stopping the kernel.
 */
final class EngineServers {

    private EngineServers() {
    }

    static Kernel startedKernel(KernelUdpDriver driver) {
        CoreTopology topology = CoreTopology.noSiblings(2);
        Kernel kernel = new Kernel(topology, System.getLogger("org.danian.workloads.test"),
                KernelSettings.withCores(topology, 0, List.of(1)));
        kernel.addPolicy(new SimpleAllocationPolicy());
        kernel.addDriver(driver, KernelUdpDriver.NAME);
        kernel.start(PolicyKind.THREAD_PICK.referencePolicy(), SimpleAllocationPolicy.NAME);
        return kernel;
    }
}
