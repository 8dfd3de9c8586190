#!/usr/bin/env bash
# Round-trip latency on one veth pair, the client in a network namespace: Danian's netperf
# workload on the DPDK driver (net_af_packet on the veth's host end), Danian on the kernel UDP
# driver, and `sockperf server` (the C reference on kernel sockets), interleaved round by round.
# The real sockperf client runs `ping-pong` (closed loop) and `under-load` (open loop) against
# each. Prints one JSON object per measured run on standard output, then a Markdown table of the
# medians (docs/measurements.md, "Packet drivers"). Needs root, sockperf, iproute2 and a built
# distribution with DPDK (./mvnw -B -DskipTests package with libdpdk-dev installed).
#
# Usage: [DANIAN_SETTINGS=...] [SERVERS=...] benchmarks/scripts/dpdk-vs-kernel.sh [ROUNDS [SECONDS [MPS]]]
#        (defaults 3, 3, 5000; SERVERS="danian-dpdk danian-kernel-udp sockperf-server")
# A Danian server's name may carry kernel settings of its own after '+', e.g.
# SERVERS="danian-dpdk danian-dpdk+spinningKThreads=1 danian-dpdk+idleStrategy=spin sockperf-server"
# compares the DPDK driver with and without a spinning kthread or a spinning scheduler loop, all
# interleaved round by round; they add to DANIAN_SETTINGS.
set -euo pipefail
ROUNDS="${1:-3}"; SECONDS_PER_RUN="${2:-3}"; MPS="${3:-5000}"
SERVERS="${SERVERS:-danian-dpdk danian-kernel-udp sockperf-server}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DANIAN="$ROOT/distribution/target/danian/bin/danian"
SUFFIX="$$"; NS="danian-bench-$SUFFIX"; HOST="dbh$SUFFIX"; CLIENT="dbc$SUFFIX"
CLIENT_IP=198.18.0.1; SERVER_IP=198.18.0.2; SOCKPERF_PORT=18300
WORK="$(mktemp -d)"; RESULTS="$WORK/results.jsonl"; SERVER_PID=""

[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces, DPDK's af_packet)" >&2; exit 2; }
command -v ethtool >/dev/null || { echo "needs ethtool (apt-get install -y ethtool)" >&2; exit 2; }
command -v sockperf >/dev/null || { echo "needs sockperf (apt-get install -y sockperf)" >&2; exit 2; }
[ -x "$DANIAN" ] || { echo "needs the distribution: ./mvnw -B -DskipTests package" >&2; exit 2; }

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

ip netns add "$NS"
ip -n "$NS" link set lo up
ip link add "$HOST" type veth peer name "$CLIENT" netns "$NS"
sysctl -qw "net.ipv6.conf.$HOST.disable_ipv6=1"
ip netns exec "$NS" sysctl -qw "net.ipv6.conf.$CLIENT.disable_ipv6=1"
ip link set "$HOST" up
ip -n "$NS" addr add "$CLIENT_IP/24" dev "$CLIENT"
ip -n "$NS" link set "$CLIENT" up
# Complete UDP checksums from the client: with transmit offload a veth leaves them partial, and
# the DPDK driver, which af_packet tells nothing of the checksum, drops such datagrams as bad.
ip netns exec "$NS" ethtool -K "$CLIENT" tx off > /dev/null

# The host end carries the server's address for the kernel's sockets only: while DPDK owns the
# port, the kernel must not also answer ARP or send ICMP "port unreachable" for it.
kernel_address() { ip addr flush dev "$HOST"; [ "$1" = on ] && ip addr add "$SERVER_IP/24" dev "$HOST"; ip -n "$NS" neigh flush all; }

# A fresh data folder per Danian run: kthreads unpinned, as docs/measurements.md recommends on a
# shared two-core machine, plus any kernel settings in DANIAN_SETTINGS, in Felix ConfigAdmin's
# file format, one per line (e.g. 'idleStrategy="spin"'), for every Danian server alike, then the
# server's own from its name.
server_settings() { # $1 = server name; prints its settings after '+' as key="value" lines
  local rest="${1#*+}" kv
  [ "$rest" = "$1" ] && return 0
  local IFS='+'
  for kv in $rest; do printf '%s="%s"\n' "${kv%%=*}" "${kv#*=}"; done
}
danian_serve() { # $1 = driver, $2 = server name
  local data="$WORK/data-$1-$RANDOM" out="$WORK/serve.out"
  mkdir -p "$data/config/org/danian"
  printf 'service.pid="org.danian.kernel"\nservice.bundleLocation="?"\npinThreads=B"false"\n%s\n%s\n' \
    "${DANIAN_SETTINGS:-}" "$(server_settings "$2")" > "$data/config/org/danian/kernel.config"
  local args=(serve --workload netperf --port 0)
  if [ "$1" = dpdk ]; then args+=(--driver dpdk --vdev "net_af_packet0,iface=$HOST" --ip "$SERVER_IP");
  else args+=(--bind "$SERVER_IP"); fi
  : > "$out"
  DANIAN_JAVA_OPTS="-Ddanian.data=$data" "$DANIAN" "${args[@]}" < /dev/null > "$out" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    PORT="$(awk '$1 == "netperf" { print $3; exit }' "$out")"
    [ -n "$PORT" ] && return 0
    sleep 0.1
  done
  echo "danian serve --driver $1 did not start:" >&2; cat "$out" >&2; exit 1
}

stop_server() { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

# One sockperf run; appends and prints its JSON line. $1 server, $2 round, $3 mode, rest: sockperf options.
measure() {
  local server="$1" round="$2" mode="$3"; shift 3
  local report
  report="$(ip netns exec "$NS" sockperf "$mode" -i "$SERVER_IP" --port="$PORT" -t "$SECONDS_PER_RUN" -m 64 "$@" 2>&1 \
    | sed 's/\x1b\[[0-9;]*m//g')"
  echo "$report" | awk -v server="$server" -v round="$round" -v mode="$mode" '
    /avg-latency=/ { match($0, /avg-latency=[0-9.]+/); avg = substr($0, RSTART + 12, RLENGTH - 12) }
    /# dropped messages =/ { match($0, /dropped messages = [0-9]+/); dropped = substr($0, RSTART + 19, RLENGTH - 19) }
    /percentile 99.000 =/ { p99 = $NF } /percentile 50.000 =/ { p50 = $NF }
    END { printf "{\"server\":\"%s\",\"round\":%d,\"mode\":\"%s\",\"p50_us\":%s,\"p99_us\":%s,\"avg_us\":%s,\"dropped\":%s}\n",
          server, round, mode, p50 == "" ? "null" : p50, p99 == "" ? "null" : p99, avg == "" ? "null" : avg,
          dropped == "" ? "null" : dropped }' | tee -a "$RESULTS"
}

run_server() { # $1 server, $2 round
  case "$1" in
    danian-dpdk*) kernel_address off; danian_serve dpdk "$1" ;;
    danian-kernel-udp*) kernel_address on; danian_serve kernel-udp "$1" ;;
    sockperf-server) kernel_address on; PORT=$SOCKPERF_PORT
      sockperf server -i "$SERVER_IP" -p "$PORT" > /dev/null 2>&1 & SERVER_PID=$!; sleep 0.5 ;;
    *) echo "unknown server $1: danian-dpdk[+key=value...], danian-kernel-udp[+...] or sockperf-server" >&2; exit 2 ;;
  esac
  ip netns exec "$NS" sockperf ping-pong -i "$SERVER_IP" --port="$PORT" -t 1 -m 64 > /dev/null 2>&1 || true # warm-up
  measure "$1" "$2" ping-pong
  measure "$1" "$2" under-load --mps "$MPS" --reply-every 1
  stop_server
}

for round in $(seq 1 "$ROUNDS"); do
  for server in $SERVERS; do
    run_server "$server" "$round"
  done
done

# Medians over the rounds, RTT/2 in µs as sockperf reports them.
echo
echo "| server | ping-pong p50 | ping-pong p99 | under-load p50 | under-load p99 | dropped |"
echo "|---|---|---|---|---|---|"
for server in $SERVERS; do
  sed 's/[{}"]//g; s/,/ /g; s/:/ /g' "$RESULTS" | awk -v server="$server" '
    function median(list, n,   sorted, i, j, t) {
      for (i = 1; i <= n; i++) sorted[i] = list[i]
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (sorted[j] < sorted[i]) { t = sorted[i]; sorted[i] = sorted[j]; sorted[j] = t }
      return n % 2 ? sorted[(n + 1) / 2] : (sorted[n / 2] + sorted[n / 2 + 1]) / 2 }
    { for (i = 1; i < NF; i += 2) v[$i] = $(i + 1) }
    v["server"] == server {
      m = v["mode"]; k = ++count[m]; p50[m, k] = v["p50_us"] + 0; p99[m, k] = v["p99_us"] + 0; dropped += v["dropped"] }
    END {
      for (k = 1; k <= count["ping-pong"]; k++) { a[k] = p50["ping-pong", k]; b[k] = p99["ping-pong", k] }
      for (k = 1; k <= count["under-load"]; k++) { c[k] = p50["under-load", k]; d[k] = p99["under-load", k] }
      printf "| %s | %.1f | %.1f | %.1f | %.1f | %d |\n", server, median(a, count["ping-pong"]), median(b, count["ping-pong"]),
        median(c, count["under-load"]), median(d, count["under-load"]), dropped }'
done
