#!/usr/bin/env bash
# Every package of the project carries one version: the Cargo workspace's ([workspace.package]).
# The crates inherit it and the wheel reads it through maturin (pyproject's dynamic version); every
# other copy is pinned here: the Maven artifact, the Python module's __version__, the npm package,
# the Composer package, the install snippets of the READMEs (the Swift package's version is its git
# tag, quoted there) and the changelog's newest entry; and the Python tools every script pins. Prints each copy;
# fails if any differs.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"$/\1/p' Cargo.toml)
[ -n "$version" ] || { echo "no version in Cargo.toml [workspace.package]"; exit 1; }
echo "workspace version: $version"
failed=0

# check FILE WHAT SED-EXPRESSION: the expression prints the version(s) found in FILE.
check() {
  local file=$1 what=$2 expr=$3 found
  [ -f "$file" ] || { echo "MISSING $file ($what)"; failed=1; return; }
  found=$(sed -n "$expr" "$file")
  if [ -z "$found" ]; then
    echo "NOT FOUND $file: $what"; failed=1; return
  fi
  while read -r v; do
    if [ "$v" = "$version" ]; then echo "ok  $file: $what $v"
    else echo "BAD $file: $what $v (want $version)"; failed=1; fi
  done <<<"$found"
}

check Cargo.toml "usersig path dependency" 's/^usersig = { path = "core", version = "\(.*\)" }$/\1/p'
for crate in core/Cargo.toml bindings/cli/Cargo.toml bindings/ffi/Cargo.toml bindings/uniffi-bindgen/Cargo.toml; do
  grep -q '^version.workspace = true$' "$crate" || { echo "BAD $crate: version not inherited from the workspace"; failed=1; }
done
# The wheel: maturin takes the version from Cargo; a static one in pyproject would shadow it.
if grep -q '^version *=' bindings/python/pyproject.toml || ! grep -q '^dynamic = \["version"\]$' bindings/python/pyproject.toml; then
  echo "BAD bindings/python/pyproject.toml: want dynamic = [\"version\"] and no static version"; failed=1
else
  echo "ok  bindings/python/pyproject.toml: version from Cargo (dynamic)"
fi
check bindings/python/src/usersig/__init__.py "__version__" 's/^__version__ = "\(.*\)"$/\1/p'
# The project's own version is the first <version> after its artifactId.
check bindings/kotlin/pom.xml "project version" '/<artifactId>usersig<\/artifactId>/{n;s/^ *<version>\(.*\)<\/version>$/\1/p;q}'
check scripts/interop/usersig-jvm/pom.xml "usersig.version" 's/^ *<usersig.version>\(.*\)<\/usersig.version>$/\1/p'
check scripts/release/maven-user/pom.xml "usersig.version" 's/^ *<usersig.version>\(.*\)<\/usersig.version>$/\1/p'
[ ! -f bindings/node/package.json ] ||
  check bindings/node/package.json "version" '0,/"version"/s/^  "version": "\(.*\)",$/\1/p'
check bindings/php/composer.json "version" 's/^    "version": "\(.*\)",$/\1/p'
check README.md "PHP zip" 's/.*dist\/php\/usersig-\([0-9][^`]*\)\.zip.*/\1/p'
check README.md "Maven dependency" '/<artifactId>usersig<\/artifactId>/{n;s/^ *<version>\(.*\)<\/version>$/\1/p}'
check README.md "Maven coordinates" 's/.*io\.github\.usersig:usersig:\([0-9][^` "]*\).*/\1/p'
check bindings/kotlin/README.md "Maven dependency" '/<artifactId>usersig<\/artifactId>/{n;s/^ *<version>\(.*\)<\/version>$/\1/p}'
check bindings/kotlin/README.md "Gradle dependency" 's/.*"io\.github\.usersig:usersig:\(.*\)").*/\1/p'
check bindings/swift/README.md "SwiftPM dependency" 's/.*from: "\([^"]*\)").*/\1/p'
check CHANGELOG.md "newest entry" '0,/^## [0-9]/s/^## \([0-9][^ ]*\).*/\1/p'

# The Python tools pinned by the scripts and the release workflow (test-python.sh, release.sh,
# release/python.sh, interop.sh, regenerate-vectors.sh, .github/workflows/release.yml): each
# script installs what it needs itself, so the pins are copies, and every copy must agree.
for tool in maturin ziglang pytest mypy tls-sig-api-v2 cffi twine; do
  pins=$(grep -rhoE "(^|[^A-Za-z0-9_.-])$tool==[0-9][0-9A-Za-z.]*" scripts .github | sed "s/.*$tool==//")
  distinct=$(sort -u <<<"$pins")
  if [ -z "$pins" ]; then
    echo "NOT FOUND: no pin of the Python tool $tool"; failed=1
  elif [ "$(wc -l <<<"$distinct")" -ne 1 ]; then
    echo "BAD Python tool $tool pinned at different versions: $(tr '\n' ' ' <<<"$distinct")"; failed=1
  else
    echo "ok  Python tool $tool==$distinct (copies: $(wc -l <<<"$pins"))"
  fi
done

[ "$failed" = 0 ] || { echo "version check failed"; exit 1; }
echo "all versions are $version"
