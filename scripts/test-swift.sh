#!/usr/bin/env bash
# Builds the Swift package (bindings/swift) and runs its tests.
#
# Usage:
#   scripts/test-swift.sh              build the Rust library, generate the Swift bindings,
#                                      then `swift build`, `swift test` and the QuickStart
#                                      example in the Swift chroot (scripts/swift-toolchain.sh)
#   scripts/test-swift.sh --prepare    only the host part: Rust library, generated files and
#                                      pkg-config file (for using the package with your own
#                                      Swift toolchain; see bindings/swift/README.md)
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
  "") ;;
  *) echo "usage: $0 [--prepare]" >&2; exit 2 ;;
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

step "Swift bindings (uniffi-bindgen $(grep -m1 -o '"=[0-9.]*"' Cargo.toml | tr -d '"='))"
GEN="$OUT/generated"
rm -rf "$GEN"
mkdir -p "$GEN"
# The bindgen reads the library's metadata; its debug build is enough, much quicker to build
# than a release one with LTO, and the one `cargo test --workspace` and maturin build anyway.
cargo run --quiet --locked -p uniffi-bindgen -- generate \
  --library "$OUT/rust/libusersig_ffi.so" --language swift --no-format \
  --config uniffi.toml --out-dir "$GEN"
for f in UserSigBindings.swift UserSigFFI.h; do
  [ -s "$GEN/$f" ] || { echo "uniffi-bindgen wrote no $f (check [crates.usersig_ffi.bindings.swift] in uniffi.toml)" >&2; exit 1; }
done
install_if_changed "$GEN/UserSigFFI.h" "$PKG/Sources/UserSigFFI/UserSigFFI.h"
install_if_changed "$GEN/UserSigBindings.swift" "$PKG/Sources/UserSigBindings/UserSigBindings.swift"
# A module map of our own instead of the generated one: SwiftPM wants it named
# module.modulemap, and it names the library to link.
cat > "$GEN/module.modulemap" <<'EOF'
module UserSigFFI {
    header "UserSigFFI.h"
    link "usersig_ffi"
    export *
}
EOF
install_if_changed "$GEN/module.modulemap" "$PKG/Sources/UserSigFFI/module.modulemap"

# The static library alone in its folder (beside the .so the linker would prefer it not),
# and a pkg-config file that SwiftPM reads for the UserSigFFI target.
install_if_changed "$OUT/rust/libusersig_ffi.a" "$OUT/lib/libusersig_ffi.a"
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
cat > "$GEN/usersig_ffi.pc" <<EOF
libdir=$OUT/lib

Name: usersig_ffi
Description: Tencent Cloud UserSig v2 tokens (Rust static library with UniFFI bindings)
Version: $VERSION
Libs: -L\${libdir} -lusersig_ffi -lpthread -ldl -lm -lutil -lrt -lgcc_s
Cflags:
EOF
install_if_changed "$GEN/usersig_ffi.pc" "$OUT/lib/pkgconfig/usersig_ffi.pc"

if [ "$PREPARE_ONLY" = 1 ]; then
  step "prepared; build with: PKG_CONFIG_PATH=$OUT/lib/pkgconfig swift build --package-path bindings/swift"
  exit 0
fi

VECTORS="${USERSIG_VECTORS:-$REPO/core/tests/vectors/official-python.jsonl}"
[ -f "$VECTORS" ] || { echo "test vectors not found at $VECTORS (set USERSIG_VECTORS)" >&2; exit 1; }
VECTORS="$(realpath "$VECTORS")"

in_chroot() {
  scripts/swift-toolchain.sh run --bind "$(dirname "$VECTORS")" \
    --env "PKG_CONFIG_PATH=$OUT/lib/pkgconfig" --env "USERSIG_VECTORS=$VECTORS" \
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
