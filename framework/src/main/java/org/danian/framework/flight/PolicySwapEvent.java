package org.danian.framework.flight;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;
import org.danian.kernel.SwapResult;

/** A hot swap asked of the kernel ({@code KernelAdmin.swap}), with its outcome and the pause it imposed. */
@Name("org.danian.PolicySwap")
@Label("Policy swap")
@Category("Danian")
@Description("A hot swap of the thread-pick or core-allocation policy")
public final class PolicySwapEvent extends Event {

    @Label("Kind")
    String kind;
    @Label("Previous policy")
    String previous;
    @Label("Requested policy")
    String requested;
    @Label("Outcome")
    String outcome;
    @Label("Failure reason")
    String failureReason;
    @Label("Scheduler pause")
    @Timespan(Timespan.NANOSECONDS)
    long pauseNanos;

    /** Commits one event for {@code result}, if a recording wants it. */
    public static void commit(SwapResult result) {
        PolicySwapEvent event = new PolicySwapEvent();
        if (!event.isEnabled()) {
            return;
        }
        event.kind = result.kind().label();
        event.previous = result.previous();
        event.requested = result.requested();
        event.outcome = result.outcome().name();
        event.failureReason = result.failureReason();
        event.pauseNanos = result.pauseNanos();
        event.commit();
    }
}
