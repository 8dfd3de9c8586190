package org.danian.kernel;

import java.io.IOException;
import java.net.InetSocketAddress;

import org.danian.spi.CoreTopology;
import org.danian.spi.ProcSpec;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The scheduler kernel as workloads use it: start a proc whose kthreads run on the cores the
 * kernel grants, and steer the packets of a UDP port to it. Operators and tools use the other
 * face of the same kernel, {@link KernelAdmin}.
 *
 * <p><b>Threading.</b> Every method may be called from any thread except the kernel's own
 * scheduler thread (which runs every policy callback: a policy must never call back into the
 * kernel; doing so throws {@link IllegalStateException}). Calls that change scheduling state
 * are carried out on the scheduler thread, between two loop iterations and one at a time; the
 * caller blocks until it is done and then sees its result.
 *
 * <p>After the kernel has stopped (its bundle stopping), every method but {@link #topology()}
 * throws {@link IllegalStateException}.
 */
@ProviderType
public interface SchedulerKernel {

    /** The cores the kernel schedules and their siblings; constant, any thread, no blocking. */
    CoreTopology topology();

    /**
     * Starts a live proc: {@code spec.kthreads()} platform threads, parked until the core
     * allocator grants the proc a core, with run queues, work stealing, an ingress queue and
     * cooperative cede (see {@link LiveProc}). The active core allocator attaches it (Caladan's
     * {@code proc_attach}) and grants it cores as it becomes congested, up to
     * {@code spec.maxCores()}, keeping {@code spec.guaranteedCores()} for it; the active
     * thread-pick policy builds its picker.
     *
     * <p>Returns once the proc is attached and its threads are started. Close it with
     * {@link LiveProc#close()}.
     *
     * @param spec the proc's spec; its name must not be used by a live proc
     * @return the running proc; never null
     * @throws IllegalArgumentException if the name is taken, or the core allocator refuses the
     *     proc (for instance, its guarantee does not fit beside the others'); the message says
     *     which
     */
    LiveProc startProc(ProcSpec spec);

    /**
     * Opens a UDP port on the kernel's packet driver (the one the setting
     * {@link KernelSettings#packetDriver()} names) and steers its datagrams to {@code proc}:
     * the scheduler loop polls the driver every iteration, queues each packet on the proc's
     * ingress queue, and a kthread of the proc runs {@code handler} on it (see
     * {@link PacketPort} and {@link PacketHandler}). Packets for a proc with no running
     * kthread raise its core-needed signal, as any ingress does. A packet the proc cannot take
     * (it is closing, or every pooled packet is held) is dropped and counted in
     * {@link DriverStatus#counters()}.
     *
     * <p>A task of {@code proc} may call it (the netperf handshake opens ports from a request);
     * returns once the port is bound and attached.
     *
     * @param local the address to bind; port 0 asks for any free port
     * @param proc a live proc of this kernel, not closing
     * @param handler what runs for each packet
     * @return the open port; close it when done
     * @throws IOException if the address cannot be bound (in use, not a local address), or the
     *     configured packet driver is not installed (the message names it)
     * @throws IllegalArgumentException if {@code proc} is not a live proc of this kernel, or is
     *     closing; the message names it
     */
    PacketPort openPort(InetSocketAddress local, LiveProc proc, PacketHandler handler) throws IOException;
}
