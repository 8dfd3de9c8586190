/**
 * The scheduler kernel and its live engine (Caladan's IOKernel, Fried et al., OSDI'20 §4).
 * Private to the framework bundle; its faces are {@code org.danian.kernel.SchedulerKernel} and
 * {@code org.danian.kernel.KernelAdmin}, both implemented by {@code Kernel}. The whole design,
 * with the flow of one request and of one hot swap, is in {@code docs/architecture.md}.
 *
 * <h2>The loop</h2>
 * One scheduler thread ({@code SchedulerThread}), pinned to the scheduler core, is the single
 * writer of all scheduling state. Each iteration: drain the inbox of operations from other
 * threads ({@code startProc}, port operations, swaps, status, …); receive a burst from the
 * packet driver ({@code PacketPath}); then the {@code Engine}'s passes — fast pass (finish core
 * switches through each core's {@code CoreMailbox}; notice kthreads that parked and return them
 * to their proc's picker; the cores they left become newly idle), core needed (work for a proc
 * holding no core), slow pass every poll interval (10 µs; {@code CongestionRule}, the "skip one
 * decision after a grant" rule, the allocator's {@code congestion}), policy pass (the
 * allocator's {@code poll} with the newly idle cores); then transmit the queued replies.
 * After an iteration that changed nothing it applies the idle strategy; while no proc exists
 * and no port is open it parks until an operation arrives.
 *
 * <h2>Idle strategy: {@code backoff} by default</h2>
 * {@code spin} is Caladan's busy poll and keeps the 10 µs reaction time at every moment, at
 * the price of a whole core at 100%. {@code backoff} ({@code BackoffIdle}) yields for about a
 * thousand idle iterations, then parks for 1 to 100 µs; when a port is open, no core is
 * granted and the driver can block, it waits in the driver instead (after 50 idle
 * iterations), so the next packet wakes it at once. Any work resets it, and a submit to a proc
 * without a core wakes it. It is the default because Danian first runs on laptops, CI and
 * shared machines, where a thread spinning forever harms everything else; testbed
 * configurations set {@code idleStrategy=spin}.
 *
 * <h2>Grants, preemption and the handshake</h2>
 * {@code AllocatorHost} is the allocator's {@code AllocationContext}. A grant picks a kthread
 * through the guarded and timed pick path ({@code PickSeam}, {@code PickerGuard}, and
 * {@code PickWatchdog}, which ejects a picker that stays over its time budget), posts it in
 * the core's mailbox with a new generation and wakes it; on an owned core the owner becomes
 * <em>ceding</em> (neither running nor idle; {@code CoreSlot.leaving}) and hands the core over
 * when it parks, and the core is counted for the new owner at once and never reported newly
 * idle. One switch per core is in flight at a time: a grant on a core whose previous owner is
 * still leaving is refused. A core reaches {@code poll} as newly idle only once every kthread
 * that ran on it is back in its idle set: the fast pass reads a core's owner before its ceding
 * kthread, so it never sees the owner park without seeing the ceding kthread go.
 *
 * <h2>Policy slots</h2>
 * {@code PolicySlot} holds the active policy of one kind and its target, switches
 * transactionally (the seam builds the new state for every proc, then commits), and climbs the
 * failsafe ladder when the active policy breaks its contract or leaves; {@code PickSeam} and
 * {@code AllocatorSeam} are its two seams. Everything the kernel counts goes to the one counter
 * store, {@code org.danian.framework.metrics.KernelMetrics}.
 *
 * <h2>Live procs</h2>
 * Every proc is live: {@code LiveProcHandle} is the {@code LiveProc} of a proc whose runtime
 * ({@code org.danian.framework.runtime.ProcRuntime}) runs real kthreads; its close drains,
 * retires the proc (no more grants), waits for every kthread to park, then detaches it. Tests
 * that need determinism drive the same {@code Scheduler} and {@code Engine} with the
 * kthreads played through the real mailboxes ({@code EngineHarness}, in the test-jar); the
 * simulator ({@code org.danian.framework.sim}, docs/simulator.md) does the same in virtual time
 * through {@code VirtualTimeKernel}, public only so that its package can reach it.
 */
package org.danian.framework.engine;
