# shellcheck shell=bash
# The PHP package (bindings/php) of a release: dist/php/usersig-VERSION.zip, the files Composer
# installs (composer.json at the top, src/, ffi-header.php, the README and licenses) with the
# library of every platform under lib/, where the package looks for it. Sourced by
# scripts/release.sh, whose ROOT, DIST, VERSION, log, library_format and strip_tool (from
# release/jvm.sh) it uses (and its `set -euo pipefail`).
#
#   build_php   the zip, from $DIST/ffi's libraries alone (cargo is not run); fails if one is missing
#   check_php   each library's format; then a fresh Composer project installs the zip (unpacked, as
#               a path repository) and runs the package's README examples with Debian's PHP on this
#               x86-64 machine
#   check_php_aarch64   the zip's aarch64 glibc library called by Debian's arm64 PHP under
#               qemu-user. The other platforms' libraries are not run from the zip.

# Each library in the zip: its Rust target in $DIST/ffi and its path under lib/.
PHP_NATIVES=(
  "x86_64-unknown-linux-gnu linux-x86_64-gnu/libusersig_ffi.so"
  "aarch64-unknown-linux-gnu linux-aarch64-gnu/libusersig_ffi.so"
  "x86_64-unknown-linux-musl linux-x86_64-musl/libusersig_ffi.so"
  "aarch64-unknown-linux-musl linux-aarch64-musl/libusersig_ffi.so"
  "x86_64-apple-darwin darwin-x86_64/libusersig_ffi.dylib"
  "aarch64-apple-darwin darwin-aarch64/libusersig_ffi.dylib"
  "x86_64-pc-windows-gnu windows-x86_64/usersig_ffi.dll"
)
PHP_CHECKS=$ROOT/target/release-checks/php

build_php() {
  local stage=$ROOT/target/release-php/usersig entry target path lib
  rm -rf "$stage" && mkdir -p "$stage/lib"
  cp -r bindings/php/src bindings/php/composer.json bindings/php/ffi-header.php bindings/php/README.md \
    LICENSE-MIT LICENSE-APACHE "$stage/"
  for entry in "${PHP_NATIVES[@]}"; do
    read -r target path <<<"$entry"
    lib=$DIST/ffi/$target/${path#*/}
    [ -f "$lib" ] || { echo "no $lib: scripts/release.sh build ffi:$target makes it"; return 1; }
    mkdir -p "$stage/lib/${path%/*}"
    # Linux's are stripped to their exported symbols; the others stay as checked in $DIST/ffi.
    case "$target" in
      *-linux-*) "$(strip_tool)" --strip-unneeded -o "$stage/lib/$path" "$lib" ;;
      *) cp "$lib" "$stage/lib/$path" ;;
    esac
  done
  mkdir -p "$DIST/php"
  rm -f "$DIST/php/usersig-$VERSION.zip"
  (cd "$stage" && find . -type f | LC_ALL=C sort | zip -q -X "$DIST/php/usersig-$VERSION.zip" -@)
  log "php: usersig-$VERSION.zip ($(du -h "$DIST/php/usersig-$VERSION.zip" | cut -f1))"
}

check_php() {
  local zip=$DIST/php/usersig-$VERSION.zip entry target path format
  [ -f "$zip" ] || { echo "no $zip: scripts/release.sh build php makes it"; return 1; }
  command -v php >/dev/null && command -v composer >/dev/null && php -m | grep -qx FFI ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends php8.2-cli composer >/dev/null
  rm -rf "$PHP_CHECKS" && mkdir -p "$PHP_CHECKS/package" "$PHP_CHECKS/project"
  unzip -q "$zip" -d "$PHP_CHECKS/package"
  for entry in "${PHP_NATIVES[@]}"; do
    read -r target path <<<"$entry"
    format=$(library_format "$target")
    file -b "$PHP_CHECKS/package/lib/$path" | grep -Eq "^$format" ||
      { echo "lib/$path is not $format: $(file -b "$PHP_CHECKS/package/lib/$path")"; return 1; }
  done
  [ -z "$(cd "$PHP_CHECKS/package" && find . -path ./lib -prune -o -name '*test*' -print)" ] ||
    { echo "the zip holds tests"; return 1; }
  cat >"$PHP_CHECKS/project/composer.json" <<JSON
{
    "name": "example/app",
    "repositories": [
        {"type": "path", "url": "$PHP_CHECKS/package", "options": {"symlink": false}},
        {"packagist.org": false}
    ],
    "require": {"usersig/usersig": "$VERSION"}
}
JSON
  (cd "$PHP_CHECKS/project" && COMPOSER_ALLOW_SUPERUSER=1 composer install -q --no-interaction --no-progress)
  (cd "$PHP_CHECKS/project" && php -d zend.assertions=1 -d assert.exception=1 -r '
    require "vendor/autoload.php";
    $lib = Usersig\Internal\Native::libraryPath();
    assert(str_ends_with($lib, "vendor/usersig/usersig/lib/linux-x86_64-gnu/libusersig_ffi.so"));
    $vector = json_decode(fgets(fopen($argv[1], "r")), true);
    $in = $vector["inputs"];
    $token = (new Usersig\Signer($in["sdkappid"], $in["key"]))->userSig($in["userid"], $in["expire"], now: $vector["time"]);
    assert(Usersig\inspect($token)->signature === $vector["decoded"]["TLS.sig"]);
    $claims = (new Usersig\Verifier($in["sdkappid"], $in["key"]))->verify($vector["output"], $in["userid"], now: $vector["time"]);
    assert($claims->signature === $vector["decoded"]["TLS.sig"]);
    preg_match_all("/^```php\n(.*?)^```$/ms", file_get_contents("vendor/usersig/usersig/README.md"), $blocks);
    foreach ($blocks[1] as $i => $block) {
        file_put_contents("example-$i.php", $block);
    }
    echo "vector 001 signed and verified with ", $lib, "\n";' "$ROOT/core/tests/vectors/official-python.jsonl")
  local example
  for example in "$PHP_CHECKS"/project/example-*.php; do
    (cd "$PHP_CHECKS/project" && php -d zend.assertions=1 -d assert.exception=1 "$example" >/dev/null)
  done
  echo "the zip's README examples ran in a fresh Composer project"
}

# The zip's aarch64 glibc library, called by Debian's arm64 PHP in the arm64 root under qemu-user
# (no Composer there: a PSR-4 autoloader of four lines stands in for Composer's).
check_php_aarch64() {
  local root=${USERSIG_ARM64_ROOT:-$ROOT/target/arm64-root}
  [ -d "$PHP_CHECKS/package" ] || check_php
  scripts/release/arm64-root.sh php8.2-cli
  rm -rf "$root/tmp/usersig-php" && cp -r "$PHP_CHECKS/package" "$root/tmp/usersig-php"
  head -1 core/tests/vectors/official-python.jsonl >"$root/tmp/usersig-php/vector.json"
  scripts/release/arm64-root.sh --run php -d zend.assertions=1 -d assert.exception=1 -r '
    spl_autoload_register(fn ($class) => str_starts_with($class, "Usersig\\")
        && require "/tmp/usersig-php/src/" . strtr(substr($class, 8), "\\", "/") . ".php");
    require "/tmp/usersig-php/src/functions.php";
    $lib = Usersig\Internal\Native::libraryPath();
    assert(str_ends_with($lib, "/lib/linux-aarch64-gnu/libusersig_ffi.so"));
    $vector = json_decode(file_get_contents("/tmp/usersig-php/vector.json"), true);
    $in = $vector["inputs"];
    $token = (new Usersig\Signer($in["sdkappid"], $in["key"]))->userSig($in["userid"], $in["expire"], now: $vector["time"]);
    assert(Usersig\inspect($token)->signature === $vector["decoded"]["TLS.sig"]);
    $claims = (new Usersig\Verifier($in["sdkappid"], $in["key"]))->verify($vector["output"], $in["userid"], now: $vector["time"]);
    assert($claims->signature === $vector["decoded"]["TLS.sig"]);
    echo php_uname("m"), ": vector 001 signed and verified with ", $lib, "\n";'
}
