package org.danian.framework.engine;

/**
 * The kernel's own copy of one proc's idle set, in park order (oldest first), intrusive over
 * {@link KThreadEntry} so that park and unpark allocate nothing and cost O(1).
 *
 * <p>The picker owns the decision; this list is what lets the kernel replay the idle set into
 * a new picker during a swap or a fallback, check the picker's answers, and serve grants with
 * its built-in least-recently-parked rule when no policy is active. Scheduler thread only.
 */
final class IdleList {

    private KThreadEntry oldest;
    private KThreadEntry newest;
    private int size;

    /** Appends a kthread that just parked; it must not be idle. */
    void append(KThreadEntry kthread) {
        kthread.idle = true;
        kthread.older = newest;
        kthread.newer = null;
        if (newest != null) {
            newest.newer = kthread;
        } else {
            oldest = kthread;
        }
        newest = kthread;
        size++;
    }

    /** Unlinks an idle kthread of this list. */
    void remove(KThreadEntry kthread) {
        KThreadEntry before = kthread.older;
        KThreadEntry after = kthread.newer;
        if (before != null) {
            before.newer = after;
        } else {
            oldest = after;
        }
        if (after != null) {
            after.older = before;
        } else {
            newest = before;
        }
        kthread.older = null;
        kthread.newer = null;
        kthread.idle = false;
        size--;
    }

    /** The least recently parked kthread, or null if the list is empty. */
    KThreadEntry oldest() {
        return oldest;
    }

    int size() {
        return size;
    }
}
