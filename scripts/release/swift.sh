# shellcheck shell=bash
# The Swift release artifacts, sourced by scripts/release.sh (which sets ROOT, DIST and VERSION,
# runs from ROOT with `set -euo pipefail`, and defines log, nm_tool and exported).
#
# build_swift makes, from $DIST/ffi, into $DIST/swift:
#   UserSigFFI-VERSION.xcframework.zip           the XCFramework for macOS: one universal static
#                                                library (arm64 + x86_64), UniFFI's C header and
#                                                the module map of the UserSigFFI module
#   UserSigFFI-VERSION.xcframework.zip.checksum  its SwiftPM checksum (the zip's SHA-256, in hex)
#   usersig-swift-VERSION-apple.tar.gz           usersig-swift/: the package for Apple platforms,
#                                                whose UserSigFFI is the zip above, a binary target
#   usersig-swift-VERSION-linux-ARCH.tar.gz      for x86_64 and aarch64 glibc Linux, to unpack into
#                                                a prefix: lib/libusersig_ffi.a,
#                                                lib/pkgconfig/usersig_ffi.pc (relocatable) and
#                                                share/usersig-swift/, the package (pkg-config)
# Both archives hold the same package: bindings/swift/Release/Package.swift, Sources/UserSig,
# Sources/UserSigFFI and the UserSigBindings.swift that the project's pinned uniffi-bindgen
# generates from the shipped library (scripts/test-swift.sh --generate). The archives are
# reproducible: fixed times (the commit's), owners and order.
#
# check_swift checks them; nothing Apple can run here, so the XCFramework is built and checked,
# not run: its Info.plist, architectures, symbols and headers.

SWIFT_PLATFORM=macos-arm64_x86_64
SWIFT_LINUX_ARCHS=(x86_64 aarch64)

lipo_tool() { command -v llvm-lipo || command -v llvm-lipo-14; }
objcopy_tool() { command -v llvm-objcopy || command -v llvm-objcopy-14; }

# Copies the static library $1 to $2 without the LLVM bitcode rustc embeds in its objects
# (Mach-O's __LLVM segment, ELF's .llvmbc and .llvmcmd): bitcode of rustc's LLVM, which Debian's
# LLVM 14 tools cannot read (llvm-lipo then refuses the archive, llvm-nm skips its objects), and
# which Apple's linkers ignore since Xcode 14. Every object keeps its code, data and symbols.
swift_without_bitcode() {
  "$(objcopy_tool)" --remove-section=__LLVM,__bitcode --remove-section=__LLVM,__cmdline \
    --remove-section=.llvmbc --remove-section=.llvmcmd "$1" "$2"
}

# The C ABI and UniFFI symbols of the static library $1 (through a copy in $2 without bitcode).
swift_exported() {
  swift_without_bitcode "$1" "$2"
  exported "$2" 2> >(grep -v ': no symbols$' >&2)
}

# The time every archived file gets: the commit's, so that rebuilding the same commit gives the
# same bytes (and the same SwiftPM checksum).
swift_epoch() { git -C "$ROOT" log -1 --format=%ct; }

# Writes the gzipped tar $1 of the files under the entries $3... of the folder $2, reproducibly.
# Files only, no folders: unpacked into /usr/local, it must not touch the modes or times of
# lib/ and share/ there.
swift_tar() {
  local out=$1 dir=$2
  shift 2
  (cd "$dir" && find "$@" -type f | LC_ALL=C sort) |
    tar --no-recursion --owner=0 --group=0 --numeric-owner --mtime="@$(swift_epoch)" --format=gnu \
      -C "$dir" -T - -cf - | gzip -9n >"$out"
}

# Writes the zip $1 of the entry $3 of the folder $2, reproducibly (sorted, fixed times, no
# owners or extra attributes).
swift_zip() {
  local out=$1 dir=$2 entry=$3
  find "$dir/$entry" -exec touch -h -d "@$(swift_epoch)" {} +
  (cd "$dir" && find "$entry" | LC_ALL=C sort | zip -q -X -@ "$out")
}

# Writes the package's source into $2 from the generated files in $1: the release manifest, the
# licences, the hand-written Sources/UserSig, the generated Sources/UserSigBindings, and
# Sources/UserSigFFI (the header and module map that Linux builds use; macOS builds take the
# XCFramework's instead), so that the same folder builds on both.
swift_package() {
  local gen=$1 pkg=$2
  mkdir -p "$pkg/Sources/UserSig" "$pkg/Sources/UserSigBindings" "$pkg/Sources/UserSigFFI"
  cp bindings/swift/Release/Package.swift LICENSE-MIT LICENSE-APACHE "$pkg/"
  cp bindings/swift/Sources/UserSig/*.swift "$pkg/Sources/UserSig/"
  cp "$gen/UserSigBindings.swift" "$pkg/Sources/UserSigBindings/"
  cp "$gen/UserSigFFI.h" "$gen/module.modulemap" "$pkg/Sources/UserSigFFI/"
}

# The XCFramework in $2 (a folder named UserSigFFI.xcframework) from the generated files in $1,
# through the folder $3: the macOS libraries, without bitcode, in one universal library. The header and module map go into Headers/UserSigFFI/, not Headers/: Xcode copies the headers
# of every static XCFramework of an app into one include folder, where two module.modulemap files
# at its top would collide; clang finds a module map in a subfolder named after its module. Its
# module map has no `link` line: SwiftPM and Xcode link an XCFramework's library themselves.
swift_xcframework() {
  local gen=$1 xcf=$2 work=$3 slice=$2/$SWIFT_PLATFORM t
  mkdir -p "$slice/Headers/UserSigFFI"
  for t in aarch64-apple-darwin x86_64-apple-darwin; do
    swift_without_bitcode "$DIST/ffi/$t/libusersig_ffi.a" "$work/$t.a"
  done
  "$(lipo_tool)" -create -output "$slice/libusersig_ffi.a" "$work"/{aarch64,x86_64}-apple-darwin.a
  cp "$gen/UserSigFFI.h" "$slice/Headers/UserSigFFI/"
  grep -v '^ *link ' "$gen/module.modulemap" >"$slice/Headers/UserSigFFI/module.modulemap"
  # Apple's format, as `xcodebuild -create-xcframework` writes it (which is not available here).
  cat >"$xcf/Info.plist" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>AvailableLibraries</key>
	<array>
		<dict>
			<key>BinaryPath</key>
			<string>libusersig_ffi.a</string>
			<key>HeadersPath</key>
			<string>Headers</string>
			<key>LibraryIdentifier</key>
			<string>$SWIFT_PLATFORM</string>
			<key>LibraryPath</key>
			<string>libusersig_ffi.a</string>
			<key>SupportedArchitectures</key>
			<array>
				<string>arm64</string>
				<string>x86_64</string>
			</array>
			<key>SupportedPlatform</key>
			<string>macos</string>
		</dict>
	</array>
	<key>CFBundlePackageType</key>
	<string>XFWK</string>
	<key>XCFrameworkFormatVersion</key>
	<string>1.0</string>
</dict>
</plist>
EOF
}

# The Linux tarball for $3 (x86_64 or aarch64) in the folder $2, from the generated files in $1:
# a prefix's lib/ and share/, so that one `tar -xzf … -C PREFIX` installs it.
swift_linux() {
  local gen=$1 prefix=$2 arch=$3
  mkdir -p "$prefix/lib/pkgconfig"
  cp "$DIST/ffi/$arch-unknown-linux-gnu/libusersig_ffi.a" "$prefix/lib/"
  cp "$gen/usersig_ffi.pc" "$prefix/lib/pkgconfig/"
  swift_package "$gen" "$prefix/share/usersig-swift"
  swift_tar "$DIST/swift/usersig-swift-$VERSION-linux-$arch.tar.gz" "$prefix" lib share
}

build_swift() {
  local work=$ROOT/target/release-swift start=$SECONDS arch
  local zip=$DIST/swift/UserSigFFI-$VERSION.xcframework.zip
  rm -rf "$work" "$DIST/swift"
  mkdir -p "$work" "$DIST/swift"
  # The bindings from the library that ships (every target's has the same UniFFI metadata).
  scripts/test-swift.sh --generate "$DIST/ffi/x86_64-unknown-linux-gnu/libusersig_ffi.so" "$work/generated"

  swift_xcframework "$work/generated" "$work/apple/UserSigFFI.xcframework" "$work"
  swift_zip "$zip" "$work/apple" UserSigFFI.xcframework
  sha256sum "$zip" | cut -d' ' -f1 >"$zip.checksum"
  swift_package "$work/generated" "$work/apple/usersig-swift"
  cp "$zip" "$work/apple/usersig-swift/UserSigFFI.xcframework.zip"
  swift_tar "$DIST/swift/usersig-swift-$VERSION-apple.tar.gz" "$work/apple" usersig-swift

  for arch in "${SWIFT_LINUX_ARCHS[@]}"; do
    swift_linux "$work/generated" "$work/linux-$arch" "$arch"
  done
  log "swift built in $((SECONDS - start)) s: $(cd "$DIST/swift" && echo *)"
}

# --- checks --------------------------------------------------------------------------------

# Info.plist of the XCFramework $1 parses, has Apple's keys and values, and names existing files.
swift_check_plist() {
  python3 - "$1" "$SWIFT_PLATFORM" <<'PY'
import os, plistlib, sys
xcf, identifier = sys.argv[1:]
with open(os.path.join(xcf, "Info.plist"), "rb") as f:
    info = plistlib.load(f)
assert info["CFBundlePackageType"] == "XFWK", info
assert info["XCFrameworkFormatVersion"] == "1.0", info
libraries = info["AvailableLibraries"]
assert [lib["LibraryIdentifier"] for lib in libraries] == [identifier], libraries
for lib in libraries:
    assert lib["SupportedPlatform"] == "macos" and "SupportedPlatformVariant" not in lib, lib
    assert sorted(lib["SupportedArchitectures"]) == ["arm64", "x86_64"], lib
    slice = os.path.join(xcf, lib["LibraryIdentifier"])
    for key in "LibraryPath", "BinaryPath":
        assert os.path.isfile(os.path.join(slice, lib[key])), (key, lib)
    headers = os.path.join(slice, lib["HeadersPath"], "UserSigFFI")
    for name in "UserSigFFI.h", "module.modulemap":
        assert os.path.isfile(os.path.join(headers, name)), (name, lib)
    print(f"Info.plist: {lib['LibraryIdentifier']}: {lib['LibraryPath']} ({' '.join(lib['SupportedArchitectures'])}), {lib['HeadersPath']}/UserSigFFI/: ok")
PY
}

# The universal library $1 has arm64 and x86_64, and each slice exports the C ABI and UniFFI
# symbols of the Linux static library; the module map names the module and no library.
swift_check_library() {
  local lib=$1 work=$2 linux arch
  "$(lipo_tool)" -info "$lib"
  linux=$(swift_exported "$DIST/ffi/x86_64-unknown-linux-gnu/libusersig_ffi.a" "$work/linux.a")
  for arch in arm64 x86_64; do
    "$(lipo_tool)" -info "$lib" | grep -qw "$arch" || { echo "no $arch in $lib"; return 1; }
    "$(lipo_tool)" "$lib" -thin "$arch" -output "$work/$arch.a"
    diff <(echo "$linux") <(swift_exported "$work/$arch.a" "$work/$arch-nobitcode.a") ||
      { echo "$arch: exports differ from Linux"; return 1; }
    echo "$arch: the same $(wc -l <<<"$linux") usersig_/uniffi_/ffi_ symbols as the Linux static library"
  done
}

# The tarball for $1 (x86_64 or aarch64) unpacked into $2: the same files as the x86_64 one (which
# the chroot builds and runs), a library of the right machine, the pkg-config file relative to
# itself, and the same header as the XCFramework's $3.
swift_check_linux() {
  local arch=$1 dir=$2 header=$3 machine
  local tarball=$DIST/swift/usersig-swift-$VERSION-linux-$arch.tar.gz
  mkdir -p "$dir"
  tar -xzf "$tarball" -C "$dir"
  diff <(tar -tzf "$DIST/swift/usersig-swift-$VERSION-linux-x86_64.tar.gz") <(tar -tzf "$tarball")
  file "$dir/lib/libusersig_ffi.a"
  case "$arch" in x86_64) machine='Advanced Micro Devices X86-64' ;; aarch64) machine=AArch64 ;; esac
  # Every object of the archive, not only the first.
  diff <(echo "Machine: $machine") <("$(command -v llvm-readelf || command -v llvm-readelf-14)" \
    --file-headers "$dir/lib/libusersig_ffi.a" | grep -o 'Machine:.*' | sed 's/  */ /g' | sort -u) ||
    { echo "$tarball: not only $machine objects"; return 1; }
  # shellcheck disable=SC2016 # ${pcfiledir} is pkg-config's, not the shell's
  grep -qx 'libdir=${pcfiledir}/..' "$dir/lib/pkgconfig/usersig_ffi.pc"
  cmp "$dir/share/usersig-swift/Sources/UserSigFFI/UserSigFFI.h" "$header"
  echo "$arch: $(tar -tzf "$tarball" | wc -l) files; $machine objects only, pkg-config file relocatable, the XCFramework's header"
}

# In the Swift chroot (scripts/swift-toolchain.sh): the x86_64 tarball installed as the README
# says into a fresh prefix, a user's package (scripts/release/swift-user) built against it with
# the library found only through pkg-config, and run on an official vector; the generated Swift
# compiled against the XCFramework's headers; and SwiftPM's checksum of the zip.
swift_check_chroot() {
  local work=$1 zip=$DIST/swift/UserSigFFI-$VERSION.xcframework.zip checksum
  local headers=$1/xcframework/UserSigFFI.xcframework/$SWIFT_PLATFORM/Headers
  local apple=$1/apple/usersig-swift
  in_swift() { scripts/swift-toolchain.sh run --bind "$DIST" --env "PKG_CONFIG_PATH=$work/prefix/lib/pkgconfig" -- "$@"; }

  mkdir -p "$work/prefix"
  in_swift tar -xzf "$DIST/swift/usersig-swift-$VERSION-linux-x86_64.tar.gz" -C "$work/prefix"
  cp -R scripts/release/swift-user "$work/user"
  in_swift swift build -c release -v --package-path "$work/user" >"$work/user-build.log" 2>&1 ||
    { tail -40 "$work/user-build.log"; return 1; }
  # The only -L to the prefix is the one SwiftPM read from usersig_ffi.pc.
  grep -qF -- "-L$work/prefix/lib/pkgconfig/.." "$work/user-build.log" ||
    { echo "the user's build did not take the library from $work/prefix/lib/pkgconfig"; return 1; }
  in_swift "$work/user/.build/release/SwiftUser" "$ROOT/core/tests/vectors/official-python.jsonl" 001-usersig

  mkdir -p "$work/modules"
  in_swift swiftc -parse-as-library -emit-module -module-name UserSigBindings -I "$headers" \
    -emit-module-path "$work/modules/UserSigBindings.swiftmodule" "$apple/Sources/UserSigBindings/UserSigBindings.swift"
  in_swift swiftc -typecheck -module-name UserSig -I "$headers" -I "$work/modules" "$apple"/Sources/UserSig/*.swift
  echo "UserSigBindings and UserSig compile against the XCFramework's Headers/ (swiftc, Linux)"

  checksum=$(in_swift swift package --package-path "$work/user" compute-checksum "$zip")
  echo "swift package compute-checksum: $checksum"
  if [ "$checksum" != "$(cat "$zip.checksum")" ] || [ "$checksum" != "$(sha256sum "$zip" | cut -d' ' -f1)" ]; then
    echo "SwiftPM's checksum $checksum is not $zip.checksum's"
    return 1
  fi
}

check_swift() {
  local work=$ROOT/target/release-checks/swift arch
  local zip=$DIST/swift/UserSigFFI-$VERSION.xcframework.zip
  local xcf=$work/xcframework/UserSigFFI.xcframework
  rm -rf "$work"
  mkdir -p "$work/xcframework" "$work/apple"
  unzip -q "$zip" -d "$work/xcframework"
  swift_check_plist "$xcf"
  swift_check_library "$xcf/$SWIFT_PLATFORM/libusersig_ffi.a" "$work"
  tar -xzf "$DIST/swift/usersig-swift-$VERSION-apple.tar.gz" -C "$work/apple"
  cmp "$zip" "$work/apple/usersig-swift/UserSigFFI.xcframework.zip"
  for arch in "${SWIFT_LINUX_ARCHS[@]}"; do
    swift_check_linux "$arch" "$work/linux-$arch" "$xcf/$SWIFT_PLATFORM/Headers/UserSigFFI/UserSigFFI.h"
  done
  # The Apple package is the one the chroot builds and runs below, plus the XCFramework.
  diff -r -x UserSigFFI.xcframework.zip "$work/apple/usersig-swift" "$work/linux-x86_64/share/usersig-swift"
  echo "the Apple package is the Linux one plus UserSigFFI.xcframework.zip"
  swift_check_chroot "$work"
}
