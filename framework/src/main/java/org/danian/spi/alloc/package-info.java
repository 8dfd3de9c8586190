/**
 * The core-allocation seam: which proc gets which core (Caladan's {@code struct sched_ops},
 * iokernel/sched.h; Fried et al., OSDI'20, §4).
 *
 * <p>A {@link org.danian.spi.alloc.CoreAllocationPolicy} is an OSGi service; the kernel asks
 * it for one {@link org.danian.spi.alloc.CoreAllocator}, tells that allocator about procs and
 * their congestion, and calls it every loop iteration with the cores that just became idle.
 * The allocator acts through the {@link org.danian.spi.alloc.AllocationContext} the kernel
 * hands it. Everything runs on the scheduler thread.
 *
 * <p>Version history: 1.0 — first contract.
 */
@Export
@Version("1.0.0")
package org.danian.spi.alloc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
