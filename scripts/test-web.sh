#!/usr/bin/env bash
# Builds the offline token inspector (scripts/build-web.sh) and tests it in a real headless
# Chromium loading it from file:// (bindings/web/test): the official vectors, verification and
# every error kind, bad input, sharing, the countdown, both languages, keyboard and narrow screen;
# any network request or console error fails it. Screenshots land in target/web/screenshots/.
#
# Usage: scripts/test-web.sh [--page FILE]   (--page: test FILE, a copy of the page, unbuilt)
#
# Needs root for apt-get, Rust (rustup) and Node 18+. Installs by itself: Debian's chromium and a
# CJK font (fonts-wqy-microhei, for the Chinese screenshots), puppeteer-core as locked (npm ci),
# and what scripts/build-web.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

page=$REPO/target/web/index.html
case "${1:-}" in
  --page) page=$(realpath "${2:?--page needs a file}") ;;
  "") scripts/build-web.sh ;;
  *) echo "usage: scripts/test-web.sh [--page FILE]" >&2; exit 2 ;;
esac

if ! command -v chromium >/dev/null || ! dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then
  echo "==> apt-get install chromium fonts-wqy-microhei"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei >/dev/null
fi

cd bindings/web
echo "==> npm ci"
npm ci --no-audit --no-fund --loglevel=error
echo "==> node --test ($page in $(chromium --version 2>/dev/null))"
USERSIG_WEB_PAGE=$page CHROMIUM=$(command -v chromium) node --test --test-reporter=spec test/*.test.mjs
