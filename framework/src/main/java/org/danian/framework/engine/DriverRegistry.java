package org.danian.framework.engine;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.danian.spi.net.PacketDriver;

/**
 * Every packet driver service the kernel knows of, with its name, and the rule that binds the
 * kernel's {@link PacketPath} to the configured one.
 *
 * <p>Thread-safe: Declarative Services adds and removes drivers on its own threads while the
 * scheduler thread reconciles; a copy-on-write list gives lock-free reads.
 */
final class DriverRegistry {

    private record Registration(PacketDriver driver, String name) {
    }

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    void add(PacketDriver driver, String name) {
        registrations.add(new Registration(driver, name));
    }

    /** Forgets {@code driver}; returns whether it was registered. */
    boolean remove(PacketDriver driver) {
        return registrations.removeIf(registration -> registration.driver() == driver);
    }

    /**
     * Scheduler thread: unbinds the path's driver if it went away, then binds the first driver
     * registered under the configured name if none is bound (the path opens its ports on it again).
     */
    void reconcile(PacketPath path, System.Logger logger) {
        PacketDriver bound = path.driver();
        if (bound != null && !contains(bound)) {
            path.unbind(bound);
            logger.log(Level.WARNING, "packet driver '" + bound.name() + "' went away; its ports are closed until a"
                    + " driver named '" + path.configured() + "' is installed, which opens them again");
        }
        if (path.driver() == null) {
            for (Registration registration : registrations) {
                if (path.bind(registration.driver(), registration.name(), logger)) {
                    return;
                }
            }
        }
    }

    private boolean contains(PacketDriver driver) {
        for (Registration registration : registrations) {
            if (registration.driver() == driver) {
                return true;
            }
        }
        return false;
    }
}
