/**
 * The workload servers on the Danian engine: each running server is a live proc
 * ({@link org.danian.kernel.SchedulerKernel#startProc}) whose packets arrive through the
 * kernel's packet driver ({@link org.danian.kernel.SchedulerKernel#openPort}) and whose
 * kthreads run the same request handling as the baseline servers. Declarative Services
 * components configured through ConfigAdmin (PIDs {@code org.danian.workloads.synthetic} and
 * {@code org.danian.workloads.netperf}); {@code bin/danian serve} configures them. Private to
 * the bundle.
 */
package org.danian.workloads.service;
