# shellcheck shell=bash
# The JVM package (bindings/kotlin) of a release: one JAR with the library of every platform
# below, deployed with its POM, sources JAR and javadoc JAR into $DIST/maven/, a Maven repository
# folder laid out as Maven Central's, by Maven's own deploy (the .md5 and .sha1 files and
# maven-metadata.xml are Maven's). Sourced by scripts/release.sh, whose ROOT, DIST, VERSION, log
# and vector001 it uses (and its `set -euo pipefail`).
#
#   build_jvm           the libraries from $DIST/ffi into the JAR, deployed into $DIST/maven (the
#                       tests are skipped: the test step runs them)
#   check_jvm           the deployed files, each library's format, what Central still requires, and
#                       a user's project (scripts/release/maven-user) resolving the JAR from
#                       $DIST/maven and running on this machine's java
#   jvm_smoke JAVA...   runs that project's class with another java command, e.g. under qemu-user:
#                       plain files on the class path, no Maven (check_jvm compiles it first)

# Each library in the JAR: its Rust target in $DIST/ffi and JNA's resource path for it (its
# format is release.sh's library_format).
JVM_NATIVES=(
  "x86_64-unknown-linux-gnu linux-x86-64/libusersig_ffi.so"
  "aarch64-unknown-linux-gnu linux-aarch64/libusersig_ffi.so"
  "x86_64-apple-darwin darwin-x86-64/libusersig_ffi.dylib"
  "aarch64-apple-darwin darwin-aarch64/libusersig_ffi.dylib"
  "x86_64-pc-windows-gnu win32-x86-64/usersig_ffi.dll"
)
JVM_CHECKS=$ROOT/target/release-checks/jvm
JVM_USER=$ROOT/scripts/release/maven-user

# mvn ARGS..., quiet; its output (errors only, with -q) is shown if it fails.
jvm_mvn() {
  local out
  out=$(nice mvn -B -q --no-transfer-progress "$@" 2>&1) || { echo "$out"; return 1; }
}

# LLVM's strip: one tool for the ELF files of both architectures.
strip_tool() { command -v llvm-strip || command -v llvm-strip-14; }

# jvm_native TARGET PATH OUT: the library the JAR carries at PATH, from $DIST/ffi/TARGET, into
# OUT. Linux's are stripped to their exported symbols as a host build's are (bindings/kotlin/pom.xml;
# 4.8 MB become 0.7 MB); the macOS and Windows ones stay byte for byte those checked in $DIST/ffi
# (check macos, check windows): nothing here can run a stripped copy of them.
jvm_native() {
  local lib=$DIST/ffi/$1/${2#*/}
  [ -f "$lib" ] || { echo "no $lib: scripts/release.sh build $1 makes it"; return 1; }
  mkdir -p "$(dirname "$3")"
  case "$1" in
    *-linux-*) "$(strip_tool)" --strip-unneeded -o "$3" "$lib" ;;
    *) cp "$lib" "$3" ;;
  esac
}

# The JAR from $DIST/ffi's libraries alone (cargo is not run), deployed with its POM, sources and
# javadoc JARs into a fresh $DIST/maven; fails if a library is missing.
build_jvm() {
  local start=$SECONDS natives=$ROOT/target/release-jvm/natives build=$ROOT/target/release-jvm/build
  local entry target path
  rm -rf "$natives" "$build" "$DIST/maven"
  for entry in "${JVM_NATIVES[@]}"; do
    read -r target path <<<"$entry"
    jvm_native "$target" "$path" "$natives/$path"
  done
  # In a build folder of its own (bindings/kotlin/target stays a host build's); no install into ~/.m2.
  jvm_mvn -f bindings/kotlin/pom.xml deploy -Dusersig.prebuilt=true -Dusersig.natives="$natives" \
    -Dusersig.buildDir="$build" -DskipTests -Dmaven.test.skip=true -Dmaven.install.skip=true \
    -DaltDeploymentRepository="dist::file://$DIST/maven"
  log "jvm: io.github.usersig:usersig:$VERSION deployed into $DIST/maven in $((SECONDS - start)) s"
}

# Every file deployed, with the .md5 and .sha1 files Central requires, and the release in
# maven-metadata.xml.
jvm_check_deployed() {
  local repo=$DIST/maven/io/github/usersig/usersig f sum
  for f in "$repo/maven-metadata.xml" "$repo/$VERSION/usersig-$VERSION".{pom,jar} \
    "$repo/$VERSION/usersig-$VERSION"-{sources,javadoc}.jar; do
    [ -s "$f" ] || { echo "not deployed: $f"; return 1; }
    for sum in md5 sha1; do
      [ "$(cat "$f.$sum" 2>/dev/null)" = "$("${sum}sum" <"$f" | cut -d' ' -f1)" ] ||
        { echo "missing or wrong: $f.$sum"; return 1; }
    done
  done
  grep -q "<release>$VERSION</release>" "$repo/maven-metadata.xml" ||
    { echo "maven-metadata.xml does not name $VERSION"; return 1; }
  echo "deployed: usersig-$VERSION .pom, .jar, -sources.jar, -javadoc.jar, maven-metadata.xml, each with .md5 and .sha1"
}

# The JAR holds the five libraries and no other, each in its platform's format and equal to what
# jvm_native makes of $DIST/ffi's.
jvm_check_natives() {
  local jar=$1 work=$JVM_CHECKS/jar entry target path format described count
  rm -rf "$work" && mkdir -p "$work/expected"
  count=$(unzip -Z1 "$jar" | grep -c -E '\.(so|dylib|dll)$' || true)
  [ "$count" = "${#JVM_NATIVES[@]}" ] || { echo "the JAR holds $count libraries, not ${#JVM_NATIVES[@]}"; return 1; }
  unzip -q "$jar" '*.so' '*.dylib' '*.dll' -d "$work/jar"
  for entry in "${JVM_NATIVES[@]}"; do
    read -r target path <<<"$entry"
    format=$(library_format "$target")
    [ -f "$work/jar/$path" ] || { echo "the JAR lacks $path"; return 1; }
    described=$(file -b "$work/jar/$path")
    grep -q -E "^$format" <<<"$described" || { echo "$path is $described, not $format"; return 1; }
    jvm_native "$target" "$path" "$work/expected/$path"
    cmp -s "$work/jar/$path" "$work/expected/$path" || { echo "$path differs from $DIST/ffi/$target's"; return 1; }
    echo "$path ($(stat -c %s "$work/jar/$path") bytes, from $target): $described"
  done
}

# What Maven Central requires that the release does not have yet: POM elements (no public
# repository address yet: none is invented) and GPG signatures. Printed for the
# release manager, not a failure (bindings/kotlin/README.md, "Publishing").
jvm_central_gaps() {
  local dir=$1 gaps
  mapfile -t gaps < <(python3 - "$dir/usersig-$VERSION.pom" <<'EOF'
import sys
import xml.etree.ElementTree as ET

ns = {"m": "http://maven.apache.org/POM/4.0.0"}
pom = ET.parse(sys.argv[1]).getroot()
for path in ["name", "description", "url", "licenses/license/name", "licenses/license/url",
             "developers/developer/name", "scm/url", "scm/connection", "scm/developerConnection"]:
    found = pom.find("/".join("m:" + p for p in path.split("/")), ns)
    if found is None or not (found.text or "").strip():
        print("project/" + path)
EOF
  )
  compgen -G "$dir/*.asc" >/dev/null || gaps+=("GPG signatures (.asc) of the deployed files")
  if [ ${#gaps[@]} -gt 0 ]; then
    echo "Maven Central requires, and this release does not have yet:"
    printf '  %s\n' "${gaps[@]}"
  else
    echo "Maven Central: every required POM element and signature is there"
  fi
}

# The user's project resolves io.github.usersig:usersig:$VERSION from $DIST/maven by its
# coordinates, with a local repository of its own (JNA and kotlin-stdlib from Central, nothing
# from ~/.m2), and compiles; its class path goes to $JVM_CHECKS/classpath.txt. The JAR resolved
# must be the one deployed.
jvm_user_build() {
  local cp resolved
  rm -rf "$JVM_CHECKS/m2" "$JVM_CHECKS/build" "$JVM_CHECKS/classpath.txt"
  jvm_mvn -f "$JVM_USER/pom.xml" -Dmaven.repo.local="$JVM_CHECKS/m2" \
    -Dusersig.repo="file://$DIST/maven" -Dusersig.version="$VERSION" -Dapp.buildDir="$JVM_CHECKS/build" \
    compile dependency:build-classpath -Dmdep.outputFile="$JVM_CHECKS/classpath.txt"
  cp=$(cat "$JVM_CHECKS/classpath.txt")
  resolved=$(tr ':' '\n' <<<"$cp" | grep "/usersig-$VERSION.jar$") ||
    { echo "maven-user: usersig-$VERSION.jar is not on its class path: $cp"; return 1; }
  cmp "$resolved" "$DIST/maven/io/github/usersig/usersig/$VERSION/usersig-$VERSION.jar"
  echo "maven-user: resolved $(tr ':' '\n' <<<"$cp" | sed 's|.*/||' | paste -sd ' ') from $DIST/maven and Central"
}

# jvm_smoke JAVA...: the user's class, compiled by check_jvm, run by the java command JAVA...
# (e.g. `qemu-aarch64-static -L ROOT ROOT/usr/lib/jvm/java-17-openjdk-arm64/bin/java`) on vector
# 001 of core/tests/vectors/official-python.jsonl.
jvm_smoke() {
  local field args=()
  [ -s "$JVM_CHECKS/classpath.txt" ] || { echo "no $JVM_CHECKS/classpath.txt: run check_jvm first"; return 1; }
  for field in '["inputs"]["sdkappid"]' '["inputs"]["key"]' '["inputs"]["userid"]' \
    '["inputs"]["expire"]' '["time"]' '["output"]' '["decoded"]["TLS.sig"]'; do
    args+=("$(vector001 "$field")")
  done
  "$@" -cp "$(cat "$JVM_CHECKS/classpath.txt"):$JVM_CHECKS/build/classes" example.App "${args[@]}"
}

# What $DIST/maven holds, checked as a user and Central would see it, and run on this machine.
check_jvm() {
  local dir=$DIST/maven/io/github/usersig/usersig/$VERSION
  mkdir -p "$JVM_CHECKS"
  jvm_check_deployed
  jvm_check_natives "$dir/usersig-$VERSION.jar"
  jvm_central_gaps "$dir"
  jvm_user_build
  jvm_smoke java
}

# The user project's class (compiled by check_jvm) on an arm64 JDK: Debian's, in the arm64 root
# (scripts/release/arm64-root.sh), run under qemu-user, with the JAR's linux-aarch64 library.
check_jvm_aarch64() {
  local root=${USERSIG_ARM64_ROOT:-$ROOT/target/arm64-root}
  [ -s "$JVM_CHECKS/classpath.txt" ] || check_jvm
  scripts/release/arm64-root.sh openjdk-17-jre-headless
  jvm_smoke qemu-aarch64-static -L "$root" "$root/usr/lib/jvm/java-17-openjdk-arm64/bin/java"
}
