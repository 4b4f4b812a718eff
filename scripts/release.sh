#!/usr/bin/env bash
# Builds the release artifacts into dist/ and checks each platform's as far as this machine can run
# it. Installs its own tools (apt: cross linkers, musl-tools, mingw-w64, Wine, llvm, qemu-user,
# debootstrap; rustup targets; PyPI: zig, maturin, twine; crates.io: cargo-zigbuild). Needs root.
#
#   scripts/release.sh --test          build everything, then run every check (the whole matrix)
#   scripts/release.sh build [ARTIFACT...]   build only: everything into a fresh dist/, or only
#                                      the named artifacts, added to dist/ (names: crates sdist
#                                      npm web cli:TARGET ffi:TARGET c:TARGET wheel:TARGET
#                                      swift jvm go php)
#   scripts/release.sh check [NAME...] check what dist/ holds (all checks, or only the named ones:
#                                      workflow glibc python python_aarch64 wheels musl windows
#                                      aarch64 macos swift jvm jvm_aarch64 web c go php
#                                      php_aarch64)
#
# `scripts/test.sh release` (run by CI) builds and checks the x86-64 artifacts and runs the
# aarch64 wheel's Python suite; --test runs the rest too.
#
# dist/ after a build:
#   crates/              usersig-VERSION.crate, usersig-cli-VERSION.crate
#   python/              the sdist, and wheels for manylinux2014 x86_64 and aarch64, musllinux_1_2
#                        x86_64 and aarch64, macOS x86_64 and arm64, Windows amd64
#   npm/                 usersig-VERSION.tgz (WebAssembly: every platform)
#   web/                 the token inspector: index.html (one self-contained file that opens from
#                        file:// or any static host) and the licences
#   cli/                 usersig-VERSION-TARGET[.exe]: static musl Linux (x86_64, aarch64),
#                        macOS (x86_64, aarch64), Windows (x86_64-pc-windows-gnu)
#   ffi/TARGET/          the FFI library (C ABI and UniFFI) of each target the JAR and the
#                        Swift artifacts need: the shared library, and the static one beside it
#   c/                   usersig-c-VERSION-TARGET.tar.gz for each FFI target: the C and C++ headers,
#                        the libraries, pkg-config and CMake files (scripts/release/c.sh)
#   swift/               the XCFramework (macOS), its package, the Linux tarballs
#                        (scripts/release/swift.sh)
#   maven/               io/github/usersig/usersig/VERSION/: the JAR (the libraries of Linux x86-64
#                        and aarch64, macOS x86-64 and arm64, Windows x86-64), its POM, sources and
#                        javadoc JARs, as Maven Central lays them out (scripts/release/jvm.sh)
#   go/                  github.com/usersig/usersig/bindings/go/@v/ (list, .info, .mod, .zip with
#                        the libraries of Linux x86-64 and aarch64, macOS x86-64 and arm64, Windows
#                        x86-64) and purego, its dependency, as the Go module proxy lays them out
#                        (scripts/release/go.sh)
#   php/                 usersig-VERSION.zip: the Composer package with the libraries of Linux (glibc
#                        and musl, x86-64 and aarch64), macOS and Windows (scripts/release/php.sh)
#   SHA256SUMS           over every file above
#
# Checks (each a function below or in scripts/release/): glibc (every glibc library asks for
# glibc 2.17 at most), python (fresh virtualenvs install the x86-64 wheel and the sdist from dist/
# without an index; the Python suite passes against each), python_aarch64 (the same for the
# aarch64 wheel in an arm64 Debian root under qemu-user), wheels (each wheel's library has its
# platform's format; the musllinux x86-64 one is called by a musl harness; the Mach-O ones export
# the Linux symbols), musl (the static CLI runs; a musl-linked
# C harness loads the musl library and calls it), windows (under Wine: usersig.exe signs,
# inspects and verifies; a mingw harness loads the DLL and calls it), macos (each Mach-O file has
# its architecture and exports the Linux build's symbols; nothing Apple runs here), c (each C
# tarball installed into a fresh prefix and a consumer program built against it and run where this
# machine can run it: scripts/release/c.sh), aarch64 (under
# qemu-user: the static CLI signs, inspects and verifies; a harness built with Debian's aarch64
# compiler calls the glibc library), swift (scripts/release/swift.sh: the XCFramework's
# structure, architectures and exports; the Linux tarball installed and used by a Swift package in
# the Swift chroot), jvm (scripts/release/jvm.sh: the JAR's five libraries by format, and a
# user's Maven project resolving it from dist/maven and running on this JDK), jvm_aarch64 (that
# project's class on Debian's arm64 JDK in the arm64 root, under qemu-user), web (dist/web copied
# to a temporary folder, its page tested there in headless Chromium by scripts/test-web.sh), go
# (scripts/release/go.sh: the module zip's layout and libraries, and a user's module built from
# dist/go with CGO_ENABLED=0, run on x86-64, under qemu-user on aarch64 and under Wine), php
# (scripts/release/php.sh: the zip's seven libraries by format, and a fresh Composer project
# installing it and running its README's examples on this machine's PHP), php_aarch64 (its aarch64
# library called by Debian's arm64 PHP in the arm64 root, under qemu-user).
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
# Each language's artifacts and checks.
# shellcheck source=release/python.sh
source scripts/release/python.sh
# shellcheck source=release/swift.sh
source scripts/release/swift.sh
# shellcheck source=release/jvm.sh
source scripts/release/jvm.sh
# shellcheck source=release/c.sh
source scripts/release/c.sh
# shellcheck source=release/go.sh
source scripts/release/go.sh
# shellcheck source=release/php.sh
source scripts/release/php.sh

install_tools() {
  local need=()
  command -v aarch64-linux-gnu-gcc >/dev/null || need+=(gcc-aarch64-linux-gnu)
  command -v musl-gcc >/dev/null || need+=(musl-tools)
  command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(mingw-w64)
  command -v wine >/dev/null || need+=(wine wine64)
  command -v llvm-nm >/dev/null || command -v llvm-nm-14 >/dev/null || need+=(llvm)
  command -v qemu-aarch64-static >/dev/null || need+=(qemu-user-static binfmt-support debootstrap)
  [ -e /usr/aarch64-linux-gnu/lib/crt1.o ] || need+=(libc6-dev-arm64-cross)
  command -v file >/dev/null || need+=(file)
  command -v zip >/dev/null || need+=(zip)
  command -v unzip >/dev/null || need+=(unzip)
  command -v cmake >/dev/null || need+=(cmake)
  command -v pkg-config >/dev/null || need+=(pkg-config)
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  rustup target add "${FFI_TARGETS[@]}" >/dev/null 2>&1
  # zig links Mach-O and aarch64 musl; cargo-zigbuild drives it (it finds `python3 -m ziglang`).
  [ -x "$TOOLS/venv/bin/python" ] || python3 -m venv "$TOOLS/venv"
  "$TOOLS/venv/bin/pip" install -q --disable-pip-version-check ziglang==0.17.1 maturin==1.16.0 twine==7.0.0
}

# cargo-zigbuild, for the builds that link through zig (installed on first use: minutes).
zigbuild() {
  command -v cargo-zigbuild >/dev/null || cargo install -q --locked cargo-zigbuild@0.24.1
  nice cargo zigbuild "$@"
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

# The start of what `file -b` says of each target's shared library (an extended regular
# expression): the wheels' and the JAR's libraries are checked against it.
library_format() {
  case "$1" in
    x86_64-unknown-linux-*) echo 'ELF 64-bit LSB shared object, x86-64,' ;;
    aarch64-unknown-linux-*) echo 'ELF 64-bit LSB shared object, ARM aarch64,' ;;
    x86_64-apple-darwin) echo 'Mach-O 64-bit x86_64 dynamically linked shared library' ;;
    aarch64-apple-darwin) echo 'Mach-O 64-bit arm64 dynamically linked shared library' ;;
    x86_64-pc-windows-gnu) echo 'PE32\+ executable \(DLL\) .*x86-64' ;;
  esac
}

# cargo for TARGET: zig links the glibc libraries (against glibc 2.17), Mach-O and aarch64 musl;
# plain cargo does the rest (Windows through mingw, its linker set below). The static musl CLI
# links with Rust's own musl objects through the host's cc: musl-gcc there made a binary that
# crashed. No aarch64 linker is set: one in the environment would override zig's (and did: the
# aarch64 libraries then asked for glibc 2.34).
cargo_for() {
  local target=$1
  shift
  case "$target" in
    # In their own target folder: a build through zig does not wait for the others' lock.
    *-apple-* | aarch64-unknown-linux-musl | zig-*) target=${target#zig-}
      PATH="$TOOLS/venv/bin:$PATH" CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target/zig} \
      zigbuild --release --locked --target "$target" "$@" ;;
    *) nice cargo build --release --locked --target "$target" "$@" ;;
  esac
}
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc

build_crates() {
  mkdir -p "$DIST/crates"
  cargo package --locked -p usersig -p usersig-cli --no-verify -q
  cp "target/package/usersig-$VERSION.crate" "target/package/usersig-cli-$VERSION.crate" "$DIST/crates/"
}

# The Python sdist (builds anywhere with a Rust toolchain: it carries the workspace crates it
# needs), checked by twine.
build_sdist() {
  mkdir -p "$DIST/python"
  (cd bindings/python && "$TOOLS/venv/bin/maturin" sdist --out "$DIST/python")
  "$TOOLS/venv/bin/twine" check --strict "$DIST/python/usersig-$VERSION.tar.gz"
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
  [[ "$target" == *-apple-* || "$target" == *-linux-* ]] && dir=target/zig
  case "$target" in
    # glibc 2.17, as the manylinux2014 wheels: through zig, which links against that version's
    # symbols (Debian's compilers would ask for 2.34 and fail on older servers).
    *-linux-gnu) cargo_for "zig-$target.2.17" -p usersig-ffi ;;
    # A musl shared library links musl dynamically: no crt-static (in its own target folder,
    # so that the static CLI's build is not invalidated).
    # Through zig, which brings the unwinder (Debian's musl-gcc has no musl libgcc_s).
    *-musl) dir=$dir/musl-dynamic
      RUSTFLAGS="-C target-feature=-crt-static" CARGO_TARGET_DIR=$dir cargo_for "zig-$target" -p usersig-ffi ;;
    # The dylib's install name is @rpath's, not the build folder's path: a program linked against
    # it (the C tarball's) finds it through its own rpath.
    *-apple-*) RUSTFLAGS="-C link-arg=-Wl,-install_name,@rpath/libusersig_ffi.dylib" \
      cargo_for "$target" -p usersig-ffi ;;
    *) cargo_for "$target" -p usersig-ffi ;;
  esac
  mkdir -p "$DIST/ffi/$target"
  for f in $(ffi_files "$target"); do cp "$dir/$target/release/$f" "$DIST/ffi/$target/"; done
  log "ffi $target built in $((SECONDS - start)) s"
}

# The npm package (one WebAssembly build for every platform), tested and packed by its script.
build_npm() {
  scripts/test-node.sh --pack "$DIST/npm"
}

# The token inspector: the page scripts/build-web.sh assembles, with the licences beside it.
build_web() {
  scripts/build-web.sh
  rm -rf "$DIST/web" && mkdir -p "$DIST/web"
  cp target/web/index.html LICENSE-MIT LICENSE-APACHE "$DIST/web/"
}

checksums() {
  (cd "$DIST" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum >SHA256SUMS)
  log "SHA256SUMS: $(wc -l <"$DIST/SHA256SUMS") files"
}

# Every artifact build() knows, in the order it builds them.
artifacts() {
  local t spec
  echo crates sdist npm web
  for t in "${CLI_TARGETS[@]}"; do echo "cli:$t"; done
  for t in "${FFI_TARGETS[@]}"; do echo "ffi:$t"; done
  for t in "${FFI_TARGETS[@]}"; do echo "c:$t"; done
  for spec in "${WHEELS[@]}"; do echo "wheel:${spec%% *}"; done
  echo swift jvm go php
}

# build: every artifact, into a fresh dist/. build ARTIFACT...: only those (names as artifacts()
# prints them: crates, sdist, cli:TARGET, ffi:TARGET, c:TARGET, wheel:TARGET), added to dist/ as
# it is.
build() {
  install_tools
  local wanted=("$@") a
  if [ ${#wanted[@]} -eq 0 ]; then
    rm -rf "$DIST"
    mapfile -t wanted < <(artifacts | tr ' ' '\n')
  fi
  for a in "${wanted[@]}"; do
    case "$a" in
      crates) build_crates ;;
      sdist) build_sdist ;;
      npm) build_npm ;;
      web) build_web ;;
      cli:*) build_cli "${a#cli:}" ;;
      ffi:*) build_ffi "${a#ffi:}" ;;
      c:*) build_c "${a#c:}" ;;
      wheel:*) build_wheel "${a#wheel:}" ;;
      swift) build_swift ;;
      jvm) build_jvm ;;
      go) build_go ;;
      php) build_php ;;
      *) echo "unknown artifact: $a (one of: $(artifacts | tr '\n' ' '))" >&2; exit 2 ;;
    esac
  done
  if compgen -G "$DIST/python/*.whl" >/dev/null; then
    "$TOOLS/venv/bin/twine" check --strict "$DIST"/python/*
  fi
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

# Every glibc library of dist/ (the JAR's and the wheels') asks for glibc 2.17 at most.
check_glibc() {
  local work=target/release-checks/glibc f libraries=()
  rm -rf "$work" && mkdir -p "$work" "$DIST/ffi"
  for f in "$DIST"/python/*manylinux*.whl; do
    unzip -q -o "$f" 'usersig/_ffi/*.so' -d "$work/$(basename "$f" .whl)"
  done
  mapfile -t libraries < <(find "$DIST/ffi" "$work" -name '*.so' -path '*linux-gnu*' -o -name '*.so' -path '*manylinux*')
  [ ${#libraries[@]} -gt 0 ] || { echo "no glibc library in dist/"; return 1; }
  scripts/check-glibc.sh "${libraries[@]}"
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

# A Wine prefix in the build tree, with a stand-in for bcryptprimitives.dll in its system32:
# Wine 8 lacks that DLL (ProcessPrng), which Rust's standard library imports on Windows, so
# without it neither the CLI nor the library would load. The stand-in is for Wine only and never
# ships.
wine_env() {
  export WINEPREFIX=$ROOT/target/release-checks/wineprefix WINEDEBUG=-all
  local system32=$WINEPREFIX/drive_c/windows/system32
  [ -d "$system32" ] || wineboot --init >/dev/null 2>&1
  [ -s "$system32/bcryptprimitives.dll" ] ||
    x86_64-w64-mingw32-gcc -O2 -shared -o "$system32/bcryptprimitives.dll" scripts/release/wine-bcryptprimitives.c -ladvapi32
}

# The C harness, built with mingw against the DLL $1 in the folder $2, runs under Wine. The DLL
# is copied under the name its export table gives (usersig_ffi.dll), which the harness imports.
wine_harness() {
  local dll=$1 work=$2
  wine_env
  mkdir -p "$work"
  cp "$dll" "$work/usersig_ffi.dll"
  x86_64-w64-mingw32-gcc -O2 -o "$work/harness.exe" "$HARNESS" "$work/usersig_ffi.dll"
  (cd "$work" && wine harness.exe >harness.out; status=$?; tr -d '\r' <harness.out; exit $status)
}

check_windows() {
  local cli="$DIST/cli/usersig-$VERSION-x86_64-pc-windows-gnu.exe"
  wine_env
  file "$cli"
  cli_round_trip wine "$cli"
  wine_harness "$DIST/ffi/x86_64-pc-windows-gnu/usersig_ffi.dll" target/release-checks/windows
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

# The page works from wherever its folder is copied.
check_web() {
  local dir
  dir=$(mktemp -d)
  cp -r "$DIST/web" "$dir/"
  scripts/test-web.sh --page "$dir/web/index.html"
  rm -rf "$dir"
}

check() {
  local c start checks=("$@")
  [ ${#checks[@]} -gt 0 ] || checks=(workflow glibc python python_aarch64 wheels musl windows aarch64 macos swift jvm jvm_aarch64 web c go php php_aarch64)
  for c in "${checks[@]}"; do
    start=$SECONDS
    log "check $c"
    "check_$c"
    log "check $c passed in $((SECONDS - start)) s"
  done
  (cd "$DIST" && sha256sum --quiet -c SHA256SUMS) && log "SHA256SUMS verified"
}

case "${1:-}" in
  build) shift; build "$@" ;;
  check) shift; install_tools; check "$@" ;;
  --test) build; check ;;
  *) echo "usage: scripts/release.sh --test | build [ARTIFACT...] | check [NAME...]"; exit 2 ;;
esac
