#!/usr/bin/env bash
# Builds the Swift package (bindings/swift) and runs its tests.
#
# Usage:
#   scripts/test-swift.sh              build the Rust library, generate the Swift bindings,
#                                      then `swift build`, `swift test` and the examples
#                                      (QuickStart, AdminREST, Callbacks, Timing) in the Swift chroot
#                                      (scripts/swift-toolchain.sh)
#   scripts/test-swift.sh --prepare    only the host part: Rust library, generated files and
#                                      pkg-config file (for using the package with your own
#                                      Swift toolchain; see bindings/swift/README.md)
#   scripts/test-swift.sh --generate LIBRARY DIR
#                                      only the generated files, from LIBRARY (a built
#                                      libusersig_ffi.so), into DIR: UserSigBindings.swift,
#                                      UserSigFFI.h, module.modulemap and usersig_ffi.pc
#                                      (scripts/release/swift.sh packages them)
#
# Environment:
#   USERSIG_VECTORS       the official test vectors (default: core/tests/vectors/official-python.jsonl
#                         in the repository)
#   USERSIG_SWIFT_CHROOT  see scripts/swift-toolchain.sh
#
# Output, all of it build output (git-ignored):
#   bindings/swift/Sources/UserSigFFI/       UserSigFFI.h and module.modulemap
#   bindings/swift/Sources/UserSigBindings/  UserSigBindings.swift
#   target/swift/lib/libusersig_ffi.a        the Rust static library
#   target/swift/lib/pkgconfig/usersig_ffi.pc
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO="$PWD"
PKG="$REPO/bindings/swift"
OUT="$REPO/target/swift"
PREPARE_ONLY=0
case "${1:-}" in
  --prepare) PREPARE_ONLY=1 ;;
  --generate) [ $# = 3 ] || { echo "usage: $0 --generate LIBRARY DIR" >&2; exit 2; } ;;
  "") ;;
  *) echo "usage: $0 [--prepare | --generate LIBRARY DIR]" >&2; exit 2 ;;
esac

START=$SECONDS
step() { printf '==> [%ss] %s\n' "$((SECONDS - START))" "$*" >&2; }

# Copies $1 to $2 only when the contents differ, so SwiftPM's incremental build stays warm.
install_if_changed() {
  if ! cmp -s "$1" "$2"; then
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2.tmp" && mv "$2.tmp" "$2"
  fi
}

# Writes into $2 (emptied first) the generated files of the Swift package, from $1, a built
# libusersig_ffi.so: the bindings, the C header, our module map and the pkg-config file.
generate() {
  local library=$1 gen=$2 f
  rm -rf "$gen"
  mkdir -p "$gen"
  # The bindgen reads the library's metadata; its debug build is enough, much quicker to build
  # than a release one with LTO, and the one `cargo test --workspace` and maturin build anyway.
  cargo run --quiet --locked -p uniffi-bindgen -- generate \
    --library "$library" --language swift --no-format --config uniffi.toml --out-dir "$gen"
  for f in UserSigBindings.swift UserSigFFI.h; do
    [ -s "$gen/$f" ] || { echo "uniffi-bindgen wrote no $f (check [crates.usersig_ffi.bindings.swift] in uniffi.toml)" >&2; exit 1; }
  done
  # A module map of our own instead of the generated one: SwiftPM wants it named
  # module.modulemap, and it names the library to link.
  cat > "$gen/module.modulemap" <<'EOF'
module UserSigFFI {
    header "UserSigFFI.h"
    link "usersig_ffi"
    export *
}
EOF
  # The pkg-config file SwiftPM reads for the UserSigFFI target, for a library in the folder
  # above it (lib/ beside lib/pkgconfig/), wherever that is: it can be installed anywhere.
  cat > "$gen/usersig_ffi.pc" <<EOF
libdir=\${pcfiledir}/..

Name: usersig_ffi
Description: Tencent Cloud UserSig v2 tokens (Rust static library with UniFFI bindings)
Version: $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
Libs: -L\${libdir} -lusersig_ffi -lpthread -ldl -lm -lutil -lrt -lgcc_s
Cflags:
EOF
}

if [ "${1:-}" = --generate ]; then
  generate "$2" "$3"
  exit 0
fi

if [ "$PREPARE_ONLY" = 0 ]; then
  step "Swift toolchain"
  scripts/swift-toolchain.sh
fi

step "Rust library (cargo build --release -p usersig-ffi)"
# Copy the libraries out at once: other builds sharing target/ may relink them at any moment.
mkdir -p "$OUT/rust"
for attempt in 1 2 3; do
  cargo build --release --locked -p usersig-ffi
  if cp target/release/libusersig_ffi.so "$OUT/rust/libusersig_ffi.so.tmp" 2>/dev/null &&
    cp target/release/libusersig_ffi.a "$OUT/rust/libusersig_ffi.a.tmp" 2>/dev/null; then
    mv "$OUT/rust/libusersig_ffi.so.tmp" "$OUT/rust/libusersig_ffi.so"
    mv "$OUT/rust/libusersig_ffi.a.tmp" "$OUT/rust/libusersig_ffi.a"
    break
  fi
  [ "$attempt" = 3 ] && { echo "target/release/libusersig_ffi.{so,a} keep vanishing" >&2; exit 1; }
done

GEN="$OUT/generated"
step "Swift bindings (uniffi-bindgen $(grep -m1 -o '"=[0-9.]*"' Cargo.toml | tr -d '"='))"
generate "$OUT/rust/libusersig_ffi.so" "$GEN"
install_if_changed "$GEN/UserSigFFI.h" "$PKG/Sources/UserSigFFI/UserSigFFI.h"
install_if_changed "$GEN/UserSigBindings.swift" "$PKG/Sources/UserSigBindings/UserSigBindings.swift"
install_if_changed "$GEN/module.modulemap" "$PKG/Sources/UserSigFFI/module.modulemap"
# The static library alone in its folder (beside the .so the linker would prefer it not).
install_if_changed "$OUT/rust/libusersig_ffi.a" "$OUT/lib/libusersig_ffi.a"
install_if_changed "$GEN/usersig_ffi.pc" "$OUT/lib/pkgconfig/usersig_ffi.pc"

if [ "$PREPARE_ONLY" = 1 ]; then
  step "prepared; build with: PKG_CONFIG_PATH=$OUT/lib/pkgconfig swift build --package-path bindings/swift"
  exit 0
fi

step "fake REST endpoint (cargo build -p usersig-fake-rest), for the AdminAuth and callback tests"
cargo build --locked -p usersig-fake-rest
FAKE_REST="$REPO/target/debug/usersig-fake-rest"

VECTORS="${USERSIG_VECTORS:-$REPO/core/tests/vectors/official-python.jsonl}"
[ -f "$VECTORS" ] || { echo "test vectors not found at $VECTORS (set USERSIG_VECTORS)" >&2; exit 1; }
VECTORS="$(realpath "$VECTORS")"

in_chroot() {
  scripts/swift-toolchain.sh run --bind "$(dirname "$VECTORS")" \
    --env "PKG_CONFIG_PATH=$OUT/lib/pkgconfig" --env "USERSIG_VECTORS=$VECTORS" \
    --env "USERSIG_FAKE_REST=$FAKE_REST" \
    --cwd "$PKG" -- "$@"
}

step "swift build"
in_chroot swift build

step "swift test"
LOG="$OUT/swift-test.log"
status=0
in_chroot swift test --disable-xctest 2>&1 | tee "$LOG" || status=$?

step "documentation: every public symbol of the UserSig module has a doc comment"
in_chroot swift package dump-symbol-graph --minimum-access-level public --skip-synthesized-members \
  >/dev/null || status=$?
python3 - "$(ls -t "$PKG"/.build/*/symbolgraph/UserSig.symbols.json | head -1)" <<'PY' || status=$?
import json, sys
symbols = json.load(open(sys.argv[1]))["symbols"]
missing = [".".join(s["pathComponents"]) for s in symbols if "docComment" not in s]
for name in missing:
    print(f"undocumented public symbol: {name}", file=sys.stderr)
print(f"{len(symbols)} public symbols, {len(missing)} undocumented", file=sys.stderr)
sys.exit(1 if missing or not symbols else 0)
PY

step "QuickStart example: the README's, built as a package that depends on bindings/swift by path"
python3 - "$PKG/README.md" "$PKG/Examples/QuickStart/Sources/QuickStart/main.swift" <<'PY' || status=$?
import re, sys
readme, main = (open(path, encoding="utf-8").read() for path in sys.argv[1:])
example = re.search(r"## Example\n.*?```swift\n(.*?)```", readme, re.S).group(1)
example = example.replace("import Foundation\nimport UserSig\n\n", "")
if example not in main:
    sys.exit("the README's example differs from Examples/QuickStart/Sources/QuickStart/main.swift")
PY
in_chroot swift run --package-path Examples/QuickStart --scratch-path "$OUT/quickstart-build" || status=$?

step "AdminREST example: the README's admin example, run against the fake REST endpoint"
python3 - "$PKG/README.md" "$PKG/Examples/AdminREST/Sources/AdminREST/main.swift" <<'PY' || status=$?
import re, sys
readme, main = (open(path, encoding="utf-8").read() for path in sys.argv[1:])
example = re.search(r"## Calling the REST API as the app admin\n.*?```swift\n(.*?)```", readme, re.S).group(1)
code = main.split("// README begins\n")[1].split("// README ends\n")[0]
if example != code:
    sys.exit("the README's admin example differs from Examples/AdminREST/Sources/AdminREST/main.swift")
PY
# The fake serves until its standard input (this script's descriptor) closes.
rm -f "$OUT/fake-rest.url"
exec {FAKE_IN}> >(exec "$FAKE_REST" --sdkappid 1400000000 \
  --key 5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e >"$OUT/fake-rest.url")
for _ in $(seq 100); do [ -s "$OUT/fake-rest.url" ] && break; sleep 0.1; done
FAKE_URL="$(head -1 "$OUT/fake-rest.url")"
in_chroot swift run --package-path Examples/AdminREST --scratch-path "$OUT/adminrest-build" \
  AdminREST "$FAKE_URL" | tee "$OUT/adminrest.out" || status=$?
grep -q '"ActionStatus":"OK"' "$OUT/adminrest.out" || { echo "AdminREST got no OK answer" >&2; status=1; }
exec {FAKE_IN}>&-

step "Callbacks example: the README's callbacks example, on callbacks signed here and forged ones"
python3 - "$PKG/README.md" "$PKG/Examples/Callbacks/Sources/Callbacks/main.swift" <<'PY' || status=$?
import re, sys
readme, main = (open(path, encoding="utf-8").read() for path in sys.argv[1:])
example = re.search(r"## Checking Tencent's callbacks\n.*?```swift\n(.*?)```", readme, re.S).group(1)
code = main.split("// README begins\n")[1].split("// README ends\n")[0]
if example != code:
    sys.exit("the README's callbacks example differs from Examples/Callbacks/Sources/Callbacks/main.swift")
PY
in_chroot swift run --package-path Examples/Callbacks --scratch-path "$OUT/callbacks-build" || status=$?

step "Timing example (bindings/swift/Examples/Timing, for BENCHMARKS.md): release build, one round"
in_chroot swift run -c release --package-path Examples/Timing --scratch-path "$OUT/timing-build" \
  Timing 100 1 || status=$?

# One plain closing line for CI, counted from Swift Testing's line per test.
passed="$(grep -E '^✔ Test .* passed after' "$LOG" | grep -vc 'Test run with' || true)"
failed="$(grep -E '^✘ Test .* failed after' "$LOG" | grep -vc 'Test run with' || true)"
if [ "$status" = 0 ] && [ "$failed" = 0 ] && [ "$passed" -gt 0 ]; then
  echo "swift: $passed passed, 0 failed"
else
  [ "$failed" = 0 ] && failed=1  # the build, the docs check or the example failed
  echo "swift: $passed passed, $failed failed"
  exit 1
fi
