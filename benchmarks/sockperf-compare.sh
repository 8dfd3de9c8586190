#!/usr/bin/env bash
# Compares Danian's netperf server (defaults), the plain-Java baseline server and the C
# `sockperf server` with the real sockperf client, interleaved, quiet and with K busy-loop
# co-tenants, and prints p50 / p99 / p99.9 (RTT/2, µs), dropped messages and server CPU
# microseconds per request (and the part of it the JIT compilers spent), with the medians'
# ratios to the baseline and to sockperf. Each run also shows where Linux dropped datagrams: in
# the client's socket or in the server's.
#
# Usage: benchmarks/sockperf-compare.sh [-n RUNS] [-t SECONDS] [-k COTENANTS] [-r MPS] [-w WARMUP]
#                                        [-b CLIENT_BUFFER_BYTES] [-v 'PID KEY=VALUE']
#   defaults: 5 runs of 5 s each after a 20 s warm-up, 2 co-tenants, 5000 messages/s. Needs the
#   packaged distribution (./mvnw -B -DskipTests package) and sockperf on the PATH. The warm-up
#   is long because the runs measure a server's steady state: after 5 s the JIT compilers were
#   still compiling Danian's request path during the measured run (up to 18 µs of its CPU per
#   request on the 2-core development machine, see docs/measurements.md), after 20 s about 1 µs.
#   -b sets the sockperf client's socket buffers (--buffer-size; Linux's default otherwise), so
#   that a client that falls behind does not drop replies in its own socket.
#   -v adds a fourth server, "variant": Danian from a copy of the distribution whose load/PID.cfg
#   sets KEY=VALUE, interleaved with the others, e.g.
#   -v 'org.danian.driver.kernel.udp kthreadReceiveLingerMicros=0' or -v 'org.danian.kernel threadNice=0'.
set -euo pipefail
RUNS=5 SECS=5 COTENANTS=2 MPS=5000 WARMUP=20 VARIANT="" CLIENT_OPTS=()
usage="usage: $0 [-n runs] [-t seconds] [-k cotenants] [-r mps] [-w warmup-seconds] [-b client-buffer-bytes] [-v 'PID KEY=VALUE']"
while getopts "n:t:k:r:w:b:v:" opt; do
  case $opt in
    n) RUNS=$OPTARG ;; t) SECS=$OPTARG ;; k) COTENANTS=$OPTARG ;; r) MPS=$OPTARG ;; w) WARMUP=$OPTARG ;;
    v) VARIANT=$OPTARG ;;
    b) [[ $OPTARG =~ ^[1-9][0-9]*$ ]] || { echo "invalid -b '$OPTARG': want a number of bytes" >&2; exit 2; }
       CLIENT_OPTS=(--buffer-size "$OPTARG") ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
. "$(dirname "$0")/sockperf-prelude.sh"   # ROOT, DANIAN, WORK
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
SERVERS="danian baseline sockperf"
if [ -n "$VARIANT" ]; then
  pid=${VARIANT%% *} setting=${VARIANT#* }
  if ! [[ $pid =~ ^[A-Za-z0-9._]+$ && $setting =~ ^[A-Za-z0-9_.]+=.+$ ]]; then
    echo "invalid -v '$VARIANT': want 'PID KEY=VALUE', e.g. 'org.danian.kernel threadNice=0'" >&2; exit 2
  fi
  cp -r "$DANIAN" "$WORK/variant"
  rm -rf "$WORK/variant/data" && mkdir "$WORK/variant/data"
  echo "$setting" >"$WORK/variant/load/$pid.cfg"
  SERVERS="danian variant baseline sockperf"
fi

# CPU time of every thread of a process, in ns: the scheduler's exact run time per thread
# (/proc/PID/task/TID/schedstat, first field). utime + stime from /proc/PID/stat are sampled at
# the timer tick and charge a whole tick to whichever thread runs then, which skews a thread
# that wakes thousands of times a second for a few µs.
# The launcher `bin/danian serve` runs Java as its child: count the whole process tree.
tree() { echo "$1"; for c in $(pgrep -P "$1"); do tree "$c"; done; }
cpu_ns() { for p in $(tree "$1"); do cat /proc/"$p"/task/*/schedstat 2>/dev/null; done | awk '{s += $1} END {printf "%.0f\n", s}'; }
# The part of it spent by the JIT compilers' threads (HotSpot names them "C1/C2 CompilerThreadN"):
# compilation still under way after the warm-up is a one-time cost that cpu_ns charges to the run.
jit_ns() {
  for p in $(tree "$1"); do
    for t in /proc/"$p"/task/*; do
      if [[ $(cat "$t/comm" 2>/dev/null) == C[12]\ CompilerThre* ]]; then cat "$t/schedstat"; fi
    done
  done 2>/dev/null | awk '{s += $1} END {printf "%.0f\n", s}'
}

# Starts one server; sets SERVER_PID and PORT.
start_server() {
  PORT=$(free_port)
  case $1 in
    danian)
      "$DANIAN/bin/danian" serve --workload netperf --port "$PORT" --bind 127.0.0.1 >"$WORK/danian.out" 2>&1 &
      SERVER_PID=$! ;;
    variant)
      "$WORK/variant/bin/danian" serve --workload netperf --port "$PORT" --bind 127.0.0.1 >"$WORK/variant.out" 2>&1 &
      SERVER_PID=$! ;;
    baseline)
      "${BASELINE_SERVER[@]}" --port "$PORT" >"$WORK/baseline.out" 2>&1 &
      SERVER_PID=$! ;;
    sockperf)
      sockperf server -i 127.0.0.1 -p "$PORT" >"$WORK/sockperf.out" 2>&1 &
      SERVER_PID=$! ;;
  esac
  PIDS+=("$SERVER_PID")
  await_answer "$PORT" "$1"
}

# Runs K busy loops for at most WARMUP+SECONDS+10 s each; sets COTENANT_PIDS.
start_cotenants() {
  COTENANT_PIDS=()
  for _ in $(seq 1 "$1"); do timeout $((WARMUP + SECS + 10)) "${BUSY_LOOP[@]}" & COTENANT_PIDS+=($!); done
}
stop_cotenants() { for p in "${COTENANT_PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; COTENANT_PIDS=(); }

# What Linux dropped because a UDP socket's receive buffer was full (proc(5): the last column
# of /proc/net/udp and udp6): "CLIENT SERVER", the client's sockets found by the inodes of the
# client process's descriptors, the server's by their local port.
socket_drops() {
  local inodes; inodes=$(ls -l /proc/"$1"/fd 2>/dev/null | sed -n 's/.*socket:\[\([0-9]*\)\]$/\1/p' | tr '\n' ' ')
  awk -v inodes=" $inodes" -v port="$(printf ':%04X' "$2")" '
    FNR > 1 { if (index(inodes, " " $10 " ")) c += $NF; if (substr($2, length($2) - 4) == port) s += $NF }
    END { printf "%d %d\n", c, s }' /proc/net/udp /proc/net/udp6
}

# One measured run: prints "p50 p99 p999 dropped cpu_us_per_request client_socket_drops
# server_socket_drops jit_us_per_request". A client socket exists only while the client runs, so its count is
# sampled until the client exits (drops in its last 0.2 s can be missed).
measure() {
  local server=$1 load=$2 out=$WORK/run.txt
  start_server "$server"
  # Warm-up long enough for the JIT to finish with the request path, whose compilation would
  # otherwise be charged to the measured run, and under the co-tenants already: paths first
  # taken under contention (a preempted kthread, a late wake-up) deoptimize and recompile.
  [ "$load" -gt 0 ] && start_cotenants "$load"
  sockperf under-load -i 127.0.0.1 -p "$PORT" -t "$WARMUP" -m 64 --mps "$MPS" --reply-every 1 "${CLIENT_OPTS[@]}" \
    >/dev/null 2>&1 || true
  local before jit_before; before=$(cpu_ns "$SERVER_PID"); jit_before=$(jit_ns "$SERVER_PID")
  local server_before; server_before=$(socket_drops 0 "$PORT" | cut -d' ' -f2)
  sockperf under-load -i 127.0.0.1 -p "$PORT" -t "$SECS" -m 64 --mps "$MPS" --reply-every 1 "${CLIENT_OPTS[@]}" >"$out" 2>&1 &
  local client=$! drops="0 0" seen
  while kill -0 "$client" 2>/dev/null; do
    seen=$(socket_drops "$client" "$PORT"); [ "${seen%% *}" -ge "${drops%% *}" ] && drops=$seen
    sleep 0.2
  done
  wait "$client" || true
  local after jit_after; after=$(cpu_ns "$SERVER_PID"); jit_after=$(jit_ns "$SERVER_PID")
  local server_after; server_after=$(socket_drops 0 "$PORT" | cut -d' ' -f2)
  stop_cotenants
  kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true
  awk -v ns="$(awk -v a="$after" -v b="$before" 'BEGIN {printf "%.0f", a - b}')" \
      -v jit=$((jit_after - jit_before)) -v cdrops="${drops%% *}" -v sdrops=$((server_after - server_before)) '
    /percentile 50.000 =/ { p50=$NF } /percentile 99.000 =/ { p99=$NF } /percentile 99.900 =/ { p999=$NF }
    /# dropped messages =/ { for (i=1;i<=NF;i++) if ($i=="dropped") d=$(i+3); gsub(/;/,"",d) }
    /Total Run.*ReceivedMessages=/ { split($0,a,"ReceivedMessages="); split(a[2],b," "); recv=b[1] }
    END { req = recv > 0 ? recv : 1
          printf "%s %s %s %s %.2f %d %d %.2f\n", p50, p99, p999, d+0, ns / 1e3 / req, cdrops, sdrops, jit / 1e3 / req }' "$out"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "sockperf under-load --mps $MPS -m 64 --reply-every 1${CLIENT_OPTS[*]:+ ${CLIENT_OPTS[*]}}, $RUNS runs of ${SECS}s, interleaved; load $(cut -d' ' -f1-3 /proc/loadavg)${VARIANT:+; variant: $VARIANT}"
for load in 0 "$COTENANTS"; do
  for server in $SERVERS; do : >"$WORK/$server.$load"; done
  for run in $(seq 1 "$RUNS"); do
    for server in $SERVERS; do measure "$server" "$load" >>"$WORK/$server.$load"; done
  done
  echo
  echo "co-tenants: $load"
  printf '%-9s %9s %9s %9s %8s %12s %8s   %s\n' server p50 p99 p99.9 dropped cpu-us/req "of-jit" \
    "runs (p50/p99/dropped/client-socket/server-socket)"
  for server in $SERVERS; do
    f=$WORK/$server.$load
    m() { cut -d' ' -f"$1" "$f" | median; }
    printf '%-9s %9s %9s %9s %8s %12s %8s   %s\n' "$server" "$(m 1)" "$(m 2)" "$(m 3)" "$(m 4)" "$(m 5)" "$(m 8)" \
      "$(awk '{printf "%s/%s/%s/%s/%s ", $1, $2, $4, $6, $7}' "$f")"
    echo "$server $(m 1) $(m 2) $(m 3) $(m 5)" >>"$WORK/medians.$load"
  done
  awk '{p50[$1]=$2; p99[$1]=$3; p999[$1]=$4; cpu[$1]=$5}
    END { for (ref in p50) if (ref != "danian") printf "danian/%-8s p50 %.2f  p99 %.2f  p99.9 %.2f  cpu %.2f\n", ref,
      p50["danian"]/p50[ref], p99["danian"]/p99[ref], p999["danian"]/p999[ref], (cpu[ref] > 0 ? cpu["danian"]/cpu[ref] : 0) }' \
    "$WORK/medians.$load"
done
