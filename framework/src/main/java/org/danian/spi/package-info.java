/**
 * Read-only views of the kernel's scheduling objects, shared by both policy seams.
 *
 * <p>A <em>proc</em> is one running workload instance (Caladan's {@code struct proc}); a
 * <em>kthread</em> is one of its platform threads, run only on a core the kernel granted to
 * the proc (Caladan's {@code struct thread}). The kernel implements the views; policies only
 * read them. All scheduling state has one writer, the scheduler thread, so a view read on
 * that thread is always consistent and needs no lock.
 *
 * <p><b>Tickets</b> (Waldspurger and Weihl, OSDI'94) are real, at two levels: a proc's
 * {@link org.danian.spi.ProcSpec#tickets()} weigh procs against each other for ticket-based
 * core allocation, and its {@link org.danian.spi.ProcSpec#kthreadTickets()} weigh its own
 * kthreads for ticket-based thread picks ({@link org.danian.spi.KThreadView#tickets()}). They
 * stay in the SPI rather than leaving it because proportional share among a proc's kthreads
 * is a policy question researchers ask of this seam (which kthread's cache or queue deserves
 * the core), and because a 1.0 policy that reads them must keep linking; a workload sets them
 * through its configuration ({@code kthreadTickets}), and policies that ignore them lose
 * nothing.
 *
 * <p>Version history: 1.0 — first contract (thread pick, core allocation). 1.1 — per-kthread
 * tickets ({@code ProcSpec.kthreadTickets}, which {@code KThreadView.tickets()} now reports);
 * {@code CoreTopology.fromSystem}/{@code fromSysfs} deprecated (the kernel reads the machine).
 */
@Export
@Version("1.1.0")
package org.danian.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
