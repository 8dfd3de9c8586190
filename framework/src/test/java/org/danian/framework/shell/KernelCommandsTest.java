package org.danian.framework.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.Gson;
import org.danian.framework.alloc.SimpleUnderAnotherName;
import org.danian.framework.engine.FaultyTestPolicy;
import org.danian.framework.engine.FaultyTestPolicy.Fault;
import org.danian.framework.engine.Kernel;
import org.danian.framework.engine.LiveFixture;
import org.danian.framework.engine.LruTestPolicy;
import org.danian.framework.engine.RecordingLogger;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.PolicySlotStatus;
import org.danian.kernel.SwapResult;
import org.danian.spi.ProcSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The policy and status commands on a live kernel: text for people, JSON for tools. */
class KernelCommandsTest {

    private static final Gson GSON = new Gson();

    private final FaultyTestPolicy faulty = new FaultyTestPolicy("faulty");
    private final Kernel kernel = started(faulty);
    private final List<String> saved = new ArrayList<>();
    private final KernelCommands commands = new KernelCommands(kernel, (kind, name) -> saved.add(kind + "=" + name));

    private static Kernel started(FaultyTestPolicy faulty) {
        Kernel kernel = LiveFixture.unstarted(new RecordingLogger(), KernelSettings.KERNEL_UDP_DRIVER);
        for (LruTestPolicy policy : List.of(new LruTestPolicy("caladan"), new LruTestPolicy("danian-exact"),
                new LruTestPolicy("lottery"), faulty)) {
            kernel.addPolicy(policy);
        }
        kernel.addPolicy(new SimpleUnderAnotherName("lottery-cores"));
        kernel.start("danian-exact", "simple");
        return kernel;
    }

    @AfterEach
    void stop() {
        kernel.stop();
    }

    @Test
    void policiesIsATableOfNameKindBundleVersionAndActive() {
        String expected = """
                NAME           KIND             BUNDLE  VERSION  ACTIVE
                caladan        thread-pick      -       -        no
                danian-exact   thread-pick      -       -        yes
                faulty         thread-pick      -       -        no
                lottery        thread-pick      -       -        no
                lottery-cores  core-allocation  -       -        no
                simple         core-allocation  -       -        yes
                """;
        assertEquals(expected, commands.policies(false));
    }

    @Test
    void policiesAsJsonAreThePolicyInfoRecords() {
        PolicyInfo[] policies = GSON.fromJson(commands.policies(true), PolicyInfo[].class);
        assertEquals(kernel.policies(), List.of(policies));
    }

    @Test
    void policyAndAllocatorShowTheirSlot() {
        assertEquals("thread-pick policy: danian-exact (configured: danian-exact)\n", commands.policy(false));
        assertEquals("core-allocation policy: simple (configured: simple)\n", commands.allocator(false));
        PolicySlotStatus slot = GSON.fromJson(commands.allocator(true), PolicySlotStatus.class);
        assertEquals(kernel.status().coreAllocation(), slot);
    }

    @Test
    void policyWithANameSwapsAndSavesTheChoice() {
        String output = commands.policy(false, "lottery");
        assertTrue(output.startsWith("thread-pick policy: 'danian-exact' -> 'lottery' (scheduler paused "), output);
        assertTrue(output.endsWith("; saved in configuration org.danian.kernel\n"), output);
        assertEquals(List.of("THREAD_PICK=lottery"), saved);
        assertEquals("thread-pick policy: 'lottery' (already active); saved in configuration org.danian.kernel\n",
                commands.policy(false, "lottery"));
    }

    @Test
    void allocatorWithANameSwapsTheCoreAllocatorAndAnswersAsData() {
        KernelCommands.SwapAnswer answer = GSON.fromJson(commands.allocator(true, "lottery-cores"),
                KernelCommands.SwapAnswer.class);
        assertEquals(PolicyKind.CORE_ALLOCATION, answer.result().kind());
        assertEquals(SwapResult.Outcome.SWAPPED, answer.result().outcome());
        assertEquals("simple", answer.result().previous());
        assertTrue(answer.saved());
        assertEquals(List.of("CORE_ALLOCATION=lottery-cores"), saved);
        assertEquals("lottery-cores", kernel.status().coreAllocation().active());
    }

    @Test
    void unknownNameIsAnErrorListingTheValidNames() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> commands.policy(false, "nosuch"));
        assertEquals("unknown thread-pick policy 'nosuch'; valid names: caladan, danian-exact, faulty, lottery",
                error.getMessage());
        IllegalArgumentException wrongKind = assertThrows(IllegalArgumentException.class,
                () -> commands.allocator(false, "caladan"));
        assertTrue(wrongKind.getMessage().startsWith("unknown core-allocation policy 'caladan' (it is a policy of the"
                + " other kind); valid names: lottery-cores, simple"), wrongKind.getMessage());
        assertEquals(List.of(), saved);
    }

    @Test
    void failedSwapIsAnErrorAndIsNotSaved() {
        faulty.arm(Fault.NEW_PICKER_THROWS);
        kernel.startProc(ProcSpec.latencyCritical("web", 2));
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> commands.policy(false, "faulty"));
        assertTrue(error.getMessage().startsWith("swap to thread-pick policy 'faulty' failed, 'danian-exact' stays"
                + " active: newPicker("), error.getMessage());
        assertEquals(List.of(), saved);
    }

    @Test
    void saveFailureIsReported() {
        KernelCommands failing = new KernelCommands(kernel, (kind, name) -> {
            throw new IOException("disk full");
        });
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> failing.policy(false, "caladan"));
        assertTrue(error.getMessage().contains("could not save") && error.getMessage().contains("disk full"),
                error.getMessage());
    }

    @Test
    void withoutConfigurationAdminTheSwapSaysItIsNotSaved() {
        KernelCommands unsaved = new KernelCommands(kernel, (PolicyChoiceStore) null);
        assertTrue(unsaved.policy(false, "caladan").contains("not saved: ConfigurationAdmin is not available"));
        assertEquals(false, GSON.fromJson(unsaved.allocator(true, "simple"), KernelCommands.SwapAnswer.class).saved());
    }

    @Test
    void statusAsJsonIsTheKernelStatusRecord() {
        kernel.startProc(ProcSpec.latencyCritical("web", 2).withKThreadTickets(List.of(3, 1)));
        KernelStatus status = GSON.fromJson(commands.status(true), KernelStatus.class);
        assertEquals(kernel.settings(), status.settings());
        assertEquals("web", status.procs().get(0).name());
        assertEquals(List.of(3, 1), status.procs().get(0).spec().kthreadTickets());
        assertEquals("danian-exact", status.threadPick().active());
    }

    @Test
    void statusTextEndsWithTheSchedulingTable() {
        String status = commands.status(false);
        assertTrue(status.startsWith("thread-pick policy:     danian-exact (configured: danian-exact)"), status);
        assertTrue(status.contains("PROC   CORES  CORE-S  GRANTS  PICKS  HITS  HIT %  MIGRATIONS\n(all)"), status);
    }
}
