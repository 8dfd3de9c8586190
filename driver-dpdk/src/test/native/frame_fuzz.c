/*
 * Sends malformed and valid Ethernet frames through a raw AF_PACKET socket (packet(7)), for the
 * dpdk driver's fuzz test: the driver must count every frame once and never fail.
 * Usage: frame_fuzz IFACE SRC_IP DST_IP DST_MAC PORT COUNT MAX_PAYLOAD
 * After every 64 frames it sends a sockperf pong request (docs/bibliography.md) over a UDP
 * socket and waits for the answer: the driver handles frames in order, so the answer means the
 * batch was taken in, and no receive ring can overflow however slow the machine is.
 * Prints one JSON object: how many frames of each kind were sent, and the probes.
 */
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

enum { VALID, BAD_VERSION, BAD_CHECKSUM, BAD_UDP_LENGTH, SHORT_IP, TRUNCATED, OVERSIZED, UNROUTABLE,
       OTHER_ADDRESS, IPV6, GARBAGE, KINDS };
static const char *NAMES[KINDS] = {"valid", "badVersion", "badChecksum", "badUdpLength", "shortIp", "truncated",
                                   "oversized", "unroutable", "otherAddress", "ipv6", "garbage"};

static uint16_t checksum(const uint8_t *p, int n)
{
    uint32_t sum = 0;
    for (int i = 0; i + 1 < n; i += 2) sum += (uint32_t) (p[i] << 8 | p[i + 1]);
    if (n & 1) sum += (uint32_t) p[n - 1] << 8;
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t) ~sum;
}

static int udp_frame(uint8_t *f, const uint8_t *dst, const uint8_t *src, uint32_t sip, uint32_t dip, int port,
                     int payload)
{
    memcpy(f, dst, 6); memcpy(f + 6, src, 6); f[12] = 0x08; f[13] = 0x00;
    uint8_t *ip = f + 14, *udp = ip + 20;
    int total = 28 + payload;
    memset(ip, 0, 20);
    ip[0] = 0x45; ip[2] = (uint8_t) (total >> 8); ip[3] = (uint8_t) total; ip[8] = 64; ip[9] = 17;
    memcpy(ip + 12, &sip, 4); memcpy(ip + 16, &dip, 4);
    uint16_t c = checksum(ip, 20); ip[10] = (uint8_t) (c >> 8); ip[11] = (uint8_t) c;
    udp[0] = 0x9c; udp[1] = 0x40; udp[2] = (uint8_t) (port >> 8); udp[3] = (uint8_t) port;
    udp[4] = (uint8_t) ((8 + payload) >> 8); udp[5] = (uint8_t) (8 + payload); udp[6] = 0; udp[7] = 0;
    for (int i = 0; i < payload; i++) udp[8 + i] = (uint8_t) i; /* byte 9 even: no sockperf client flag */
    return 14 + total;
}

int main(int argc, char **argv)
{
    if (argc != 8) {
        fprintf(stderr, "usage: %s IFACE SRC_IP DST_IP DST_MAC PORT COUNT MAX_PAYLOAD\n", argv[0]);
        return 2;
    }
    int s = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    if (s < 0) { perror("socket"); return 1; }
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    strncpy(ifr.ifr_name, argv[1], IFNAMSIZ - 1);
    if (ioctl(s, SIOCGIFHWADDR, &ifr) < 0) { perror("SIOCGIFHWADDR"); return 1; }
    uint8_t src[6], dst[6];
    memcpy(src, ifr.ifr_hwaddr.sa_data, 6);
    if (sscanf(argv[4], "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &dst[0], &dst[1], &dst[2], &dst[3], &dst[4], &dst[5]) != 6) {
        fprintf(stderr, "bad MAC %s\n", argv[4]); return 2;
    }
    struct sockaddr_ll to;
    memset(&to, 0, sizeof(to));
    to.sll_family = AF_PACKET; to.sll_ifindex = (int) if_nametoindex(argv[1]); to.sll_halen = 6;
    memcpy(to.sll_addr, dst, 6);
    uint32_t sip = inet_addr(argv[2]), dip = inet_addr(argv[3]);
    int port = atoi(argv[5]), max = atoi(argv[7]);
    long count = atol(argv[6]), sent[KINDS] = {0};
    uint8_t f[2048];
    int probe = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in server;
    memset(&server, 0, sizeof(server));
    server.sin_family = AF_INET; server.sin_port = htons((uint16_t) port); server.sin_addr.s_addr = dip;
    struct timeval wait = {2, 0};
    if (probe < 0 || connect(probe, (struct sockaddr *) &server, sizeof(server)) < 0
        || setsockopt(probe, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait)) < 0) { perror("probe socket"); return 1; }
    long probes = 0, unanswered = 0;
    srand(12345);
    for (long i = 0; i < count; i++) {
        int kind = (int) (i % KINDS), n = udp_frame(f, dst, src, sip, dip, port, 32);
        switch (kind) {
        case BAD_VERSION: f[14] = 0x55; break;
        case BAD_CHECKSUM: f[14 + 10] ^= 0x5a; break;
        case BAD_UDP_LENGTH: f[34 + 4] = 0x01; break; /* 256 + 40 bytes, beyond the IP payload */
        case SHORT_IP: n = 14 + 10; break;
        case TRUNCATED: f[16] = 0x01; f[24] = 0; f[25] = 0; { uint16_t c = checksum(f + 14, 20); f[24] = (uint8_t) (c >> 8); f[25] = (uint8_t) c; } break;
        case OVERSIZED: n = udp_frame(f, dst, src, sip, dip, port, max + 1); break;
        case UNROUTABLE: n = udp_frame(f, dst, src, sip, dip, port + 1, 32); break;
        case OTHER_ADDRESS: n = udp_frame(f, dst, src, sip, dip ^ htonl(0x100), port, 32); break;
        case IPV6: f[12] = 0x86; f[13] = 0xdd; break;
        case GARBAGE: n = 15 + rand() % 600; for (int b = 14; b < n; b++) f[b] = (uint8_t) rand(); break;
        default: break;
        }
        if (sendto(s, f, (size_t) n, 0, (struct sockaddr *) &to, sizeof(to)) != n) { perror("sendto"); return 1; }
        sent[kind]++;
        if (i % 64 == 63 || i == count - 1) {
            uint8_t request[14] = {0}, reply[64];
            request[7] = (uint8_t) ++probes; request[9] = 0x3; request[13] = 14; /* CLIENT | PONG_REQUEST */
            if (send(probe, request, sizeof(request), 0) != (ssize_t) sizeof(request)) { perror("send"); return 1; }
            if (recv(probe, reply, sizeof(reply), 0) < 0) unanswered++;
        }
    }
    printf("{");
    for (int k = 0; k < KINDS; k++) printf("%s\"%s\":%ld", k ? "," : "", NAMES[k], sent[k]);
    printf(",\"probes\":%ld,\"unanswered\":%ld}\n", probes, unanswered);
    return 0;
}
