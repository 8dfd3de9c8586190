package org.danian.framework.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

import org.danian.framework.affinity.NativeThreads;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.ThreadPriority;
import org.danian.spi.CoreTopology;
import org.junit.jupiter.api.Test;

/** Who sets the nice value, when, and what the status says of each outcome. */
class ThreadNiceControlTest {

    /** A setNice that answers from a script and records each call. */
    private static final class ScriptedNice implements IntUnaryOperator {
        final List<Integer> calls = new ArrayList<>();
        final int[] answers;
        int next;

        ScriptedNice(int... answers) {
            this.answers = answers;
        }

        @Override
        public int applyAsInt(int nice) {
            calls.add(nice);
            return answers[Math.min(next++, answers.length - 1)];
        }
    }

    private static ThreadNiceControl control(int requested, ScriptedNice nice) {
        return new ThreadNiceControl(requested, nice, "scripted");
    }

    @Test
    void beforeTheSchedulerThreadStartsNothingIsSet() {
        ThreadPriority before = control(-10, new ScriptedNice(0)).status();
        assertEquals(ThreadPriority.undecided(-10), before);
        assertFalse(before.applied());
    }

    @Test
    void whenTheSchedulerThreadMaySetItEveryKThreadSetsItToo() {
        ScriptedNice nice = new ScriptedNice(0);
        ThreadNiceControl control = control(-10, nice);
        control.applyToScheduler();
        control.applyToKThread();
        control.applyToKThread();
        assertEquals(List.of(-10, -10, -10), nice.calls);
        assertEquals(new ThreadPriority(-10, true, 0, "threadNice=-10: set"), control.status());
    }

    @Test
    void aRefusalIsSaidOnceWithTheErrnoAndWhatWouldAllowIt() {
        ScriptedNice nice = new ScriptedNice(13);
        ThreadNiceControl control = control(-10, nice);
        control.applyToScheduler();
        control.applyToKThread();
        assertEquals(List.of(-10), nice.calls, "kthreads do not repeat a refused call");
        ThreadPriority refused = control.status();
        assertFalse(refused.applied());
        assertTrue(refused.reason().contains("threadNice=-10 refused"), refused.reason());
        assertTrue(refused.reason().contains("errno 13 (EACCES)"), refused.reason());
        assertTrue(refused.reason().contains("RLIMIT_NICE of at least 30"), refused.reason());
        assertTrue(refused.reason().contains("LimitNICE=-10"), refused.reason());
    }

    @Test
    void withoutNativeControlTheReasonSaysSo() {
        ThreadNiceControl control = control(-5, new ScriptedNice(NativeThreads.NICE_UNSUPPORTED));
        control.applyToScheduler();
        assertTrue(control.status().reason().contains("native thread control is unavailable (scripted)"),
                control.status().reason());
    }

    @Test
    void aKThreadRefusedAfterTheSchedulerSucceededIsCounted() {
        ScriptedNice nice = new ScriptedNice(0, 0, 1);
        ThreadNiceControl control = control(-10, nice);
        control.applyToScheduler();
        control.applyToKThread();
        control.applyToKThread();
        assertEquals(1, control.status().kthreadsRefused());
        assertTrue(control.status().applied());
    }

    @Test
    void zeroSetsNothing() {
        ScriptedNice nice = new ScriptedNice(0);
        ThreadNiceControl control = control(0, nice);
        control.applyToScheduler();
        control.applyToKThread();
        assertEquals(List.of(), nice.calls);
        assertFalse(control.status().applied());
        assertTrue(control.status().reason().contains("inherit"), control.status().reason());
    }

    @Test
    void aValueOutsideLinuxsRangeIsRefusedNamingIt() {
        IllegalArgumentException control = assertThrows(IllegalArgumentException.class,
                () -> control(20, new ScriptedNice(0)));
        assertTrue(control.getMessage().contains(": 20"), control.getMessage());
        KernelSettings defaults = KernelSettings.withCores(CoreTopology.noSiblings(2), 0, null);
        IllegalArgumentException setting = assertThrows(IllegalArgumentException.class,
                () -> defaults.withThreadNice(-21));
        assertTrue(setting.getMessage().contains("threadNice must be in -20..19: -21"), setting.getMessage());
        assertEquals(KernelSettings.DEFAULT_THREAD_NICE, defaults.threadNice());
    }
}
