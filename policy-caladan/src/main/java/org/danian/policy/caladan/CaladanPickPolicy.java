package org.danian.policy.caladan;

import org.danian.spi.CoreTopology;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;
import org.osgi.service.component.annotations.Component;

/**
 * {@code caladan}: Caladan's {@code sched_pick_kthread} as the Danian paper describes it
 * (Danian §4, Listing 2; Fried et al., OSDI'20) — the reference every other policy is
 * compared with, and the kernel's fallback when a policy is ejected.
 *
 * <p><b>What.</b> The idle kthreads form one list in park order: a kthread that parks goes
 * to the head. For a granted core {@code c} it scans from the head for a kthread that last
 * ran on {@code c}; then scans again for one that last ran on {@code sibling(c)}; else takes
 * the tail, the least recently parked kthread (to avoid thrashing).
 *
 * <p><b>Where it shines.</b> Few idle kthreads per proc (the scan is a handful of loads), and
 * as the semantic reference: its choice favours the warmest cache (same core, then the
 * sibling sharing L1/L2) and spreads wake-ups over kthreads otherwise.
 *
 * <p><b>Known weaknesses.</b> A miss scans the whole list twice: cost grows linearly with the
 * number of idle kthreads, on the scheduler core, on every grant.
 *
 * <p><b>Complexity.</b> park O(1); pick O(n) (two scans on a miss); remove O(1) here, since
 * the list is intrusive over arrays (the paper's Table 2 lists O(n) for Caladan's remove from
 * its search-then-unlink).
 */
@Component(service = ThreadPickPolicy.class, property = ThreadPickPolicy.NAME_PROPERTY + "=" + CaladanPickPolicy.NAME)
public final class CaladanPickPolicy implements ThreadPickPolicy {

    /** The name operators type: {@code danian:policy caladan}. */
    public static final String NAME = "caladan";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ThreadPicker newPicker(ProcView proc, CoreTopology topology) {
        return new CaladanPicker(proc, topology);
    }
}
