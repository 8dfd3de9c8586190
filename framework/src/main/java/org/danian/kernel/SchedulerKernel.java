package org.danian.kernel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;
import org.danian.spi.net.DriverCounters;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The scheduler kernel: it owns the procs, their kthreads and their idle sets, and the active
 * thread-pick policy, whose per-proc pickers choose the kthread that runs on a granted core.
 *
 * <p><b>Threading.</b> Every method may be called from any thread except the kernel's own
 * scheduler thread (which includes every policy callback: a policy must never call back into
 * the kernel; doing so throws {@link IllegalStateException}). Each call is carried out on the
 * scheduler thread, between two loop iterations and one at a time, in the order calls were
 * made; the caller blocks until it is done. When a method returns, every state change it made
 * and every change made before it is visible to the caller, including through the
 * {@link ProcView}s and {@link KThreadView}s the kernel handed out (read them for identity and
 * last core; for a consistent picture of many objects use {@link #status()}).
 *
 * <p><b>Guarantees to policies</b> (see {@link org.danian.spi.pick.ThreadPicker}): a kthread
 * is passed to {@code parked} only when it is not idle, to {@code pick}'s caller and to
 * {@code removed} only when it is idle; its {@code lastCore} is set to the granted core
 * before any policy hears of it again; a swap replays each idle set into the new pickers in
 * park order. At every moment each kthread of a live proc is either running on exactly one
 * core or in exactly one idle set.
 *
 * <p><b>Failsafe.</b> A picker that throws, returns a kthread that is not idle or not its
 * proc's, returns none while some are idle, or reports an idle count that disagrees with the
 * kernel's, gets its policy ejected: the kernel logs the reason once, counts it, and goes back
 * to the last good policy, else {@code caladan}, else to its built-in least-recently-parked
 * rule (and says so in {@link #status()}). The grant that revealed the fault is still served.
 *
 * <p>After the kernel has stopped (its bundle stopping), every method throws
 * {@link IllegalStateException}.
 */
@ProviderType
public interface SchedulerKernel {

    /** The ConfigAdmin PID of the kernel's configuration. */
    String CONFIGURATION_PID = "org.danian.kernel";

    /** Configuration property: the name of the thread-pick policy to run. */
    String THREAD_PICK_PROPERTY = "threadPick";

    /** Configuration property: the name of the core-allocation policy to run. */
    String CORE_ALLOCATION_PROPERTY = "coreAllocation";

    /** Name of the reference thread-pick policy, the last rung of the fallback ladder. */
    String REFERENCE_THREAD_PICK = "caladan";

    /** The cores the kernel schedules and their siblings; constant, any thread, no blocking. */
    CoreTopology topology();

    /**
     * Creates a proc whose kthreads are all idle, never run, parked in id order.
     *
     * <p>The active thread-pick policy builds the proc's picker and hears each kthread park
     * with {@link KThreadView#NO_CORE}.
     *
     * @param spec the proc's spec; its name must not be used by a live proc
     * @return the proc; its {@link ProcView#kthread(int)} are the kthreads to pass to
     *     {@link #park} and that {@link #grant} returns
     * @throws IllegalArgumentException if the name is taken
     */
    ProcView createProc(ProcSpec spec);

    /**
     * Starts a live proc: {@code spec.kthreads()} platform threads, parked until the core
     * allocator grants the proc a core, with run queues, work stealing, an ingress queue and
     * cooperative cede (see {@link LiveProc}). The active core allocator attaches it (Caladan's
     * {@code proc_attach}) and grants it cores as it becomes congested, up to
     * {@code spec.maxCores()}, keeping {@code spec.guaranteedCores()} for it.
     *
     * <p>Any thread but the scheduler thread; returns once the proc is attached and its
     * threads are started. Close it with {@link LiveProc#close()} (or {@link #closeProc} with
     * its view, which does the same).
     *
     * @param spec the proc's spec; its name must not be used by a live proc
     * @return the running proc; never null
     * @throws IllegalArgumentException if the name is taken, or the core allocator refuses the
     *     proc (for instance, its guarantee does not fit beside the others'); the message says
     *     which
     */
    LiveProc startProc(ProcSpec spec);

    /**
     * Ends a proc: its idle kthreads leave the idle set (the picker hears
     * {@code removed}), its running kthreads leave their cores, which become free.
     *
     * <p>For a proc started with {@link #startProc}, this is {@link LiveProc#close()}: it
     * drains the proc first and blocks until done.
     *
     * @throws IllegalArgumentException if {@code proc} is not a live proc of this kernel
     */
    void closeProc(ProcView proc);

    /**
     * A running kthread parked: it gave back the core it ran on and joins its proc's idle set
     * (Caladan: the kthread is pushed at the head of {@code idle_threads}). The picker hears
     * {@code parked(kthread, core)} with the core it left.
     *
     * @throws IllegalArgumentException if {@code kthread} is not a kthread of a live proc of
     *     this kernel
     * @throws IllegalStateException if it is not running
     */
    void park(KThreadView kthread);

    /**
     * Grants a free core to a proc: its thread picker chooses an idle kthread, which from then
     * on runs on {@code core} and has it as its {@code lastCore} (Caladan's
     * {@code sched_run_on_core}). If the picker breaks its contract, its policy is ejected and
     * the grant is served by the fallback.
     *
     * @param proc a live proc of this kernel
     * @param core a core of {@link #topology()} on which no kthread runs
     * @return the kthread now running on {@code core}; null, changing nothing, if the proc has
     *     no idle kthread (an expected outcome)
     * @throws IllegalArgumentException if the proc is not a live proc of this kernel or the
     *     core is out of range
     * @throws IllegalStateException if a kthread already runs on {@code core}
     */
    KThreadView grant(ProcView proc, int core);

    /**
     * Every policy service the kernel knows of, thread-pick policies first, each kind by name.
     */
    List<PolicyInfo> policies();

    /** The name of the active thread-pick policy; empty if none is active. */
    Optional<String> activeThreadPickPolicy();

    /**
     * Hot-swaps the thread-pick policy (Danian paper §6): on the scheduler thread, between
     * two iterations, builds the named policy's picker for every live proc and replays the
     * proc's idle set into it in park order; only when every picker is built does it switch.
     * If anything throws or a new picker's idle count disagrees, the swap is abandoned and
     * the current policy stays; this is counted and the reason recorded.
     *
     * <p>The named policy becomes the kernel's target until the configuration changes: if its
     * service later goes away, the fallback applies, and if it comes back, it is activated
     * again. This call does not persist the choice; {@code danian:policy <name>} does, by
     * updating the configuration. An explicit swap to an ejected policy is allowed (the
     * operator asked for it) and clears its ejection.
     *
     * <p>Callable from benchmarks to measure the pause: {@link SwapResult#pauseNanos()}.
     *
     * @param name the name of an installed thread-pick policy
     * @return what happened; never null
     * @throws IllegalArgumentException if no thread-pick policy has that name; the message
     *     lists the valid names
     */
    SwapResult swapThreadPickPolicy(String name);

    /** A consistent snapshot of procs, kthreads, cores, policies and events. */
    KernelStatus status();

    /**
     * Checks the kernel's invariant: each kthread of a live proc runs on exactly one core (and
     * that core's record names it) or is in exactly one idle set (its proc's, once, in park
     * order), and every picker's idle count equals its proc's. For tests and diagnostics: it
     * walks every proc and allocates.
     *
     * @return one line per violation; empty if the invariant holds
     */
    List<String> invariantViolations();

    /**
     * Opens a UDP port on the kernel's packet driver (the kernel UDP driver, created at the
     * first call) and steers its datagrams to {@code proc}: the scheduler loop polls the driver
     * every iteration, queues each packet on the proc's ingress queue, and a kthread of the
     * proc runs {@code handler} on it (see {@link PacketPort} and {@link PacketHandler}).
     * Packets for a proc with no running kthread raise its core-needed signal, as any ingress
     * does. A packet the proc cannot take (it is closing, or the driver's packets are all
     * held) is dropped and counted in {@link #packetCounters()}.
     *
     * <p>Any thread but the scheduler thread, a task of {@code proc} included (the netperf
     * handshake opens ports from a request); returns once the port is bound and attached.
     *
     * @param local the address to bind; port 0 asks for any free port
     * @param proc a live proc of this kernel, not closing
     * @param handler what runs for each packet
     * @return the open port; close it when done
     * @throws IOException if the address cannot be bound (in use, not a local address)
     * @throws IllegalArgumentException if {@code proc} is not a live proc of this kernel, or is
     *     closing; the message names it
     * @since 1.2
     */
    PacketPort openPort(InetSocketAddress local, LiveProc proc, PacketHandler handler) throws IOException;

    /**
     * The kernel packet driver's counters since the kernel started, all ports together: every
     * datagram received is counted once as delivered or under one drop reason. All zero while
     * no port was ever opened. Any thread; does not block.
     *
     * @since 1.2
     */
    DriverCounters packetCounters();
}
