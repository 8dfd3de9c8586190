/**
 * Load generators, each a main class meant to run in its own JVM (or on its own node), never
 * inside the system it measures: Caladan's synthetic open-loop client and its 2021 netperf
 * closed-loop client, with the same output lines, plus CSV. Latencies are recorded with
 * HdrHistogram; the open-loop client sends on schedule whatever the server does, so a slow
 * server cannot hide its stalls (no coordinated omission).
 */
package org.danian.workloads.client;
