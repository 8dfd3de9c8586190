/*
 * The native half of driver-dpdk: the DPDK calls Java cannot make through jnr-ffi alone.
 * rte_eth_rx_burst, rte_eth_tx_burst and rte_pktmbuf_alloc_bulk are static inline in the
 * DPDK headers (DPDK Programmer's Guide, "Poll Mode Driver"; docs/bibliography.md), and
 * rte_errno is thread-local, so each gets a one-line exported wrapper. Everything else is
 * setup, done once per port. Pointers cross to Java as 64-bit integers; Java reads and writes
 * mbuf fields itself at the offsets shim_layout reports, so no call per packet field.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_version.h>

/* Bumped whenever a signature below changes; the Java side refuses another value. */
#define SHIM_ABI 2

int shim_abi_version(void) { return SHIM_ABI; }

const char *shim_rte_version(void) { return rte_version(); }

int shim_errno(void) { return rte_errno; }

const char *shim_strerror(int error) { return rte_strerror(error); }

/* Offsets of the mbuf fields the Java data path touches, sizes it relies on, and the receive
 * offload flags' bits for the L4 checksum (rte_mbuf_core.h: UNKNOWN 0, BAD, GOOD, NONE = both). */
int shim_layout(int32_t *out, int n)
{
    const int32_t values[] = {
        offsetof(struct rte_mbuf, buf_addr), offsetof(struct rte_mbuf, data_off),
        offsetof(struct rte_mbuf, data_len), offsetof(struct rte_mbuf, pkt_len),
        offsetof(struct rte_mbuf, nb_segs), RTE_PKTMBUF_HEADROOM, (int32_t) sizeof(struct rte_mbuf),
        RTE_MBUF_DEFAULT_DATAROOM, offsetof(struct rte_mbuf, ol_flags),
        (int32_t) RTE_MBUF_F_RX_L4_CKSUM_BAD, (int32_t) RTE_MBUF_F_RX_L4_CKSUM_GOOD,
    };
    _Static_assert(RTE_MBUF_F_RX_L4_CKSUM_NONE == (RTE_MBUF_F_RX_L4_CKSUM_BAD | RTE_MBUF_F_RX_L4_CKSUM_GOOD)
                   && RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN == 0 && RTE_MBUF_F_RX_L4_CKSUM_GOOD < (1ULL << 31),
                   "the L4 checksum flags are two bits in the low word");
    int count = (int) (sizeof(values) / sizeof(values[0]));
    for (int i = 0; i < n && i < count; i++) {
        out[i] = values[i];
    }
    return count;
}

/* argv as one string, arguments separated by '\n'. EAL keeps pointers into argv, so the copy
 * is never freed (EAL initialises once per process). Returns rte_eal_init's result. */
int shim_eal_init(const char *joined)
{
    char *copy = strdup(joined);
    if (copy == NULL) {
        rte_errno = ENOMEM;
        return -1;
    }
    int argc = 1;
    for (const char *c = copy; *c; c++) {
        argc += *c == '\n';
    }
    char **argv = calloc((size_t) argc + 1, sizeof(char *));
    if (argv == NULL) {
        rte_errno = ENOMEM;
        return -1;
    }
    int i = 0;
    for (char *token = strtok(copy, "\n"); token != NULL; token = strtok(NULL, "\n")) {
        argv[i++] = token;
    }
    return rte_eal_init(i, argv);
}

/* Plugs the device in (hotplug, so a restarted bundle gets its vdev back in an EAL that is
 * already up), then one rx and one tx queue on a pool looked up or created by name, started
 * and promiscuous. out[0] = the pool's address; mac gets 6 bytes. Returns the port id, or
 * -1 with rte_errno set. */
int shim_port_open(const char *bus, const char *name, const char *args, const char *pool_name,
                   int pool_size, int rx_desc, int tx_desc, uint64_t *out, uint8_t *mac)
{
    uint16_t port;
    int rc = rte_eal_hotplug_add(bus, name, args);
    if (rc != 0 && rc != -EEXIST) {
        rte_errno = -rc;
        return -1;
    }
    if (rte_eth_dev_get_port_by_name(name, &port) != 0) {
        rte_errno = ENODEV;
        return -1;
    }
    struct rte_mempool *pool = rte_mempool_lookup(pool_name);
    if (pool == NULL) {
        pool = rte_pktmbuf_pool_create(pool_name, (unsigned) pool_size, 256, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
                                       (int) rte_socket_id());
        if (pool == NULL) {
            return -1;
        }
    }
    struct rte_eth_conf conf;
    memset(&conf, 0, sizeof(conf));
    int socket = rte_eth_dev_socket_id(port);
    if ((rc = rte_eth_dev_configure(port, 1, 1, &conf)) != 0
        || (rc = rte_eth_rx_queue_setup(port, 0, (uint16_t) rx_desc, (unsigned) socket, NULL, pool)) != 0
        || (rc = rte_eth_tx_queue_setup(port, 0, (uint16_t) tx_desc, (unsigned) socket, NULL)) != 0
        || (rc = rte_eth_dev_start(port)) != 0) {
        rte_errno = rc < 0 ? -rc : rc;
        return -1;
    }
    rte_eth_promiscuous_enable(port);
    struct rte_ether_addr address;
    if ((rc = rte_eth_macaddr_get(port, &address)) != 0) {
        rte_errno = -rc;
        return -1;
    }
    memcpy(mac, address.addr_bytes, 6);
    out[0] = (uint64_t) (uintptr_t) pool;
    return port;
}

/* Stops and closes the port, then unplugs its device so a later shim_port_open can plug it
 * in again. The pool stays (a pool cannot be re-created under its name). */
int shim_port_close(int port, const char *bus, const char *name)
{
    rte_eth_dev_stop((uint16_t) port);
    rte_eth_dev_close((uint16_t) port);
    int rc = rte_eal_hotplug_remove(bus, name);
    if (rc != 0) {
        rte_errno = -rc;
        return -1;
    }
    return 0;
}

/* Frames the port received but had no room for (rte_eth_stats.imissed), or -1. Not per packet. */
int64_t shim_port_missed(int port)
{
    struct rte_eth_stats stats;
    if (rte_eth_stats_get((uint16_t) port, &stats) != 0) {
        return -1;
    }
    return (int64_t) stats.imissed;
}

int shim_rx_burst(int port, uint64_t bufs, int n)
{
    return rte_eth_rx_burst((uint16_t) port, 0, (struct rte_mbuf **) (uintptr_t) bufs, (uint16_t) n);
}

int shim_tx_burst(int port, uint64_t bufs, int n)
{
    return rte_eth_tx_burst((uint16_t) port, 0, (struct rte_mbuf **) (uintptr_t) bufs, (uint16_t) n);
}

int shim_alloc_bulk(uint64_t pool, uint64_t bufs, int n)
{
    return rte_pktmbuf_alloc_bulk((struct rte_mempool *) (uintptr_t) pool,
                                  (struct rte_mbuf **) (uintptr_t) bufs, (unsigned) n);
}

void shim_free_bulk(uint64_t bufs, int n)
{
    rte_pktmbuf_free_bulk((struct rte_mbuf **) (uintptr_t) bufs, (unsigned) n);
}
