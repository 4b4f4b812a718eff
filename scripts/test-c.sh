#!/usr/bin/env bash
# The C and C++ step: packs this machine's C tarball (bindings/c/package.sh), installs it into a
# fresh prefix, and against that prefix builds and runs (ctest) the C and C++ suites of
# bindings/c/tests (the C API, its callback verifiers, 16 threads, the C++ wrapper, a loopback HTTP
# server checking the fake sender's callbacks, the drop-in, a program written for Tencent's header,
# and the C and C++ examples of README.md and bindings/c/README.md) twice: plainly with the shared library,
# and with AddressSanitizer and UndefinedBehaviorSanitizer with the static one. Then builds the
# consumer project (bindings/c/consumer), copied out of the repository, once with find_package and
# once with pkg-config alone, and runs it.
#
# Installs cmake, pkg-config and g++ from Debian if they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

missing=()
for tool in cmake pkg-config g++ gcc; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  packages=()
  for tool in "${missing[@]}"; do
    case "$tool" in gcc) packages+=(gcc) ;; *) packages+=("$tool") ;; esac
  done
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" make libc6-dev >/dev/null
fi

cargo build --release --locked -p usersig-ffi
cargo build --locked -p usersig-fake-rest
host=$(rustc -vV | sed -n 's/^host: //p')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(bindings/c/package.sh "$host" target/release "$work/dist")
prefix=$work/prefix
mkdir -p "$prefix"
tar -xzf "$tarball" -C "$prefix" --strip-components=1
echo "c: installed $(basename "$tarball") into a fresh prefix"

# The READMEs' ```c and ```cpp blocks, each a whole program.
python3 - "$ROOT/README.md" "$ROOT/bindings/c/README.md" "$work/readme" <<'PY'
import os, re, sys
readmes, out = sys.argv[1:-1], sys.argv[-1]
os.makedirs(out)
blocks = [block for readme in readmes
          for block in re.findall(r"^```(c|cpp)\n(.*?)^```", open(readme, encoding="utf-8").read(), re.S | re.M)]
for i, (lang, code) in enumerate(blocks, 1):
    with open(os.path.join(out, f"example_{i}.{lang}"), "w", encoding="utf-8") as f:
        f.write(code)
print(f"c: {len(blocks)} README examples")
PY

for mode in plain sanitize; do
  flags=()
  [ "$mode" = sanitize ] && flags+=(-DUSERSIG_SANITIZE=ON)
  build=$work/build-$mode
  cmake -S bindings/c/tests -B "$build" -DCMAKE_PREFIX_PATH="$prefix" \
    -DUSERSIG_VECTORS="$ROOT/core/tests/vectors/official-python.jsonl" \
    -DUSERSIG_CALLBACK_VECTORS="$ROOT/core/tests/vectors/callbacks.jsonl" \
    -DUSERSIG_FAKE_REST="${CARGO_TARGET_DIR:-$ROOT/target}/debug/usersig-fake-rest" \
    -DUSERSIG_README_EXAMPLES="$work/readme" "${flags[@]}" >/dev/null
  cmake --build "$build" -j 2 >/dev/null
  echo "c: ctest ($mode)"
  ctest --test-dir "$build" --output-on-failure
done

# A user's project outside the repository: find_package, then pkg-config alone.
consumer=$work/consumer
cp -r bindings/c/consumer "$consumer"
cmake -S "$consumer" -B "$consumer/build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$consumer/build" >/dev/null
[ "$("$consumer/build/consumer")" = consumer ] || { echo "c: the find_package consumer failed"; exit 1; }
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
# shellcheck disable=SC2046
gcc -std=c11 -Wall -Werror "$consumer/main.c" -o "$consumer/by-pkg-config" $(pkg-config --cflags --libs usersig) \
  -Wl,-rpath,"$(pkg-config --variable=libdir usersig)"
[ "$("$consumer/by-pkg-config")" = consumer ] || { echo "c: the pkg-config consumer failed"; exit 1; }
echo "c: the consumer project built against the prefix by find_package and by pkg-config"
