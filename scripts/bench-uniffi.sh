#!/usr/bin/env bash
# Measures what UniFFI's generated Python and Kotlin bindings cost per call, against the
# project's own bindings over its C ABI (bindings/python, bindings/kotlin) and Tencent's libraries,
# each language in one process. A measurement, not a test: CI does not run it.
#
# Usage: scripts/bench-uniffi.sh [python|kotlin]...   (default: both)
#
# Steps, all under target/bench-uniffi (nothing generated is committed):
#   1. cargo build --release -p usersig-ffi, then the workspace's own uniffi-bindgen generates
#      UniFFI's Python and Kotlin from target/release/libusersig_ffi.so, with the configuration in
#      target/bench-uniffi/uniffi.toml (package uniffi.usersig_ffi, library usersig_ffi).
#   2. Python (scripts/bench-uniffi/bench.py): a virtualenv with maturin, cffi and Tencent's
#      tls-sig-api-v2 1.1; the project's wheel is built with maturin and installed into it. Method
#      of bindings/python/bench.py: heap trimming off, best of interleaved passes.
#   3. Kotlin (scripts/bench-uniffi/Bench.kt): bindings/kotlin's JAR (mvn package, tests and
#      Dokka skipped), then a throwaway Maven project (scripts/bench-uniffi/pom.xml) compiles the
#      generated Kotlin and Bench.kt with the Kotlin compiler from Maven Central, against JNA and
#      Tencent's com.github.tencentyun:tls-sig-api-v2:2.0; one JVM, warm-up then best of N.
#
# Needs cargo, python3 with venv, a JDK 17 and Maven. Environment: TOKENS (ids per pass, 100),
# ROUNDS (measured passes per contender, 300), WARMUP (the JVM's discarded rounds, 300), PYTHON.
# Passes are short because on a loaded machine one that outlasts a scheduler slice is almost never
# run whole, and its best time then says more about the load than about the call.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"
OUT="$REPO/target/bench-uniffi"
TOKENS="${TOKENS:-100}" ROUNDS="${ROUNDS:-300}" WARMUP="${WARMUP:-300}"
LANGS=("$@")
[ $# -gt 0 ] || LANGS=(python kotlin)
LIB="$REPO/target/release/libusersig_ffi.so"

log() { echo "bench-uniffi: $*" >&2; }

log "cargo build --release -p usersig-ffi -p uniffi-bindgen"
cargo build --quiet --locked --release -p usersig-ffi -p uniffi-bindgen
mkdir -p "$OUT"
cat >"$OUT/uniffi.toml" <<'TOML'
[crates.usersig_ffi.bindings.kotlin]
package_name = "uniffi.usersig_ffi"
cdylib_name = "usersig_ffi"
TOML

generate() {
  rm -rf "$OUT/$1"
  "$REPO/target/release/uniffi-bindgen" generate --library "$LIB" --language "$1" --no-format \
    --config "$OUT/uniffi.toml" --out-dir "$OUT/$1" >/dev/null
}

python_bench() {
  log "uniffi-bindgen generate --language python"
  generate python
  cp "$LIB" "$OUT/python/"
  local venv="$OUT/venv" tools=(maturin==1.16.0 cffi==2.1.1 tls-sig-api-v2==1.1)
  local stamp="${tools[*]} $("${PYTHON:-python3}" --version 2>&1)"
  if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/tools.txt" 2>/dev/null)" != "$stamp" ]; then
    log "creating $venv"
    rm -rf "$venv"
    "${PYTHON:-python3}" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${tools[@]}"
    echo "$stamp" >"$venv/tools.txt"
  fi
  log "maturin build --release (bindings/python), installed into $venv"
  rm -rf "$OUT/wheels"
  (cd bindings/python && "$venv/bin/maturin" build --release --locked --compatibility linux \
    --out "$OUT/wheels" --quiet)
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall \
    --no-deps "$OUT"/wheels/usersig-*.whl
  log "python: $TOKENS ids a pass, best of $ROUNDS rounds"
  "$venv/bin/python" scripts/bench-uniffi/bench.py "$OUT/python" --tokens "$TOKENS" --rounds "$ROUNDS"
}

kotlin_bench() {
  log "uniffi-bindgen generate --language kotlin"
  generate kotlin
  local pom=bindings/kotlin/pom.xml version kotlin jna
  version=$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' "$pom" | head -1)
  kotlin=$(sed -n 's|.*<kotlin.version>\(.*\)</kotlin.version>.*|\1|p' "$pom")
  jna=$(sed -n 's|.*<jna.version>\(.*\)</jna.version>.*|\1|p' "$pom")
  log "mvn package in bindings/kotlin (tests and Dokka skipped)"
  (cd bindings/kotlin && mvn -B -q --no-transfer-progress -Dmaven.test.skip=true \
    -Ddokka.skip=true package)
  local jar="$REPO/bindings/kotlin/target/usersig-$version.jar"
  [ -s "$jar" ] || { log "no $jar"; exit 1; }
  log "compiling the generated Kotlin and Bench.kt (Kotlin $kotlin, JNA $jna)"
  rm -rf "$OUT/kotlin-build"
  mvn -B -q --no-transfer-progress -f scripts/bench-uniffi/pom.xml \
    -Dbench.dir="$OUT/kotlin-build" -Dbench.generated="$OUT/kotlin" -Dusersig.jar="$jar" \
    -Dkotlin.version="$kotlin" -Djna.version="$jna" \
    -Dmdep.outputFile="$OUT/kotlin-build/classpath.txt" compile dependency:build-classpath
  log "kotlin: $TOKENS ids a pass, $WARMUP warm-up rounds, best of $ROUNDS"
  # Both paths load the same library file: UniFFI's through this property, the project's JAR
  # honours it too (bindings/kotlin, NativeLibrary.kt).
  java -Duniffi.component.usersig_ffi.libraryOverride="$LIB" \
    -cp "$OUT/kotlin-build/build/classes:$(cat "$OUT/kotlin-build/classpath.txt")" \
    bench.BenchKt "$TOKENS" "$WARMUP" "$ROUNDS"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC')"
for lang in "${LANGS[@]}"; do
  case "$lang" in
    python) python_bench ;;
    kotlin) kotlin_bench ;;
    *) log "unknown language: $lang (python or kotlin)"; exit 2 ;;
  esac
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) at the end"
