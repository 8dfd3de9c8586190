/**
 * Building blocks of a proc's runtime and of the scheduler loop, after Caladan's runtime and
 * IOKernel (OSDI'20 §4): the per-core wake/park mailbox, the per-kthread run queue with work
 * stealing, the victim order for steals, the kthread's spin-before-park and the scheduler's
 * idle strategies. Each class states its threading contract and memory ordering in its own
 * Javadoc. Private to the framework bundle (not exported).
 */
package org.danian.framework.runtime;
