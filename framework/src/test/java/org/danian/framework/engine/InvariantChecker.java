package org.danian.framework.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.danian.spi.KThreadView;

/**
 * Checks the kernel's invariant (docs/architecture.md, "One hot swap"): every kthread of a
 * live proc is running on exactly one core, whose record names it, or in exactly one idle set
 * (its proc's, once, in park order), or ceding a core that a grant gave to another proc
 * (switching out, as Caladan's per-core state allows); and each picker's idle count equals the
 * kernel's. For tests: it walks everything and allocates. Scheduler thread only (or the
 * deterministic harness's thread standing in for it).
 */
final class InvariantChecker {

    private InvariantChecker() {
    }

    /** One line per violation; empty if the invariant holds. */
    static List<String> check(ProcTable table) {
        List<String> violations = new ArrayList<>();
        Map<KThreadEntry, Integer> idleMemberships = new IdentityHashMap<>();
        for (ProcEntry proc : table.procs()) {
            checkIdleList(proc, idleMemberships, violations);
        }
        for (ProcEntry proc : table.procs()) {
            for (int id = 0; id < proc.kthreadCount(); id++) {
                checkKThread(table, proc.kthread(id), idleMemberships.getOrDefault(proc.kthread(id), 0),
                        violations);
            }
        }
        for (int core = 0; core < table.topology().coreCount(); core++) {
            KThreadEntry kthread = table.onCore(core);
            if (kthread != null && (!kthread.proc().live || kthread.core != core)) {
                violations.add("core " + core + " records " + kthread + ", which does not run there");
            }
        }
        return violations;
    }

    private static void checkIdleList(ProcEntry proc, Map<KThreadEntry, Integer> memberships,
                                      List<String> violations) {
        int length = 0;
        long previousSequence = 0;
        for (KThreadEntry kthread = proc.idle.oldest(); kthread != null; kthread = kthread.newer) {
            length++;
            memberships.merge(kthread, 1, Integer::sum);
            if (kthread.proc() != proc) {
                violations.add("idle set of " + proc + " holds " + kthread + " of another proc");
            }
            if (kthread.parkSequence <= previousSequence) {
                violations.add("idle set of " + proc + " is out of park order at " + kthread);
            }
            previousSequence = kthread.parkSequence;
            if (length > proc.kthreadCount()) {
                violations.add("idle set of " + proc + " is longer than its kthread count (a cycle)");
                return;
            }
        }
        if (length != proc.idle.size()) {
            violations.add("idle set of " + proc + " links " + length + " kthreads but counts " + proc.idle.size());
        }
        if (proc.picker != null && proc.picker.idleCount() != length) {
            violations.add("picker of " + proc + " counts " + proc.picker.idleCount() + " idle, the kernel "
                    + length);
        }
    }

    private static void checkKThread(ProcTable table, KThreadEntry kthread, int idleMemberships,
                                     List<String> violations) {
        boolean running = kthread.core != KThreadView.NO_CORE;
        if (running && table.onCore(kthread.core) != kthread) {
            violations.add(kthread + " claims core " + kthread.core + ", whose record names "
                    + table.onCore(kthread.core));
        }
        boolean ceding = kthread.cedingCore != KThreadView.NO_CORE;
        int states = (running ? 1 : 0) + (idleMemberships > 0 ? 1 : 0) + (ceding ? 1 : 0);
        if (states != 1 || idleMemberships > 1 || kthread.idle != (idleMemberships == 1)) {
            violations.add(kthread + " is " + (running ? "running on core " + kthread.core : "not running")
                    + (ceding ? ", ceding core " + kthread.cedingCore : "")
                    + " and in " + idleMemberships + " idle sets (idle flag " + kthread.idle + ")");
        }
    }
}
