package org.danian.framework.flight;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.danian.kernel.PolicyEvent;

/**
 * A policy ejected for breaking its contract. Committed when the ejection is noticed in the
 * kernel's status (within half a second, see {@code EjectionRecorder}); {@link #sequence} is
 * the kernel's event number, which orders ejections exactly.
 */
@Name("org.danian.PolicyEjection")
@Label("Policy ejection")
@Category("Danian")
@Description("A policy broke its contract and was replaced by the fallback")
public final class PolicyEjectionEvent extends Event {

    @Label("Kernel event number")
    long sequence;
    @Label("Kind")
    String kind;
    @Label("Ejected policy")
    String policy;
    @Label("Reason")
    String reason;
    @Label("Fallback")
    String fallback;

    /** Commits one event for an {@code EJECTED} policy event, if a recording wants it. */
    public static void commit(PolicyEvent ejection) {
        PolicyEjectionEvent event = new PolicyEjectionEvent();
        if (!event.isEnabled()) {
            return;
        }
        event.sequence = ejection.sequence();
        event.kind = ejection.kind().label();
        event.policy = ejection.policy();
        event.reason = ejection.reason();
        event.fallback = ejection.fallback();
        event.commit();
    }
}
