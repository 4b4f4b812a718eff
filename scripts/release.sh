#!/usr/bin/env bash
# Builds the release artifacts into dist/ and checks each platform's as far as this machine can run
# it. Installs its own tools (apt: cross linkers, musl-tools, mingw-w64, Wine, llvm; rustup
# targets; PyPI: zig; crates.io: cargo-zigbuild). Needs root for apt.
#
#   scripts/release.sh            build everything, then run every check
#   scripts/release.sh build [TARGET...]   build only (only those targets, or jvm: added to dist/)
#   scripts/release.sh check [NAME...]     check what dist/ holds (only those checks:
#                                          workflow musl windows aarch64 macos jvm)
#
# dist/ after a build:
#   crates/              usersig-VERSION.crate, usersig-cli-VERSION.crate
#   python/              usersig-VERSION.tar.gz, the sdist
#   cli/                 usersig-VERSION-TARGET[.exe]: static musl Linux (x86_64, aarch64),
#                        macOS (x86_64, aarch64), Windows (x86_64-pc-windows-gnu)
#   ffi/TARGET/          the FFI library (C ABI and UniFFI) of each target the JAR and the
#                        wheels need: the shared library, and the static one beside it
#   maven/               io/github/usersig/usersig/VERSION/: the JAR (the libraries of Linux x86-64 and
#                        aarch64, macOS x86-64 and arm64, Windows x86-64), its POM, sources and
#                        javadoc JARs, as Maven Central lays them out (scripts/release/jvm.sh)
#   SHA256SUMS           over every file above
#
# Checks (each a function below): musl (the static CLI runs; a musl-linked C harness loads the
# musl library and calls it), windows (under Wine: usersig.exe signs, inspects and verifies; a
# mingw harness loads the DLL and calls it), macos (each Mach-O file has its architecture and
# exports the Linux build's symbols; nothing Apple runs here), aarch64 (under qemu-user: the static
# CLI signs, inspects and verifies; a harness built with Debian's aarch64 compiler calls the glibc
# library), jvm (in scripts/release/jvm.sh: the JAR's five libraries by format, and a user's Maven
# project resolving it from dist/maven and running on this JDK).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIST=$ROOT/dist
TOOLS=$ROOT/target/release-tools
VERSION=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"$/\1/p' Cargo.toml)

CLI_TARGETS=(x86_64-unknown-linux-musl aarch64-unknown-linux-musl x86_64-apple-darwin
  aarch64-apple-darwin x86_64-pc-windows-gnu)
FFI_TARGETS=(x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu x86_64-unknown-linux-musl
  aarch64-unknown-linux-musl x86_64-apple-darwin aarch64-apple-darwin x86_64-pc-windows-gnu)

log() { printf '=== release: %s\n' "$*"; }

install_tools() {
  local need=()
  command -v aarch64-linux-gnu-gcc >/dev/null || need+=(gcc-aarch64-linux-gnu)
  command -v musl-gcc >/dev/null || need+=(musl-tools)
  command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(mingw-w64)
  command -v wine >/dev/null || need+=(wine wine64)
  command -v llvm-nm >/dev/null || command -v llvm-nm-14 >/dev/null || need+=(llvm)
  command -v qemu-aarch64-static >/dev/null || need+=(qemu-user-static)
  command -v file >/dev/null || need+=(file)
  command -v unzip >/dev/null || need+=(unzip)
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
  fi
  rustup target add "${FFI_TARGETS[@]}" >/dev/null
  # zig links Mach-O and aarch64 musl; cargo-zigbuild drives it (it finds `python3 -m ziglang`).
  [ -x "$TOOLS/venv/bin/python" ] || python3 -m venv "$TOOLS/venv"
  "$TOOLS/venv/bin/pip" install -q --disable-pip-version-check ziglang==0.17.1 maturin==1.16.0 twine==7.0.0
  command -v cargo-zigbuild >/dev/null || cargo install -q --locked cargo-zigbuild@0.24.1
}

# The Rust name of each target's libraries and executable.
ffi_files() {
  case "$1" in
    *-windows-*) echo "usersig_ffi.dll libusersig_ffi.a" ;;
    *-apple-*) echo "libusersig_ffi.dylib libusersig_ffi.a" ;;
    *) echo "libusersig_ffi.so libusersig_ffi.a" ;;
  esac
}
exe() { case "$1" in *-windows-*) echo usersig.exe ;; *) echo usersig ;; esac; }

# cargo for TARGET: zig links what Debian has no linker for; plain cargo with Debian's cross
# compilers does the rest (their linkers set below). The static musl CLI links with Rust's own
# musl objects through the host's cc: musl-gcc there made a binary that crashed.
cargo_for() {
  local target=$1
  shift
  case "$target" in
    # In their own target folder: a build through zig does not wait for the others' lock.
    *-apple-* | aarch64-unknown-linux-musl | zig-*) target=${target#zig-}
      PATH="$TOOLS/venv/bin:$PATH" CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target/zig} \
      nice cargo zigbuild --release --locked --target "$target" "$@" ;;
    *) nice cargo build --release --locked --target "$target" "$@" ;;
  esac
}
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc

build_crates() {
  mkdir -p "$DIST/crates"
  cargo package --locked -p usersig -p usersig-cli --no-verify -q
  cp "target/package/usersig-$VERSION.crate" "target/package/usersig-cli-$VERSION.crate" "$DIST/crates/"
}

# The Python sdist (builds anywhere with a Rust toolchain: it carries the workspace crates it
# needs), checked by twine. The wheels are not built here yet.
build_sdist() {
  mkdir -p "$DIST/python"
  (cd bindings/python && "$TOOLS/venv/bin/maturin" sdist --out "$DIST/python")
  "$TOOLS/venv/bin/twine" check --strict "$DIST"/python/*
}

build_cli() {
  local target=$1 start=$SECONDS
  cargo_for "$target" -p usersig-cli
  mkdir -p "$DIST/cli"
  local name="usersig-$VERSION-$target"
  case "$target" in *-windows-*) name+=.exe ;; esac
  local dir=target
  [[ "$target" == *-apple-* || "$target" == aarch64-unknown-linux-musl ]] && dir=target/zig
  cp "$dir/$target/release/$(exe "$target")" "$DIST/cli/$name"
  log "cli $target built in $((SECONDS - start)) s"
}

build_ffi() {
  local target=$1 start=$SECONDS dir=target
  [[ "$target" == *-apple-* || "$target" == *-linux-musl ]] && dir=target/zig
  case "$target" in
    # A musl shared library links musl dynamically: no crt-static (in its own target folder,
    # so that the static CLI's build is not invalidated).
    # Through zig, which brings the unwinder (Debian's musl-gcc has no musl libgcc_s).
    *-musl) dir=$dir/musl-dynamic
      RUSTFLAGS="-C target-feature=-crt-static" CARGO_TARGET_DIR=$dir cargo_for "zig-$target" -p usersig-ffi ;;
    *) cargo_for "$target" -p usersig-ffi ;;
  esac
  mkdir -p "$DIST/ffi/$target"
  for f in $(ffi_files "$target"); do cp "$dir/$target/release/$f" "$DIST/ffi/$target/"; done
  log "ffi $target built in $((SECONDS - start)) s"
}

checksums() {
  (cd "$DIST" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum >SHA256SUMS)
  log "SHA256SUMS: $(wc -l <"$DIST/SHA256SUMS") files"
}

# build: everything, into a fresh dist/. build TARGET...: only those targets' CLI and library,
# added to dist/ as it is.
build() {
  install_tools
  local only=("$@") t
  if [ ${#only[@]} -eq 0 ]; then
    rm -rf "$DIST"
    build_crates
    build_sdist
  fi
  for t in "${CLI_TARGETS[@]}"; do
    [ ${#only[@]} -eq 0 ] || [[ " ${only[*]} " == *" $t "* ]] && build_cli "$t"
  done
  for t in "${FFI_TARGETS[@]}"; do
    [ ${#only[@]} -eq 0 ] || [[ " ${only[*]} " == *" $t "* ]] && build_ffi "$t"
  done
  [ ${#only[@]} -eq 0 ] || [[ " ${only[*]} " == *" jvm "* ]] && build_jvm
  checksums
}

# --- checks --------------------------------------------------------------------------------

KEY=5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e
HARNESS=scripts/release/harness.c

# A field of the official vector 001 (a Python subscript).
vector001() { python3 -c "import json; print(json.loads(open('core/tests/vectors/official-python.jsonl').readline())$1)"; }

# The CLI at $@ signs vector 001's input at its fixed time (the signature must be the vector's
# TLS.sig; the compressed bytes differ by design), inspects and verifies that token, and verifies
# the vector's own token.
cli_round_trip() {
  local token sig vector
  sig=$(vector001 '["decoded"]["TLS.sig"]')
  vector=$(vector001 '["output"]')
  token=$("$@" sign --sdkappid 1400000000 --key "$KEY" --user-id 27149 --expire 15552000 --time 1700000000 | tr -d '\r')
  "$@" inspect --json "$token" | tr -d '\r' | grep -F "\"$sig\"" >/dev/null ||
    { echo "inspect: TLS.sig of $token is not $sig"; return 1; }
  "$@" verify --sdkappid 1400000000 --user-id 27149 --key "$KEY" --now 1700000001 "$token"
  "$@" verify --sdkappid 1400000000 --user-id 27149 --key "$KEY" --now 1700000001 \
    "$vector" >/dev/null
  echo "sign (TLS.sig $sig as vector 001), inspect, verify ours and vector 001's: ok ($*)"
}

check_musl() {
  local cli="$DIST/cli/usersig-$VERSION-x86_64-unknown-linux-musl" work=target/release-checks/musl
  file "$cli"
  file "$cli" | grep -q -E 'statically linked|static-pie linked' || { echo "not static: $cli"; return 1; }
  cli_round_trip "$cli"
  mkdir -p "$work"
  musl-gcc -O2 -o "$work/harness" "$HARNESS" -L"$DIST/ffi/x86_64-unknown-linux-musl" -lusersig_ffi
  file "$work/harness"
  LD_LIBRARY_PATH="$DIST/ffi/x86_64-unknown-linux-musl" "$work/harness"
}

check_windows() {
  local cli="$DIST/cli/usersig-$VERSION-x86_64-pc-windows-gnu.exe" work=target/release-checks/windows
  export WINEPREFIX=$ROOT/target/release-checks/wineprefix WINEDEBUG=-all
  mkdir -p "$work"
  file "$cli"
  cli_round_trip wine "$cli"
  cp "$DIST/ffi/x86_64-pc-windows-gnu/usersig_ffi.dll" "$work/"
  # Wine 8 lacks bcryptprimitives.dll (ProcessPrng), which the DLL imports: a stand-in, for Wine.
  x86_64-w64-mingw32-gcc -O2 -shared -o "$work/bcryptprimitives.dll" scripts/release/wine-bcryptprimitives.c -ladvapi32
  x86_64-w64-mingw32-gcc -O2 -o "$work/harness.exe" "$HARNESS" "$work/usersig_ffi.dll"
  (cd "$work" && wine harness.exe >harness.out; status=$?; tr -d '\r' <harness.out; exit $status)
}

# aarch64 Linux under qemu-user, without a root: the static CLI, and the glibc library called by
# a harness built with Debian's cross compiler (its libc from /usr/aarch64-linux-gnu).
check_aarch64() {
  local work=target/release-checks/aarch64 lib="$DIST/ffi/aarch64-unknown-linux-gnu"
  mkdir -p "$work"
  file "$DIST/cli/usersig-$VERSION-aarch64-unknown-linux-musl"
  cli_round_trip qemu-aarch64-static "$DIST/cli/usersig-$VERSION-aarch64-unknown-linux-musl"
  aarch64-linux-gnu-gcc -O2 -o "$work/harness" "$HARNESS" -L"$lib" -lusersig_ffi
  file "$work/harness"
  qemu-aarch64-static -L /usr/aarch64-linux-gnu -E LD_LIBRARY_PATH="$lib" "$work/harness"
}

nm_tool() { command -v llvm-nm || command -v llvm-nm-14; }

# The symbols of the C ABI and UniFFI a library exports, without Mach-O's leading underscore.
exported() { "$(nm_tool)" --extern-only --defined-only "$1" | awk '{print $3}' | sed 's/^_//' | grep -E '^(uniffi_|ffi_|usersig_)' | sort -u; }

check_macos() {
  local linux arch f
  linux=$(exported "$DIST/ffi/x86_64-unknown-linux-gnu/libusersig_ffi.so")
  echo "linux exports $(wc -l <<<"$linux") symbols"
  for t in x86_64-apple-darwin aarch64-apple-darwin; do
    case "$t" in x86_64-*) arch=x86_64 ;; *) arch=arm64 ;; esac
    for f in "$DIST/ffi/$t/libusersig_ffi.dylib" "$DIST/cli/usersig-$VERSION-$t"; do
      file "$f"
      file "$f" | grep -q "Mach-O 64-bit.*$arch" || { echo "not Mach-O $arch: $f"; return 1; }
    done
    diff <(echo "$linux") <(exported "$DIST/ffi/$t/libusersig_ffi.dylib") ||
      { echo "$t: exports differ from Linux"; return 1; }
    echo "$t: same $(wc -l <<<"$linux") exported symbols as Linux"
  done
}

# The release workflow, linted (actionlint from the Go module proxy).
check_workflow() {
  [ -x "$TOOLS/bin/actionlint" ] || GOBIN=$TOOLS/bin go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
  "$TOOLS/bin/actionlint" .github/workflows/release.yml
  echo "actionlint: .github/workflows/release.yml clean"
}

check() {
  local c start checks=("$@")
  [ ${#checks[@]} -gt 0 ] || checks=(workflow musl windows aarch64 macos jvm)
  for c in "${checks[@]}"; do
    start=$SECONDS
    log "check $c"
    "check_$c"
    log "check $c passed in $((SECONDS - start)) s"
  done
  (cd "$DIST" && sha256sum --quiet -c SHA256SUMS) && log "SHA256SUMS verified"
}

# The JVM package: build_jvm, check_jvm, jvm_smoke.
source scripts/release/jvm.sh

case "${1:-all}" in
  build) shift; build "$@" ;;
  check) shift; install_tools; check "$@" ;;
  all) build; check ;;
  *) echo "usage: scripts/release.sh [build|check]"; exit 2 ;;
esac
