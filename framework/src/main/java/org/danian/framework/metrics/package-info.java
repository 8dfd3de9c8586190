/**
 * The kernel's metrics (issue "live engine", item 6): per proc and global counts of grants,
 * picks, locality hits and migrations, cores held and core-seconds, grant latency and sampled
 * pick cost as HdrHistograms, CPU time per kthread, and ejections; read as an immutable
 * {@link org.danian.framework.metrics.MetricsSnapshot}, through JMX MXBeans
 * ({@link org.danian.framework.metrics.MetricsJmx}) and by the {@code danian:stats} command.
 *
 * <p>{@link org.danian.framework.metrics.KernelMetrics} states the threading and
 * memory-ordering design for the whole package. Private to the framework bundle (not
 * exported); HdrHistogram is embedded in the bundle (see bnd.bnd).
 */
package org.danian.framework.metrics;
