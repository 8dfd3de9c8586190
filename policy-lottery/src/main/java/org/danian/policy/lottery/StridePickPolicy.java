package org.danian.policy.lottery;

import org.danian.spi.CoreTopology;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;
import org.osgi.service.component.annotations.Component;

/**
 * {@code stride}: stride scheduling (Waldspurger and Weihl, "Stride Scheduling: Deterministic
 * Proportional-Share Resource Management", MIT/LCS/TM-528, 1995), the deterministic sibling of
 * {@code lottery}: kthreads run in proportion to their
 * {@link org.danian.spi.KThreadView#tickets()}, with no random draw.
 *
 * <p><b>What.</b> Each kthread advances a pass by its stride ({@code 2^32 / tickets}) every
 * time it is picked; a pick takes the idle kthread with the smallest pass ({@link
 * StridePicker} explains how absent kthreads rejoin). The requested core plays no part.
 *
 * <p><b>Where it shines.</b> Proportional share with a bounded error: over any run of grants
 * where the n idle kthreads park straight back, kthread i's count differs from its exact share
 * {@code N·t_i/T} by at most {@code max(1, n·t_i/T)} grants, whatever N (every idle pass stays
 * within one stride of the virtual time), where a lottery's error grows with the square root
 * of N. Fully deterministic, with no seed to configure.
 *
 * <p><b>Known weaknesses.</b> No locality, as {@code lottery}. The share is among idle
 * kthreads only: a kthread that runs long earns nothing for it. Equal tickets degrade to
 * round robin.
 *
 * <p><b>Complexity.</b> park O(log n); pick O(log n); remove O(log n); n = kthreads of the
 * proc (an indexed binary min-heap over kthread ids). No allocation after {@link #newPicker}.
 */
@Component(service = ThreadPickPolicy.class, property = ThreadPickPolicy.NAME_PROPERTY + "=" + StridePickPolicy.NAME)
public final class StridePickPolicy implements ThreadPickPolicy {

    /** The name operators type: {@code danian:policy stride}. */
    public static final String NAME = "stride";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ThreadPicker newPicker(ProcView proc, CoreTopology topology) {
        return new StridePicker(proc);
    }
}
