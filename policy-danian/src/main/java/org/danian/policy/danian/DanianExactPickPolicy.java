package org.danian.policy.danian;

import org.danian.spi.CoreTopology;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;
import org.osgi.service.component.annotations.Component;

/**
 * {@code danian-exact}: Caladan's thread pick (Danian §4, Listing 2; Fried et al., OSDI'20)
 * with exactly its decisions, in O(1) for park, pick and remove. It keeps the Danian paper's
 * goal (§5: no scan on the scheduler core) without the paper's loss of locality.
 *
 * <p><b>What.</b> Beside Caladan's global list of idle kthreads in park order (a kthread that
 * parks goes to the head), each core {@code c} has an intrusive list of the idle kthreads that
 * parked from {@code c}, also in park order (head = most recently parked). A kthread whose
 * last core is {@code NO_CORE} (it never ran) is only in the global list. {@code pick(c)}:
 * <ol>
 *   <li>the head of core {@code c}'s list;</li>
 *   <li>else the head of {@code sibling(c)}'s list (shares L1/L2 with {@code c});</li>
 *   <li>else the tail of the global list, the least recently parked kthread.</li>
 * </ol>
 *
 * <p><b>Why these are Caladan's decisions.</b> Caladan's first scan walks the park-order list
 * from the head and stops at the first kthread that last ran on {@code c}: the most recently
 * parked of the idle kthreads whose last core is {@code c}. Core {@code c}'s list holds exactly
 * those kthreads (each is pushed when it parks from {@code c} and unlinked when it is picked
 * or removed), pushed at the head in the order they parked, and unlinking one keeps the order
 * of the rest; so its head is that same kthread. The second scan is the same argument for
 * {@code sibling(c)}, and the third rung takes the tail of the very same global list. Park
 * order is total (a kthread is in the idle set at most once), so there are no ties to break
 * differently. A {@code NO_CORE} kthread never matches Caladan's scans, since {@code c} and
 * {@code sibling(c)} are real cores, so leaving it out of the per-core lists changes nothing.
 * The differential test replays millions of random operations through both policies and finds
 * every decision equal.
 *
 * <p><b>Where it shines.</b> Many idle kthreads per proc and grants to cores none of them ran
 * on: Caladan scans its whole list twice there, this policy reads three heads. Wherever
 * Caladan's choice is wanted (it is the reference), at a cost that does not grow with the idle
 * set.
 *
 * <p><b>Known weaknesses.</b> It inherits Caladan's policy as it is: a kthread that parked
 * from {@code c} long ago still counts as warm there (no notion of cache age), the sibling is
 * a single core (the topology's next hyperthread), and the fallback ignores everything but
 * park order. A park writes two lists instead of one, so its constant factor is a little
 * above {@code danian}'s.
 *
 * <p><b>Complexity</b> (per proc; compare the paper's Table 2). park O(1), two list pushes;
 * pick O(1), at most three list-head reads and two unlinks; remove O(1). Memory
 * O(kthreads + cores): four links, a last core and an idle flag per kthread, and a head and a
 * tail per core.
 */
@Component(service = ThreadPickPolicy.class, property = ThreadPickPolicy.NAME_PROPERTY + "=" + DanianExactPickPolicy.NAME)
public final class DanianExactPickPolicy implements ThreadPickPolicy {

    /** The name operators type: {@code danian:policy danian-exact}. */
    public static final String NAME = "danian-exact";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ThreadPicker newPicker(ProcView proc, CoreTopology topology) {
        return new DanianExactPicker(proc, topology);
    }
}
