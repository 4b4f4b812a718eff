<?php

declare(strict_types=1);

namespace Usersig\Tests;

use PHPUnit\Framework\TestCase;
use Usersig\Internal\Native;

/** How the library is found and loaded, and the exception when it cannot be. */
final class LoadingTest extends TestCase
{
    private const SIGN = 'try {
            echo (new Usersig\Signer(1, "k"))->userSig("a", 60, now: 1700000000), "\n";
        } catch (Usersig\Exception\LibraryException $e) {
            echo get_class($e), ": ", $e->getMessage(), "\n";
        }';

    public function testThePackageLoadsItsOwnLibraryForThisPlatform(): void
    {
        $path = Native::libraryPath();
        if (getenv(Native::LIBRARY_VARIABLE)) {
            self::markTestSkipped(Native::LIBRARY_VARIABLE . ' is set');
        }
        $glibc = str_contains((string) file_get_contents('/proc/self/maps'), '/libc.so.6');
        self::assertStringStartsWith(dirname(__DIR__) . '/lib/linux-' . php_uname('m') . ($glibc ? '-gnu/' : '-musl/'), $path);
        self::assertFileExists($path);
        self::assertSame(Native::ABI_VERSION, Native::ffi()->usersig_abi_version());
    }

    public function testFfiDisabledIsAClearException(): void
    {
        [$status, $output] = Support::php(self::SIGN, ['ffi.enable' => '0']);
        self::assertSame(0, $status, $output);
        self::assertStringContainsString('Usersig\Exception\LibraryException: cannot load the usersig library', $output);
        self::assertStringContainsString('set ffi.enable=true, or load the library when PHP starts with ffi.preload', $output);
    }

    public function testNoFfiExtensionIsAClearException(): void
    {
        [$status, $output] = Support::php(self::SIGN, ['-n']);
        self::assertSame(0, $status, $output);
        self::assertStringContainsString('usersig needs PHP\'s FFI extension (ext-ffi)', $output);
    }

    public function testAMissingOrForeignLibraryIsAClearException(): void
    {
        [$status, $output] = Support::php(self::SIGN, [], [Native::LIBRARY_VARIABLE => '/nonexistent/libusersig_ffi.so']);
        self::assertSame(0, $status, $output);
        self::assertStringContainsString('cannot load the usersig library /nonexistent/libusersig_ffi.so', $output);
        self::assertStringContainsString('set USERSIG_LIBRARY', $output);
        [$status, $output] = Support::php(self::SIGN, [], [Native::LIBRARY_VARIABLE => 'libc.so.6']);
        self::assertSame(0, $status, $output);
        self::assertStringContainsString('cannot load the usersig library libc.so.6', $output);
    }

    public function testTheOverrideIsUsed(): void
    {
        $library = Native::libraryPath();
        $copy = sys_get_temp_dir() . '/usersig-copy-' . getmypid() . '.so';
        copy($library, $copy);
        [$status, $output] = Support::php('echo Usersig\Internal\Native::libraryPath(), "\n";' . self::SIGN,
            [], [Native::LIBRARY_VARIABLE => $copy]);
        unlink($copy);
        self::assertSame(0, $status, $output);
        [$path, $token] = explode("\n", trim($output));
        self::assertSame($copy, $path);
        self::assertSame(1700000000, \Usersig\inspect($token)->issuedAt);
    }

    public function testTheHeaderLoadsTheLibraryWhenPhpStarts(): void
    {
        exec(escapeshellarg(PHP_BINARY) . ' ' . escapeshellarg(dirname(__DIR__) . '/ffi-header.php'), $lines, $status);
        $header = implode("\n", $lines);
        self::assertSame(0, $status, $header);
        self::assertStringContainsString('#define FFI_LIB "' . realpath(Native::libraryPath()) . '"', $header);
        $file = tempnam(sys_get_temp_dir(), 'usersig-header');
        file_put_contents($file, $header);
        // ffi.enable=preload as under PHP-FPM, where FFI::cdef() is refused outside preloading.
        [$status, $output] = Support::php('echo FFI::scope("USERSIG")->usersig_abi_version(), "\n";'
            . self::SIGN, ['ffi.enable' => 'preload', 'ffi.preload' => $file]);
        unlink($file);
        self::assertSame(0, $status, $output);
        [$version, $token] = explode("\n", trim($output));
        self::assertSame((string) Native::ABI_VERSION, $version);
        self::assertSame('a', \Usersig\inspect($token)->userId);
    }

    public function testALibraryOfAnotherAbiVersionIsRefused(): void
    {
        preg_match_all('/\b(usersig_\w+)\(/', Native::header(), $names);
        $source = "unsigned usersig_abi_version(void) { return 2; }\n";
        foreach (array_diff(array_unique($names[1]), ['usersig_abi_version']) as $name) {
            $source .= "void $name(void) {}\n";
        }
        $dir = sys_get_temp_dir() . '/usersig-abi2-' . getmypid();
        mkdir($dir);
        file_put_contents("$dir/stub.c", $source);
        exec('cc -shared -fPIC -o ' . escapeshellarg("$dir/libstub.so") . ' ' . escapeshellarg("$dir/stub.c") . ' 2>&1', $log, $built);
        self::assertSame(0, $built, implode("\n", $log));
        [$status, $output] = Support::php(self::SIGN, [], [Native::LIBRARY_VARIABLE => "$dir/libstub.so"]);
        array_map('unlink', glob("$dir/*") ?: []);
        rmdir($dir);
        self::assertSame(0, $status, $output);
        self::assertStringContainsString("the usersig library $dir/libstub.so has ABI version 2, this package needs 3", $output);
    }
}
