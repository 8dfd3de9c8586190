package org.danian.policy.lottery;

import java.util.SplittableRandom;

import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPicker;

/**
 * One proc's idle set as a {@link TicketTree} over kthread ids: an idle kthread's slot holds
 * its tickets, any other slot 0. A pick draws a ticket uniformly from the idle total and
 * removes the kthread that holds it. The picker owns its random stream, so a proc's draws
 * depend only on the seed and on the calls it receives.
 */
final class LotteryPicker implements ThreadPicker {

    private final ProcView proc;
    private final TicketTree tree;
    /** Tickets each idle kthread entered the tree with; 0 while it is not idle. */
    private final int[] ticketsInTree;
    private final SplittableRandom random;
    private int idleCount;

    LotteryPicker(ProcView proc, SplittableRandom random) {
        this.proc = proc;
        this.tree = new TicketTree(proc.kthreadCount());
        this.ticketsInTree = new int[proc.kthreadCount()];
        this.random = random;
    }

    @Override
    public void parked(KThreadView kthread, int core) {
        int id = kthread.id();
        int tickets = kthread.tickets();
        if (ticketsInTree[id] != 0) {
            throw new IllegalStateException("kthread " + id + " is already in the idle set");
        }
        if (tickets < 1) {
            throw new IllegalArgumentException("kthread " + id + " has fewer than one ticket: " + tickets);
        }
        ticketsInTree[id] = tickets;
        tree.add(id, tickets);
        idleCount++;
    }

    @Override
    public KThreadView pick(int core) {
        if (idleCount == 0) {
            return null;
        }
        // The core plays no part: a lottery trades locality for proportional share.
        int winner = tree.slotOfTicket(random.nextLong(tree.total()));
        leave(winner);
        return proc.kthread(winner);
    }

    @Override
    public void removed(KThreadView kthread) {
        int id = kthread.id();
        if (ticketsInTree[id] == 0) {
            throw new IllegalStateException("kthread " + id + " is not in the idle set");
        }
        leave(id);
    }

    private void leave(int id) {
        // Subtract what was added at park, even if the view's tickets changed since.
        tree.add(id, -ticketsInTree[id]);
        ticketsInTree[id] = 0;
        idleCount--;
    }

    @Override
    public int idleCount() {
        return idleCount;
    }
}
