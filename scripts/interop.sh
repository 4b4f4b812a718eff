#!/usr/bin/env bash
# Interop matrix: usersig against Tencent's official UserSig v2 libraries.
#
#   scripts/interop.sh            mint and verify across all ports, print the matrix;
#                                 exits 1 on any unexpected cell
#   scripts/interop.sh --bench    the same, then time each generator on identical inputs
#
# Installs what it needs from the registries into target/interop/ (git-ignored) and reuses
# it on the next run: PyPI tls-sig-api-v2 1.1 in a private venv, npm tls-sig-api-v2 1.0.2
# (npm ci from scripts/interop/node/package-lock.json), Maven Central
# com.github.tencentyun:tls-sig-api-v2 1.1 (run on this JDK with a stand-in for the
# sun.misc.BASE64Encoder it needs, see java/shim) and 2.0 (the newest there), and the Go module
# github.com/tencentyun/tls-sig-api-v2-golang v1.4.0 (pinned in go/go.mod and go/go.sum).
# Builds the usersig CLI (cargo build --release -p usersig-cli). Set USERSIG_PYTHON to a
# Python interpreter (or a venv directory) where `import usersig` works to add usersig's
# Python binding as a producer and verifier (and as the baseline of --bench); set USERSIG_JVM=1
# to add usersig's JVM package as scripts/test-kotlin.sh installed it, and USERSIG_SWIFT=1 to add
# usersig's Swift package once scripts/test-swift.sh has built its library, and USERSIG_NODE=1 to
# add usersig's npm package from the tarball scripts/test-node.sh packed, USERSIG_GO=1 to add
# usersig's Go module with the library scripts/test-go.sh embedded, and USERSIG_PHP=1 to add
# usersig's PHP package as scripts/test-php.sh installed it into a fresh Composer project.
# usersig's C++ drop-in (tls_sig_api_v2.h on the release FFI library, compiled with g++) is
# always a port.
# The matrix, the adapters' protocol and the cases are described in scripts/interop/driver.py.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=scripts/interop
BUILD=target/interop
mkdir -p "$BUILD"
ports=()
unavailable=()

log() { echo "interop: $*" >&2; }

# fresh NAME FILE...: true when FILE... are unchanged since the last `stamp NAME FILE...`.
fresh() { local name=$1; shift; [[ -f "$BUILD/$name.stamp" ]] && cat "$@" | sha256sum | cmp -s - "$BUILD/$name.stamp"; }
stamp() { local name=$1; shift; cat "$@" | sha256sum >"$BUILD/$name.stamp"; }

log "building the usersig CLI"
cargo build --quiet --release -p usersig-cli
USERSIG_BIN=$PWD/target/release/usersig

# Python: PyPI tls-sig-api-v2 1.1 in a private venv.
PY_REQ="tls-sig-api-v2==1.1"
if ! { [[ -x "$BUILD/py-official/bin/python" ]] && echo "$PY_REQ" | fresh py-official -; }; then
  log "installing $PY_REQ into $BUILD/py-official"
  rm -rf "$BUILD/py-official"
  python3 -m venv "$BUILD/py-official"
  "$BUILD/py-official/bin/pip" install --quiet --disable-pip-version-check "$PY_REQ"
  echo "$PY_REQ" | stamp py-official -
fi
ports+=(--port "python=$BUILD/py-official/bin/python $SRC/adapters/python_official.py")

# Node: npm tls-sig-api-v2 1.0.2, exactly as locked.
mkdir -p "$BUILD/node"
if ! fresh node "$SRC/node/package-lock.json" || [[ ! -d "$BUILD/node/node_modules" ]]; then
  log "npm ci (tls-sig-api-v2) into $BUILD/node"
  cp "$SRC/node/package.json" "$SRC/node/package-lock.json" "$BUILD/node/"
  (cd "$BUILD/node" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  stamp node "$SRC/node/package-lock.json"
fi
cp "$SRC/node/adapter.js" "$BUILD/node/adapter.js"
ports+=(--port "node=node $BUILD/node/adapter.js")

# Java: Maven Central tls-sig-api-v2 1.1 and 2.0 (+ org.json), one adapter each (they define the
# same class, so each runs on its own class path); javac the adapters, and for 1.1 the JDK 8
# sun.misc.BASE64Encoder stand-in it needs on JDK 9+ (see java/shim).
# jars_present DIR: the JARs of DIR's cached classpath are all still there (another Maven
# repository, e.g. -Dmaven.repo.local, may have been used and removed since).
jars_present() {
  local jar
  [[ -s "$1/classpath.txt" ]] || return 1
  for jar in $(tr ':' ' ' < "$1/classpath.txt"); do [[ -f "$jar" ]] || return 1; done
}
# java_port NAME SRC_SUBDIR [JVM_ARGS...]: fetch SRC_SUBDIR/pom.xml's library with Maven, compile
# SRC_SUBDIR/Adapter.java (and SRC_SUBDIR/shim, if any) into $BUILD/NAME, add the port.
java_port() {
  local name=$1 sub=$SRC/$2 dir=$BUILD/$1
  shift 2
  local sources=("$sub/pom.xml" "$sub/Adapter.java" "$SRC/java-common/Protocol.java")
  [[ -d "$sub/shim" ]] && sources+=("$sub/shim/sun/misc/BASE64Encoder.java")
  if ! fresh "$name" "${sources[@]}" || ! jars_present "$dir"; then
    log "fetching the Java library of $sub with Maven, compiling its adapter"
    rm -rf "$dir" && mkdir -p "$dir"
    if ! mvn_out=$(mvn --batch-mode --no-transfer-progress -f "$sub/pom.xml" \
        dependency:build-classpath -Dmdep.outputFile="$PWD/$dir/classpath.txt" 2>&1); then
      echo "$mvn_out" >&2
      exit 1
    fi
    if [[ -d "$sub/shim" ]]; then
      javac -d "$dir/shim" --patch-module jdk.unsupported="$sub/shim" "$sub/shim/sun/misc/BASE64Encoder.java"
    fi
    javac -d "$dir/classes" -cp "$(cat "$dir/classpath.txt")" "$sub/Adapter.java" "$SRC/java-common/Protocol.java"
    stamp "$name" "${sources[@]}"
  fi
  ports+=(--port "$name=java $* -cp $(cat "$dir/classpath.txt"):$dir/classes Adapter")
}
java_port java java --patch-module "jdk.unsupported=$BUILD/java/shim"
java_port java2 java2

# Go: the official module, pinned with its checksum in go/go.mod and go/go.sum. The module proxy
# refuses to list this module's versions (403), so `go get ...@latest` fails, but it serves
# v1.1.0, v1.2.0, v1.3.0 and v1.4.0 (2024-11-19, the newest it has) when named.
GO_DIR=$BUILD/go
GO_SOURCES=("$SRC/go/go.mod" "$SRC/go/go.sum" "$SRC/go/main.go")
if ! [[ -x "$GO_DIR/adapter" ]] || ! fresh go "${GO_SOURCES[@]}"; then
  rm -rf "$GO_DIR" && mkdir -p "$GO_DIR"
  cp "${GO_SOURCES[@]}" "$GO_DIR/"
  log "building the Go adapter with github.com/tencentyun/tls-sig-api-v2-golang v1.4.0"
  (cd "$GO_DIR" && go build -mod=readonly -o adapter .)
  stamp go "${GO_SOURCES[@]}"
fi
ports+=(--port "go=$GO_DIR/adapter")

# usersig's Python binding, optional.
if [[ -n "${USERSIG_PYTHON:-}" ]]; then
  py=$USERSIG_PYTHON
  [[ -d "$py" ]] && py=$py/bin/python
  ports+=(--port "usersig-py=$py $SRC/adapters/usersig_python.py")
else
  unavailable+=(--unavailable "usersig-py=USERSIG_PYTHON is not set")
fi

# usersig's JVM package, optional: USERSIG_JVM=1 once scripts/test-kotlin.sh has installed the JAR
# into the local Maven repository. Resolved by its coordinates, as a user's project would.
JVM_DIR=$BUILD/usersig-jvm
if [[ "${USERSIG_JVM:-}" == 1 ]]; then
  version=$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' bindings/kotlin/pom.xml | head -1)
  log "resolving io.github.usersig:usersig:$version, compiling its adapter"
  rm -rf "$JVM_DIR" && mkdir -p "$JVM_DIR"
  if ! mvn_out=$(mvn --batch-mode --no-transfer-progress -f "$SRC/usersig-jvm/pom.xml" \
      -Dusersig.version="$version" \
      dependency:build-classpath -Dmdep.outputFile="$PWD/$JVM_DIR/classpath.txt" 2>&1); then
    echo "$mvn_out" >&2
    exit 1
  fi
  javac -d "$JVM_DIR/classes" -cp "$(cat "$JVM_DIR/classpath.txt")" "$SRC/usersig-jvm/Adapter.java" \
    "$SRC/java-common/Protocol.java"
  ports+=(--port "usersig-jvm=java -cp $(cat "$JVM_DIR/classpath.txt"):$JVM_DIR/classes Adapter")
else
  unavailable+=(--unavailable "usersig-jvm=USERSIG_JVM is not 1")
fi

# usersig's Swift package, optional: USERSIG_SWIFT=1 once scripts/test-swift.sh has run (the
# adapter depends on bindings/swift by path and runs in the Swift chroot).
if [[ "${USERSIG_SWIFT:-}" == 1 ]]; then
  log "building the usersig Swift adapter"
  scripts/interop/swift/build.sh "$BUILD/swift"
  ports+=(--port "usersig-swift=$PWD/$BUILD/swift/adapter")
else
  unavailable+=(--unavailable "usersig-swift=USERSIG_SWIFT is not 1")
fi

# usersig's npm package, optional: USERSIG_NODE=1 once scripts/test-node.sh has packed it into
# target/node-pack/; installed from that tarball without network, as a user's project would.
NODE_PKG_DIR=$BUILD/usersig-node
if [[ "${USERSIG_NODE:-}" == 1 ]]; then
  tarball=(target/node-pack/usersig-*.tgz)
  [[ -f "${tarball[0]}" ]] || { log "USERSIG_NODE=1 but no target/node-pack/usersig-*.tgz: run scripts/test-node.sh"; exit 1; }
  tgz=$(realpath "${tarball[0]}")
  log "installing $tgz into $NODE_PKG_DIR"
  rm -rf "$NODE_PKG_DIR" && mkdir -p "$NODE_PKG_DIR"
  echo '{"private": true}' > "$NODE_PKG_DIR/package.json"
  (cd "$NODE_PKG_DIR" && npm install --offline --no-audit --no-fund --loglevel=error "$tgz" >/dev/null)
  cp "$SRC/usersig-node/adapter.js" "$NODE_PKG_DIR/adapter.js"
  ports+=(--port "usersig-node=node $NODE_PKG_DIR/adapter.js")
else
  unavailable+=(--unavailable "usersig-node=USERSIG_NODE is not 1")
fi

# usersig's C++ drop-in (bindings/c/include/tls_sig_api_v2.h) on the release library.
log "building the usersig C++ drop-in's adapter"
cargo build --quiet --release -p usersig-ffi
mkdir -p "$BUILD/cpp"
g++ -O2 -std=c++17 -Ibindings/c/include "$SRC/cpp/adapter.cpp" -L"$PWD/target/release" -lusersig_ffi \
  -Wl,-rpath,"$PWD/target/release" -o "$BUILD/cpp/adapter"
ports+=(--port "usersig-cpp=python3 $SRC/adapters/usersig_cpp.py $PWD/$BUILD/cpp/adapter")
# usersig's Go module, optional: USERSIG_GO=1 once scripts/test-go.sh has embedded the library
# into bindings/go; the adapter depends on the module by path.
if [[ "${USERSIG_GO:-}" == 1 ]]; then
  [[ -f bindings/go/lib/linux_amd64/libusersig_ffi.so ]] ||
    { log "USERSIG_GO=1 but bindings/go has no library: run scripts/test-go.sh"; exit 1; }
  log "building the usersig Go adapter"
  go_adapter=$PWD/$BUILD/usersig-go
  (cd "$SRC/usersig-go" && GOFLAGS=-mod=mod go build -o "$go_adapter" .)
  ports+=(--port "usersig-go=$PWD/$BUILD/usersig-go")
else
  unavailable+=(--unavailable "usersig-go=USERSIG_GO is not 1")
fi

# usersig's PHP package, optional: USERSIG_PHP=1 once scripts/test-php.sh has installed it into
# target/php-project from a path repository, as a user's project would.
if [[ "${USERSIG_PHP:-}" == 1 ]]; then
  autoload=$PWD/target/php-project/vendor/autoload.php
  [[ -f "$autoload" ]] || { log "USERSIG_PHP=1 but no $autoload: run scripts/test-php.sh"; exit 1; }
  ports+=(--port "usersig-php=php $PWD/$SRC/usersig-php/adapter.php $autoload")
else
  unavailable+=(--unavailable "usersig-php=USERSIG_PHP is not 1")
fi

exec python3 "$SRC/driver.py" --usersig "$USERSIG_BIN" --json-out "$BUILD/results.json" \
  "${ports[@]}" "${unavailable[@]}" "$@"
