package org.danian.framework.runtime;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.danian.framework.affinity.NativeThreads;
import org.danian.spi.CoreTopology;

/**
 * What every kthread of one kernel shares with the scheduler: the per-core mailboxes, the
 * token directory, native thread control, the spin before parking, and the signal by which a
 * submitter tells the scheduler that a proc holding no core got work (Caladan's
 * {@code notify_core_needed}).
 *
 * <p>Built by the kernel once; every field is final, so the object is safely published to
 * the kthreads that receive it in their constructor. The signal is an {@link AtomicBoolean}:
 * raised with a compare-and-set by submitters, taken with {@code getAndSet} by the scheduler.
 */
public final class RuntimeContext {

    private final CoreTopology topology;
    private final CoreMailbox[] mailboxes;
    private final RunnerDirectory directory = new RunnerDirectory();
    private final NativeThreads nativeThreads;
    private final SpinThenPark spin;
    private final int spinningKThreads;
    private final ThreadNiceControl niceControl;
    private final AtomicBoolean coreNeeded = new AtomicBoolean();
    private final PollingBaton pollingBaton = new PollingBaton();
    /** Bumped when work comes that a kthread waiting in the driver must not sit on; see {@link #breakLinger}. */
    private final AtomicLong lingerBreaks = new AtomicLong();
    private volatile Thread scheduler;
    private volatile Runnable schedulerWaker;
    /** Whether the scheduler thread is (about to be) blocked in the packet driver; see {@link #schedulerBlocking}. */
    private volatile boolean schedulerBlocking;

    /**
     * @param topology the kernel's cores; one mailbox is created per core
     * @param nativeThreads pins kthreads to their granted core
     * @param spin how long a kthread polls for work before parking
     */
    public RuntimeContext(CoreTopology topology, NativeThreads nativeThreads, SpinThenPark spin) {
        this(topology, nativeThreads, spin, 0);
    }

    /**
     * @param spinningKThreads how many kthreads of each proc (the lowest ids) keep polling on a
     *     granted core instead of parking when they run out of work (Caladan's
     *     {@code runtime_spinning_kthreads}); 0 lets every kthread park
     * @throws IllegalArgumentException if {@code spinningKThreads} is negative
     */
    public RuntimeContext(CoreTopology topology, NativeThreads nativeThreads, SpinThenPark spin,
                          int spinningKThreads) {
        this(topology, nativeThreads, spin, spinningKThreads, ThreadNiceControl.leaveAsIs(nativeThreads));
    }

    /**
     * @param niceControl sets the nice value of the scheduler thread and the kthreads
     * @throws IllegalArgumentException if {@code spinningKThreads} is negative
     */
    public RuntimeContext(CoreTopology topology, NativeThreads nativeThreads, SpinThenPark spin,
                          int spinningKThreads, ThreadNiceControl niceControl) {
        this.niceControl = Objects.requireNonNull(niceControl, "niceControl");
        if (spinningKThreads < 0) {
            throw new IllegalArgumentException("spinningKThreads must not be negative: " + spinningKThreads);
        }
        this.spinningKThreads = spinningKThreads;
        this.topology = topology;
        this.nativeThreads = nativeThreads;
        this.spin = spin;
        this.mailboxes = new CoreMailbox[topology.coreCount()];
        for (int core = 0; core < mailboxes.length; core++) {
            mailboxes[core] = new CoreMailbox();
        }
    }

    public CoreTopology topology() {
        return topology;
    }

    /** The mailbox of {@code core}. */
    public CoreMailbox mailbox(int core) {
        return mailboxes[core];
    }

    public RunnerDirectory directory() {
        return directory;
    }

    public NativeThreads nativeThreads() {
        return nativeThreads;
    }

    public SpinThenPark spin() {
        return spin;
    }

    /** Sets the nice value of the scheduler thread and the kthreads when they start. */
    public ThreadNiceControl niceControl() {
        return niceControl;
    }

    /** How many kthreads of each proc keep polling their core instead of parking. */
    public int spinningKThreads() {
        return spinningKThreads;
    }

    /** The scheduler thread, unparked when a proc needs a core; set once it runs. */
    public void schedulerThread(Thread thread) {
        this.scheduler = thread;
    }

    /**
     * The scheduler thread, before its first iteration: what else wakes it when a proc needs
     * a core, besides an unpark (it may be blocked in the packet driver's selector). The waker
     * runs on the raising thread after the flag is set, so it must be cheap and must not block.
     */
    public void schedulerWaker(Runnable waker) {
        this.schedulerWaker = waker;
    }

    /** Any thread: some proc needs a core; wakes the scheduler if it backed off. */
    void raiseCoreNeeded() {
        if (!coreNeeded.get() && coreNeeded.compareAndSet(false, true)) {
            wakeScheduler();
        }
    }

    /**
     * Any thread: wakes the scheduler thread wherever it waits, parked (an unpark) or in the
     * packet driver (the waker).
     */
    void wakeScheduler() {
        unparkScheduler();
        Runnable waker = schedulerWaker;
        if (waker != null) {
            waker.run();
        }
    }

    /**
     * Scheduler thread, around a wait in the packet driver while cores are granted: set before
     * it re-checks the queues of the procs it granted cores to, cleared after the wait. A
     * submitter that offered work to a proc with a running kthread and then reads it set
     * wakes the scheduler ({@link #wakeBlockedScheduler()}), so the queue's congestion is
     * judged within a poll interval even though no core-needed signal is due (both sides write,
     * then read, volatile fields: Dekker's protocol).
     */
    public void schedulerBlocking(boolean blocking) {
        this.schedulerBlocking = blocking;
    }

    /** Any thread: whether the scheduler thread is (about to be) blocked in the packet driver. */
    public boolean isSchedulerBlocking() {
        return schedulerBlocking;
    }

    /**
     * Any thread, after offering work (or starting on a core) and a volatile write: ends a
     * wait the scheduler began without seeing it.
     */
    void wakeBlockedScheduler() {
        if (schedulerBlocking) {
            Runnable waker = schedulerWaker;
            if (waker != null) {
                waker.run();
            }
        }
    }

    /**
     * Scheduler thread: asks the kthread running on {@code core} as {@code generation} to cede
     * ({@link CoreMailbox#requestCede}); a kthread waiting in the packet driver sees the request
     * only once its wait ends, so it is ended ({@link #wakeDriverWaiter()}).
     */
    public void requestCede(int core, long generation) {
        mailboxes[core].requestCede(generation);
        wakeDriverWaiter();
    }

    /** Who polls the packet driver: the scheduler thread, or a kthread waiting there for work. */
    public PollingBaton pollingBaton() {
        return pollingBaton;
    }

    /**
     * Any thread, after something a kthread waiting in the packet driver must see (the
     * scheduler asked a core to cede, a proc began to close): that kthread (it holds the polling
     * baton) sees nothing until its wait ends, so end it. Whatever changed, the holder re-checks
     * and, if it was not for it, goes back to its wait.
     */
    public void wakeDriverWaiter() {
        if (!pollingBaton.atScheduler()) {
            pollingBaton.poller().wakeup();
        }
        nudgeBatonWaiter(); // and one still waiting for the baton
    }

    /**
     * Any thread, after offering work to {@code proc}: a kthread waiting in the driver (or for
     * the baton) holds a core that is idle in all but name, so unless the offer comes from one
     * of {@code proc}'s own kthreads (which will run the work) it stops waiting and parks, and
     * the core is free for the proc that needs it. Costs one volatile read while no kthread
     * waits, the common case when the scheduler thread steers a packet.
     */
    void breakLinger(ProcRuntime proc) {
        if (pollingBaton.isFree()) {
            return;
        }
        KThreadRunner offering = KThreadRunner.current();
        if (offering == null || offering.proc() != proc) {
            lingerBreaks.incrementAndGet();
            wakeDriverWaiter();
        }
    }

    /** How often {@link #breakLinger} broke a wait; a waiting kthread compares it. */
    long lingerBreaks() {
        return lingerBreaks.get();
    }

    /** Any thread: unparks the scheduler thread (a park, not a wait in the driver). */
    void unparkScheduler() {
        Thread thread = scheduler;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Any thread, after work was offered: unparks the kthread waiting for the polling baton, if
     * any, so that it sees the work instead of waiting out its linger.
     */
    public void nudgeBatonWaiter() {
        int token = pollingBaton.wanting();
        if (token >= 0) {
            LockSupport.unpark(directory.get(token));
        }
    }

    /** Any thread: whether core-needed is raised and not yet taken (a volatile read). */
    public boolean coreNeededPending() {
        return coreNeeded.get();
    }

    /** Scheduler thread: whether some proc raised core-needed since the last call; clears it. */
    public boolean takeCoreNeeded() {
        return coreNeeded.get() && coreNeeded.getAndSet(false);
    }
}
