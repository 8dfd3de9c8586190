/**
 * The scheduler kernel and its live engine (Caladan's IOKernel, Fried et al., OSDI'20 §4;
 * ARCHITECTURE §2). Private to the framework bundle; the face is {@code org.danian.kernel}.
 *
 * <h2>The loop</h2>
 * One scheduler thread ({@code SchedulerThread}), pinned to the scheduler core, is the single
 * writer of all scheduling state. Each iteration: drain the inbox of caller operations
 * ({@code createProc}, {@code startProc}, swaps, status, …); then the {@code Engine}'s
 * passes — fast pass (finish core switches through each core's {@code CoreMailbox}; notice
 * kthreads that parked and return them to their proc's picker through the kernel's park path;
 * the cores they left become newly idle), core needed (work for a proc holding no core),
 * slow pass every poll interval (10 µs; {@code CongestionRule}, the "skip one decision after a
 * grant" rule, the allocator's {@code congestion}), policy pass (the allocator's
 * {@code poll} with the newly idle cores). After an iteration that changed nothing it
 * applies the idle strategy; while no live proc exists it parks until an operation arrives.
 *
 * <h2>Idle strategy: {@code backoff} by default</h2>
 * {@code spin} is Caladan's busy poll and keeps the 10 µs reaction time at every moment, at
 * the price of a whole core at 100%. {@code backoff} spins for about a thousand idle
 * iterations, yields, then parks for 1 to 100 µs; any work resets it, and a submit to a proc
 * without a core unparks it at once. It is the default because Danian first runs on laptops,
 * CI and shared machines, where a thread spinning forever harms everything else; testbed
 * configurations set {@code idleStrategy=spin}.
 *
 * <h2>Grants, preemption and the handshake</h2>
 * {@code AllocatorHost} is the allocator's {@code AllocationContext}. A grant picks a kthread
 * through the guarded pick path ({@code Failsafe}, {@code PickerGuard}), posts it in the core's
 * mailbox with a new generation and wakes it; on an owned core the owner becomes
 * <em>ceding</em> (neither running nor idle; {@code CoreSlot.leaving}) and hands the core over
 * when it parks, and the core is counted for the new owner at once and never reported newly
 * idle. One switch per core is in flight at a time: a grant on a core whose previous owner is
 * still leaving is refused. A core reaches {@code poll} as newly idle only once every kthread
 * that ran on it is back in its idle set: the fast pass reads a core's owner before its ceding
 * kthread, so it never sees the owner park without seeing the ceding kthread go. Cores held by
 * caller-driven kthreads are never preempted.
 *
 * <h2>Allocator swap and failsafe</h2>
 * {@code AllocatorSwitch}: as for thread-pick policies, a swap builds the new allocator and
 * attaches every live proc in creation order before switching, else changes nothing; an
 * allocator that throws is ejected and replaced by the last good one, else {@code simple}.
 *
 * <h2>Live procs</h2>
 * {@code LiveProcHandle} is the {@code LiveProc} of a proc whose runtime
 * ({@code org.danian.framework.runtime.ProcRuntime}) runs real kthreads; its close drains,
 * retires the proc (no more grants), waits for every kthread to park, then detaches it.
 */
package org.danian.framework.engine;
