#!/usr/bin/env bash
# Builds the offline token inspector (bindings/web) into target/web/index.html: the npm package's
# crate (bindings/node) compiled to WebAssembly, its glue made by wasm-bindgen for a classic
# script (--target no-modules), and both inlined with the page's HTML, CSS and JavaScript by
# bindings/web/build.mjs.
#
# Needs Rust (rustup) and Node. Installs by itself, as scripts/test-node.sh does: the rustup target
# wasm32-unknown-unknown and wasm-bindgen-cli at exactly the version bindings/node/Cargo.toml pins.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
WASM=$REPO/target/wasm32-unknown-unknown/release/usersig_node.wasm
GLUE=$REPO/target/web-glue

version=$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' bindings/node/Cargo.toml)
[ -n "$version" ] || { echo "no exact wasm-bindgen pin in bindings/node/Cargo.toml" >&2; exit 1; }
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ]; then
  echo "==> cargo install wasm-bindgen-cli $version"
  cargo install wasm-bindgen-cli --version "=$version" --locked
fi

echo "==> building the WebAssembly module and the page"
cargo build --release --locked --target wasm32-unknown-unknown -p usersig-node
rm -rf "$GLUE" "$REPO/target/web"
wasm-bindgen --target no-modules --no-typescript --out-dir "$GLUE" "$WASM"
node bindings/web/build.mjs "$GLUE/usersig_node.js" "$GLUE/usersig_node_bg.wasm" "$REPO/target/web"
