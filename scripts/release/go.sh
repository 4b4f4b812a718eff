# shellcheck shell=bash
# The Go module (bindings/go) of a release, laid out in $DIST/go/ as the Go module proxy serves
# it (GOPROXY=file://$DIST/go): the module github.com/usersig/usersig/bindings/go with the
# libraries of every platform below embedded, and its one dependency, purego, as the proxy
# served it. Sourced by scripts/release.sh, whose ROOT, DIST, VERSION, log, library_format and
# strip_tool it uses (and its `set -euo pipefail`).
#
#   build_go         the module zip, .mod, .info and @v/list from $DIST/ffi's libraries
#   check_go         the layout, each embedded library's format, and a user's module outside the
#                    repository (scripts/release/go-user) built from $DIST/go alone with
#                    CGO_ENABLED=0 and run here (x86-64), under qemu-user (aarch64) and under
#                    Wine (Windows); built, not run, for macOS x86-64 and arm64

GO_MODULE=github.com/usersig/usersig/bindings/go
GO_PUREGO=github.com/ebitengine/purego@v0.11.3
# Each embedded library: its Rust target in $DIST/ffi and its path in the module (the file name
# bindings/go/lib_GOOS_GOARCH.go embeds).
GO_NATIVES=(
  "x86_64-unknown-linux-gnu linux_amd64/libusersig_ffi.so"
  "aarch64-unknown-linux-gnu linux_arm64/libusersig_ffi.so"
  "x86_64-apple-darwin darwin_amd64/libusersig_ffi.dylib"
  "aarch64-apple-darwin darwin_arm64/libusersig_ffi.dylib"
  "x86_64-pc-windows-gnu windows_amd64/usersig_ffi.dll"
)
GO_CHECKS=$ROOT/target/release-checks/go

build_go() {
  local start=$SECONDS stage=$ROOT/target/release-go entry target path lib dir info
  local version="v$VERSION" at="$GO_MODULE@v$VERSION"
  rm -rf "$stage" "$DIST/go"
  mkdir -p "$stage/$at"
  # The module's committed files (not compat/, a module of its own), then the libraries.
  git ls-files -z bindings/go | grep -zv '^bindings/go/compat/' |
    (cd bindings/go && sed -z 's|^bindings/go/||' | xargs -0 cp --parents -t "$stage/$at")
  cp LICENSE-MIT LICENSE-APACHE "$stage/$at/"
  for entry in "${GO_NATIVES[@]}"; do
    read -r target path <<<"$entry"
    lib=$DIST/ffi/$target/${path#*/}
    [ -f "$lib" ] || { echo "no $lib: scripts/release.sh build ffi:$target makes it"; return 1; }
    mkdir -p "$stage/$at/lib/${path%/*}"
    case "$target" in
      *-linux-*) "$(strip_tool)" --strip-unneeded -o "$stage/$at/lib/$path" "$lib" ;;
      *) cp "$lib" "$stage/$at/lib/$path" ;;
    esac
  done
  dir=$DIST/go/$GO_MODULE/@v
  mkdir -p "$dir"
  find "$stage/$at" -exec touch -d "@$(git log -1 --format=%ct)" {} +
  (cd "$stage" && find "$at" -type f | LC_ALL=C sort | zip -q -X -@ "$dir/$version.zip")
  cp bindings/go/go.mod "$dir/$version.mod"
  printf '{"Version":"%s","Time":"%s"}\n' "$version" "$(git log -1 --format=%cI | sed 's/+00:00$/Z/')" >"$dir/$version.info"
  echo "$version" >"$dir/list"
  # purego as the module proxy served it (the module cache keeps its .info, .mod and .zip).
  info=$(cd bindings/go && GOFLAGS=-mod=mod go mod download -json "$GO_PUREGO")
  dir=$DIST/go/${GO_PUREGO%@*}/@v
  mkdir -p "$dir"
  for f in Info GoMod Zip; do
    cp "$(sed -n "s/^\t\"$f\": \"\(.*\)\",\$/\1/p" <<<"$info")" "$dir/"
  done
  echo "${GO_PUREGO#*@}" >"$dir/list"
  log "go: $GO_MODULE $version and purego laid out in $DIST/go in $((SECONDS - start)) s"
}

# go_user GOARCH-ETC...: the user's module built from $DIST/go alone (a fresh module cache, no
# other proxy) with CGO_ENABLED=0 and the given environment; prints the binary's path.
go_user() {
  local out=$GO_CHECKS/user-$(echo "$*" | tr ' =' '-_')
  env -i PATH="$PATH" HOME="$GO_CHECKS/home" GOPATH="$GO_CHECKS/gopath" GOCACHE="$GO_CHECKS/cache" \
    GOPROXY="file://$DIST/go" GONOSUMDB=github.com/usersig GOFLAGS=-mod=mod GOTOOLCHAIN=local \
    CGO_ENABLED=0 "$@" go build -C "$GO_CHECKS/user" -o "$out" . >&2
  echo "$out"
}

check_go() {
  local dir=$DIST/go/$GO_MODULE/@v version="v$VERSION" entry target path f bin
  for f in list "$version.info" "$version.mod" "$version.zip"; do
    [ -s "$dir/$f" ] || { echo "missing: $dir/$f"; return 1; }
  done
  rm -rf "$GO_CHECKS" && mkdir -p "$GO_CHECKS/home" && cp -r scripts/release/go-user "$GO_CHECKS/user"
  unzip -q "$dir/$version.zip" -d "$GO_CHECKS/zip"
  if unzip -Z1 "$dir/$version.zip" | grep -v "^$GO_MODULE@$version/"; then
    echo "the files above are outside $GO_MODULE@$version/"; return 1
  fi
  for entry in "${GO_NATIVES[@]}"; do
    read -r target path <<<"$entry"
    f=$GO_CHECKS/zip/$GO_MODULE@$version/lib/$path
    file -b "$f" | grep -Eq "^$(library_format "$target")" || { echo "$f: $(file -b "$f")"; return 1; }
    echo "lib/$path: $(file -b "$f" | cut -d, -f1-2), $(stat -c %s "$f") bytes"
  done
  bin=$(go_user)
  file "$bin" | cut -d, -f1-6
  [ "$("$bin")" = ok ] || { echo "x86-64: the user's program failed"; return 1; }
  echo "x86-64: the user's program, built with CGO_ENABLED=0 from dist/go alone: ok"
  bin=$(go_user GOARCH=arm64)
  [ "$(qemu-aarch64-static -L /usr/aarch64-linux-gnu "$bin")" = ok ] ||
    { echo "aarch64: the user's program failed"; return 1; }
  echo "aarch64 (qemu-user): the same program: ok"
  bin=$(go_user GOOS=windows GOARCH=amd64)
  wine_env
  [ "$(cd "$GO_CHECKS" && wine "$bin" | tr -d '\r')" = ok ] ||
    { echo "Windows: the user's program failed under Wine"; return 1; }
  echo "Windows x86-64 (Wine): the same program: ok"
  for f in amd64 arm64; do
    bin=$(go_user GOOS=darwin GOARCH=$f)
    file "$bin" | grep -q "Mach-O 64-bit" || { echo "not Mach-O: $bin"; return 1; }
    echo "macOS $f: built ($(file -b "$bin" | cut -d, -f1)), not run here"
  done
}
