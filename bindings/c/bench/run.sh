#!/usr/bin/env bash
# The C API's and the drop-in's cost per call beside the core's, in one run (BENCHMARKS.md):
# builds the release library and the core's examples, compiles bench_c.c and
# bench_tencent_api.cpp (against the drop-in) with -O2, and prints wall time per call (the core's
# core_timing, then the two programs), then, with --instructions, instructions per call counted
# by callgrind (each call run N and 2N times; the difference divided by N).
#   bindings/c/bench/run.sh [--instructions [N]]
set -euo pipefail
cd "$(dirname "$0")/../../.."
cargo build --quiet --release --locked -p usersig-ffi --example core_timing
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
lib=$PWD/target/release
gcc -O2 -std=gnu11 -Ibindings/c/include bindings/c/bench/bench_c.c -L"$lib" -lusersig_ffi -Wl,-rpath,"$lib" -o "$out/bench_c"
g++ -O2 -std=c++17 -Ibindings/c/include bindings/c/bench/bench_tencent_api.cpp -L"$lib" -lusersig_ffi \
  -Wl,-rpath,"$lib" -o "$out/bench_dropin"
echo "core (core_timing 2000, us per token): $(target/release/examples/core_timing 2000)"
"$out/bench_c"
"$out/bench_dropin"
[ "${1:-}" = --instructions ] || exit 0
n=${2:-2000}
cargo build --quiet --release --locked -p usersig --example instructions
instructions() { # program args... -> instructions executed
  valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$@" >/dev/null 2>"$out/log"
  sed -n 's/^summary: //p' "$out/cg"
}
per_call() { # label program name
  local one two
  one=$(instructions "$2" "$3" "$n")
  two=$(instructions "$2" "$3" $((2 * n)))
  printf '%-22s %10d instructions per call\n' "$1" $(((two - one) / n))
}
per_call "core user_sig_at" target/release/examples/instructions user_sig_at
per_call "core verify_at" target/release/examples/instructions verify_at
per_call "C user_sig_at" "$out/bench_c" c.user_sig_at
per_call "C verify_at" "$out/bench_c" c.verify_at
per_call "C verify_at+claims" "$out/bench_c" c.verify_at+claims
per_call "drop-in genUserSig" "$out/bench_dropin" genUserSig
per_call "drop-in genPrivateMapKey" "$out/bench_dropin" genPrivateMapKey
