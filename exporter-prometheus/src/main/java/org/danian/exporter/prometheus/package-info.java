/**
 * The kernel's counters and latencies as a Prometheus scrape endpoint (OpenMetrics / Prometheus
 * text format), off unless configured.
 */
package org.danian.exporter.prometheus;
