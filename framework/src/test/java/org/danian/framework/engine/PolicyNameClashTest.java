package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.danian.kernel.KernelSettings;
import org.danian.kernel.PolicyInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two bundles offering one policy name: the second is refused, named, and takes over when the first leaves. */
class PolicyNameClashTest {

    private final RecordingLogger logger = new RecordingLogger();
    private final Kernel kernel = LiveFixture.unstarted(logger, KernelSettings.KERNEL_UDP_DRIVER);
    private final LruTestPolicy shipped = new LruTestPolicy("caladan");
    private final LruTestPolicy copy = new LruTestPolicy("caladan");

    @AfterEach
    void stop() {
        kernel.stop();
    }

    @Test
    void theSecondOfOneNameIsRefusedNamingBothBundlesAndReplacesTheFirstWhenItLeaves() {
        kernel.addPolicy(PolicyEntry.threadPick(shipped, "org.danian.policy.caladan", "1.0.0"));
        kernel.addPolicy(PolicyEntry.threadPick(copy, "org.example.copy", "2.0.0"));
        kernel.start("caladan", "simple");

        List<PolicyInfo> caladans = kernel.policies().stream().filter(p -> p.name().equals("caladan")).toList();
        assertEquals(1, caladans.size(), caladans::toString);
        assertEquals("org.danian.policy.caladan", caladans.get(0).bundleSymbolicName());
        List<String> refusals = kernel.refusedPolicies();
        assertEquals(1, refusals.size(), refusals::toString);
        assertTrue(refusals.get(0).contains("org.example.copy") && refusals.get(0).contains("org.danian.policy.caladan"),
                refusals.get(0));

        kernel.removePolicy(shipped);

        List<PolicyInfo> after = kernel.policies().stream().filter(p -> p.name().equals("caladan")).toList();
        assertEquals(1, after.size(), after::toString);
        assertEquals("org.example.copy", after.get(0).bundleSymbolicName());
        assertTrue(kernel.refusedPolicies().isEmpty());
        assertEquals("caladan", kernel.status().threadPick().active());
    }
}
