package org.danian.framework.alloc;

import java.util.Objects;

import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.alloc.CoreAllocator;
import org.osgi.service.component.annotations.Component;

/**
 * {@code simple}: Caladan's default core allocator, iokernel/simple.c (Fried et al., "Caladan:
 * Mitigating Interference at Microsecond Timescales", OSDI'20), on Danian's core-allocation
 * SPI; the kernel's default.
 *
 * <p><b>What.</b> Each proc has a guaranteed and a maximum number of cores and holds some
 * number of them ("active"). A proc the kernel finds congested gets a core at once if one can
 * be had, else waits in a list of congested procs. The core comes from a ladder
 * ({@link CoreLadder}): (1) a free or preemptible hyperthread sibling of a core the proc runs
 * on; (2) a core, or its sibling, that one of its idle kthreads last ran on; (3) any idle
 * core; (4) any preemptible core. A core is preemptible only if its owner is above its
 * guarantee and the requester is below its own, or (our addition, from {@link
 * org.danian.spi.Priority}) the requester is latency-critical and the owner best-effort.
 * A core that becomes idle goes to the congested proc on its sibling, else to a congested
 * proc among the last four owners of the core or of its sibling, else to the congested proc
 * that has waited longest, else stays idle. A proc is attached only if all guarantees fit in
 * the schedulable cores, so a proc below its guarantee always finds a core, by preemption if
 * need be.
 *
 * <p><b>Where it shines.</b> A few latency-critical procs and best-effort procs sharing a
 * machine with sibling pairs: cores follow congestion within one poll interval, land where
 * the proc's caches are warm, and best-effort work soaks up what latency-critical work leaves.
 *
 * <p><b>Known weaknesses.</b> No fairness among procs of one class beyond the congested list's
 * order, and no notion of how congested a proc is (one core per decision). The locality rungs
 * prefer a preemptible warm core to a cold idle one; preemption in Danian is a cooperative
 * cede, so the requester may wait for the owner's next cede check while an idle core sits
 * unused. A congested proc that found no core waits for a core to free up or for the next
 * interval, when it tries the ladder again. No interference control: that is Caladan's ias.
 *
 * <p><b>Complexity</b> (C schedulable cores, K kthreads of the proc, P congested procs):
 * choosing a core O(C + K); a newly idle core O(1) for the sibling and history rungs, O(P)
 * for the last rung; congestion and core-needed O(1) plus one choice; attach O(C); detach
 * O(C). Nothing allocates after attach.
 */
@Component(service = CoreAllocationPolicy.class,
        property = CoreAllocationPolicy.NAME_PROPERTY + "=" + SimpleAllocationPolicy.NAME)
public final class SimpleAllocationPolicy implements CoreAllocationPolicy {

    /** The name operators type. */
    public static final String NAME = "simple";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CoreAllocator newAllocator(AllocationContext context) {
        return new SimpleAllocator(Objects.requireNonNull(context, "context"));
    }
}
