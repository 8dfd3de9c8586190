# Sourced by the sockperf scripts of this folder (sockperf-compare.sh, thread-profile.sh,
# soak.sh): checks that the packaged distribution and sockperf are there, sets ROOT (the
# repository), DANIAN (the unpacked distribution) and WORK (a temporary folder the caller
# removes), and defines the helpers below.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DANIAN=$ROOT/distribution/target/danian
[ -x "$DANIAN/bin/danian" ] || { echo "no distribution: run ./mvnw -B -DskipTests package" >&2; exit 1; }
command -v sockperf >/dev/null || { echo "sockperf is not installed" >&2; exit 1; }
WORK=$(mktemp -d)

# A free UDP port on the loopback.
free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Waits until a sockperf ping to PORT is answered (30 s at most); otherwise says that NAME did
# not answer and fails.
await_answer() {
  for _ in $(seq 1 300); do
    sockperf ping-pong -i 127.0.0.1 -p "$1" -t 1 -m 64 >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "$2 did not answer on port $1" >&2; return 1
}

# Commands as arrays, not functions, so that `"${CMD[@]}" ... &` leaves the process itself in
# $! (a backgrounded function would leave a subshell, and killing it would not stop the process).
# The plain-Java baseline server (netperf, two worker threads), the same in every script; the
# caller adds --port.
BASELINE_SERVER=(java -cp "$DANIAN/lib/*" org.danian.workloads.baseline.BaselineServer --workload netperf
  --bind 127.0.0.1 --threads 2)
# One busy-loop co-tenant; the caller bounds it with `timeout`.
BUSY_LOOP=(sh -c 'while :; do :; done')

# The PID of the JVM with the server's threads: `bin/danian` runs Java as its child.
java_of() { local child; child=$(pgrep -P "$1" java || true); echo "${child:-$1}"; }
