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
import org.danian.kernel.KThreadStatus;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.ProcStatus;
import org.danian.kernel.SchedulerKernel;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;
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
 * Hot swap in the real runtime: through the shell command while kthreads come and go, to a
 * policy bundle installed at run time, and away from a policy whose bundle stops.
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
    private CommandProcessor commands;

    @Configuration
    public Option[] configuration() {
        return DanianRuntime.options();
    }

    @Test
    public void everyShippedPolicyIsDiscovered() {
        List<String> names = kernel.policies().stream().map(PolicyInfo::name).toList();
        assertTrue("discovered: " + names, names.containsAll(SHIPPED));
    }

    @Test
    public void swapsThroughTheShellUnderAStreamOfGrantsAndParksLoseNoKThread() throws Exception {
        ProcView proc = kernel.createProc(ProcSpec.latencyCritical("swap-under-load", 8));
        GrantParkLoad load = new GrantParkLoad(kernel, proc);
        load.start();
        try {
            for (int round = 0; round < 3; round++) {
                for (String policy : List.of("lottery", "caladan", "stride", "danian", "danian-exact")) {
                    load.awaitProgress(200);
                    String answer = shell("danian:policy " + policy);
                    assertTrue(answer, answer.contains(policy));
                    assertEquals(Optional.of(policy), kernel.activeThreadPickPolicy());
                    assertEquals(List.of(), kernel.invariantViolations());
                }
            }
        } finally {
            KThreadView[] leftRunning = load.stopAndJoin();
            assertNull("the stream failed", load.failure());
            assertEveryKThreadAccountedFor(proc, leftRunning);
            kernel.closeProc(proc);
        }
    }

    /** Each kthread is on the core the stream left it on, or idle; none is lost or doubled. */
    private void assertEveryKThreadAccountedFor(ProcView proc, KThreadView[] leftRunning) {
        assertEquals(List.of(), kernel.invariantViolations());
        ProcStatus status = kernel.status().procs().stream().filter(p -> p.id() == proc.id()).findFirst().orElseThrow();
        assertEquals(proc.kthreadCount(), status.kthreads().size());
        int runningInStream = 0;
        for (int core = 0; core < leftRunning.length; core++) {
            if (leftRunning[core] != null) {
                runningInStream++;
                KThreadStatus kthread = status.kthreads().get(leftRunning[core].id());
                assertTrue("kthread " + kthread + " should run on core " + core, kthread.running() && kthread.core() == core);
            }
        }
        assertEquals(runningInStream, status.runningCount());
        assertEquals(proc.kthreadCount() - runningInStream, status.idleCount());
    }

    @Test
    public void policyBundleInstalledAtRunTimeCanBeSwappedIn() throws Exception {
        Bundle bundle = context.installBundle("danian-test:fifo-policy",
                new ByteArrayInputStream(PolicyBundleJar.fifoPolicyBundle()));
        ProcView proc = kernel.createProc(ProcSpec.latencyCritical("runtime-installed", 4));
        try {
            bundle.start();
            Await.until("the kernel to see " + FifoPickPolicy.NAME, () -> find(FifoPickPolicy.NAME).isPresent());
            assertEquals(PolicyBundleJar.SYMBOLIC_NAME, find(FifoPickPolicy.NAME).orElseThrow().bundleSymbolicName());

            shell("danian:policy " + FifoPickPolicy.NAME);

            assertEquals(Optional.of(FifoPickPolicy.NAME), kernel.activeThreadPickPolicy());
            // The procs' kthreads parked in id order. Run 0 and 1 and park them again: the idle
            // set is 2, 3, 0, 1 in park order. The FIFO policy gives core 0 the oldest, 2,
            // where a locality-minded policy would give back 0, which last ran there.
            KThreadView first = kernel.grant(proc, 0);
            KThreadView second = kernel.grant(proc, 1);
            kernel.park(first);
            kernel.park(second);
            KThreadView third = kernel.grant(proc, 0);
            assertEquals(2, third.id());
            kernel.park(third);

            bundle.uninstall();
            Await.until(FifoPickPolicy.NAME + " to leave", () -> find(FifoPickPolicy.NAME).isEmpty());
            assertNotEquals(Optional.of(FifoPickPolicy.NAME), kernel.activeThreadPickPolicy());
            assertEquals(List.of(), kernel.invariantViolations());
        } finally {
            if (bundle.getState() != Bundle.UNINSTALLED) {
                bundle.uninstall();
            }
            kernel.closeProc(proc);
        }
    }

    @Test
    public void stoppingTheActivePolicysBundleFallsBackAndItsReturnRestoresIt() throws Exception {
        kernel.swapThreadPickPolicy("lottery");
        kernel.swapThreadPickPolicy("danian-exact");
        Bundle danianBundle = bundleOf("danian-exact");
        ProcView proc = kernel.createProc(ProcSpec.latencyCritical("fallback", 4));
        try {
            danianBundle.stop();

            Await.until("danian-exact to be replaced",
                    () -> !kernel.activeThreadPickPolicy().equals(Optional.of("danian-exact")));
            assertEquals("the last good policy takes over", Optional.of("lottery"), kernel.activeThreadPickPolicy());
            KThreadView granted = kernel.grant(proc, 0);
            assertEquals(proc, granted.proc());
            kernel.park(granted);
            assertEquals(List.of(), kernel.invariantViolations());

            danianBundle.start();
            Await.until("danian-exact to come back", () -> kernel.activeThreadPickPolicy().equals(Optional.of("danian-exact")));
            assertEquals(List.of(), kernel.invariantViolations());
        } finally {
            if (danianBundle.getState() != Bundle.ACTIVE) {
                danianBundle.start();
            }
            kernel.closeProc(proc);
        }
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
        return kernel.policies().stream().filter(info -> info.name().equals(name)).findFirst();
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
