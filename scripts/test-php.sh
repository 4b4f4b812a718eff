#!/usr/bin/env bash
# Builds the usersig library, runs the PHP package's tests (PHPUnit), then installs the package
# into a fresh Composer project from a path repository and runs the README's examples there.
#
# Usage: scripts/test-php.sh [phpunit arguments...]
#
# Installs from Debian's archive what it does not find: php8.2-cli (with FFI), php8.2-curl,
# composer and phpunit (9.6). Packagist is never asked: the package needs no other package, and
# the project below names only the path repository.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"
PKG="$REPO/bindings/php"
PROJECT="$REPO/target/php-project"

if ! command -v php >/dev/null || ! command -v composer >/dev/null || ! command -v phpunit >/dev/null \
    || ! php -m | grep -qx FFI || ! php -m | grep -qx curl; then
  echo "==> installing PHP, Composer and PHPUnit (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    php8.2-cli php8.2-curl composer phpunit >/dev/null
fi
php --version | head -1
export COMPOSER_ALLOW_SUPERUSER=1 COMPOSER_NO_INTERACTION=1

echo "==> the library, into the package's folder for this platform"
cargo build --release --locked -q -p usersig-ffi
folder="$(php -r 'require $argv[1] . "/src/Exception/LibraryException.php";
  require $argv[1] . "/src/Internal/Native.php";
  echo dirname(Usersig\Internal\Native::libraryPath());' "$PKG")"
rm -rf "$PKG/lib" && mkdir -p "$folder"
cp target/release/libusersig_ffi.so "$folder/"

echo "==> the fake REST endpoint, for AdminAuth's tests"
cargo build --locked -q -p usersig-fake-rest
export USERSIG_FAKE_REST="$REPO/target/debug/usersig-fake-rest"

echo "==> phpunit"
(cd "$PKG" && composer dump-autoload -q && phpunit "$@")

echo "==> a fresh Composer project installing the package from a path repository"
version="$(php -r 'echo json_decode(file_get_contents($argv[1]))->version;' "$PKG/composer.json")"
rm -rf "$PROJECT" && mkdir -p "$PROJECT"
cat >"$PROJECT/composer.json" <<JSON
{
    "name": "example/app",
    "repositories": [
        {"type": "path", "url": "$PKG", "options": {"symlink": false}},
        {"packagist.org": false}
    ],
    "require": {"usersig/usersig": "$version"}
}
JSON
(cd "$PROJECT" && composer install -q --no-progress)
cd "$PROJECT"
php -d zend.assertions=1 -d assert.exception=1 -r '
  require "vendor/autoload.php";
  $installed = realpath("vendor/usersig/usersig");
  assert(str_starts_with(Usersig\Internal\Native::libraryPath(), $installed . "/lib/"));
  $token = (new Usersig\Signer(1400000000, "key"))->userSig("alice", 60);
  assert((new Usersig\Verifier(1400000000, "key"))->verify($token, "alice")->userId === "alice");
  $readme = file_get_contents($installed . "/README.md");
  preg_match_all("/^```php\n(.*?)^```$/ms", $readme, $blocks);
  assert(count($blocks[1]) >= 6);
  foreach ($blocks[1] as $i => $block) {
      file_put_contents("example-$i.php", $block);
  }
  echo "installed in ", $installed, "; ", count($blocks[1]), " README examples\n";'
# The callbacks' server script reads its secrets from the environment (no request: it refuses).
for example in example-*.php; do
  SDKAPPID=1400000000 CHAT_CALLBACK_TOKEN=chat-callback-token TRTC_CALLBACK_KEY=trtc-callback-key \
    php -d zend.assertions=1 -d assert.exception=1 "$example" >/dev/null
done
echo "README examples passed in the fresh project"
