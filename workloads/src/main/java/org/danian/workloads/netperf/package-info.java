/**
 * The netperf workload: UDP request/response speaking two protocols on one control port,
 * Caladan's 2021 netperf (a handshake that opens one echo port per client thread) and
 * sockperf's (so the real {@code sockperf} client measures the server directly).
 */
package org.danian.workloads.netperf;
