#!/usr/bin/env bash
# Builds the npm package `usersig` (bindings/node: the core compiled to WebAssembly) and runs its
# tests.
#
# Usage: scripts/test-node.sh [--pack DIR]
#
# Needs Rust (rustup), Node 18+ and npm. Installs by itself: the rustup target
# wasm32-unknown-unknown, wasm-bindgen-cli at exactly the version bindings/node/Cargo.toml pins
# (cargo install, only when the one on PATH differs), and the package's dev dependencies (npm ci:
# Tencent's tls-sig-api-v2 and typescript, as locked). Then: builds the module into
# bindings/node/wasm/ (git-ignored) and scripts/fake-rest, runs the node:test suite (vectors, API,
# every error kind, bad input, Tencent's library, worker threads, AdminAuth against the fake REST
# endpoint, callback checks in an HTTP server the fake sender POSTs to, README examples, tsc
# --strict), a smoke run of the
# bench, packs the tarball (its prepack step, bindings/node/prepack.mjs, builds the module again and
# copies the licences), installs it into an empty project without network and runs the README
# examples against that installed copy, and checks that `npm pack` without cargo and wasm-bindgen
# fails saying how to get them. With --pack DIR the tarball is left in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
NODE_DIR=$REPO/bindings/node
WASM=$REPO/target/wasm32-unknown-unknown/release/usersig_node.wasm

pack_dir=
case "${1:-}" in
  --pack) pack_dir=${2:?--pack needs a folder}; mkdir -p "$pack_dir"; pack_dir=$(cd "$pack_dir" && pwd) ;;
  "") ;;
  *) echo "usage: scripts/test-node.sh [--pack DIR]" >&2; exit 2 ;;
esac

version=$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' "$NODE_DIR/Cargo.toml")
[ -n "$version" ] || { echo "no exact wasm-bindgen pin in bindings/node/Cargo.toml" >&2; exit 1; }

echo "==> rustup target wasm32-unknown-unknown"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ]; then
  echo "==> cargo install wasm-bindgen-cli $version"
  cargo install wasm-bindgen-cli --version "=$version" --locked
fi

echo "==> building the WebAssembly module, and the fake REST endpoint AdminAuth's tests talk to"
cargo build --release --locked --target wasm32-unknown-unknown -p usersig-node
cargo build --release --locked -p usersig-fake-rest
rm -rf "$NODE_DIR/wasm"
wasm-bindgen --target nodejs --out-dir "$NODE_DIR/wasm" "$WASM"
echo "    $(wc -c < "$NODE_DIR/wasm/usersig_node_bg.wasm") bytes of wasm"

cd "$NODE_DIR"
echo "==> npm ci"
npm ci --no-audit --no-fund --loglevel=error

echo "==> bench (smoke run)"
node bench.mjs --seconds 0.1

echo "==> node --test"
node --test --test-reporter=spec test/*.test.mjs

echo "==> npm pack (its prepack builds wasm/ and copies the licences), install without network,"
echo "    README examples against the installed package"
PACKED=$REPO/target/node-pack
rm -rf "$PACKED" && mkdir -p "$PACKED/project"
rm -rf "$NODE_DIR/wasm" "$NODE_DIR/LICENSE-MIT" "$NODE_DIR/LICENSE-APACHE"
tarball=$PACKED/$(npm pack --silent --pack-destination "$PACKED")
packed=$(tar -tzf "$tarball")
for f in LICENSE-MIT LICENSE-APACHE lib/index.cjs wasm/usersig_node_bg.wasm; do
  grep -qx "package/$f" <<<"$packed" || { echo "the tarball lacks $f" >&2; exit 1; }
done
echo "    $(basename "$tarball"): $(tar -tzf "$tarball" | tr '\n' ' ')"
(cd "$PACKED/project" && echo '{"private": true}' > package.json &&
  npm install --offline --no-audit --no-fund --loglevel=error "$tarball")
USERSIG_PACKAGE_DIR=$PACKED/project/node_modules/usersig node --test --test-reporter=spec test/readme.test.mjs

echo "==> npm pack without cargo and wasm-bindgen fails, and says how to get them"
tools=$(mktemp -d)
ln -s "$(command -v node)" "$(command -v npm)" "$(command -v sh)" "$tools/"
if refused=$(PATH=$tools npm pack --pack-destination "$tools" 2>&1) || compgen -G "$tools/*.tgz" >/dev/null; then
  echo "npm pack packed without the tools to build the WebAssembly module" >&2; exit 1
fi
rm -rf "$tools"
grep -q "wasm-bindgen is not installed" <<<"$refused" &&
  grep -qF "cargo install wasm-bindgen-cli --version =$version --locked" <<<"$refused" ||
  { echo "npm pack failed without saying how to build the module:" >&2; echo "$refused" >&2; exit 1; }
echo "    refused: $(grep -m1 'usersig prepack' <<<"$refused")"

if [ -n "$pack_dir" ]; then
  cp "$tarball" "$pack_dir/"
  echo "==> $pack_dir/$(basename "$tarball")"
fi
