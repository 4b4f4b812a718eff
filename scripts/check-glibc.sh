#!/usr/bin/env bash
# Checks that each ELF library given asks for glibc 2.17 at most, as a manylinux2014 tag
# promises (older servers, CentOS 7 and Amazon Linux 2, load it), and prints the newest glibc
# version each asks for. Used by scripts/test-python.sh (the wheel it builds) and by
# scripts/release.sh (every glibc library of dist/).
#
# Usage: scripts/check-glibc.sh LIBRARY...
set -euo pipefail
# llvm-objdump reads every architecture; binutils' objdump, on every machine, the host's.
dump=$(command -v llvm-objdump || command -v objdump)
for library in "$@"; do
  newest=$("$dump" -T "$library" | grep -o 'GLIBC_[0-9.]*' | sort -V -u | tail -n 1)
  if [ "$(printf '%s\n' "$newest" GLIBC_2.17 | sort -V | tail -n 1)" != GLIBC_2.17 ]; then
    echo "$library needs $newest, newer than glibc 2.17" >&2
    exit 1
  fi
  echo "$newest at most: $library"
done
