#!/usr/bin/env bash
# The Kotlin/JVM package: build the Rust library, compile the Kotlin over its C ABI, run the
# JUnit tests and install the JARs into the local Maven repository (~/.m2).
#
#   scripts/test-kotlin.sh            everything above; Maven fetches what it needs from Maven Central
#   scripts/test-kotlin.sh ARGS...    extra Maven arguments, e.g. -Dtest=VectorsTest
#
# Needs cargo, a JDK (17 here) and Maven 3.8+. Maven's generate-sources phase builds the library
# too (bindings/kotlin/pom.xml), so that a plain `mvn install` in bindings/kotlin does the same.
# Afterwards the installed JAR is checked to
# hold the native library at JNA's resource path, next to a sources JAR and a javadoc JAR.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "test-kotlin: $*" >&2; }

log "cargo build --release -p usersig-ffi"
cargo build --quiet --release -p usersig-ffi

log "cargo build -p usersig-fake-rest (the fake REST endpoint AdminAuth's tests call)"
cargo build --quiet -p usersig-fake-rest
export USERSIG_FAKE_REST="${CARGO_TARGET_DIR:-$PWD/target}/debug/usersig-fake-rest"

log "mvn install (compile, test, package) in bindings/kotlin"
rm -rf bindings/kotlin/target/surefire-reports
(cd bindings/kotlin && mvn -B -q --no-transfer-progress install "$@")

# Maven is quiet: sum Surefire's per-class reports into one closing line.
cat bindings/kotlin/target/surefire-reports/*.txt 2>/dev/null | awk -F'[:,] *' '
  /^Tests run:/ { run += $2; failed += $4 + $6; skipped += $8 }
  END { printf "kotlin: %d passed, %d failed, %d skipped\n", run - failed - skipped, failed, skipped }'

version=$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' bindings/kotlin/pom.xml | head -1)
repo=${MAVEN_REPO:-$HOME/.m2/repository}/io/github/usersig/usersig/$version
for jar in "usersig-$version.jar" "usersig-$version-sources.jar" "usersig-$version-javadoc.jar"; do
  [[ -s "$repo/$jar" ]] || { log "missing from the local Maven repository: $repo/$jar"; exit 1; }
done
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) native=linux-x86-64/libusersig_ffi.so ;;
  Linux-aarch64) native=linux-aarch64/libusersig_ffi.so ;;
  Darwin-x86_64) native=darwin-x86-64/libusersig_ffi.dylib ;;
  Darwin-arm64) native=darwin-aarch64/libusersig_ffi.dylib ;;
  *) native= ;;
esac
if [[ -n "$native" ]] && ! grep -qx "$native" <<<"$(unzip -Z1 "$repo/usersig-$version.jar")"; then
  log "the JAR lacks $native"
  exit 1
fi
log "installed io.github.usersig:usersig:$version (with ${native:-no host library check}) in $repo"
