package org.danian.framework.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.danian.kernel.PolicyKind;

/**
 * Every policy service the kernel knows of, in registration order.
 *
 * <p>Thread-safe: Declarative Services adds and removes entries on its own threads (dynamic
 * references) while the scheduler thread reads. Entries change rarely, so a copy-on-write
 * list gives the scheduler thread lock-free reads.
 */
final class PolicyRegistry {

    private final List<PolicyEntry> entries = new CopyOnWriteArrayList<>();

    void add(PolicyEntry entry) {
        entries.add(entry);
    }

    /** Removes the entry of {@code service}; returns it, or null if it was not registered. */
    PolicyEntry remove(Object service) {
        for (PolicyEntry entry : entries) {
            if (entry.service() == service) {
                entries.remove(entry);
                return entry;
            }
        }
        return null;
    }

    boolean contains(PolicyEntry entry) {
        return entries.contains(entry);
    }

    /** Entries of one kind, in registration order. */
    List<PolicyEntry> entries(PolicyKind kind) {
        List<PolicyEntry> result = new ArrayList<>();
        for (PolicyEntry entry : entries) {
            if (entry.kind() == kind) {
                result.add(entry);
            }
        }
        return result;
    }

    /**
     * The first registered entry of {@code kind} named {@code name} that {@code usable}
     * accepts, or null.
     */
    PolicyEntry find(PolicyKind kind, String name, Predicate<PolicyEntry> usable) {
        for (PolicyEntry entry : entries) {
            if (entry.kind() == kind && entry.name().equals(name) && usable.test(entry)) {
                return entry;
            }
        }
        return null;
    }

    /** The distinct names of {@code kind}, sorted, for error messages and listings. */
    List<String> names(PolicyKind kind) {
        TreeSet<String> names = new TreeSet<>();
        for (PolicyEntry entry : entries) {
            if (entry.kind() == kind) {
                names.add(entry.name());
            }
        }
        return new ArrayList<>(names);
    }
}
