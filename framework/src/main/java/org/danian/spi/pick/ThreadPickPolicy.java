package org.danian.spi.pick;

import org.danian.spi.CoreTopology;
import org.danian.spi.ProcView;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A thread-pick policy: a factory of per-proc {@link ThreadPicker}s.
 *
 * <p>Register an implementation as an OSGi service of this type, with the service property
 * {@value #NAME_PROPERTY} equal to {@link #name()}; a Declarative Services component in a
 * bundle that exports nothing is the intended shape. The kernel tracks these services
 * dynamically: one may appear or leave at any time, and the active one is chosen by
 * configuration.
 *
 * <p>Threading: {@link #name()} may be called on any thread; {@link #newPicker} is called
 * only on the scheduler thread. The policy object itself should hold no scheduling state:
 * everything per proc belongs in the picker, as Caladan keeps it in {@code p->policy_data}.
 */
@ConsumerType
public interface ThreadPickPolicy {

    /** Service property under which a policy registers its {@link #name()}. */
    String NAME_PROPERTY = "danian.policy.name";

    /**
     * The policy's name, as operators type it in the shell ({@code danian:policy <name>}):
     * lower case letters, digits and '-', unique among installed policies, constant.
     */
    String name();

    /**
     * Creates the picker of one proc, with an empty idle set.
     *
     * <p>Called on the scheduler thread when a proc is created while this policy is active,
     * and for every existing proc when the kernel swaps to this policy. In a swap, the kernel
     * then replays the proc's idle kthreads into the new picker with
     * {@link ThreadPicker#parked} in park order (least recently parked first), so the new
     * picker starts with the same idle set and the same recency order; the switch happens
     * only after every picker was built and filled. If this method or the replay throws, the
     * swap is abandoned and the old policy stays active, with nothing lost.
     *
     * <p>May allocate (it is not on the pick path). Must not block, start threads, or retain
     * the topology beyond what the picker needs.
     *
     * @param proc the proc whose idle set the picker will own; never null
     * @param topology the cores and siblings of the kernel; never null; {@code lastCore} and
     *     every core passed to the picker are in {@code [0, topology.coreCount())}, or
     *     {@code lastCore} is {@link org.danian.spi.KThreadView#NO_CORE}
     * @return a new, empty picker; never null
     */
    ThreadPicker newPicker(ProcView proc, CoreTopology topology);
}
