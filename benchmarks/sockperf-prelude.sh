# Sourced by the sockperf scripts of this folder (sockperf-compare.sh, thread-profile.sh,
# soak.sh): checks that the packaged distribution and sockperf are there, and sets ROOT (the
# repository), DANIAN (the unpacked distribution) and WORK (a temporary folder the caller
# removes).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DANIAN=$ROOT/distribution/target/danian
[ -x "$DANIAN/bin/danian" ] || { echo "no distribution: run ./mvnw -B -DskipTests package" >&2; exit 1; }
command -v sockperf >/dev/null || { echo "sockperf is not installed" >&2; exit 1; }
WORK=$(mktemp -d)
