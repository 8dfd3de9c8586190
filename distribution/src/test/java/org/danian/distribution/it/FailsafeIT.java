package org.danian.distribution.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.danian.kernel.KernelAdmin;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.LiveProc;
import org.danian.kernel.PolicyEvent;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SchedulerKernel;
import org.danian.kernel.SwapResult;
import org.danian.spi.ProcSpec;
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
 * framework like any policy, is ejected at its first faulty pick for a live proc: the kernel
 * goes back to the last good policy, records the reason, and still serves the grant, so the
 * task that needed the core runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FailsafeIT {

    private static final String LAST_GOOD = "caladan";

    @Inject
    private BundleContext context;
    @Inject
    private SchedulerKernel kernel;
    @Inject
    private KernelAdmin admin;

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
        LiveProc other = kernel.startProc(ProcSpec.latencyCritical("failsafe-other", 2));
        try {
            assertEjectedAtFirstPick(new FaultyPickPolicy("test-foreign",
                    FaultyPickPolicy.Fault.FOREIGN_KTHREAD, other.view().kthread(0)));
        } finally {
            other.close();
        }
    }

    @Test
    public void policyThatReturnsNoneWhileSomeAreIdleIsEjected() throws Exception {
        assertEjectedAtFirstPick(new FaultyPickPolicy("test-none", FaultyPickPolicy.Fault.NONE_WHILE_IDLE, null));
    }

    private void assertEjectedAtFirstPick(FaultyPickPolicy faulty) throws Exception {
        admin.swap(PolicyKind.THREAD_PICK, LAST_GOOD);
        ServiceRegistration<ThreadPickPolicy> registration = register(faulty);
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("failsafe-" + faulty.name(), 4));
        try {
            Await.until("the kernel to see " + faulty.name(), () -> find(faulty.name()).isPresent());
            long ejectionsBefore = admin.status().threadPick().ejections();
            assertEquals(SwapResult.Outcome.SWAPPED, admin.swap(PolicyKind.THREAD_PICK, faulty.name()).outcome());

            AtomicInteger ran = new AtomicInteger();
            proc.submit(ran::incrementAndGet);
            Await.until("the task to run: the grant that revealed the fault is still served", () -> ran.get() == 1);

            KernelStatus status = admin.status();
            assertEquals(LAST_GOOD, status.threadPick().active());
            assertEquals(ejectionsBefore + 1, status.threadPick().ejections());
            assertTrue("no ejection event for " + faulty.name() + ": " + status.events(),
                    status.events().stream().anyMatch(event -> event.type() == PolicyEvent.Type.EJECTED
                            && event.policy().equals(faulty.name()) && !event.reason().isBlank()));
            assertTrue(find(faulty.name()).orElseThrow().ejected());
        } finally {
            proc.close();
            registration.unregister();
        }
    }

    private ServiceRegistration<ThreadPickPolicy> register(ThreadPickPolicy policy) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ThreadPickPolicy.NAME_PROPERTY, policy.name());
        return context.registerService(ThreadPickPolicy.class, policy, properties);
    }

    private Optional<PolicyInfo> find(String name) {
        return admin.policies().stream().filter(info -> info.name().equals(name)).findFirst();
    }
}
