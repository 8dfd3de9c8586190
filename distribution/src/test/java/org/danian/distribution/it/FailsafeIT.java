package org.danian.distribution.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import javax.inject.Inject;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyEvent;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.SchedulerKernel;
import org.danian.kernel.SwapResult;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPickPolicy;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A policy service that breaks the thread-pick contract, registered into the running
 * framework like any policy, is ejected at its first faulty pick: the kernel goes back to the
 * last good policy, records the reason, and still serves the grant.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FailsafeIT {

    private static final String LAST_GOOD = "caladan";

    @Inject
    private BundleContext context;
    @Inject
    private SchedulerKernel kernel;

    @Configuration
    public Option[] configuration() {
        return DanianRuntime.options();
    }

    @Test
    public void policyThatThrowsIsEjected() throws Exception {
        assertEjectedAtFirstPick(new FaultyPickPolicy("test-throws", FaultyPickPolicy.Fault.THROWS, null));
    }

    @Test
    public void policyThatReturnsAForeignKThreadIsEjected() throws Exception {
        ProcView other = kernel.createProc(ProcSpec.latencyCritical("failsafe-other", 2));
        try {
            assertEjectedAtFirstPick(new FaultyPickPolicy("test-foreign",
                    FaultyPickPolicy.Fault.FOREIGN_KTHREAD, other.kthread(0)));
        } finally {
            kernel.closeProc(other);
        }
    }

    @Test
    public void policyThatReturnsNoneWhileSomeAreIdleIsEjected() throws Exception {
        assertEjectedAtFirstPick(new FaultyPickPolicy("test-none", FaultyPickPolicy.Fault.NONE_WHILE_IDLE, null));
    }

    private void assertEjectedAtFirstPick(FaultyPickPolicy faulty) throws Exception {
        kernel.swapThreadPickPolicy(LAST_GOOD);
        ServiceRegistration<ThreadPickPolicy> registration = register(faulty);
        ProcView proc = kernel.createProc(ProcSpec.latencyCritical("failsafe-" + faulty.name(), 4));
        try {
            Await.until("the kernel to see " + faulty.name(), () -> find(faulty.name()).isPresent());
            long ejectionsBefore = kernel.status().ejections();
            assertEquals(SwapResult.Outcome.SWAPPED, kernel.swapThreadPickPolicy(faulty.name()).outcome());

            KThreadView granted = kernel.grant(proc, 0);

            assertNotNull("the grant that revealed the fault is still served", granted);
            assertSame(proc, granted.proc());
            assertEquals(Optional.of(LAST_GOOD), kernel.activeThreadPickPolicy());
            KernelStatus status = kernel.status();
            assertEquals(ejectionsBefore + 1, status.ejections());
            assertTrue("no ejection event for " + faulty.name() + ": " + status.events(),
                    status.events().stream().anyMatch(event -> event.type() == PolicyEvent.Type.EJECTED
                            && event.policy().equals(faulty.name()) && !event.reason().isBlank()));
            assertTrue(find(faulty.name()).orElseThrow().ejected());
            assertEquals(java.util.List.of(), kernel.invariantViolations());
            kernel.park(granted);
        } finally {
            kernel.closeProc(proc);
            registration.unregister();
        }
    }

    private ServiceRegistration<ThreadPickPolicy> register(ThreadPickPolicy policy) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ThreadPickPolicy.NAME_PROPERTY, policy.name());
        return context.registerService(ThreadPickPolicy.class, policy, properties);
    }

    private Optional<PolicyInfo> find(String name) {
        return kernel.policies().stream().filter(info -> info.name().equals(name)).findFirst();
    }
}
