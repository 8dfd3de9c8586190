/**
 * The kernel's built-in core allocator, {@code simple}: Caladan's iokernel/simple.c (Fried et
 * al., OSDI'20) re-written for Danian's core-allocation SPI ({@link org.danian.spi.alloc}).
 * Private to the framework bundle; the only face is the {@code CoreAllocationPolicy} service
 * that {@link org.danian.framework.alloc.SimpleAllocationPolicy} registers.
 *
 * <h2>From simple.c to these classes</h2>
 * <table>
 * <caption>Where each part of simple.c lives</caption>
 * <tr><th>simple.c</th><th>here</th></tr>
 * <tr><td>{@code struct simple_data} (guaranteed, max, active, congested link)</td>
 *     <td>{@code SimpleProc}, found by proc id in {@code ProcsById}</td></tr>
 * <tr><td>{@code simple_proc_is_preemptible}</td>
 *     <td>{@code SimpleProc.preemptibleBy}, plus latency-critical over best-effort</td></tr>
 * <tr><td>{@code congested_procs}, {@code simple_mark/unmark_congested}</td>
 *     <td>{@code CongestedProcs}, intrusive, oldest first</td></tr>
 * <tr><td>{@code cores[]}, {@code hist[][NHIST]}, {@code simple_idle_cores},
 *     {@code simple_cleanup_core}</td>
 *     <td>{@code CoreLedger}</td></tr>
 * <tr><td>{@code simple_choose_core}</td><td>{@code CoreLadder.chooseFor}</td></tr>
 * <tr><td>{@code simple_choose_kthread} (which proc gets an idle core)</td>
 *     <td>{@code SimpleAllocator.procForIdleCore}</td></tr>
 * <tr><td>{@code simple_add_kthread}, {@code simple_run_kthread_on_core}</td>
 *     <td>{@code SimpleAllocator.addCore}, {@code run}, through
 *     {@code AllocationContext.grant}</td></tr>
 * <tr><td>{@code proc_attach}, {@code proc_detach}, {@code notify_congested},
 *     {@code notify_core_needed}, {@code sched_poll}</td>
 *     <td>{@code attach}, {@code detach}, {@code congestion}, {@code coreNeeded},
 *     {@code poll}</td></tr>
 * </table>
 *
 * <h2>Where we differ, and why</h2>
 * <ul>
 * <li>Attach refuses a proc whose guarantee does not fit beside the others' (simple.c does not
 *     check it); that is what makes "a proc below its guarantee always finds a core"
 *     true.</li>
 * <li>Preemption also lets a latency-critical proc take a core from a best-effort proc above
 *     its guarantee, as {@link org.danian.spi.Priority} specifies; simple.c has no classes.</li>
 * <li>The congestion verdict and the "skip one decision after a grant" rule come from the
 *     kernel, not from the allocator.</li>
 * <li>The congested list hands a free core to the proc that has waited longest (simple.c:
 *     the one marked last), and a waiting proc tries the ladder again at every congested
 *     verdict (simple.c does nothing for a proc already marked), so a core that went idle
 *     while the waiting proc could not take it does not stay idle.</li>
 * <li>{@code coreNeeded} marks the proc congested when no core is to be had at once, so the
 *     next idle core goes to it.</li>
 * <li>Preemption is a {@code grant} on an owned core, which has the owner cede first, as
 *     simple.c's {@code sched_run_on_core} does on a busy core; {@code reclaim} is not
 *     needed. The core changes owner at once in the ledger, as in the kernel's
 *     {@code owner}, so it must not reach {@code poll} as newly idle when the old kthread
 *     leaves.</li>
 * <li>As in simple.c, a proc that receives an idle core stays in the congested list until a
 *     verdict says it is calm or one of its kthreads parks, so several cores that free up in
 *     one interval may all go to it.</li>
 * <li>Idle kthreads are visited by id, not in park order, which the SPI does not expose.</li>
 * <li>A proc that cannot take a grant (at its maximum, or no idle kthread) is skipped
 *     wherever simple.c checks only for idle kthreads.</li>
 * </ul>
 *
 * <p>Everything here is confined to the scheduler thread and allocates nothing after a proc
 * is attached.
 */
package org.danian.framework.alloc;
