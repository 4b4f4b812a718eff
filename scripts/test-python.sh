#!/usr/bin/env bash
# Builds the Python wheel (manylinux2014, through maturin and zig) and runs the Python tests.
#
# Usage: scripts/test-python.sh [pytest arguments...]
#
# Runs on a clean machine with nothing but Python 3, pip's registry and a Rust toolchain: it
# makes its own virtualenv under target/python-venv (rebuilt whenever the pinned tool versions
# below change, reused otherwise), installs maturin, ziglang, pytest, mypy and Tencent's own
# tls-sig-api-v2 into it, builds the wheel, installs it, checks the wheel's glibc needs, and runs
# pytest on bindings/python/tests.
#
# Environment:
#   USERSIG_VECTORS  the official test vectors: the .jsonl file or its folder (default:
#                    core/tests/vectors in the repository)
#   PYTHON           the interpreter to make the virtualenv with (default: python3)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"

TOOLS=(maturin==1.16.0 ziglang==0.17.1 pytest==9.2.0 mypy==2.4.1 tls-sig-api-v2==1.1 cffi==2.1.1)
VENV="$REPO/target/python-venv"
WHEELS="$REPO/target/python-wheels"

stamp="${TOOLS[*]} $("${PYTHON:-python3}" --version 2>&1)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/tools.txt" 2>/dev/null)" != "$stamp" ]; then
  echo "==> creating $VENV"
  rm -rf "$VENV"
  "${PYTHON:-python3}" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${TOOLS[@]}"
  echo "$stamp" > "$VENV/tools.txt"
fi
export PATH="$VENV/bin:$PATH"

echo "==> building the wheel (manylinux2014, glibc 2.17)"
rm -rf "$WHEELS"
(cd bindings/python &&
  maturin build --release --locked --zig --compatibility manylinux2014 \
    --out "$WHEELS" --quiet)
wheel=("$WHEELS"/usersig-*.whl)
[ "${#wheel[@]}" -eq 1 ] || { echo "expected one wheel in $WHEELS, found ${#wheel[@]}" >&2; exit 1; }
case "$(basename "${wheel[0]}")" in
  *-py3-none-manylinux2014_*.manylinux_2_17_*.whl) ;;
  *) echo "unexpected wheel tag: $(basename "${wheel[0]}")" >&2; exit 1 ;;
esac
echo "    $(basename "${wheel[0]}")"
pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "${wheel[0]}"

# The tag is only a promise: check that the library asks for no glibc symbol newer than 2.17.
library="$(python -c 'import pathlib, usersig; print(next(pathlib.Path(usersig.__file__).parent.glob("_ffi/*.so")))')"
scripts/check-glibc.sh "$library"

echo "==> bench.py (smoke run)"
python bindings/python/bench.py --tokens 200 --rounds 2

echo "==> the fake REST endpoint, for AdminAuth's tests"
cargo build --locked -q -p usersig-fake-rest
export USERSIG_FAKE_REST="$REPO/target/debug/usersig-fake-rest"

echo "==> pytest"
cd bindings/python
python -m pytest "$@"
