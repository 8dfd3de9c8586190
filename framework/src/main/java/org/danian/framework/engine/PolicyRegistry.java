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
 * <p>A name is one policy: a service whose kind and name an installed one already has is
 * refused (kept aside, named in {@link #refusals()}), because an operator could never choose
 * between the two. When the holder goes away, the first refused one takes its place.
 *
 * <p>Thread-safe: Declarative Services adds and removes entries on its own threads (dynamic
 * references) while the scheduler thread reads. Entries change rarely, so a copy-on-write
 * list gives the scheduler thread lock-free reads.
 */
final class PolicyRegistry {

    private final List<PolicyEntry> entries = new CopyOnWriteArrayList<>();
    private final List<PolicyEntry> refused = new CopyOnWriteArrayList<>();

    /**
     * Adds {@code entry}, unless an entry of its kind and name is registered.
     *
     * @return null if added; else the entry that holds the name (and {@code entry} is refused)
     */
    synchronized PolicyEntry add(PolicyEntry entry) {
        PolicyEntry holder = find(entry.kind(), entry.name(), any -> true);
        if (holder != null) {
            refused.add(entry);
            return holder;
        }
        entries.add(entry);
        return null;
    }

    /**
     * Removes the entry of {@code service}; returns it, or null if it was not registered (a
     * refused entry is only forgotten). A refused entry of the same kind and name takes its place.
     */
    synchronized PolicyEntry remove(Object service) {
        refused.removeIf(entry -> entry.service() == service);
        for (PolicyEntry entry : entries) {
            if (entry.service() == service) {
                entries.remove(entry);
                for (PolicyEntry waiting : refused) {
                    if (waiting.kind() == entry.kind() && waiting.name().equals(entry.name())) {
                        refused.remove(waiting);
                        entries.add(waiting);
                        break;
                    }
                }
                return entry;
            }
        }
        return null;
    }

    /** One line per refused entry, naming it and the entry that holds its name. */
    List<String> refusals() {
        List<String> lines = new ArrayList<>();
        for (PolicyEntry entry : refused) {
            PolicyEntry holder = find(entry.kind(), entry.name(), any -> true);
            lines.add(entry + " is not used: " + (holder == null ? "another policy" : holder)
                    + " already has that name; uninstall one of the two bundles");
        }
        return lines;
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
