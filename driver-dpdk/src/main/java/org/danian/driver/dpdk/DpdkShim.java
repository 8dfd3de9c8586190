package org.danian.driver.dpdk;

import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.Out;

/**
 * The native shim's functions (src/main/native/danian_dpdk_shim.c), bound by jnr-ffi.
 * Public because jnr-ffi generates the implementation in its own class loader. The burst
 * calls are {@link IgnoreError} with primitive arguments: jnr-ffi then neither saves errno
 * nor converts anything, which halves the cost of a call; pointers travel as {@code long}.
 */
public interface DpdkShim {

    /** The shim's interface version; {@link ShimLibrary#ABI} is the one this code speaks. */
    int shim_abi_version();

    String shim_rte_version();

    @IgnoreError
    int shim_errno();

    String shim_strerror(int error);

    int shim_layout(@Out int[] out, int count);

    int shim_eal_init(String argumentsByLine);

    int shim_port_open(String bus, String name, String args, String poolName, int poolSize, int rxDescriptors,
            int txDescriptors, @Out long[] pool, @Out byte[] mac);

    int shim_port_close(int port, String bus, String name);

    long shim_port_missed(int port);

    @IgnoreError
    int shim_rx_burst(int port, long mbufs, int count);

    @IgnoreError
    int shim_tx_burst(int port, long mbufs, int count);

    @IgnoreError
    int shim_alloc_bulk(long pool, long mbufs, int count);

    @IgnoreError
    void shim_free_bulk(long mbufs, int count);
}
