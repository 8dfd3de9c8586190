package org.danian.framework.runtime;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntUnaryOperator;

import org.danian.framework.affinity.NativeThreads;
import org.danian.kernel.RunningKThread;
import org.danian.spi.KThreadView;

/**
 * One kthread of a proc: a platform thread that runs only on a core the scheduler granted,
 * pinned to it (Caladan's kthread, OSDI'20 §4.1). It is the {@link RunningKThread} that
 * {@code org.danian.kernel.Cede} reaches from task code.
 *
 * <p><b>Life.</b> Parked until woken for (core, generation) through its wake slot; then pins
 * itself to the core, publishes run done in the core's {@link CoreMailbox}, and runs tasks:
 * its own {@link TaskQueue}, then the proc's ingress queue, then steals ({@link StealOrder}:
 * the sibling core's kthread first, then the others from a random start). Between tasks it
 * checks whether it must cede (a cede request for its generation, or a newer post on its
 * core). Without work it spins {@link SpinThenPark} (2 µs), then waits in the packet driver
 * for its next packet while the driver allows it ({@link DriverLinger}), then parks in the mailbox, which
 * gives the core back or hands it directly to the kthread posted there meanwhile. A spinning
 * kthread (the first {@link RuntimeContext#spinningKThreads()} of its proc, Caladan's
 * {@code runtime_spinning_kthreads}) never parks for want of work: it keeps polling its core
 * until it is asked to cede, so a request finds it running, with no wake-up at all.
 *
 * <p><b>Memory ordering.</b> The wake slot ({@link KThreadWakeSlot}) is set by the waker before
 * {@link LockSupport#unpark} and taken with {@code getAndSet}; the current core is volatile
 * (siblings read it to order their steals); the generation and pin state are confined to
 * this thread. Counters have one writer, this thread, and are read opaquely.
 */
public final class KThreadRunner extends Thread implements RunningKThread {

    /** The wake slot's value when no wake is pending. */
    public static final long NO_WAKE = KThreadWakeSlot.NO_WAKE;

    private final ProcRuntime proc;
    private final int id;
    private final RuntimeContext context;
    private final TaskQueue queue = new TaskQueue();
    private final StealOrder stealOrder;
    private final IntUnaryOperator kthreadOnCore;
    private final BooleanSupplier workOrCede = this::hasWorkOrCede;
    private final KThreadCounters counters = new KThreadCounters();
    private final DriverLinger linger;
    /** Whether this kthread keeps its core when it runs out of work (Caladan's spinning kthreads). */
    private final boolean spinning;
    /** Continuations queued by this kthread's tasks; read by this thread only. */
    private long continuations;
    private int token = -1;
    private final KThreadWakeSlot wakeSlot = new KThreadWakeSlot();
    private volatile int core = KThreadView.NO_CORE;
    private volatile boolean stopping;
    private long generation;
    private int pinnedCore = KThreadView.NO_CORE;

    KThreadRunner(ProcRuntime proc, int id, RuntimeContext context, long seed) {
        super("danian-" + proc.name() + "-k" + id);
        setDaemon(true);
        this.proc = proc;
        this.id = id;
        this.context = context;
        this.stealOrder = new StealOrder(id, proc.kthreadCount(), context.topology(), seed);
        this.kthreadOnCore = proc::kthreadOnCore;
        this.spinning = id < context.spinningKThreads();
        this.linger = new DriverLinger(context, proc, this);
    }

    /** The runner of the calling thread, or null if it is not a kthread. */
    public static KThreadRunner current() {
        return Thread.currentThread() instanceof KThreadRunner runner ? runner : null;
    }

    /** Scheduler thread, before {@link #start()}: the mailbox token of this kthread. */
    public void token(int token) {
        this.token = token;
    }

    public int token() {
        return token;
    }

    public int kthreadId() {
        return id;
    }

    public ProcRuntime proc() {
        return proc;
    }

    /** This kthread's run queue. */
    public TaskQueue queue() {
        return queue;
    }

    /**
     * Whoever claimed the wake (the scheduler, or the kthread handing a core over): run on
     * {@code core} as {@code generation}. Any thread.
     */
    public void wake(int core, long generation) {
        wakeSlot.post(core, generation);
        LockSupport.unpark(this);
    }

    /** The pending wake, or {@link #NO_WAKE}; for deterministic tests that play the kthread. */
    public long pendingWake() {
        return wakeSlot.peek();
    }

    /**
     * Takes the pending wake as {@link #run()} would, or returns {@link #NO_WAKE}; for
     * deterministic tests that play the kthread without starting its thread.
     */
    public long takeWake() {
        return wakeSlot.take();
    }

    /** The core of a wake value. */
    public static int coreOf(long wake) {
        return KThreadWakeSlot.coreOf(wake);
    }

    /** The generation of a wake value. */
    public static long generationOf(long wake) {
        return KThreadWakeSlot.generationOf(wake);
    }

    /** Asks the thread to end: it leaves its core at the next task boundary and exits. */
    void stopRunning() {
        stopping = true;
        LockSupport.unpark(this);
        context.wakeDriverWaiter(); // if it waits in the driver, it is not parked
    }

    @Override
    public void run() {
        context.niceControl().applyToKThread();
        for (long granted = awaitWake(); granted != NO_WAKE; granted = awaitWake()) {
            runFrom(coreOf(granted), generationOf(granted));
        }
    }

    private long awaitWake() {
        long granted;
        while ((granted = wakeSlot.take()) == NO_WAKE) {
            if (stopping) {
                return NO_WAKE;
            }
            LockSupport.park(this);
        }
        return granted;
    }

    /** Runs on {@code granted} until it parks; then hands the core over if a post waits. */
    private void runFrom(int granted, long firstGeneration) {
        long current = firstGeneration;
        while (true) {
            startOn(granted, current);
            runOnCore(context.mailbox(granted));
            linger.releaseIfHeld(); // leaving the core: the scheduler thread polls again
            core = KThreadView.NO_CORE;
            long cpu = context.nativeThreads().currentThreadCpuNanos(); // one syscall per park
            if (cpu != NativeThreads.UNKNOWN_CPU_TIME) {
                proc.reportCpu(id, cpu);
            }
            CoreMailbox mailbox = context.mailbox(granted);
            mailbox.leaving(context.spin().now());
            long post = mailbox.park(current);
            if (post == CoreMailbox.NONE) {
                return;
            }
            if (CoreMailbox.kthreadOf(post) == token) {
                current = CoreMailbox.generationOf(post); // re-posted here meanwhile: keep running
                continue;
            }
            context.directory().get(CoreMailbox.kthreadOf(post)).wake(granted, CoreMailbox.generationOf(post));
            return;
        }
    }

    private void startOn(int granted, long newGeneration) {
        generation = newGeneration;
        if (pinnedCore != granted) {
            if (!context.nativeThreads().pin(granted)) {
                counters.bump(KThreadCounters.PIN_FAILURES);
            }
            pinnedCore = granted;
        }
        CoreMailbox mailbox = context.mailbox(granted);
        mailbox.starting(context.spin().now());
        mailbox.runDone(newGeneration);
        core = granted;
        proc.kthreadStarted(id);
        if (proc.ingress().size() > 1) {
            // More than this kthread takes at once waited for it: congestion for the scheduler
            // to judge, which may be waiting in the driver through this start (Engine.quiet).
            context.wakeBlockedScheduler();
        }
    }

    /** Runs tasks until a cede or until no work came within the spin; then it is counted out. */
    private void runOnCore(CoreMailbox mailbox) {
        while (true) {
            if (stopping || mailbox.shouldCede(generation)) {
                proc.kthreadLeaving();
                return;
            }
            Runnable task = nextTask();
            if (task != null) {
                runTask(task);
            } else if (!context.spin().awaitWork(workOrCede) && (!spinning || proc.isClosing())
                    && !linger.awaitWork(workOrCede)) {
                // Counted out first, then one more look: a submitter that offered before our
                // decrement sees us running; one that offered after sees zero and asks the
                // scheduler for a core (both sides fence, as in Dekker's protocol).
                proc.kthreadLeaving();
                if (stopping || mailbox.shouldCede(generation) || !hasWork()) {
                    return;
                }
                proc.kthreadReturning();
            }
        }
    }

    private Runnable nextTask() {
        Runnable task = queue.poll();
        if (task == null) {
            task = proc.ingress().poll();
        }
        return task != null ? task : steal();
    }

    private Runnable steal() {
        stealOrder.start(core, kthreadOnCore);
        for (int victim = stealOrder.next(); victim != StealOrder.NONE; victim = stealOrder.next()) {
            if (queue.stealFrom(proc.runner(victim).queue) > 0) {
                return queue.poll();
            }
        }
        return null;
    }

    private void runTask(Runnable task) {
        try {
            task.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            counters.bump(KThreadCounters.FAILED); // the workload's business: counted, not logged
        }
        counters.bump(KThreadCounters.COMPLETED);
    }

    private boolean hasWork() {
        return !queue.isEmpty() || !proc.ingress().isEmpty() || proc.othersHaveWork(id);
    }

    private boolean hasWorkOrCede() {
        int on = core;
        return hasWork() || stopping || (on != KThreadView.NO_CORE && context.mailbox(on).shouldCede(generation));
    }

    /** Task code on this thread: whether it should return soon so the kthread can cede. */
    @Override
    public boolean cedeRequested() {
        int on = core;
        return stopping || (on != KThreadView.NO_CORE && context.mailbox(on).shouldCede(generation));
    }

    /** Task code on this thread: queues {@code rest} at the head of this kthread's queue. */
    @Override
    public void continueWith(Runnable rest) {
        continuations++;
        proc.acceptContinuation();
        queue.offerFirst(rest, System.nanoTime());
    }

    /**
     * Continuations queued so far by tasks on this thread ({@link #continueWith}); this thread
     * only. A packet task compares it around its handler to learn that the handler handed the
     * packet to a continuation.
     */
    public long continuationsQueued() {
        return continuations;
    }

    /** Tasks this kthread ran to the end (including those that threw). */
    public long completedCount() {
        return counters.get(KThreadCounters.COMPLETED);
    }

    /** Tasks that threw. */
    public long failedCount() {
        return counters.get(KThreadCounters.FAILED);
    }

    /** Times pinning to a granted core failed (unpinned fallback, or a core outside the cpuset). */
    public long pinFailures() {
        return counters.get(KThreadCounters.PIN_FAILURES);
    }

    /** The core it runs on now (volatile), or {@link KThreadView#NO_CORE}. */
    int runningCore() {
        return core;
    }
}
