/**
 * Wire formats of the workloads, as static accessors over a {@link java.nio.ByteBuffer}
 * (absolute reads and writes: no position is moved, nothing is allocated): Caladan's synthetic
 * request, Caladan's 2021 netperf handshake and echo, and sockperf's message header.
 */
package org.danian.workloads.protocol;
