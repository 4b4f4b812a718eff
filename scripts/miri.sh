#!/usr/bin/env bash
# Runs the C ABI's tests (bindings/ffi/src/abi/tests.rs: every entry point, with wrong lengths,
# invalid UTF-8, short buffers and null pointers) and the C API's (bindings/ffi/src/capi/tests.rs)
# under Miri, which fails on any undefined
# behaviour: out-of-bounds or dangling access, a leak, an invalid value.
# Installs what it needs: a nightly toolchain with the miri and rust-src components.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
rustup +nightly component add miri rust-src >/dev/null
cargo +nightly miri setup >/dev/null
# Without isolation: one entry point reads the system clock.
MIRIFLAGS="${MIRIFLAGS:-} -Zmiri-disable-isolation" cargo +nightly miri test -p usersig-ffi --lib --locked -- abi:: capi::
