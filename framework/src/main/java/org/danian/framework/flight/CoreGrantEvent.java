package org.danian.framework.flight;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A core granted to a proc by the scheduler thread (Caladan, OSDI'20 §4: the scheduler's one
 * decision that moves a core), with the kthread the thread-pick policy chose to run there.
 *
 * <p>Raised on the scheduler loop's grant path, which must allocate nothing: {@link #emit}
 * first asks the event's {@link EventType} whether any recording enables it (a read of a
 * flag), and only then builds the event. A run without a recording of
 * {@code org.danian.CoreGrant} pays that read per grant and nothing else; a recording pays one
 * small event object per grant. Stack traces are off: the stack of the scheduler thread says
 * nothing the fields do not.
 */
@Name("org.danian.CoreGrant")
@Label("Core grant")
@Category("Danian")
@Description("A core granted to a proc, with the kthread chosen to run on it")
@StackTrace(false)
public final class CoreGrantEvent extends Event {

    /** What led the kernel to grant. */
    public enum Reason {
        /** The core-allocation policy granted (a proc needed a core, or was congested). */
        ALLOCATOR("allocator"),
        /** Caladan's fast rewake: a kthread parked while packets waited; the core went straight back. */
        FAST_REWAKE("fast-rewake");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** The label recorded in the event. */
        public String label() {
            return label;
        }
    }

    private static final EventType TYPE = EventType.getEventType(CoreGrantEvent.class);

    @Label("Proc")
    String proc;
    @Label("Proc id")
    int procId;
    @Label("Core")
    int core;
    @Label("Kthread")
    int kthread;
    @Label("Reason")
    String reason;
    @Label("Preempted another kthread")
    boolean preempted;
    @Label("Waited for the core")
    @Description("From the proc needing a core (or being judged congested) to this grant")
    @Timespan(Timespan.NANOSECONDS)
    long waitedNanos;

    /**
     * Registers the event type now. Registration initialises JFR's metadata, which the first
     * time in a JVM takes a long time (most of the scheduler thread's first second in a
     * profile); the kernel calls this before its scheduler thread starts, so that the first
     * grant, with a request waiting behind it, does not pay it.
     */
    public static void register() {
        // The class's initialiser, run by this call, registers the type.
    }

    /** Commits one event if a recording wants it; allocates nothing otherwise. */
    public static void emit(String proc, int procId, int core, int kthread, Reason reason, boolean preempted,
            long waitedNanos) {
        if (!TYPE.isEnabled()) {
            return;
        }
        CoreGrantEvent event = new CoreGrantEvent();
        event.proc = proc;
        event.procId = procId;
        event.core = core;
        event.kthread = kthread;
        event.reason = reason.label();
        event.preempted = preempted;
        event.waitedNanos = waitedNanos;
        event.commit();
    }
}
