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
 * <p>Version history: 1.0 — first API (procs, grants, parks, policies, swap, status).
 */
@Export
@Version("1.0.0")
package org.danian.kernel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
