package org.danian.kernel;

/** The two policy seams of the kernel. */
public enum PolicyKind {
    /** A {@link org.danian.spi.pick.ThreadPickPolicy}: which idle kthread runs on a granted core. */
    THREAD_PICK("thread-pick"),
    /** A {@link org.danian.spi.alloc.CoreAllocationPolicy}: which proc gets which core. */
    CORE_ALLOCATION("core-allocation");

    private final String label;

    PolicyKind(String label) {
        this.label = label;
    }

    /** The kind as the shell prints it: {@code thread-pick} or {@code core-allocation}. */
    public String label() {
        return label;
    }
}
