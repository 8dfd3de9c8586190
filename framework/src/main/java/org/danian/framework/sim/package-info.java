/**
 * A discrete-event simulator that runs the kernel's real scheduling code in virtual time: the
 * engine's passes, the policy slots with their failsafe, the guarded pick path, the core
 * allocators and thread-pick policies, all through {@code VirtualTimeKernel}, with simulated
 * kthreads played through the real per-core mailboxes and run queues. The model, every
 * parameter with its default and source, and what is not modelled are in
 * {@code docs/simulator.md}.
 *
 * <p>Private to the framework bundle (nothing here is exported). Single-threaded: one run is
 * one thread, which stands in for the scheduler thread and for every kthread; runs share
 * nothing, so a sweep may run them one after another or side by side.
 */
package org.danian.framework.sim;
