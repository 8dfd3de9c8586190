#!/usr/bin/env bash
# Where a server's CPU goes, thread by thread. Serves `netperf` with Danian (default settings)
# or the plain-Java baseline, warms it up with the sockperf client (beside K busy-loop
# co-tenants if asked, started before the warm-up), then measures one run and prints, for each
# thread that used CPU in it, tab-separated: its name, its wake-ups per second (voluntary
# context switches), its CPU milliseconds per second (/proc/PID/task/TID/schedstat) and its
# user and system shares (utime, stime ticks, proc(5)); then the client's p50 and p99 (RTT/2,
# µs) and, for Danian, the hand-off counters of `danian:stats --json` (since the start) as
# JSON. With -p FILE, also records the server's threads with `perf record -g` into FILE, for
# `perf report -i FILE --sort comm,sym`.
#
# Usage: benchmarks/thread-profile.sh [-s danian|baseline] [-k COTENANTS] [-r MPS] [-t SECONDS]
#                                     [-w WARMUP] [-p PERF_FILE]
#   defaults: Danian, no co-tenant, 5000 messages/s, a 5 s run after a 5 s warm-up. Needs the
#   packaged distribution (./mvnw -B -DskipTests package), sockperf, python3, and perf for -p.
set -euo pipefail
SERVER=danian COTENANTS=0 MPS=5000 SECS=5 WARMUP=5 PERF_FILE=""
usage="usage: $0 [-s danian|baseline] [-k cotenants] [-r mps] [-t seconds] [-w warmup-seconds] [-p perf-file]"
while getopts "s:k:r:t:w:p:" opt; do
  case $opt in
    s) SERVER=$OPTARG ;; k) COTENANTS=$OPTARG ;; r) MPS=$OPTARG ;; t) SECS=$OPTARG ;; w) WARMUP=$OPTARG ;;
    p) PERF_FILE=$OPTARG ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
[[ $SERVER == danian || $SERVER == baseline ]] || { echo "invalid -s '$SERVER': want danian or baseline" >&2; exit 2; }
for n in "$COTENANTS" "$MPS" "$SECS" "$WARMUP"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "invalid number '$n'; $usage" >&2; exit 2; }
done
. "$(dirname "$0")/sockperf-prelude.sh"   # ROOT, DANIAN, WORK
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  exec 3>&- 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(free_port)
mkfifo "$WORK/shell"
if [ "$SERVER" = danian ]; then
  "$DANIAN/bin/danian" serve --workload netperf --port "$PORT" --bind 127.0.0.1 <"$WORK/shell" >"$WORK/out" 2>&1 &
else
  "${BASELINE_SERVER[@]}" --port "$PORT" <"$WORK/shell" >"$WORK/out" 2>&1 &
fi
PIDS+=($!)
exec 3>"$WORK/shell"   # the serve's standard input: kept open, so the shell waits for commands
await_answer "$PORT" "$SERVER"
JAVA=$(java_of "${PIDS[0]}")

for _ in $(seq 1 "$COTENANTS"); do
  timeout $((WARMUP + SECS + 10)) "${BUSY_LOOP[@]}" & PIDS+=($!)
done
sockperf under-load -i 127.0.0.1 -p "$PORT" -t "$WARMUP" -m 64 --mps "$MPS" --reply-every 1 >/dev/null 2>&1 || true

# One line per thread: tid, name (spaces as _), voluntary switches, utime, stime, run time ns.
snapshot() {
  for t in /proc/"$JAVA"/task/*; do
    local name; name=$(tr ' ' _ <"$t/comm" 2>/dev/null) || continue
    printf '%s %s %s %s %s\n' "${t##*/}" "$name" "$(awk '/^voluntary_ctxt_switches/ {print $2}' "$t/status")" \
      "$(cut -d' ' -f14,15 "$t/stat")" "$(cut -d' ' -f1 "$t/schedstat")"
  done | sort
}
snapshot >"$WORK/before"
if [ -n "$PERF_FILE" ]; then
  tids=$(cut -d' ' -f1 "$WORK/before" | paste -sd, -)
  perf record -q -g -t "$tids" -o "$PERF_FILE" -- sleep "$SECS" >/dev/null 2>&1 & PIDS+=($!)
fi
sockperf under-load -i 127.0.0.1 -p "$PORT" -t "$SECS" -m 64 --mps "$MPS" --reply-every 1 >"$WORK/client" 2>&1 || true
snapshot >"$WORK/after"

printf 'thread\twakeups_per_s\tcpu_ms_per_s\tutime_ticks\tstime_ticks\n'
join "$WORK/before" "$WORK/after" | awk -v s="$SECS" '$11 > $6 {
  printf "%s\t%.0f\t%.1f\t%d\t%d\n", $2, ($8 - $3) / s, ($11 - $6) / s / 1e6, $9 - $4, $10 - $5 }' | sort -t$'\t' -k3 -gr
awk '/percentile 50.000 =/ { p50=$NF } /percentile 99.000 =/ { p99=$NF }
  END { printf "client\tp50_us\t%s\tp99_us\t%s\n", p50, p99 }' "$WORK/client"
if [ "$SERVER" = danian ]; then
  echo "danian:stats --json" >&3
  for _ in $(seq 1 50); do grep -q '"handOffs"' "$WORK/out" && break; sleep 0.1; done
  python3 -c '
import json, sys
for line in reversed(open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()):
    if "handOffs" in line and "{" in line:  # the answer, after any prompt on its line
        print("handOffs\t" + json.dumps(json.loads(line[line.index("{"):])["handOffs"]))
        break
' "$WORK/out"
fi
if [ -n "$PERF_FILE" ]; then sleep 1; fi   # perf writes its file when its sleep ends
exit 0
