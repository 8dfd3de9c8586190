/**
 * The scheduler kernel as a service: procs and their kthreads, the grants and parks that move
 * kthreads between cores and idle sets, and the hot-swappable thread-pick policy that chooses
 * which idle kthread runs on a granted core (Danian paper §5; Caladan, OSDI'20, §4).
 *
 * <p>{@link org.danian.kernel.SchedulerKernel} is registered by the framework bundle. Every
 * operation that changes scheduling state runs on the kernel's one scheduler thread; the
 * caller blocks until that thread has carried it out between two loop iterations, and then
 * sees its result and every state change before it.
 *
 * <p>The kernel's configuration is the ConfigAdmin PID {@value
 * org.danian.kernel.SchedulerKernel#CONFIGURATION_PID}, with the properties {@value
 * org.danian.kernel.SchedulerKernel#THREAD_PICK_PROPERTY} and {@value
 * org.danian.kernel.SchedulerKernel#CORE_ALLOCATION_PROPERTY}.
 *
 * <p>Live procs ({@link org.danian.kernel.SchedulerKernel#startProc}, {@link
 * org.danian.kernel.LiveProc}) are what workloads use: real kthreads on granted cores, tasks
 * and packet ingress, cooperative preemption through {@link org.danian.kernel.Cede}. Procs
 * from {@code createProc} are driven by their caller's grants and parks (tests, simulators,
 * benchmarks of the pick path).
 *
 * <p>Version history: 1.0 — first API (procs, grants, parks, policies, swap, status).
 * 1.1 — live procs ({@code startProc}, {@code LiveProc}, {@code Cede}).
 * 1.2 — packet ports ({@code openPort}, {@code PacketPort}, {@code PacketHandler},
 * {@code packetCounters}): the kernel owns a packet driver that its scheduler loop polls.
 */
@Export
@Version("1.2.0")
package org.danian.kernel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
