#!/usr/bin/env bash
# Swift 6 toolchain for Linux hosts that have none: a Debian trixie chroot with
# Debian's `swiftlang` package, kept in a cache directory outside the repository.
#
# Usage:
#   scripts/swift-toolchain.sh                 make sure the chroot exists (idempotent;
#                                              about 5 minutes and 3 GB the first time,
#                                              seconds afterwards)
#   scripts/swift-toolchain.sh path            print the chroot directory
#   scripts/swift-toolchain.sh run [--bind DIR]... [--env NAME=VALUE]... [--cwd DIR] -- CMD [ARG]...
#                                              run CMD inside the chroot; every DIR given with
#                                              --bind (and the repository) is visible there
#                                              at the same path as on the host
#
# Environment:
#   USERSIG_SWIFT_CHROOT  chroot directory (default /var/cache/usersig/swift-chroot)
#   USERSIG_DEBIAN_MIRROR Debian mirror (default http://deb.debian.org/debian)
#
# Needs root (debootstrap, chroot and mount). Non-interactive: safe for CI.
# Every mount is made inside a private mount namespace (unshare), so the mounts vanish
# when the command ends, however it ends; a trap unmounts them as well where unshare
# is unavailable.
set -euo pipefail

SELF="$(realpath "${BASH_SOURCE[0]}")"
REPO="$(cd "$(dirname "$SELF")/.." && pwd)"
CHROOT="${USERSIG_SWIFT_CHROOT:-/var/cache/usersig/swift-chroot}"
MIRROR="${USERSIG_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE=trixie
# Packages inside the chroot. Bump RECIPE when this list changes: an existing chroot
# then gets the new packages installed (no rebuild from scratch).
PACKAGES=(swiftlang libc6-dev pkgconf ca-certificates)
RECIPE="2 ${SUITE} ${PACKAGES[*]}"
STAMP="$CHROOT/.usersig-swift-ready"
MARKER=.usersig-swift-chroot
LOCK="${CHROOT%/}.lock"

log() { printf 'swift-toolchain: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap, chroot and mount need it)"
export DEBIAN_FRONTEND=noninteractive

# True when anything is mounted at or below $1 (guards every rm -rf of a chroot: a
# leftover bind mount of the repository must never be deleted through).
has_mounts_below() {
  local dir
  dir="$(realpath -m "$1")"
  awk -v d="$dir" '$2 == d || index($2, d "/") == 1 { found = 1 } END { exit !found }' /proc/self/mounts
}

# Deletes $1, an unfinished chroot of ours, before starting afresh. Refuses anything that
# is not empty and lacks our marker (USERSIG_SWIFT_CHROOT could name any directory), and
# anything with a mount below it.
remove_unfinished() {
  [ -e "$1" ] || return 0
  has_mounts_below "$1" && die "$1 has mounts below it; unmount them first"
  if [ ! -e "$1/$MARKER" ] && [ -n "$(ls -A "$1" 2>/dev/null)" ]; then
    die "$1 exists, is not empty and is not a chroot made by this script; remove it or choose another USERSIG_SWIFT_CHROOT"
  fi
  log "removing unfinished $1"
  rm -rf --one-file-system "$1"
}

# Unmount everything at or below $1, deepest first (fallback path only).
umount_below() {
  local dir
  dir="$(realpath -m "$1")"
  awk -v d="$dir" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/self/mounts |
    sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
}

# Run "$@" in a private mount namespace when possible, so mounts made by it cannot
# outlive it. USERSIG_SWIFT_NS marks that we are already inside one.
in_private_ns() {
  if [ -z "${USERSIG_SWIFT_NS:-}" ] && unshare --mount --propagation private true 2>/dev/null; then
    USERSIG_SWIFT_NS=1 unshare --mount --propagation private -- bash "$SELF" "$@"
  else
    bash "$SELF" "$@"
  fi
}

# Proxy settings of the host, if any, for apt inside the chroot.
PROXY_ENV=()
for var in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
  [ -n "${!var:-}" ] && PROXY_ENV+=("$var=${!var}")
done

chroot_apt() {
  chroot "$1" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "${PROXY_ENV[@]}" "${@:2}"
}

# --- provisioning (runs inside the private namespace, under the lock) -----------------
provision_inner() {
  local target="$1" fresh="$2"
  trap 'umount_below "$target"' EXIT
  if [ "$fresh" = 1 ]; then
    log "debootstrap $SUITE (minbase) into $target ..."
    debootstrap --variant=minbase "$SUITE" "$target" "$MIRROR" >&2
  fi
  cp /etc/resolv.conf "$target/etc/resolv.conf"
  mountpoint -q "$target/proc" || mount -t proc proc "$target/proc"
  # No daemons may start inside the chroot during installs.
  printf '#!/bin/sh\nexit 101\n' > "$target/usr/sbin/policy-rc.d"
  chmod 755 "$target/usr/sbin/policy-rc.d"
  log "installing ${PACKAGES[*]} ..."
  chroot_apt "$target" apt-get update -q >&2
  chroot_apt "$target" apt-get install -y -q --no-install-recommends "${PACKAGES[@]}" >&2
  chroot_apt "$target" apt-get clean
  chroot_apt "$target" swift --version >&2
  umount_below "$target"
  trap - EXIT
}

ensure() {
  if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$RECIPE" ]; then
    return 0
  fi
  mkdir -p "$(dirname "$CHROOT")"
  exec 9>"$LOCK"
  flock 9
  # Someone else may have finished while we waited for the lock.
  if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$RECIPE" ]; then
    exec 9>&-
    return 0
  fi
  if [ -f "$STAMP" ]; then
    # A complete chroot from an older recipe: install what is new in place.
    log "updating $CHROOT (recipe changed) ..."
    in_private_ns __provision "$CHROOT" 0
  else
    local partial="${CHROOT%/}.partial"
    remove_unfinished "$partial"
    remove_unfinished "$CHROOT"
    if ! command -v debootstrap >/dev/null 2>&1; then
      log "installing debootstrap on the host ..."
      apt-get update -q >&2
      apt-get install -y -q --no-install-recommends debootstrap >&2
    fi
    mkdir -p "$partial"
    touch "$partial/$MARKER"
    in_private_ns __provision "$partial" 1
    mv "$partial" "$CHROOT"
  fi
  printf '%s\n' "$RECIPE" > "$STAMP"
  exec 9>&-
  log "ready: $CHROOT"
}

# --- running a command in the chroot -------------------------------------------------
run_inner() {
  local binds=() envs=() cwd="$PWD"
  while [ $# -gt 0 ]; do
    case "$1" in
      --bind) binds+=("$(realpath "$2")"); shift 2 ;;
      --env) envs+=("$2"); shift 2 ;;
      --cwd) cwd="$(realpath "$2")"; shift 2 ;;
      --) shift; break ;;
      *) die "run: unknown option $1 (did you forget -- before the command?)" ;;
    esac
  done
  [ $# -gt 0 ] || die "run: no command given"
  binds=("$REPO" "${binds[@]}")

  local made=()
  cleanup() {
    local i
    for ((i = ${#made[@]} - 1; i >= 0; i--)); do umount -l "${made[$i]}" 2>/dev/null || true; done
  }
  trap cleanup EXIT
  mnt() { # mnt TARGET MOUNT-ARGS...
    mountpoint -q "$1" && return 0
    mount "${@:2}" "$1"
    made+=("$1")
  }
  cp /etc/resolv.conf "$CHROOT/etc/resolv.conf" 2>/dev/null || true
  mnt "$CHROOT/proc" -t proc proc
  mnt "$CHROOT/dev" --bind /dev
  mkdir -p "$CHROOT/tmp" && chmod 1777 "$CHROOT/tmp"
  local b
  for b in "${binds[@]}"; do
    mkdir -p "$CHROOT$b"
    mnt "$CHROOT$b" --bind "$b"
  done
  local status=0
  chroot "$CHROOT" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
    TERM="${TERM:-dumb}" "${envs[@]}" /bin/sh -c 'cd "$1" && shift && exec "$@"' sh "$cwd" "$@" ||
    status=$?
  cleanup
  trap - EXIT
  return "$status"
}

case "${1:-ensure}" in
  ensure) ensure ;;
  path) printf '%s\n' "$CHROOT" ;;
  run)
    shift
    ensure
    in_private_ns __run "$@"
    ;;
  __provision) shift; provision_inner "$@" ;;
  __run) shift; run_inner "$@" ;;
  -h | --help | help) sed -n '2,/^set -euo/p' "$SELF" | sed '$d' ;;
  *) die "unknown command $1 (try --help)" ;;
esac
