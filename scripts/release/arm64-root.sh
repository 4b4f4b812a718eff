#!/usr/bin/env bash
# Makes (once) an arm64 Debian 12 root for running aarch64 Linux code under qemu-user, and runs a
# command in it. Needs root: binfmt_misc, debootstrap, chroot, mount.
#
#   scripts/release/arm64-root.sh [PACKAGE...]      make the root, with these Debian packages too
#   scripts/release/arm64-root.sh --run CMD [ARG...]  run CMD inside it (cwd /), the root made first
#
# The root lives in $USERSIG_ARM64_ROOT (default target/arm64-root) and is reused while it exists;
# it holds python3 from the start. Every aarch64 program in it runs under qemu-aarch64-static,
# registered with binfmt_misc (flag F, so nothing of qemu's is copied into the root).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=${USERSIG_ARM64_ROOT:-$PWD/target/arm64-root}
MIRROR=${USERSIG_DEBIAN_MIRROR:-http://deb.debian.org/debian}

log() { printf 'arm64-root: %s\n' "$*" >&2; }

# qemu-user for aarch64 ELF files, through binfmt_misc.
enable_binfmt() {
  command -v qemu-aarch64-static >/dev/null && command -v debootstrap >/dev/null && command -v update-binfmts >/dev/null || {
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-user-static binfmt-support debootstrap >&2
  }
  [ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64
  grep -q '^enabled' /proc/sys/fs/binfmt_misc/qemu-aarch64 || { log "qemu-aarch64 is not enabled in binfmt_misc"; exit 1; }
}

# The root, made by debootstrap (its second stage runs under qemu), with python3.
make_root() {
  if [ ! -x "$ROOT/usr/bin/python3" ]; then
    local start=$SECONDS
    log "debootstrap bookworm arm64 into $ROOT"
    rm -rf "$ROOT"
    debootstrap --arch=arm64 --variant=minbase --include=python3 bookworm "$ROOT" "$MIRROR" >/dev/null
    log "made in $((SECONDS - start)) s"
  fi
  cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
}

# /proc inside the root while this script runs, unmounted when it ends: a proc left mounted
# under target/ would make every later copy or removal of target/ walk the host's /proc.
mount_proc() {
  mountpoint -q "$ROOT/proc" && return
  mount -t proc proc "$ROOT/proc"
  trap 'umount "$ROOT/proc"' EXIT
}

# Debian packages inside the root, unless they are there already.
install_packages() {
  local missing=() p
  for p in "$@"; do chroot "$ROOT" dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return
  log "apt-get install ${missing[*]} (under qemu: minutes)"
  chroot "$ROOT" apt-get update -qq
  chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

enable_binfmt
make_root
mount_proc
if [ "${1:-}" = --run ]; then
  shift
  # A clean environment: nothing of the host's (proxies, pip settings, paths) leaks in.
  chroot "$ROOT" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 "$@"
  exit
fi
install_packages "$@"
log "ready: $ROOT ($(chroot "$ROOT" uname -m), $(chroot "$ROOT" python3 --version))"
