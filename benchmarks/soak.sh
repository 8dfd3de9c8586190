#!/usr/bin/env bash
# Soak: `bin/danian serve --workload netperf` under the real sockperf client's open-loop load for
# MINUTES, with a hot swap of the thread-pick policy every SWAP seconds through the server's shell
# (caladan, danian, danian-exact, lottery in turn). Prints one JSON line: messages sent, received,
# dropped, duplicated and out of order (sockperf's own counts), the swaps made, and the server
# JVM's threads, open descriptors and resident memory at the start of the load and at its end.
# Exits 1 if a message was lost, duplicated or reordered, or if threads or descriptors grew.
#
# Usage: benchmarks/soak.sh [-m MINUTES] [-r MPS] [-s SWAP_SECONDS]   (defaults 5, 5000, 1)
# Needs the packaged distribution (./mvnw -B -DskipTests package) and sockperf on the PATH.
set -euo pipefail
MINUTES=5 MPS=5000 SWAP=1
while getopts "m:r:s:" opt; do
  case $opt in
    m) MINUTES=$OPTARG ;; r) MPS=$OPTARG ;; s) SWAP=$OPTARG ;;
    *) echo "usage: $0 [-m minutes] [-r mps] [-s swap-seconds]" >&2; exit 2 ;;
  esac
done
. "$(dirname "$0")/sockperf-prelude.sh"   # ROOT, DANIAN, WORK
SERVE_PID="" LOAD_PID=""
cleanup() {
  exec 7>&- 2>/dev/null || true
  [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null || true
  if [ -n "$SERVE_PID" ]; then pkill -P "$SERVE_PID" 2>/dev/null || true; kill "$SERVE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(free_port)
mkfifo "$WORK/shell"
DANIAN_JAVA_OPTS="${DANIAN_JAVA_OPTS:-} -Ddanian.data=$WORK/data" \
  "$DANIAN/bin/danian" serve --workload netperf --port "$PORT" --bind 127.0.0.1 <"$WORK/shell" >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVE_PID=$!
exec 7>"$WORK/shell"
for _ in $(seq 1 600); do grep -q "^netperf " "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
grep -q "^netperf " "$WORK/serve.out" || { echo "serve did not start: $(cat "$WORK/serve.err")" >&2; exit 1; }
JAVA_PID=$(java_of "$SERVE_PID")

sample() {   # threads descriptors rss-KiB of the server JVM
  echo "$(ls /proc/"$JAVA_PID"/task | wc -l) $(ls /proc/"$JAVA_PID"/fd | wc -l) $(awk '/^VmRSS/ {print $2}' /proc/"$JAVA_PID"/status)"
}
sockperf under-load -i 127.0.0.1 -p "$PORT" -t 3 -m 64 --mps "$MPS" --reply-every 1 >/dev/null 2>&1 || true # warm-up
read -r THREADS0 FDS0 RSS0 <<<"$(sample)"
SECS=$((MINUTES * 60))
sockperf under-load -i 127.0.0.1 -p "$PORT" -t "$SECS" -m 64 --mps "$MPS" --reply-every 1 >"$WORK/load.out" 2>&1 &
LOAD_PID=$!
POLICIES=(caladan danian danian-exact lottery)
SWAPS=0
while kill -0 "$LOAD_PID" 2>/dev/null; do
  sleep "$SWAP"
  echo "danian:policy --json ${POLICIES[$((SWAPS % 4))]}" >&7
  SWAPS=$((SWAPS + 1))
done
wait "$LOAD_PID" || true
LOAD_PID=""
sleep 1
read -r THREADS1 FDS1 RSS1 <<<"$(sample)"
FAILED_SWAPS=$(grep -c '"outcome":"FAILED"' "$WORK/serve.out" || true)
awk -v swaps="$SWAPS" -v failed="$FAILED_SWAPS" -v minutes="$MINUTES" -v mps="$MPS" \
    -v t0="$THREADS0" -v t1="$THREADS1" -v f0="$FDS0" -v f1="$FDS1" -v r0="$RSS0" -v r1="$RSS1" '
  /Total Run.*SentMessages=/ { split($0, a, "SentMessages="); split(a[2], b, ";"); sent = b[1]
                               split($0, c, "ReceivedMessages="); split(c[2], d, " "); recv = d[1] }
  /# dropped messages =/ { gsub(/\x1b\[[0-9;]*m/, ""); split($0, e, "= "); split(e[2], f, ";"); drop = f[1]
                           split(e[3], g, ";"); dup = g[1]; split(e[4], h, " "); ooo = h[1] }
  END {
    printf "{\"minutes\":%s,\"mps\":%s,\"swaps\":%d,\"failedSwaps\":%d,\"sent\":%d,\"received\":%d,\"dropped\":%d,\"duplicated\":%d,\"outOfOrder\":%d,\"threads\":[%d,%d],\"descriptors\":[%d,%d],\"rssKiB\":[%d,%d]}\n",
      minutes, mps, swaps, failed, sent, recv, drop, dup, ooo, t0, t1, f0, f1, r0, r1
    exit (drop + dup + ooo > 0 || failed > 0 || t1 > t0 || f1 > f0) ? 1 : 0
  }' "$WORK/load.out"
