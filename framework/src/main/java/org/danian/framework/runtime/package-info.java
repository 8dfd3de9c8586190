/**
 * Building blocks of a proc's runtime and of the scheduler loop, after Caladan's runtime and
 * IOKernel (OSDI'20 §4): the per-core wake/park mailbox, the per-kthread run queue with work
 * stealing, the victim order for steals, the kthread's spin-before-park and the scheduler's
 * idle strategies; and the runtime that uses them: {@code ProcRuntime} (a proc's kthreads,
 * its ingress queue, submit and close accounting) and {@code KThreadRunner} (one kthread: wait
 * for a wake, pin to the granted core, run tasks from its queue, then the ingress queue, then
 * by stealing; spin 2 µs without work, then park in the mailbox, handing the core to a kthread
 * posted meanwhile). {@code RuntimeContext} is what a kernel's kthreads share;
 * {@code RunnerDirectory} maps mailbox tokens to kthreads for handovers. Each class states its
 * threading contract and memory ordering in its own Javadoc. Private to the framework bundle
 * (not exported).
 */
package org.danian.framework.runtime;
