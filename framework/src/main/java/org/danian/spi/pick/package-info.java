/**
 * The thread-pick seam: which idle kthread of a proc runs on a core just granted to it
 * (Caladan's {@code sched_pick_kthread}; the subject of the Danian paper, §4–5).
 *
 * <p>A {@link org.danian.spi.pick.ThreadPickPolicy} is an OSGi service; the kernel asks it
 * for one {@link org.danian.spi.pick.ThreadPicker} per proc, and that picker owns the proc's
 * idle set from then on. All calls into a picker come from the scheduler thread, so a picker
 * needs no lock and its data structures cost exactly what is measured.
 *
 * <p>Policy authors check an implementation with the contract suite
 * {@code org.danian.spi.pick.contract.ThreadPickerContract}, in the framework's test-jar.
 *
 * <p>Version history: 1.0 — first contract.
 */
@Export
@Version("1.0.0")
package org.danian.spi.pick;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
