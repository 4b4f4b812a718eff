#!/usr/bin/env bash
# Builds the C ABI's library, embeds it into the Go module (bindings/go) and runs the Go tests.
#
# Usage: scripts/test-go.sh
#
# Needs Go 1.25+ and a Rust toolchain; installs gcc (cgo, for the race detector) from Debian
# when it is missing, and the Go modules the tests use from the module proxy (purego; for
# compat/ Tencent's module v1.4.0 as pinned in its go.sum; testify v1.7.0 for Tencent's own
# test). Then: go vet and go test -race on the module and its drop-in, the same tests built with
# CGO_ENABLED=0, AdminAuth against scripts/fake-rest, Tencent's own test file (from its module
# zip) run against the drop-in, compat/ (each module verifies the other's tokens with the same
# errors) and one short pass of its benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
GO_DIR=$REPO/bindings/go
export GOFLAGS=-mod=mod

command -v go >/dev/null || { echo "Go 1.25+ is needed (https://go.dev/dl/)" >&2; exit 1; }
if ! command -v gcc >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc libc6-dev >/dev/null
fi

echo "==> the library (C ABI), embedded into bindings/go/lib/linux_amd64"
nice cargo build --release --locked -q -p usersig-ffi
mkdir -p "$GO_DIR/lib/linux_amd64"
strip --strip-unneeded -o "$GO_DIR/lib/linux_amd64/libusersig_ffi.so" target/release/libusersig_ffi.so

echo "==> the fake REST endpoint, for AdminAuth's tests"
cargo build --locked -q -p usersig-fake-rest
export USERSIG_FAKE_REST=$REPO/target/debug/usersig-fake-rest

cd "$GO_DIR"
echo "==> go vet, go test -race"
test -z "$(gofmt -l .)" || { gofmt -l .; echo "gofmt: the files above are not formatted" >&2; exit 1; }
go vet ./...
CGO_ENABLED=1 go test -race -count=1 ./...
echo "==> go test with CGO_ENABLED=0"
CGO_ENABLED=0 go test -count=1 ./...

echo "==> Tencent's own test (tls-sig-api-v2-golang v1.4.0) against the drop-in"
official=$(go mod download -json github.com/tencentyun/tls-sig-api-v2-golang@v1.4.0 | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
run=$REPO/target/go-official-test
rm -rf "$run" && mkdir -p "$run/tencentyun"
cp tencentyun/tencentyun.go "$run/tencentyun/"
cp "$official/tencentyun/TLSSigAPI_test.go" "$run/tencentyun/"
cat >"$run/go.mod" <<MOD
module usersig.invalid/official-test

go 1.25.0

require github.com/usersig/usersig/bindings/go v0.0.0

replace github.com/usersig/usersig/bindings/go => $GO_DIR
MOD
(cd "$run" && go get github.com/stretchr/testify@v1.7.0 &&
  go test -count=1 -v ./tencentyun | grep -E '^(--- |ok|FAIL)')

echo "==> compat: the drop-in against the official module, and one short pass of the benchmarks"
cd compat
test -z "$(gofmt -l .)"
go vet ./...
go test -count=1 -bench . -benchtime 2000x ./...
