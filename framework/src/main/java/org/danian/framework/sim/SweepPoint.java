package org.danian.framework.sim;

/** One run of a sweep: its workload and offered load, and what it measured. */
public record SweepPoint(String workload, double load, SimResult result) {
}
