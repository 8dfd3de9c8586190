package org.danian.framework.alloc;

import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.alloc.CoreAllocator;

/**
 * A second core-allocation policy for tests that need two to list or swap between: the
 * {@code simple} allocator's rules under another name.
 */
public record SimpleUnderAnotherName(String name) implements CoreAllocationPolicy {

    @Override
    public CoreAllocator newAllocator(AllocationContext context) {
        return new SimpleAllocationPolicy().newAllocator(context);
    }
}
