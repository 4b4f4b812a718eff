#!/usr/bin/env bash
# Builds the `usersig` command and shows the main job: a token signed, inspected and verified.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p usersig-cli
usersig=target/release/usersig
# The key from the spec's worked example; a real one comes from the Tencent Cloud console.
export USERSIG_KEY=5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e

echo "\$ usersig sign --sdkappid 1400000000 --user-id alice"
token=$("$usersig" sign --sdkappid 1400000000 --user-id alice)
echo "$token"
echo
echo "\$ usersig inspect TOKEN"
"$usersig" inspect "$token"
echo
echo "\$ usersig verify --sdkappid 1400000000 --user-id alice TOKEN"
"$usersig" verify --sdkappid 1400000000 --user-id alice "$token"
echo
echo "\$ usersig verify --sdkappid 1400000000 --user-id bob TOKEN     # the wrong user: exit 1"
"$usersig" verify --sdkappid 1400000000 --user-id bob "$token" 2>&1 || echo "(exit status $?)"
