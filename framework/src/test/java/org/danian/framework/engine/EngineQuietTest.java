package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.danian.spi.CoreTopology;
import org.danian.spi.Priority;
import org.danian.spi.ProcSpec;
import org.junit.jupiter.api.Test;

/**
 * When the live loop may wait for a packet instead of polling while cores are granted
 * ({@link Engine#quiet()}) or without a timeout ({@link Engine#idle()}), when a proc waiting for a
 * core keeps that wait short ({@link Engine#procWaitsForCore()}), how a park it notices
 * late is accounted (at the time the kthread said it left, not when the loop saw it), and that
 * a core-needed signal whose work is already gone wakes no kthread.
 */
class EngineQuietTest {

    private final EngineHarness machine = new EngineHarness(CoreTopology.noSiblings(3), EngineHarness.DIRECTED, 1, 2);

    @Test
    void quietOnlyWhileEveryGrantStartedAndNothingIsQueuedBehindIt() {
        ProcEntry proc = machine.proc("echo", 2);
        assertTrue(machine.engine.quiet(), "nothing granted");

        proc.runtime.tryIngress(() -> { }, machine.now);
        machine.context.grant(1, proc);
        assertTrue(machine.engine.quiet(), "a grant in flight: the waking proc's packet is the kthread's to take");
        KThreadEntry running = machine.run(proc);
        assertFalse(machine.engine.quiet(), "started (seen in the mailbox before the fast pass) with a packet waiting");
        proc.runtime.ingress().poll();
        machine.step(1_000);
        assertTrue(machine.engine.quiet(), "started, nothing queued");

        machine.offer(proc, running.id());
        assertFalse(machine.engine.quiet(), "a task waits behind the running kthread: congestion to judge");
        proc.runtime.queue(running.id()).poll();
        assertTrue(machine.engine.quiet());

        proc.runtime.tryIngress(() -> { }, machine.now);
        assertFalse(machine.engine.quiet(), "a packet waits in the ingress");
        proc.runtime.ingress().poll();
        assertTrue(machine.engine.quiet());

        assertTrue(machine.context.reclaim(1));
        assertFalse(machine.engine.quiet(), "a cede is pending: its park must be seen soon");
        machine.park(running);
        assertTrue(machine.engine.quiet(), "the core came back");
    }

    @Test
    void aStartSeenLateIsMeasuredAtTheTimeTheKThreadStarted() {
        ProcEntry proc = machine.proc("echo", 1);
        machine.step(0);                        // the engine's clock reads now
        machine.context.grant(1, proc);
        machine.now += 30_000;                  // the kthread starts 30 µs after the grant
        machine.run(proc);
        machine.step(500_000);                  // the loop sees it 500 µs later

        assertEquals(30_000, machine.metrics.snapshot().procs().get(0).grantLatency().maxNanos(), 30_000 / 64,
                "grant latency to the start, not to when it was seen");
    }

    @Test
    void aParkSeenLateIsAccountedAtTheTimeTheKThreadLeft() {
        ProcEntry proc = machine.proc("echo", 1);
        machine.context.grant(1, proc);
        KThreadEntry running = machine.run(proc);
        machine.step(0);
        long granted = machine.now;

        machine.now += 100_000;                 // runs 100 µs, then parks
        machine.park(running, 1);
        machine.step(900_000);                  // the loop sees it 900 µs later

        assertFalse(running.running());
        assertEquals(0, machine.metrics.snapshot().procs().get(0).coresHeld());
        assertEquals(100e-6, machine.metrics.snapshot().procs().get(0).coreSeconds(), 1e-9,
                "held from " + granted + " until the park, not until it was seen");
    }

    @Test
    void idleOnlyWithNothingGrantedAndNothingQueued() {
        ProcEntry proc = machine.proc("echo", 2);
        assertTrue(machine.engine.idle(), "no core granted, nothing queued");
        proc.runtime.tryIngress(() -> { }, machine.now);
        assertFalse(machine.engine.idle(), "a packet waits for a core the allocator may grant at its next poll");
        machine.context.grant(1, proc);
        proc.runtime.ingress().poll();
        assertFalse(machine.engine.idle(), "a core is granted");
    }

    @Test
    void aProcWithWorkAndNoCoreKeepsTheQuietWaitShort() {
        ProcEntry served = machine.proc("served", 1);
        ProcEntry waiting = machine.proc("waiting", 1);
        machine.context.grant(1, served);
        machine.run(served);
        machine.step(1_000);
        assertTrue(machine.engine.quiet(), "the one grant started, nothing queued");
        assertFalse(machine.engine.procWaitsForCore());

        waiting.runtime.tryIngress(() -> { }, machine.now); // the directed allocator grants nothing by itself
        assertTrue(machine.engine.quiet(), "nothing waits behind a granted core");
        assertTrue(machine.engine.procWaitsForCore(), "a packet waits for a core the allocator may grant at its next poll");

        machine.context.grant(2, waiting);
        assertFalse(machine.engine.procWaitsForCore(), "granted: its kthread takes the packet when it starts");
    }

    @Test
    void workQueuedBehindAProcThatHoldsEveryCoreItCouldGetIsQuietUntilAnotherProcWaits() {
        EngineHarness single = new EngineHarness(CoreTopology.noSiblings(2), EngineHarness.DIRECTED, 1);
        ProcEntry alone = single.proc("alone", 2);
        single.context.grant(1, alone);
        KThreadEntry running = single.run(alone);
        single.offer(alone, running.id());
        single.offer(alone, 1 - running.id());
        single.step(1_000);
        assertTrue(single.engine.quiet(), "it holds the only worker core: its congestion can grant nothing");

        ProcEntry other = single.proc("other", 1);
        other.runtime.tryIngress(() -> { }, single.now);
        assertFalse(single.engine.quiet(), "another proc waits for a core: the allocator may preempt");
        other.runtime.ingress().poll();
        assertTrue(single.engine.quiet());

        ProcEntry capped = machine.start(new ProcSpec("capped", 2, Priority.LATENCY_CRITICAL, 0, 1, 10_000, 1));
        machine.context.grant(1, capped);
        KThreadEntry first = machine.run(capped);
        machine.offer(capped, first.id());
        machine.step(1_000);
        assertTrue(machine.engine.quiet(), "it holds its maximum, one core, while core 2 is idle");
        ProcEntry open = machine.proc("open", 2);
        machine.context.grant(2, open);
        KThreadEntry second = machine.run(open);
        machine.offer(open, second.id());
        machine.step(1_000);
        assertFalse(machine.engine.quiet(), "'open' could use a second core: its congestion is judged");
    }

    @Test
    void aCoreNeededSignalWhoseWorkIsGoneGrantsNothing() {
        ProcEntry proc = machine.proc("late", 2);
        proc.runtime.submit(() -> { }); // queued and signalled
        proc.runtime.queue(0).poll();
        proc.runtime.queue(1).poll(); // run meanwhile, as by a kthread another grant woke
        machine.heard.clear();
        machine.step(1_000);
        assertFalse(machine.heard.contains("coreNeeded late"), machine.heard.toString());
        assertEquals(0, proc.coresHeld);

        proc.runtime.submit(() -> { });
        machine.step(1_000);
        assertTrue(machine.heard.contains("coreNeeded late"), "work still queued: " + machine.heard);
    }
}
