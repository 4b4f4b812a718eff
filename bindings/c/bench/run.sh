#!/usr/bin/env bash
# The C API's and the drop-in's time per call beside the core's, in one run (BENCHMARKS.md):
# builds the release library and the core's timing example, compiles bench_c.c and
# bench_tencent_api.cpp (against the drop-in) with -O2, and runs the three.
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
