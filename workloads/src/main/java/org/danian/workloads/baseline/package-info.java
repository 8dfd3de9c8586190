/**
 * The baseline: the same handlers on plain Java, no Danian scheduling. Each socket has one
 * receive thread that hands every datagram to a fixed {@link
 * java.util.concurrent.ThreadPoolExecutor}, which runs the handler and sends the reply. This
 * is what a Java developer writes without the framework, so experiments show what the
 * framework buys.
 */
package org.danian.workloads.baseline;
