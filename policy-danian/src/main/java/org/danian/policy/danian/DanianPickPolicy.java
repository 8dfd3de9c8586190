package org.danian.policy.danian;

import org.danian.spi.CoreTopology;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;
import org.osgi.service.component.annotations.Component;

/**
 * {@code danian}: the Danian paper's memoized thread pick (Pantuza, Bleme, Vieira, Vieira;
 * Danian §5, Listings 3 and 4), faithfully, without the paper's null dereference.
 *
 * <p><b>What.</b> Each proc keeps {@code last_run[core]} (Listing 3): the kthread last
 * scheduled on each core. It is written when a kthread is scheduled on core {@code c} (when
 * pick returns it for {@code c}) and also when a kthread parks from {@code c}; in the kernel
 * the two are the same thing, since a core runs at most one kthread of a proc at a time, and
 * the park-time write is what rebuilds the memo when a hot swap replays the idle set. Beside
 * it, the proc's idle kthreads stay in Caladan's park-order list (a kthread that parks goes to
 * the head; Danian §4, Listing 1). {@code pick(c)} (Listing 4):
 * <ol>
 *   <li>{@code last_run[c]}, if that kthread is idle in this picker;</li>
 *   <li>else the tail of the park-order list, the least recently parked kthread: Listing 4
 *       calls {@code list_tail} on that list ("to avoid thrashing", as Caladan's own last
 *       rung, Listing 2).</li>
 * </ol>
 * Two corrections of the listing, which change no decision it could make without crashing:
 * Listing 4 dereferences {@code last_run[core]} unchecked, so a core on which no kthread of
 * the proc ever ran dereferences NULL; here an empty memo falls to the tail. And Listing 4
 * tests only {@code !th->active}; here the memo must be idle <em>in this picker</em>, so a
 * kthread removed from the idle set (detach, exit) is never returned.
 *
 * <p><b>Where it shines.</b> Many idle kthreads per proc, since pick costs the same at 1 or
 * 1024; and workloads where a core is granted back soon after its kthread parked (the paper's
 * synthetic and netperf runs), where the memo is idle and still warm.
 *
 * <p><b>Known weaknesses.</b>
 * <ul>
 *   <li>No sibling rung: the paper drops Caladan's second scan, so when the memo misses it
 *       takes the tail even if an idle kthread last ran on the core's hyperthread sibling,
 *       whose L1/L2 it shares.</li>
 *   <li>One memo per core: if {@code last_run[c]} is busy on another core, it takes the tail
 *       even when another idle kthread last ran on {@code c}, and loses the locality Caladan
 *       keeps. While a core runs one kthread of the proc at a time, a kthread that parks from
 *       {@code c} stays {@code last_run[c]} until it is picked, so this shows when several idle
 *       kthreads parked from one core: after a hot swap replays an idle set built by another
 *       policy. The {@code danian-exact} policy in this bundle has neither weakness.</li>
 *   <li>The memo can be stale: a kthread scheduled on {@code c}, then on {@code d}, then parked
 *       from {@code d}, is still {@code last_run[c]} (until another kthread runs on
 *       {@code c}) and is returned for {@code c} although its cache is warm on {@code d}; the
 *       paper's check ({@code !active}) allows this too.</li>
 * </ul>
 *
 * <p><b>Complexity</b> (per proc; compare the paper's Table 2). park O(1); pick O(1), one memo
 * read and one unlink; remove O(1). Memory O(kthreads + cores): the park-order list over
 * arrays indexed by kthread id, and {@code last_run} sized by the core count.
 */
@Component(service = ThreadPickPolicy.class, property = ThreadPickPolicy.NAME_PROPERTY + "=" + DanianPickPolicy.NAME)
public final class DanianPickPolicy implements ThreadPickPolicy {

    /** The name operators type: {@code danian:policy danian}. */
    public static final String NAME = "danian";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ThreadPicker newPicker(ProcView proc, CoreTopology topology) {
        return new DanianPicker(proc, topology.coreCount());
    }
}
