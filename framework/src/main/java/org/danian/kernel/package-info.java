/**
 * The scheduler kernel as a service, with one face per audience (Caladan, OSDI'20, §4; Danian
 * paper §5):
 * <ul>
 *   <li>{@link org.danian.kernel.SchedulerKernel}, for workloads: start a live proc
 *       ({@link org.danian.kernel.LiveProc}: real kthreads on granted cores, tasks, packet
 *       ingress, cooperative preemption through {@link org.danian.kernel.Cede}) and steer the
 *       packets of a UDP port to it ({@link org.danian.kernel.PacketPort},
 *       {@link org.danian.kernel.PacketHandler});
 *   <li>{@link org.danian.kernel.KernelAdmin}, for operators and tools: the installed policies
 *       of both seams, hot swaps of the thread-pick and the core-allocation policy, and the
 *       kernel's status ({@link org.danian.kernel.KernelStatus}), settings
 *       ({@link org.danian.kernel.KernelSettings}) and metrics
 *       ({@link org.danian.kernel.MetricsSnapshot}) as data;
 *   <li>{@link org.danian.kernel.WorkloadTraffic}, the other way round: a service a workload
 *       bundle registers so that readers outside it (the Prometheus endpoint) count its
 *       datagrams ({@link org.danian.kernel.DatagramCounts}).
 * </ul>
 * The framework bundle registers one kernel that provides both services. Every operation that
 * changes scheduling state runs on the kernel's one scheduler thread; the caller blocks until
 * that thread has carried it out between two loop iterations, and then sees its result and
 * every state change before it.
 *
 * <p>The kernel's configuration is the ConfigAdmin PID {@value
 * org.danian.kernel.KernelAdmin#CONFIGURATION_PID}: the policy of each kind
 * ({@link org.danian.kernel.PolicyKind#configurationProperty()}) and the settings read at start.
 *
 * <p>Version history: 1.0 — first API (procs, grants, parks, policies, swap, status).
 * 1.1 — live procs ({@code startProc}, {@code LiveProc}, {@code Cede}).
 * 1.2 — packet ports ({@code openPort}, {@code PacketPort}, {@code PacketHandler},
 * {@code packetCounters}). 2.0 — one kind of proc, the live one (the caller-driven
 * {@code createProc}, {@code grant}, {@code park}, {@code closeProc} and
 * {@code invariantViolations} are gone); the workload face {@code SchedulerKernel} and the
 * operator face {@code KernelAdmin}; swaps of both policy kinds ({@code swap(PolicyKind,
 * String)}); settings, slots, the packet driver and the metrics as data; {@code Cede} reaches
 * the kthread through {@code RunningKThread}; {@code WorkloadTraffic} and
 * {@code DatagramCounts}; latency distributions with their sum and fixed buckets
 * ({@code MetricsSnapshot.Latency}). 2.1 — {@code KernelAdmin.events()}, the policy events
 * without the rest of the status. 2.2 — the threads' nice value: {@code KernelSettings.threadNice}
 * and {@code KernelStatus.priority} ({@code ThreadPriority}).
 */
@Export
@Version("2.2.0")
package org.danian.kernel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
