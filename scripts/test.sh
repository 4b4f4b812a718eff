#!/usr/bin/env bash
# Runs every test of the project, installing what each step needs (toolchains, packages), so that
# it passes on a clean machine. Steps run in order and the first failure stops the run.
#
#   scripts/test.sh            everything
#   scripts/test.sh rust python   only the named steps
#
# Steps: rust (fmt, clippy, tests, doctests, docs, and the unit tests on the declared minimum
# Rust), miri (the C ABI's and the C API's tests under Miri), fuzz (60 s per target), python,
# kotlin, swift, node, go, web (the token inspector page in headless Chromium), c (the C API, the
# C++ wrapper and drop-in, their package), php (the Composer package), interop, release (the x86-64
# release artifacts and their checks, and the aarch64 wheel's Python suite under qemu-user;
# `scripts/release.sh --test` runs the whole matrix, which does not fit CI's time). See each step's
# script for what it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(rust miri fuzz python kotlin swift node go web c php interop release)

run_rust() {
  rustup component add rustfmt clippy >/dev/null 2>&1 || true
  scripts/check-versions.sh
  python3 scripts/vectors/callbacks.py --check
  cargo fmt --all -- --check
  cargo clippy --workspace --all-targets --locked -- -D warnings
  cargo test --workspace --locked
  RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked -q
  # The declared minimum Rust (the workspace's rust-version) builds everything and passes the
  # unit tests, debug assertions included.
  local msrv
  msrv=$(sed -n 's/^rust-version = "\(.*\)"$/\1/p' Cargo.toml)
  rustup toolchain install "$msrv" --profile minimal >/dev/null 2>&1
  cargo "+$msrv" test --workspace --locked --lib --bins
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
    go) scripts/test-go.sh ;;
    web) scripts/test-web.sh ;;
    c) scripts/test-c.sh ;;
    php) scripts/test-php.sh ;;
    # With the wheel, the JAR, the Swift library, the npm tarball, the Go module's library and the
    # Composer project that the python, kotlin, swift, node, go and php steps made, the matrix
    # covers those bindings too (run alone, this step needs them run before).
    interop) USERSIG_PYTHON="${USERSIG_PYTHON:-$PWD/target/python-venv}" USERSIG_JVM=1 USERSIG_SWIFT=1 USERSIG_NODE=1 \
      USERSIG_GO=1 USERSIG_PHP=1 scripts/interop.sh ;;
    # The release artifacts CI can afford: x86-64 (wheel, sdist, static musl CLI and library,
    # Windows under Wine, the C tarballs of both) and the aarch64 wheel, whose Python suite runs
    # under qemu-user.
    release) scripts/release.sh build sdist wheel:x86_64-unknown-linux-gnu wheel:aarch64-unknown-linux-gnu \
        cli:x86_64-unknown-linux-musl ffi:x86_64-unknown-linux-musl cli:x86_64-pc-windows-gnu \
        ffi:x86_64-pc-windows-gnu c:x86_64-unknown-linux-musl c:x86_64-pc-windows-gnu
      scripts/release.sh check workflow glibc python python_aarch64 musl windows c ;;
    *) echo "unknown step: $step (rust miri fuzz python kotlin swift node go web c php interop release)"; exit 2 ;;
  esac
  echo "=== $step passed in $((SECONDS - start)) s"
done
