/**
 * Test doubles for authors of core-allocation policies ({@link org.danian.spi.alloc}):
 * {@link org.danian.spi.alloc.testing.FakeMachine}, a deterministic
 * {@link org.danian.spi.alloc.AllocationContext} an allocator under test is built on, and
 * {@link org.danian.spi.alloc.testing.FakeProc}, the procs it runs. The test plays the kernel:
 * it parks kthreads, completes cedes and passes the newly idle cores to {@code poll}, then
 * reads the grants the allocator issued.
 *
 * <p>Published in the framework's test-jar beside the thread-pick contract suite
 * ({@code org.danian.spi.pick.contract}); not part of the exported SPI.
 */
package org.danian.spi.alloc.testing;
