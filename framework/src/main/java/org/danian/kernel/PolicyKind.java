package org.danian.kernel;

/**
 * The two policy seams of the kernel, each with one slot holding its active policy (see
 * {@link KernelAdmin}).
 */
public enum PolicyKind {
    /**
     * A {@link org.danian.spi.pick.ThreadPickPolicy}: which idle kthread runs on a granted
     * core. Configured by {@code threadPick}; the reference policy is {@code caladan}.
     */
    THREAD_PICK("thread-pick", "threadPick", "caladan"),
    /**
     * A {@link org.danian.spi.alloc.CoreAllocationPolicy}: which proc gets which core.
     * Configured by {@code coreAllocation}; the reference policy is {@code simple}.
     */
    CORE_ALLOCATION("core-allocation", "coreAllocation", "simple");

    private final String label;
    private final String configurationProperty;
    private final String referencePolicy;

    PolicyKind(String label, String configurationProperty, String referencePolicy) {
        this.label = label;
        this.configurationProperty = configurationProperty;
        this.referencePolicy = referencePolicy;
    }

    /** The kind as the shell prints it: {@code thread-pick} or {@code core-allocation}. */
    public String label() {
        return label;
    }

    /**
     * The property of the kernel's configuration ({@value KernelAdmin#CONFIGURATION_PID}) that
     * names the policy of this kind to run.
     */
    public String configurationProperty() {
        return configurationProperty;
    }

    /**
     * The policy the slot falls back to when no last good policy of this kind is installed:
     * Caladan's own behaviour for the seam ({@code sched_pick_kthread}'s scan, simple.c).
     */
    public String referencePolicy() {
        return referencePolicy;
    }
}
