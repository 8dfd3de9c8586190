package org.danian.framework.engine;

import java.util.Objects;

import org.danian.kernel.PolicyKind;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.pick.ThreadPickPolicy;

/**
 * One registration of a policy service. Identity matters: a bundle that is updated registers
 * a new service, hence a new entry, so an ejection (which marks an entry) does not outlive the
 * code that earned it.
 */
public final class PolicyEntry {

    /** Bundle name and version of a policy registered outside OSGi (tests, benchmarks). */
    public static final String NO_BUNDLE = "-";

    private final Object service;
    private final String name;
    private final PolicyKind kind;
    private final String bundleSymbolicName;
    private final String bundleVersion;

    private PolicyEntry(Object service, String name, PolicyKind kind, String bundleSymbolicName,
                        String bundleVersion) {
        this.service = Objects.requireNonNull(service, "service");
        this.name = Objects.requireNonNull(name, "name");
        this.kind = kind;
        this.bundleSymbolicName = Objects.requireNonNull(bundleSymbolicName, "bundleSymbolicName");
        this.bundleVersion = Objects.requireNonNull(bundleVersion, "bundleVersion");
    }

    /** A thread-pick policy, named by its {@link ThreadPickPolicy#name()}. */
    public static PolicyEntry threadPick(ThreadPickPolicy policy, String bundleSymbolicName,
                                         String bundleVersion) {
        return new PolicyEntry(policy, policy.name(), PolicyKind.THREAD_PICK, bundleSymbolicName,
                bundleVersion);
    }

    /** A core-allocation policy, named by its {@link CoreAllocationPolicy#name()}. */
    public static PolicyEntry coreAllocation(CoreAllocationPolicy policy, String bundleSymbolicName,
                                             String bundleVersion) {
        return new PolicyEntry(policy, policy.name(), PolicyKind.CORE_ALLOCATION, bundleSymbolicName,
                bundleVersion);
    }

    Object service() {
        return service;
    }

    ThreadPickPolicy threadPickPolicy() {
        return (ThreadPickPolicy) service;
    }

    CoreAllocationPolicy coreAllocationPolicy() {
        return (CoreAllocationPolicy) service;
    }

    String name() {
        return name;
    }

    PolicyKind kind() {
        return kind;
    }

    String bundleSymbolicName() {
        return bundleSymbolicName;
    }

    String bundleVersion() {
        return bundleVersion;
    }

    @Override
    public String toString() {
        return kind.label() + " policy '" + name + "' (" + bundleSymbolicName + " " + bundleVersion + ")";
    }
}
