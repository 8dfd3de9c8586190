package org.danian.framework.engine;

import java.util.List;

import org.danian.spi.net.PacketDriver;

/**
 * The policy and packet-driver services a {@link Kernel} was given, and their reconciliation
 * with its running {@link Scheduler}: each change to the registries is applied on the
 * scheduler thread (activations, fall-backs, driver binds) before the registering call
 * returns.
 *
 * <p>Threading: any thread but the scheduler thread. A registration before
 * {@link #started} is picked up by its reconcile: the registry is updated first and the
 * scheduler published after (volatile), so whichever side sees the other's write reconciles.
 */
final class KernelPlugins {

    private final PolicyRegistry registry = new PolicyRegistry();
    private final DriverRegistry drivers = new DriverRegistry();
    private final SchedulerThread thread;
    private final System.Logger logger;
    private volatile Scheduler scheduler;
    private volatile PacketPath packets;

    KernelPlugins(SchedulerThread thread, System.Logger logger) {
        this.thread = thread;
        this.logger = logger;
    }

    /** The policies, for the {@link Scheduler} that {@link Kernel#start} builds. */
    PolicyRegistry registry() {
        return registry;
    }

    /** The kernel started: from now on changes reach {@code started}; the ones so far do now. */
    void started(Scheduler started, PacketPath path) {
        packets = path;
        scheduler = started;
        reconcile();
    }

    /** One line per policy service refused because an installed one has its kind and name. */
    List<String> refusedPolicies() {
        return registry.refusals();
    }

    /** As {@link Kernel#addPolicy(PolicyEntry)}. */
    void addPolicy(PolicyEntry entry) {
        PolicyEntry holder = registry.add(entry);
        if (holder != null) {
            // Two policies of one name: the operator could not choose the second one.
            logger.log(System.Logger.Level.WARNING, entry + " refused: " + holder + " already has that name");
            return;
        }
        reconcile();
    }

    /** As {@link Kernel#removePolicy}. */
    void removePolicy(Object service) {
        if (registry.remove(service) != null) {
            reconcile();
        }
    }

    /** As {@link Kernel#addDriver}. */
    void addDriver(PacketDriver driver, String name) {
        drivers.add(driver, name);
        reconcile();
    }

    /** As {@link Kernel#removeDriver}. */
    void removeDriver(PacketDriver driver) {
        if (drivers.remove(driver)) {
            reconcile();
        }
    }

    /** After {@link #started}: the configured driver is now {@code name} (as {@link Kernel#packetDriver}). */
    void packetDriver(String name) {
        try {
            thread.call(() -> {
                if (packets.reconfigure(name)) {
                    drivers.reconcile(packets, logger);
                }
                return null;
            });
        } catch (IllegalStateException stopped) {
            // The kernel stopped meanwhile: no port is open on any driver.
        }
    }

    private void reconcile() {
        if (scheduler == null) {
            return;
        }
        try {
            thread.call(() -> {
                scheduler.policiesChanged();
                drivers.reconcile(packets, logger);
                return null;
            });
        } catch (IllegalStateException stopped) {
            // The kernel stopped meanwhile: nothing runs any policy or driver any more.
        }
    }
}
