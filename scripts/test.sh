#!/usr/bin/env bash
# Runs every test of the project, installing what each step needs (toolchains, packages), so that
# it passes on a clean machine. Steps run in order and the first failure stops the run.
#
#   scripts/test.sh            everything
#   scripts/test.sh rust python   only the named steps
#
# Steps: rust (fmt, clippy, tests, doctests, docs), miri (the C ABI's tests under Miri), fuzz
# (60 s per target), python, kotlin, swift, node, interop. See each step's script for what it
# installs. One more step runs only when named, since it does not fit CI's time: release (the
# x86-64 release artifacts and their musl and Wine checks; `scripts/release.sh` covers the rest).
set -euo pipefail
cd "$(dirname "$0")/.."

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(rust miri fuzz python kotlin swift node interop)

run_rust() {
  rustup component add rustfmt clippy >/dev/null 2>&1 || true
  scripts/check-versions.sh
  cargo fmt --all -- --check
  cargo clippy --workspace --all-targets --locked -- -D warnings
  cargo test --workspace --locked
  RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked -q
}

for step in "${steps[@]}"; do
  start=$SECONDS
  echo "=== $step"
  case "$step" in
    rust) run_rust ;;
    miri) scripts/miri.sh ;;
    fuzz) scripts/fuzz.sh "${USERSIG_FUZZ_SECONDS:-60}" ;;
    python) scripts/test-python.sh ;;
    kotlin) scripts/test-kotlin.sh ;;
    swift) scripts/test-swift.sh ;;
    node) scripts/test-node.sh ;;
    # With the wheel, the JAR, the Swift library and the npm tarball the python, kotlin, swift and
    # node steps made, the matrix covers those bindings too (run alone, this step needs them run
    # before).
    interop) USERSIG_PYTHON="${USERSIG_PYTHON:-$PWD/target/python-venv}" USERSIG_JVM=1 USERSIG_SWIFT=1 USERSIG_NODE=1 \
      scripts/interop.sh ;;
    # The x86-64 release artifacts and their checks (static musl CLI and library, Windows under
    # Wine); `scripts/release.sh` alone builds and checks every target.
    release) scripts/release.sh build x86_64-unknown-linux-musl x86_64-pc-windows-gnu
      scripts/release.sh check workflow musl windows ;;
    *) echo "unknown step: $step (rust miri fuzz python kotlin swift node interop release)"; exit 2 ;;
  esac
  echo "=== $step passed in $((SECONDS - start)) s"
done
