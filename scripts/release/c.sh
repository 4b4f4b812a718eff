# shellcheck shell=bash
# The C and C++ release: one tarball per FFI target (bindings/c/package.sh) into dist/c/, and
# its checks. Sourced by scripts/release.sh (which sets DIST, VERSION, log and the cross tools).

# The tarball of TARGET, from dist/ffi/TARGET (built first if missing).
build_c() {
  local target=$1
  [ -d "$DIST/ffi/$target" ] || build_ffi "$target"
  bindings/c/package.sh "$target" "$DIST/ffi/$target" "$DIST/c" >/dev/null
  log "c $target packed: $(du -h "$DIST/c/usersig-c-$VERSION-$target.tar.gz" | cut -f1)"
}

# The tarball of TARGET unpacked into a fresh prefix (its path printed), as the README says.
c_prefix() {
  local prefix
  prefix=$(mktemp -d "$ROOT/target/release-checks/c-$1.XXXX")
  tar -xzf "$DIST/c/usersig-c-$VERSION-$1.tar.gz" -C "$prefix" --strip-components=1
  echo "$prefix"
}

# The consumer program (bindings/c/consumer/main.c), compiled by the command $3... into $1, must
# print its user id when run by the command $2 (may be empty).
c_consumer() {
  local program=$1 runner=$2 out
  shift 2
  "$@"
  out=$($runner "$program" | tr -d '\r')
  [ "$out" = consumer ] || { echo "c: the consumer printed '$out'"; return 1; }
}

# Each tarball the build made: x86-64 glibc (find_package and pkg-config, run), x86-64 musl
# (musl-gcc, run), aarch64 glibc and musl (Debian's cross compiler for glibc, run under
# qemu-user; musl's layout only), Windows (mingw against the DLL, run under Wine), macOS (the
# layout, the dylib's architecture and its install name; nothing Apple runs here).
check_c() {
  local t prefix main=bindings/c/consumer/main.c checked=0
  mkdir -p target/release-checks
  for t in "${FFI_TARGETS[@]}"; do
    [ -f "$DIST/c/usersig-c-$VERSION-$t.tar.gz" ] || continue
    prefix=$(c_prefix "$t")
    for f in include/usersig.h include/usersig.hpp include/tls_sig_api_v2.h lib/libusersig_ffi.a \
        lib/pkgconfig/usersig.pc lib/cmake/usersig/usersigConfig.cmake lib/cmake/usersig/usersigConfigVersion.cmake; do
      [ -f "$prefix/$f" ] || { echo "c $t: no $f"; return 1; }
    done
    case "$t" in
      x86_64-unknown-linux-gnu)
        cp -r bindings/c/consumer "$prefix/project"
        cmake -S "$prefix/project" -B "$prefix/project/build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
        cmake --build "$prefix/project/build" >/dev/null
        cp "$prefix/project/build/consumer" "$prefix/consumer"
        c_consumer "$prefix/consumer" "" true
        # shellcheck disable=SC2046
        c_consumer "$prefix/consumer" "" gcc -O2 "$main" -o "$prefix/consumer" \
          $(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags --libs usersig) -Wl,-rpath,"$prefix/lib" ;;
      x86_64-unknown-linux-musl)
        c_consumer "$prefix/consumer" "env LD_LIBRARY_PATH=$prefix/lib" \
          musl-gcc -O2 "$main" -I"$prefix/include" -L"$prefix/lib" -lusersig_ffi -o "$prefix/consumer" ;;
      aarch64-unknown-linux-gnu)
        c_consumer "$prefix/consumer" "qemu-aarch64-static -L /usr/aarch64-linux-gnu -E LD_LIBRARY_PATH=$prefix/lib" \
          aarch64-linux-gnu-gcc -O2 "$main" -I"$prefix/include" -L"$prefix/lib" -lusersig_ffi -o "$prefix/consumer" ;;
      x86_64-pc-windows-gnu)
        wine_env
        cp "$prefix/bin/usersig_ffi.dll" "$prefix/"
        c_consumer "$prefix/consumer.exe" wine \
          x86_64-w64-mingw32-gcc -O2 "$main" -I"$prefix/include" "$prefix/bin/usersig_ffi.dll" -o "$prefix/consumer.exe"
        ;;
      *-apple-*)
        file "$prefix/lib/libusersig_ffi.dylib" | grep -q "Mach-O 64-bit.*$(case $t in x86_64-*) echo x86_64 ;; *) echo arm64 ;; esac)" ||
          { echo "c $t: the dylib is not Mach-O of its architecture"; return 1; }
        "$(command -v llvm-objdump || command -v llvm-objdump-14)" --macho --dylib-id "$prefix/lib/libusersig_ffi.dylib" | grep -qx '@rpath/libusersig_ffi.dylib' ||
          { echo "c $t: the dylib's install name is not @rpath/libusersig_ffi.dylib"; return 1; } ;;
      *)
        file "$prefix/lib/libusersig_ffi.so" | grep -q 'ARM aarch64' || { echo "c $t: not aarch64"; return 1; } ;;
    esac
    echo "c $t: checked"
    checked=$((checked + 1))
  done
  [ "$checked" -gt 0 ] || { echo "c: no tarball in $DIST/c"; return 1; }
}
