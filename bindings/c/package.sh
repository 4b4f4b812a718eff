#!/usr/bin/env bash
# Packs the C and C++ distribution of one target into OUTDIR/usersig-c-VERSION-TARGET.tar.gz:
#
#   include/            usersig.h, usersig.hpp, tls_sig_api_v2.h
#   lib/                libusersig_ffi.a, and the shared library (.so or .dylib; on Windows the
#                       DLL is bin/usersig_ffi.dll, which MinGW links directly)
#   lib/pkgconfig/      usersig.pc
#   lib/cmake/usersig/  usersigConfig.cmake, usersigConfigVersion.cmake
#
# Installed by unpacking into a prefix: tar -xzf usersig-c-...tar.gz -C PREFIX --strip-components=1
#
# Usage: bindings/c/package.sh TARGET LIBDIR OUTDIR
#   LIBDIR holds the target's libusersig_ffi.a and shared library, as cargo builds them.
set -euo pipefail
[ $# = 3 ] || { echo "usage: $0 TARGET LIBDIR OUTDIR" >&2; exit 2; }
target=$1 libdir=$2 outdir=$3
here=$(cd "$(dirname "$0")" && pwd)
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"$/\1/p' "$here/../../Cargo.toml")
name=usersig-c-$version-$target
stage=$(mktemp -d)/$name
trap 'rm -rf "$(dirname "$stage")"' EXIT

mkdir -p "$stage/include" "$stage/lib/pkgconfig" "$stage/lib/cmake/usersig"
cp "$here/include/usersig.h" "$here/include/usersig.hpp" "$here/include/tls_sig_api_v2.h" "$stage/include/"
cp "$libdir/libusersig_ffi.a" "$stage/lib/"
case "$target" in
  *-windows-*)
    mkdir -p "$stage/bin"
    cp "$libdir/usersig_ffi.dll" "$stage/bin/"
    libs='${prefix}/bin/usersig_ffi.dll'
    private="-lkernel32 -ladvapi32 -lntdll -luserenv -lws2_32 -lbcrypt" ;;
  *-apple-*)
    cp "$libdir/libusersig_ffi.dylib" "$stage/lib/"
    libs='-L${libdir} -lusersig_ffi'
    private="-lpthread -lm" ;;
  *)
    cp "$libdir/libusersig_ffi.so" "$stage/lib/"
    libs='-L${libdir} -lusersig_ffi'
    private="-lpthread -ldl -lm -lrt -lutil" ;;
esac
sed -e "s|@VERSION@|$version|" -e "s|@LIBS@|$libs|" -e "s|@PRIVATE@|$private|" "$here/usersig.pc.in" \
  > "$stage/lib/pkgconfig/usersig.pc"
cp "$here/cmake/usersigConfig.cmake" "$stage/lib/cmake/usersig/"
sed "s|@VERSION@|$version|" "$here/cmake/usersigConfigVersion.cmake.in" > "$stage/lib/cmake/usersig/usersigConfigVersion.cmake"
cp "$here/../../LICENSE-MIT" "$here/../../LICENSE-APACHE" "$stage/"

mkdir -p "$outdir"
tar -czf "$outdir/$name.tar.gz" -C "$(dirname "$stage")" "$name"
echo "$outdir/$name.tar.gz"
