#!/bin/sh
# Builds the driver's native shim into $1 (the module's target/classes/native/linux-x86_64)
# with the compiler and linker flags DPDK's pkg-config file gives. Without DPDK's development
# files the module builds without the shim and says so, unless DANIAN_REQUIRE_DPDK=true
# (CI sets it), which makes a missing DPDK fail the build.
set -e
OUT="$1"
SRC="$(dirname "$0")/danian_dpdk_shim.c"
PKG="${DPDK_PKG:-libdpdk}"
CC="${CC:-gcc}"
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists "$PKG" 2>/dev/null; then
  if [ "$DANIAN_REQUIRE_DPDK" = "true" ]; then
    echo "ERROR: pkg-config cannot find $PKG; install libdpdk-dev and pkg-config (apt-get install -y libdpdk-dev pkg-config)" >&2
    exit 1
  fi
  echo "WARNING: pkg-config cannot find $PKG: building driver-dpdk without its native shim; the dpdk driver will not start" >&2
  rm -f "$OUT/libdanian_dpdk_shim.so" # a shim left by an earlier build would not match this one
  exit 0
fi
mkdir -p "$OUT"
# shellcheck disable=SC2046 # pkg-config's output is a list of flags
$CC -O2 -fPIC -shared -Wall -Wextra -Werror $(pkg-config --cflags "$PKG") \
  -o "$OUT/libdanian_dpdk_shim.so" "$SRC" -Wl,--as-needed $(pkg-config --libs "$PKG")
echo "built $OUT/libdanian_dpdk_shim.so against DPDK $(pkg-config --modversion "$PKG")"
