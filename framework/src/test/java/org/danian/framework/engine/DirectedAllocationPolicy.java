package org.danian.framework.engine;

import org.danian.spi.ProcView;
import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.alloc.CoreAllocator;
import org.danian.spi.alloc.CoreSet;

/**
 * The {@link EngineHarness}'s {@value EngineHarness#DIRECTED} allocator: it grants nothing by
 * itself (the harness's caller grants through the context it hands over) and records every
 * call it hears, in words, so that tests can check what the engine told the allocator.
 */
final class DirectedAllocationPolicy implements CoreAllocationPolicy {

    private final String name;
    private final EngineHarness harness;

    DirectedAllocationPolicy(String name, EngineHarness harness) {
        this.name = name;
        this.harness = harness;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CoreAllocator newAllocator(AllocationContext given) {
        harness.context = given;
        return new CoreAllocator() {
            @Override
            public boolean attach(ProcView proc) {
                harness.heard.add("attach " + proc.spec().name());
                return true;
            }

            @Override
            public void detach(ProcView proc) {
                harness.heard.add("detach " + proc.spec().name());
            }

            @Override
            public void congestion(ProcView proc, boolean congested, long delayNanos) {
                harness.heard.add("congestion " + proc.spec().name() + " " + congested + " " + delayNanos);
            }

            @Override
            public void coreNeeded(ProcView proc) {
                harness.heard.add("coreNeeded " + proc.spec().name());
            }

            @Override
            public void poll(long nowNanos, CoreSet newlyIdle) {
                if (newlyIdle.size() > 0) {
                    StringBuilder cores = new StringBuilder("poll");
                    for (int i = 0; i < newlyIdle.size(); i++) {
                        cores.append(' ').append(newlyIdle.core(i));
                    }
                    harness.heard.add(cores.toString());
                }
            }
        };
    }
}
