package org.danian.framework.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.danian.framework.engine.FaultyTestPolicy;
import org.danian.framework.engine.FaultyTestPolicy.Fault;
import org.danian.framework.engine.Kernel;
import org.danian.framework.engine.KernelFixture;
import org.danian.framework.engine.LruTestPolicy;
import org.danian.framework.engine.RecordingLogger;
import org.danian.spi.ProcView;
import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.alloc.CoreAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KernelCommandsTest {

    private final FaultyTestPolicy faulty = new FaultyTestPolicy("faulty");
    private final Kernel kernel = KernelFixture.started(new RecordingLogger(), "danian-exact",
            new LruTestPolicy("caladan"), new LruTestPolicy("danian-exact"), new LruTestPolicy("lottery"), faulty);
    private final List<String> saved = new ArrayList<>();
    private final KernelCommands commands = new KernelCommands(kernel, saved::add);

    KernelCommandsTest() {
        kernel.addPolicy(new NamedAllocationPolicy("simple"));
    }

    @AfterEach
    void stop() {
        kernel.stop();
    }

    @Test
    void policiesIsATableOfNameKindBundleVersionAndActive() {
        String expected = """
                NAME          KIND             BUNDLE  VERSION  ACTIVE
                caladan       thread-pick      -       -        no
                danian-exact  thread-pick      -       -        yes
                faulty        thread-pick      -       -        no
                lottery       thread-pick      -       -        no
                simple        core-allocation  -       -        yes
                """;
        assertEquals(expected, commands.policies());
    }

    @Test
    void policyShowsTheActiveThreadPickPolicy() {
        assertEquals("thread-pick policy: danian-exact\n", commands.policy());
    }

    @Test
    void policyWithANameSwapsAndSavesTheChoice() {
        String output = commands.policy("lottery");
        assertTrue(output.startsWith("thread-pick policy: 'danian-exact' -> 'lottery' (scheduler paused "), output);
        assertTrue(output.endsWith("; saved in configuration org.danian.kernel\n"), output);
        assertEquals(List.of("lottery"), saved);
        assertEquals("thread-pick policy: lottery\n", commands.policy());
        assertEquals("thread-pick policy: 'lottery' (already active); saved in configuration org.danian.kernel\n",
                commands.policy("lottery"));
    }

    @Test
    void unknownNameIsAnErrorListingTheValidNames() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> commands.policy("nosuch"));
        assertEquals("unknown thread-pick policy 'nosuch'; valid names: caladan, danian-exact, faulty, lottery",
                error.getMessage());
        IllegalArgumentException wrongKind = assertThrows(IllegalArgumentException.class,
                () -> commands.policy("simple"));
        assertTrue(wrongKind.getMessage().contains("'simple' (it is a core-allocation policy)"), wrongKind.getMessage());
        assertEquals(List.of(), saved);
    }

    @Test
    void failedSwapIsAnErrorAndIsNotSaved() {
        faulty.arm(Fault.NEW_PICKER_THROWS);
        KernelFixture.proc(kernel, "web", 2);
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> commands.policy("faulty"));
        assertTrue(error.getMessage().startsWith("swap to 'faulty' failed, 'danian-exact' stays active: newPicker("),
                error.getMessage());
        assertEquals(List.of(), saved);
    }

    @Test
    void saveFailureIsReported() {
        KernelCommands failing = new KernelCommands(kernel, name -> {
            throw new IOException("disk full");
        });
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> failing.policy("caladan"));
        assertTrue(error.getMessage().contains("could not save") && error.getMessage().contains("disk full"),
                error.getMessage());
    }

    @Test
    void withoutConfigurationAdminTheSwapSaysItIsNotSaved() {
        KernelCommands unsaved = new KernelCommands(kernel, (PolicyChoiceStore) null);
        assertTrue(unsaved.policy("caladan").contains("not saved: ConfigurationAdmin is not available"));
    }

    @Test
    void statusShowsProcsKThreadsCoresPoliciesAndEjections() {
        ProcView web = KernelFixture.proc(kernel, "web", 2);
        kernel.grant(web, 1);
        commands.policy("faulty");
        faulty.arm(Fault.PICK_THROWS);
        kernel.grant(web, 3);

        String status = commands.status();

        assertTrue(status.startsWith("""
                thread-pick policy:     danian-exact (configured: faulty)
                core-allocation policy: simple (configured: simple)
                swaps: 3   failed swaps: 0   ejections: 1
                """), status);
        assertTrue(status.contains("""
                PROC  NAME  KTHREADS  RUNNING  IDLE
                0     web   2         2        0
                """), status);
        assertTrue(status.contains("""
                CORE  RUNS
                0     idle
                1     web/0
                2     idle
                3     web/1
                """), status);
        assertTrue(status.contains("ejected  faulty  danian-exact  pick(3) for proc 0 'web' threw"), status);
        assertTrue(status.contains("WARNINGS\n  the configured thread-pick policy 'faulty' is not active"), status);
    }

    @Test
    void statusWithTheKernelsMetricsEndsWithTheSchedulingTable() {
        KernelCommands withMetrics = new KernelCommands(kernel, saved::add, kernel);

        String status = withMetrics.status();

        assertTrue(status.startsWith(commands.status()), status);
        assertTrue(status.contains("PROC   CORES  CORE-S  GRANTS  PICKS  HITS  HIT %  MIGRATIONS\n(all)"), status);
        assertEquals(commands.status(), new KernelCommands(kernel, saved::add, null).status());
    }

    /** A core-allocation policy for listings; the kernel does not create allocators yet. */
    private record NamedAllocationPolicy(String name) implements CoreAllocationPolicy {
        @Override
        public CoreAllocator newAllocator(AllocationContext context) {
            return new SimpleAllocationPolicy().newAllocator(context); // simple's rules, under this name
        }
    }
}
