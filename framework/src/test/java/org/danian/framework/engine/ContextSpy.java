package org.danian.framework.engine;

import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.alloc.CoreAllocator;

/** Wraps a real core-allocation policy so that the {@link EngineHarness} sees the context it was given. */
final class ContextSpy implements CoreAllocationPolicy {

    private final CoreAllocationPolicy real;
    private final EngineHarness harness;

    ContextSpy(CoreAllocationPolicy real, EngineHarness harness) {
        this.real = real;
        this.harness = harness;
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public CoreAllocator newAllocator(AllocationContext given) {
        harness.context = given;
        return real.newAllocator(given);
    }
}
