package org.danian.driver.dpdk;

/**
 * One receive and one transmit queue of a NIC port with its buffer pool, as the data path uses
 * them: bursts of mbuf pointers in native arrays (DPDK's {@code rte_eth_rx_burst},
 * {@code rte_eth_tx_burst}, {@code rte_pktmbuf_alloc_bulk}, {@code rte_pktmbuf_free_bulk}).
 * {@link EalPort} is the DPDK one; the unit tests give one over plain native memory, so the
 * data path is tested without DPDK.
 *
 * <p>Polling thread only, except {@link #close()}, called after polling stopped. The burst
 * methods allocate nothing.
 */
interface NicQueue extends AutoCloseable {

    /** Where frames lie in this queue's mbufs. */
    MbufLayout layout();

    /** The port's Ethernet address, in the low 48 bits. */
    long mac();

    /** Fills {@code mbufs} (an array of pointers) with up to {@code max} received frames. */
    int receive(long mbufs, int max);

    /** Hands the first {@code count} mbufs to the NIC; returns how many it took (the rest stay the caller's). */
    int transmit(long mbufs, int count);

    /** Fills {@code mbufs} with {@code count} empty mbufs, all or none; false if the pool has too few. */
    boolean allocate(long mbufs, int count);

    /** Returns {@code count} mbufs to their pool. */
    void free(long mbufs, int count);

    /**
     * Frames the NIC dropped before the driver saw them, because its receive ring was full
     * (DPDK's {@code imissed}); -1 if it does not say. Any thread; not for the hot path.
     */
    long missed();

    /** Stops the port and releases it. */
    @Override
    void close();
}
