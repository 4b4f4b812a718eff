# shellcheck shell=bash
# The Python release: wheels for every platform, and their checks. Sourced by scripts/release.sh
# (which sets ROOT, DIST, TOOLS, VERSION, log and the cross linkers).

# Each wheel: the Rust target, then maturin's options for it. maturin computes every tag.
WHEELS=(
  "x86_64-unknown-linux-gnu --zig --compatibility manylinux2014"
  "aarch64-unknown-linux-gnu --zig --compatibility manylinux2014"
  "x86_64-unknown-linux-musl --zig --compatibility musllinux_1_2"
  "aarch64-unknown-linux-musl --zig --compatibility musllinux_1_2"
  "x86_64-apple-darwin --zig"
  "aarch64-apple-darwin --zig"
  # maturin runs a Python only to write the cffi declarations: the host's serves (py3-none).
  "x86_64-pc-windows-gnu --interpreter python3"
)
# The platform tag each target's wheel must carry (checked, not written into the wheel).
wheel_tag() {
  case "$1" in
    x86_64-unknown-linux-gnu) echo 'manylinux2014_x86_64.manylinux_2_17_x86_64' ;;
    aarch64-unknown-linux-gnu) echo 'manylinux2014_aarch64.manylinux_2_17_aarch64' ;;
    x86_64-unknown-linux-musl) echo 'musllinux_1_2_x86_64' ;;
    aarch64-unknown-linux-musl) echo 'musllinux_1_2_aarch64' ;;
    x86_64-apple-darwin) echo 'macosx_[0-9_]*_x86_64' ;;
    aarch64-apple-darwin) echo 'macosx_[0-9_]*_arm64' ;;
    x86_64-pc-windows-gnu) echo 'win_amd64' ;;
  esac
}

# The wheel of one target (a line of WHEELS, or its first word) into dist/python.
build_wheel() {
  local spec target start=$SECONDS w
  spec=$(printf '%s\n' "${WHEELS[@]}" | grep "^$1\( \|$\)")
  target=${spec%% *}
  # shellcheck disable=SC2086 # the options are words
  (cd bindings/python && PATH="$TOOLS/venv/bin:$PATH" CARGO_TARGET_DIR="$ROOT/target/wheels" \
    nice maturin build --release --locked --target $spec --out "$DIST/python" --quiet)
  w=$(wheel_of "$target")
  log "wheel $(basename "$w") built in $((SECONDS - start)) s"
}

# The one wheel of TARGET in dist/python, by its tag.
wheel_of() {
  local found
  found=$(find "$DIST/python" -maxdepth 1 -name "usersig-$VERSION-py3-none-*.whl" | grep -E -- "-$(wheel_tag "$1")\.whl$")
  [ "$(wc -l <<<"$found")" -eq 1 ] && [ -n "$found" ] || { echo "no single $1 wheel in $DIST/python: $found" >&2; return 1; }
  echo "$found"
}

# Wheels of usersig's own dependencies (cffi, pycparser) and of the sdist's build tools, so that
# `pip install --no-index --find-links dist/python` finds everything it needs.
WHEELHOUSE=$ROOT/target/release-tools/wheelhouse
wheelhouse() {
  pip3 download -q --disable-pip-version-check -d "$WHEELHOUSE" cffi==2.1.1 pycparser maturin==1.16.0 >/dev/null
}

# The Python suite (bindings/python/tests) with the interpreter $1, where usersig is installed.
python_suite() {
  local python=$1
  "$python" -m pip install -q --disable-pip-version-check pytest==9.2.0 mypy==2.4.1 tls-sig-api-v2==1.1
  cargo build --locked -q -p usersig-fake-rest
  (cd bindings/python/tests && USERSIG_FAKE_REST="$ROOT/target/debug/usersig-fake-rest" \
    "$python" -m pytest -q -p no:cacheprovider .)
}

# x86-64 Linux: a fresh virtualenv installs the wheel from dist/python with no index, another
# builds the sdist (--no-binary); the Python suite passes against each.
check_python() {
  local venv kind
  wheel_of x86_64-unknown-linux-gnu >/dev/null
  wheelhouse
  for kind in wheel sdist; do
    venv=$ROOT/target/release-checks/python-$kind
    rm -rf "$venv"
    python3 -m venv "$venv"
    local binary=()
    [ "$kind" = sdist ] && binary=(--no-binary usersig)
    PIP_FIND_LINKS='' "$venv/bin/pip" install -q --disable-pip-version-check --no-index --find-links "$DIST/python" \
      --find-links "$WHEELHOUSE" "${binary[@]}" "usersig==$VERSION"
    "$venv/bin/python" -c 'import usersig, pathlib; print("installed from '"$kind"':", pathlib.Path(usersig.__file__).parent)'
    python_suite "$venv/bin/python"
  done
}

# aarch64 Linux under qemu-user, in an arm64 Debian root (scripts/release/arm64-root.sh): its
# Python installs the aarch64 wheel and passes the Python suite.
check_python_aarch64() {
  local root=${USERSIG_ARM64_ROOT:-$ROOT/target/arm64-root} wheel
  wheel=$(wheel_of aarch64-unknown-linux-gnu)
  scripts/release/arm64-root.sh python3-venv
  # The tests, the vectors and the READMEs they read, laid out as in the repository.
  rm -rf "$root/opt/usersig"
  mkdir -p "$root/opt/usersig/bindings/python" "$root/opt/usersig/core/tests"
  cp README.md "$root/opt/usersig/"
  cp -r bindings/python/tests bindings/python/README.md bindings/python/pyproject.toml "$root/opt/usersig/bindings/python/"
  cp -r core/tests/vectors "$root/opt/usersig/core/tests/"
  # The fake REST endpoint as a static x86-64 program: it runs natively inside the root.
  cargo build --locked -q --release --target x86_64-unknown-linux-musl -p usersig-fake-rest
  cp target/x86_64-unknown-linux-musl/release/usersig-fake-rest "$root/opt/usersig/fake-rest"
  # Everything the root's Python installs, fetched here: nothing under emulation uses the network.
  local wheels=$root/opt/usersig/wheels
  mkdir -p "$wheels"
  cp "$wheel" "$wheels/"
  pip3 download -q --only-binary=:all: --platform manylinux2014_aarch64 --python-version 3.11 \
    --implementation cp --abi cp311 -d "$wheels" cffi==2.1.1 pytest==9.2.0 mypy==2.4.1
  pip3 wheel -q --no-deps -w "$wheels" tls-sig-api-v2==1.1
  scripts/release/arm64-root.sh --run sh -euc "
    rm -rf /opt/venv && python3 -m venv /opt/venv
    /opt/venv/bin/pip install -q --no-index --find-links /opt/usersig/wheels usersig==$VERSION pytest tls-sig-api-v2 mypy
    /opt/venv/bin/python -c 'import platform, usersig; print(\"usersig\", usersig.__version__, \"on\", platform.machine())'
    cd /opt/usersig/bindings/python/tests
    USERSIG_FAKE_REST=/opt/usersig/fake-rest /opt/venv/bin/python -m pytest -q -p no:cacheprovider ."
}

# Every wheel in dist/python holds one library of its platform's format; the musllinux x86-64
# one is loaded and called by a musl-linked harness, the Windows one by a mingw harness under
# Wine; the Mach-O ones export the Linux library's symbols (the macOS wheels cannot run here; the
# release workflow runs the suite on macOS and Windows).
check_wheels() {
  local spec target w lib work=$ROOT/target/release-checks/wheels linux=
  for spec in "${WHEELS[@]}"; do
    target=${spec%% *}
    w=$(wheel_of "$target")
    rm -rf "${work:?}/$target" && mkdir -p "$work/$target"
    unzip -q "$w" -d "$work/$target"
    lib=$(find "$work/$target/usersig/_ffi" -type f ! -name '*.py')
    [ "$(wc -l <<<"$lib")" -eq 1 ] || { echo "$(basename "$w"): not one library: $lib"; return 1; }
    file -b "$lib" | grep -Eq "^$(library_format "$target")" ||
      { echo "$(basename "$w"): $(file -b "$lib"), not $(library_format "$target")"; return 1; }
    echo "$(basename "$w"): $(file -b "$lib" | cut -d, -f1-2)"
    # The first wheel is the glibc x86-64 one: the reference for the others' exports.
    [ "$target" = x86_64-unknown-linux-gnu ] && linux=$(exported "$lib")
    case "$target" in
      *-apple-darwin) diff <(echo "$linux") <(exported "$lib") >/dev/null ||
        { echo "$target wheel: exports differ from Linux"; return 1; } ;;
      x86_64-unknown-linux-musl)
        musl-gcc -O2 -o "$work/$target/harness" "$HARNESS" "$lib" -Wl,-rpath,"$(dirname "$lib")"
        "$work/$target/harness" ;;
      x86_64-pc-windows-gnu) wine_harness "$lib" "$work/$target/harness" ;;
    esac
  done
}
