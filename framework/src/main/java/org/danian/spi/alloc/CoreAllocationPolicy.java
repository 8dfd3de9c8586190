package org.danian.spi.alloc;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A core-allocation policy: a factory of {@link CoreAllocator}s.
 *
 * <p>Registered as an OSGi service with the property {@value #NAME_PROPERTY} equal to
 * {@link #name()}, by a Declarative Services component in a bundle that exports nothing.
 * {@link #name()} may be called on any thread, {@link #newAllocator} only on the scheduler
 * thread.
 */
@ConsumerType
public interface CoreAllocationPolicy {

    /** Service property under which a policy registers its {@link #name()}. */
    String NAME_PROPERTY = "danian.allocation.name";

    /** The policy's name as operators type it: lower case letters, digits and '-'. */
    String name();

    /**
     * Creates an allocator with no proc attached.
     *
     * <p>Called on the scheduler thread when the kernel starts with this policy, or swaps to
     * it. In a swap, the kernel then {@link CoreAllocator#attach attaches} every running proc
     * in creation order; cores keep their current owners (the new allocator reads them
     * through {@link AllocationContext#owner}). If this or an attach throws, the swap is
     * abandoned and the old allocator stays.
     *
     * @param context the kernel's view and levers, valid for the allocator's life; never null
     * @return a new allocator; never null
     */
    CoreAllocator newAllocator(AllocationContext context);
}
