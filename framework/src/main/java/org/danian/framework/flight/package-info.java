/**
 * Java Flight Recorder events of the kernel's rare, operator-visible decisions: policy swaps
 * and ejections (JDK Flight Recorder, {@code jdk.jfr}). Record them with
 * {@code -XX:StartFlightRecording} in {@code DANIAN_JAVA_OPTS} or {@code jcmd <pid> JFR.start},
 * and read them in JDK Mission Control or with {@code jfr print --events org.danian.*}.
 * Each event is built and committed only when a recording enables it, so a run without a
 * recording pays nothing; none is raised on the scheduler loop's per-grant path.
 */
package org.danian.framework.flight;
