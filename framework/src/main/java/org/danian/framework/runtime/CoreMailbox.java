package org.danian.framework.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The per-core wake/park handshake between the scheduler thread and the kthreads that run on
 * one core: Caladan's ksched shared record (OSDI'20 §4.2), with generation numbers so that a
 * stale wake-up or cede never reaches a kthread scheduled later.
 *
 * <h2>Protocol</h2>
 * <ul>
 *   <li>The scheduler <em>posts</em> "run kthread K" ({@link #post(int)}): the posted kthread
 *       and a new generation, published together in one word.
 *   <li>Exactly one party <em>wakes</em> the kthread of a generation: whoever wins the claim
 *       on the core's occupancy word. If the core is idle, that is the scheduler ({@link
 *       #tryClaimWake(long)} after posting). If a kthread holds the core, it is that kthread
 *       when it parks: {@link #park(long)} hands the core over to the newest posted kthread.
 *       The claimant must then make the kthread run (unpark it, or keep running if it is
 *       itself, Caladan's "fast rewake").
 *   <li>The woken kthread publishes "run done" for its generation ({@link #runDone(long)});
 *       the scheduler's fast pass sees the switch finished ({@link #hasStarted(long)}) and,
 *       later, the kthread gone ({@link #hasLeft(long)}).
 *   <li>A cede request names the generation it is for ({@link #requestCede(long)}); the
 *       kthread of generation g asks {@link #shouldCede(long)} between tasks, which is true for
 *       a request for g or for a newer post, never for a request for an older generation.
 * </ul>
 * Occupancy states: IDLE (the last kthread parked), WAKING (claimed, not yet running), RUNNING.
 * Only the kthread that holds the core moves it out of RUNNING or WAKING; anyone may claim an
 * IDLE core, by compare-and-set, so two wakers never both win.
 *
 * <h2>Memory ordering</h2>
 * Every access to the three words is volatile (sequentially consistent). The parking side
 * writes "idle" then re-reads the post, while the scheduler writes the post then reads the
 * occupancy: with both orders sequentially consistent, at least one of them sees the other's
 * write, so a post to a core that just went idle is never lost. {@link #shouldCede(long)}
 * polls with acquire loads.
 *
 * <p>Generations are 40-bit and compared as sequence numbers (modulo 2^40), so wrapping is
 * harmless unless a caller holds on to a generation across 2^39 later posts to the same
 * core (two months of a post every 10 µs).
 * Kthread tokens are 24-bit. Allocation-free; one instance per core. Not padded against false
 * sharing: its words are written once per grant or park, not in a loop.
 */
public final class CoreMailbox {

    /** Largest kthread token {@link #post(int)} accepts. */
    public static final int MAX_KTHREAD = (1 << 24) - 1;
    /** Returned by {@link #park(long)} when no kthread is to be woken: the core is now idle. */
    public static final long NONE = -1L;

    private static final int KTHREAD_BITS = 24;
    private static final long GENERATION_MASK = (1L << 40) - 1;
    private static final long IDLE = 0;
    private static final long WAKING = 1;
    private static final long RUNNING = 2;
    private static final VarHandle POSTED;
    private static final VarHandle OCCUPANT;
    private static final VarHandle CEDE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            POSTED = lookup.findVarHandle(CoreMailbox.class, "posted", long.class);
            OCCUPANT = lookup.findVarHandle(CoreMailbox.class, "occupant", long.class);
            CEDE = lookup.findVarHandle(CoreMailbox.class, "cede", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** (generation << 24) | kthread of the latest post; generation 0 means none yet. */
    @SuppressWarnings("unused") // through POSTED
    private volatile long posted;
    /** (generation << 2) | state of the core. */
    @SuppressWarnings("unused") // through OCCUPANT
    private volatile long occupant;
    /**
     * When the last kthread to leave the core said it left, on the kthreads' clock; written by
     * that kthread before {@link #park(long)}, whose volatile compare-and-set publishes it to
     * the scheduler's next read of the occupancy. Plain: one writer at a time (the holder).
     */
    private long leftAtNanos;
    /** When the kthread of the latest claim started, on the kthreads' clock; as {@link #leftAtNanos}. */
    private long startedAtNanos;
    /** Generation the latest cede request is for, or NONE. */
    @SuppressWarnings("unused") // through CEDE
    private volatile long cede = NONE;

    /** The generation part of a value returned by {@link #park(long)} or {@link #posted()}. */
    public static long generationOf(long post) {
        return post >>> KTHREAD_BITS;
    }

    /** The kthread part of a value returned by {@link #park(long)} or {@link #posted()}. */
    public static int kthreadOf(long post) {
        return (int) (post & MAX_KTHREAD);
    }

    /**
     * Scheduler thread only: asks the core to run {@code kthread}. If the core is idle, follow
     * with {@link #tryClaimWake(long)}; if a kthread holds it, that one hands over when it
     * parks (send it {@link #requestCede(long)} to make it park soon).
     *
     * @return the new generation
     * @throws IllegalArgumentException if {@code kthread} is outside 0..{@link #MAX_KTHREAD}
     */
    public long post(int kthread) {
        if (kthread < 0 || kthread > MAX_KTHREAD) {
            throw new IllegalArgumentException("kthread token out of 0.." + MAX_KTHREAD + ": " + kthread);
        }
        long generation = (generationOf((long) POSTED.getVolatile(this)) + 1) & GENERATION_MASK;
        POSTED.setVolatile(this, (generation << KTHREAD_BITS) | kthread);
        return generation;
    }

    /** The latest post, as (generation, kthread); decode with {@link #generationOf}/{@link #kthreadOf}. */
    public long posted() {
        return (long) POSTED.getVolatile(this);
    }

    /**
     * Claims the right to wake the kthread of {@code generation} on an idle core. Called by the
     * scheduler after {@link #post(int)}; {@link #park(long)} calls it for a parking kthread.
     *
     * @return {@code true} if the caller won and must wake that kthread; {@code false} if the
     *     core is not idle (its holder will hand over) or someone else already claimed
     */
    public boolean tryClaimWake(long generation) {
        long seen = (long) OCCUPANT.getVolatile(this);
        if ((seen & 3) != IDLE || !isNewer(generation, seen >>> 2)) {
            return false; // busy, or a late claim for a generation the core already ran past
        }
        return OCCUPANT.compareAndSet(this, seen, (generation << 2) | WAKING);
    }

    /**
     * The kthread woken for {@code generation}, now running on the core, publishes "run done".
     *
     * @throws IllegalStateException if the core was not claimed for {@code generation}: the
     *     caller was not the woken kthread, or was woken spuriously
     */
    public void runDone(long generation) {
        if (!OCCUPANT.compareAndSet(this, (generation << 2) | WAKING, (generation << 2) | RUNNING)) {
            throw new IllegalStateException("core not claimed for generation " + generation
                    + "; occupant is " + describe((long) OCCUPANT.getVolatile(this)));
        }
    }

    /** Scheduler's fast pass: whether the kthread of {@code generation} is running (switch done). */
    public boolean isRunning(long generation) {
        return (long) OCCUPANT.getVolatile(this) == ((generation << 2) | RUNNING);
    }

    /**
     * Scheduler's fast pass: whether the kthread of {@code generation} has started on the core
     * (published run done), including if it has already left it again.
     */
    public boolean hasStarted(long generation) {
        long seen = (long) OCCUPANT.getVolatile(this);
        long occupying = seen >>> 2;
        return occupying == generation ? (seen & 3) != WAKING : isNewer(occupying, generation);
    }

    /**
     * Scheduler's fast pass: whether the kthread of {@code generation} has given the core up,
     * by parking ({@code IDLE} at its generation) or by handing it to a newer post.
     */
    public boolean hasLeft(long generation) {
        long seen = (long) OCCUPANT.getVolatile(this);
        long occupying = seen >>> 2;
        return occupying == generation ? (seen & 3) == IDLE : isNewer(occupying, generation);
    }

    /** Scheduler's fast pass: whether the core is idle and nothing posted is waiting for it. */
    public boolean isIdle() {
        long seen = (long) OCCUPANT.getVolatile(this);
        return (seen & 3) == IDLE && (seen >>> 2) == generationOf(posted());
    }

    /**
     * Scheduler thread: asks the kthread of {@code generation} to give the core back. A request
     * for a generation that is no longer running is never seen by a later one.
     */
    public void requestCede(long generation) {
        CEDE.setVolatile(this, generation);
    }

    /**
     * The running kthread of {@code generation}, between tasks: whether it should park now,
     * because a cede was requested for its generation or another kthread was posted since.
     */
    public boolean shouldCede(long generation) {
        return (long) CEDE.getAcquire(this) == generation
                || generationOf((long) POSTED.getAcquire(this)) != generation;
    }

    /**
     * The running kthread of {@code generation} gives the core back.
     *
     * @return {@link #NONE} if the core is now idle; otherwise the post (generation, kthread)
     *     the caller must wake: unpark that kthread, or carry on as that generation after
     *     {@link #runDone(long)} if it is the caller itself
     * @throws IllegalStateException if the kthread of {@code generation} is not running here
     */
    public long park(long generation) {
        long running = (generation << 2) | RUNNING;
        long post = posted();
        if (generationOf(post) != generation) {
            // Hand over directly: a newer post is waiting and the core is ours to give.
            if (!OCCUPANT.compareAndSet(this, running, (generationOf(post) << 2) | WAKING)) {
                throw notRunning(generation);
            }
            return post;
        }
        if (!OCCUPANT.compareAndSet(this, running, (generation << 2) | IDLE)) {
            throw notRunning(generation);
        }
        // Re-read after going idle: a post that raced with us is claimed by us or by the scheduler.
        post = posted();
        return generationOf(post) != generation && tryClaimWake(generationOf(post)) ? post : NONE;
    }

    /**
     * The holding kthread, just before {@link #park(long)}: the time it stops using the core.
     * The scheduler may observe the park later (it waits in the packet driver while the
     * cores it granted have nothing queued), and accounts the core up to this time instead.
     */
    public void leaving(long nowNanos) {
        leftAtNanos = nowNanos;
    }

    /**
     * The woken kthread, just before {@link #runDone(long)}: the time it starts on the core.
     * The scheduler may observe the start later, and measures the grant's latency to this time.
     */
    public void starting(long nowNanos) {
        startedAtNanos = nowNanos;
    }

    /** Scheduler's fast pass, after {@link #hasStarted(long)} was true: when the kthread started. */
    public long startedAtNanos() {
        return startedAtNanos;
    }

    /** Scheduler's fast pass, after {@link #hasLeft(long)} was true: when the kthread left. */
    public long leftAtNanos() {
        return leftAtNanos;
    }

    /** Sequence-number order on 40-bit generations: {@code a} is less than 2^39 posts after {@code b}. */
    private static boolean isNewer(long a, long b) {
        long distance = (a - b) & GENERATION_MASK;
        return distance != 0 && distance < (1L << 39);
    }

    private IllegalStateException notRunning(long generation) {
        return new IllegalStateException("generation " + generation + " is not running on this core; occupant is "
                + describe((long) OCCUPANT.getVolatile(this)));
    }

    private static String describe(long occupant) {
        String[] states = {"IDLE", "WAKING", "RUNNING", "?"};
        return states[(int) (occupant & 3)] + "@" + (occupant >>> 2);
    }

    @Override
    public String toString() {
        long post = posted();
        return "CoreMailbox[posted=" + kthreadOf(post) + "@" + generationOf(post) + ", occupant="
                + describe((long) OCCUPANT.getVolatile(this)) + ", cede@" + (long) CEDE.getVolatile(this) + "]";
    }
}
