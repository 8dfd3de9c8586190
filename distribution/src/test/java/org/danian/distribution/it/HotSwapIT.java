package org.danian.distribution.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.danian.distribution.testpolicy.FifoPickPolicy;
import org.danian.distribution.testpolicy.PolicyBundleJar;
import org.danian.kernel.KernelAdmin;
import org.danian.kernel.LiveProc;
import org.danian.kernel.MetricsSnapshot;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SchedulerKernel;
import org.danian.spi.ProcSpec;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Hot swap in the real runtime, on live procs: through the shell commands while a proc's
 * kthreads serve bursts of tasks, to a policy bundle installed at run time, and away from a
 * policy whose bundle stops.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT {

    private static final List<String> SHIPPED = List.of("caladan", "danian", "danian-exact", "lottery", "stride");

    @Inject
    private BundleContext context;
    @Inject
    private SchedulerKernel kernel;
    @Inject
    private KernelAdmin admin;
    @Inject
    private CommandProcessor commands;

    @Configuration
    public Option[] configuration() {
        return DanianRuntime.options();
    }

    @Test
    public void everyShippedPolicyOfBothKindsIsDiscovered() {
        List<PolicyInfo> policies = admin.policies();
        List<String> picks = policies.stream().filter(p -> p.kind() == PolicyKind.THREAD_PICK).map(PolicyInfo::name)
                .toList();
        List<String> allocators = policies.stream().filter(p -> p.kind() == PolicyKind.CORE_ALLOCATION)
                .map(PolicyInfo::name).toList();
        assertTrue("discovered: " + picks, picks.containsAll(SHIPPED));
        assertTrue("discovered: " + allocators, allocators.containsAll(List.of("simple", "lottery")));
    }

    @Test
    public void swapsOfBothSlotsThroughTheShellUnderLiveLoadLoseNoTask() throws Exception {
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("swap-under-load", 8));
        BurstLoad load = new BurstLoad(admin, proc);
        long grantsBefore = admin.metrics().global().counts().grants();
        load.start();
        try {
            for (int round = 0; round < 3; round++) {
                for (String policy : List.of("lottery", "caladan", "stride", "danian", "danian-exact")) {
                    load.awaitProgress(3);
                    shell("danian:policy " + policy);
                    assertEquals(policy, admin.status().threadPick().active());
                }
                String allocator = round % 2 == 0 ? "lottery" : "simple";
                load.awaitProgress(3);
                shell("danian:allocator " + allocator);
                assertEquals(allocator, admin.status().coreAllocation().active());
            }
        } finally {
            load.stopAndJoin();
            shell("danian:allocator simple");
        }
        assertNull("the load failed: " + load.failure(), load.failure());
        assertEquals("every task ran exactly once", load.submitted(), load.ran());
        assertEquals(proc.acceptedCount(), proc.completedCount());
        long grants = admin.metrics().global().counts().grants() - grantsBefore;
        assertTrue("each burst needed a grant: " + grants + " grants for " + load.bursts() + " bursts",
                grants >= load.bursts());
        assertEquals(0, admin.status().threadPick().ejections() + admin.status().coreAllocation().ejections());
        proc.close();
    }

    @Test
    public void policyBundleInstalledAtRunTimeCanBeSwappedIn() throws Exception {
        Bundle bundle = context.installBundle("danian-test:fifo-policy",
                new ByteArrayInputStream(PolicyBundleJar.fifoPolicyBundle()));
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("runtime-installed", 4));
        try {
            bundle.start();
            Await.until("the kernel to see " + FifoPickPolicy.NAME, () -> find(FifoPickPolicy.NAME).isPresent());
            assertEquals(PolicyBundleJar.SYMBOLIC_NAME, find(FifoPickPolicy.NAME).orElseThrow().bundleSymbolicName());

            shell("danian:policy " + FifoPickPolicy.NAME);
            assertEquals(FifoPickPolicy.NAME, admin.status().threadPick().active());

            // One worker core, bursts one after the other: a locality-minded policy gives the
            // core back to the kthread that last ran there every time; FIFO takes the least
            // recently parked kthread, so over eight bursts every one of the four kthreads runs.
            BurstLoad load = new BurstLoad(admin, proc);
            load.start();
            load.awaitProgress(8);
            load.stopAndJoin();
            assertNull(load.failure());
            MetricsSnapshot.Proc metrics = procMetrics(proc);
            assertTrue("every kthread ran under FIFO: " + metrics.kthreadGrants(),
                    metrics.kthreadGrants().stream().allMatch(grants -> grants > 0));

            bundle.uninstall();
            Await.until(FifoPickPolicy.NAME + " to leave", () -> find(FifoPickPolicy.NAME).isEmpty());
            assertNotEquals(FifoPickPolicy.NAME, admin.status().threadPick().active());
        } finally {
            if (bundle.getState() != Bundle.UNINSTALLED) {
                bundle.uninstall();
            }
            proc.close();
        }
    }

    @Test
    public void stoppingTheActivePolicysBundleFallsBackAndItsReturnRestoresIt() throws Exception {
        admin.swap(PolicyKind.THREAD_PICK, "lottery");
        admin.swap(PolicyKind.THREAD_PICK, "danian-exact");
        Bundle danianBundle = bundleOf("danian-exact");
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("fallback", 4));
        try {
            danianBundle.stop();

            Await.until("danian-exact to be replaced",
                    () -> !"danian-exact".equals(admin.status().threadPick().active()));
            assertEquals("the last good policy takes over", "lottery", admin.status().threadPick().active());
            BurstLoad load = new BurstLoad(admin, proc);
            load.start();
            load.awaitProgress(3);
            load.stopAndJoin();
            assertEquals("the fallback serves the proc", load.submitted(), load.ran());

            danianBundle.start();
            Await.until("danian-exact to come back", () -> "danian-exact".equals(admin.status().threadPick().active()));
        } finally {
            if (danianBundle.getState() != Bundle.ACTIVE) {
                danianBundle.start();
            }
            proc.close();
        }
    }

    private MetricsSnapshot.Proc procMetrics(LiveProc proc) {
        return admin.metrics().procs().stream().filter(p -> p.id() == proc.view().id()).findFirst().orElseThrow();
    }

    private Bundle bundleOf(String policy) {
        String symbolicName = find(policy).orElseThrow().bundleSymbolicName();
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private Optional<PolicyInfo> find(String name) {
        return admin.policies().stream().filter(info -> info.name().equals(name) && info.kind() == PolicyKind.THREAD_PICK)
                .findFirst();
    }

    /** Runs one shell command as an operator would type it; returns what it printed or returned. */
    private String shell(String commandLine) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (CommandSession session = commands.createSession(InputStream.nullInputStream(), printed, printed)) {
            Object result = session.execute(commandLine);
            return printed + (result == null ? "" : session.format(result, 0).toString());
        }
    }
}
