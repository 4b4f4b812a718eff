#!/usr/bin/env bash
# Builds the interop adapter for usersig's Swift package (the SwiftPM package in adapter/, see
# scripts/interop/driver.py for the protocol) and writes OUTDIR/adapter, a wrapper that runs it
# in the Swift chroot (scripts/swift-toolchain.sh), stdin and stdout passed through.
#
# Usage: scripts/interop/swift/build.sh OUTDIR
#
# Needs what scripts/test-swift.sh makes: the chroot, target/swift/lib (the Rust static library
# and its pkg-config file) and the generated bindings in bindings/swift/Sources. The SwiftPM
# build directory is OUTDIR/build; rebuilding is incremental.
set -euo pipefail

[ $# = 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
TOOLCHAIN="$REPO/scripts/swift-toolchain.sh"
mkdir -p "$1"
OUT="$(cd "$1" && pwd)"

missing=()
[ -f "$(bash "$TOOLCHAIN" path)/.usersig-swift-ready" ] || missing+=("the Swift chroot")
[ -f "$REPO/target/swift/lib/pkgconfig/usersig_ffi.pc" ] || missing+=("target/swift/lib")
[ -f "$REPO/bindings/swift/Sources/UserSigBindings/UserSigBindings.swift" ] ||
  missing+=("the generated Swift bindings")
if [ ${#missing[@]} -gt 0 ]; then
  printf '%s: missing: %s; run scripts/test-swift.sh first\n' "$0" "${missing[*]}" >&2
  exit 1
fi

# The chroot sees the repository at the same path; anything else must be bound.
binds=()
case "$OUT/" in "$REPO"/*) ;; *) binds=(--bind "$OUT") ;; esac
in_chroot() {
  bash "$TOOLCHAIN" run "${binds[@]}" --env "PKG_CONFIG_PATH=$REPO/target/swift/lib/pkgconfig" \
    --cwd "$HERE/adapter" -- "$@"
}

# SwiftPM does not count the Rust static library among the link inputs: when it changed since
# the last build, remove the binary so that it is linked again.
LIB_HASH="$(sha256sum <"$REPO/target/swift/lib/libusersig_ffi.a")"
if [ "$LIB_HASH" != "$(cat "$OUT/libusersig_ffi.sha256" 2>/dev/null)" ]; then
  rm -f "$OUT"/build/*/release/UsersigInteropAdapter
fi

echo "interop/swift: swift build -c release (build directory $OUT/build)" >&2
LOG="$OUT/build.log"
build=(swift build -c release --package-path "$HERE/adapter" --scratch-path "$OUT/build")
if ! in_chroot "${build[@]}" >"$LOG" 2>&1; then
  cat "$LOG" >&2
  exit 1
fi
echo "$LIB_HASH" >"$OUT/libusersig_ffi.sha256"
BIN="$(in_chroot "${build[@]}" --show-bin-path)/UsersigInteropAdapter"
[ -x "$BIN" ] || { echo "$0: the build made no $BIN" >&2; exit 1; }

cat > "$OUT/adapter.tmp" <<WRAPPER
#!/usr/bin/env bash
# The usersig Swift interop adapter, run in the Swift chroot. Written by $HERE/build.sh.
exec bash $(printf %q "$TOOLCHAIN") run ${binds[*]+$(printf '%q ' "${binds[@]}")}--cwd $(printf %q "$REPO") -- $(printf %q "$BIN")
WRAPPER
chmod +x "$OUT/adapter.tmp"
mv "$OUT/adapter.tmp" "$OUT/adapter"
echo "interop/swift: wrote $OUT/adapter" >&2
