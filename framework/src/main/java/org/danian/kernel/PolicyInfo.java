package org.danian.kernel;

import java.util.Objects;

/**
 * One policy service the kernel knows of, as {@code danian:policies} lists it.
 *
 * @param name the policy's name ({@code danian.policy.name} or {@code danian.allocation.name})
 * @param kind thread-pick or core-allocation
 * @param bundleSymbolicName the symbolic name of the bundle that registered the service, or
 *     {@code "-"} outside OSGi
 * @param bundleVersion that bundle's version, or {@code "-"} outside OSGi
 * @param active whether this service is the active policy of its kind
 * @param ejected whether the kernel ejected this service for breaking its contract; an ejected
 *     service is never chosen again automatically, only by an explicit swap to its name
 */
public record PolicyInfo(String name, PolicyKind kind, String bundleSymbolicName, String bundleVersion,
                         boolean active, boolean ejected) {

    /** Checks that no field is null. */
    public PolicyInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bundleSymbolicName, "bundleSymbolicName");
        Objects.requireNonNull(bundleVersion, "bundleVersion");
    }
}
