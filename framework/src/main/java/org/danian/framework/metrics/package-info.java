/**
 * The kernel's one counter store ({@link org.danian.framework.metrics.KernelMetrics}): per
 * proc and global counts of grants, picks, locality hits and migrations, cores held and
 * core-seconds, grant latency and sampled pick cost as HdrHistograms, CPU time and grants per
 * kthread, the scheduler loop's passes and core switches, each policy slot's swaps and
 * ejections, and unanswered packets; read as an immutable
 * {@link org.danian.kernel.MetricsSnapshot} (through {@code KernelAdmin.metrics()}, the
 * {@code danian:stats} and {@code danian:status} commands) and through JMX MXBeans
 * ({@link org.danian.framework.metrics.MetricsJmx}).
 *
 * <p>{@link org.danian.framework.metrics.KernelMetrics} states the threading and
 * memory-ordering design for the whole package. Private to the framework bundle (not
 * exported); HdrHistogram is embedded in the bundle (see bnd.bnd).
 */
package org.danian.framework.metrics;
