#!/usr/bin/env bash
# Instructions per call of the core's main operations, counted by callgrind (stable under load,
# unlike wall time). Each operation runs N and 2N times; the difference divided by N is the cost
# of one call, without process start or setup. Note: under valgrind, sha2 takes its software
# path (valgrind does not emulate SHA-NI), so compare ratios, not absolute figures.
# Usage: scripts/callgrind.sh [N]   (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
command -v valgrind >/dev/null || { echo "valgrind is required (apt-get install valgrind)" >&2; exit 1; }
cargo build --quiet --release -p usersig --example instructions
bin=target/release/examples/instructions
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

instructions() { # operation count -> total instructions executed
  valgrind --tool=callgrind --callgrind-out-file="$tmp/out" "$bin" "$1" "$2" 2>"$tmp/log" >/dev/null
  sed -n 's/^summary: //p' "$tmp/out"
}

printf '%-20s %12s %8s\n' operation instr/call "vs user_sig_at"
base=
for op in user_sig_at private_map_key_at verify_at verify_at_zlib6 verify_at_zlib9 inspect chat_callback trtc_callback; do
  one=$(instructions "$op" "$n")
  two=$(instructions "$op" $((2 * n)))
  per=$(( (two - one) / n ))
  base=${base:-$per}
  printf '%-20s %12d %8s\n' "$op" "$per" "$(awk -v a="$per" -v b="$base" 'BEGIN{printf "%.2fx", a/b}')"
done
