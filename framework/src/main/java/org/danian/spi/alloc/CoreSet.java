package org.danian.spi.alloc;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A read-only set of core numbers, iterated by index so that nothing is allocated
 * ({@code for (int i = 0; i < set.size(); i++) { int core = set.core(i); … }}), in ascending
 * order. Implemented by the kernel.
 */
@ProviderType
public interface CoreSet {

    /** Number of cores in the set. */
    int size();

    /**
     * The {@code index}-th core in ascending order.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
     */
    int core(int index);

    /** Whether {@code core} is in the set. */
    boolean contains(int core);
}
