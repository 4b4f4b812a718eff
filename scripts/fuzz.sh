#!/usr/bin/env bash
# Fuzzes `inspect` and `verify` (core/fuzz), and every entry point of the C ABI, the callback
# verifiers' included (bindings/ffi/fuzz: each result decoded and compared with the core's),
# with cargo-fuzz (libFuzzer) for a bounded time each.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
# Installs what it needs: a nightly toolchain (cargo-fuzz needs sanitizer flags) and cargo-fuzz.
# Any panic fails the run; libFuzzer leaves the crashing input under <dir>/fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

# Seed the corpus with real tokens so libFuzzer starts past the outer layers.
cargo build --release -q -p usersig-cli
mkdir -p core/fuzz/corpus/inspect core/fuzz/corpus/verify
for id in alice 用户 'a"b\c'; do
  token=$(USERSIG_KEY="key one" target/release/usersig pmk --sdkappid=1400000000 --user-id="$id" \
    --room-str=lobby --privilege=255 --time=1700000000)
  printf '%s' "$token" > "core/fuzz/corpus/inspect/seed-$(printf '%s' "$id" | od -An -tx1 | tr -d ' \n')"
  printf '\x00%s' "$token" > "core/fuzz/corpus/verify/seed-$(printf '%s' "$id" | od -An -tx1 | tr -d ' \n')"
done

# The ABI target's corpus: every call, with real tokens of every kind and real signed callbacks in
# the target's input layout (bindings/ffi/fuzz/src/lib.rs), written by the seed writer built
# alongside the target.
(cd bindings/ffi && cargo +nightly fuzz build abi && cargo +nightly fuzz build seeds)
host=$(rustc +nightly -vV | sed -n 's/^host: //p')
bindings/ffi/fuzz/target/"$host"/release/seeds bindings/ffi/fuzz/corpus/abi \
  core/tests/vectors/official-python.jsonl core/tests/vectors/callbacks.jsonl

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for job in core:inspect core:verify bindings/ffi:abi; do
  dir=${job%%:*} target=${job##*:}
  echo "fuzzing $dir $target for ${seconds}s"
  if ! (cd "$dir" && cargo +nightly fuzz run "$target" -- -max_total_time="$seconds" -max_len=4096 \
      -print_final_stats=1) >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz target $target failed: see the input saved under $dir/fuzz/artifacts/$target/"
    exit 1
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$log"
  grep -E '^#[0-9]+\s+(INITED|DONE) ' "$log" || true
done
