/**
 * Java Flight Recorder events of the kernel's operator-visible decisions: core grants, policy
 * swaps and ejections (JDK Flight Recorder, {@code jdk.jfr}). Record them with
 * {@code -XX:StartFlightRecording} in {@code DANIAN_JAVA_OPTS} or {@code jcmd <pid> JFR.start},
 * and read them in JDK Mission Control or with {@code jfr print --events org.danian.*}.
 * Each event is built and committed only when a recording enables it, so a run without a
 * recording pays nothing but a flag read. The grant event is the one raised on the scheduler
 * loop's per-grant path; it checks its type's flag before building anything, so that path stays
 * allocation-free without a recording ({@code CoreGrantEvent}).
 */
package org.danian.framework.flight;
