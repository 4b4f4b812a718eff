<?php

declare(strict_types=1);

namespace Usersig\Internal;

use FFI;
use FFI\CData;
use Usersig\Exception\InvalidUtf8Exception;
use Usersig\Exception\LibraryException;
use Usersig\Exception\UsersigException;

/**
 * The crossing into the Rust library: its own C ABI (docs/abi.md in the repository), called
 * through PHP's FFI, one call per operation.
 *
 * Strings cross as PHP strings, whose bytes FFI lends to the call without a copy. Results come
 * back in one shared buffer of {@see self::CAP} bytes: the call returns their length, and a longer
 * result is fetched again with a buffer of that length. {@see Reader} decodes them; errors become
 * this package's exceptions.
 *
 * @internal
 */
final class Native
{
    /** The ABI version this package is written for. */
    public const ABI_VERSION = 3;

    /** The environment variable naming the library to load instead of the package's own. */
    public const LIBRARY_VARIABLE = 'USERSIG_LIBRARY';

    /** The FFI scope of the header {@see self::header()}, which php.ini's ffi.preload loads. */
    public const SCOPE = 'USERSIG';

    /** The output buffer's size: every token of a user id under ~600 bytes, and claims. */
    public const CAP = 1024;

    /** `endpoint_kind` values of `usersig_admin_new`. */
    public const ENDPOINT_REGION = 0;
    public const ENDPOINT_HOST = 1;
    public const ENDPOINT_URL = 2;

    private const FAULTS = [
        -2 => 'the Rust library panicked (a bug in usersig; please report it)',
        -3 => 'a null pointer was passed (a bug in usersig)',
        -4 => 'a length is too large',
    ];

    private const DECLARATIONS = <<<'C'
        typedef struct usersig_signer usersig_signer;
        typedef struct usersig_verifier usersig_verifier;
        typedef struct usersig_admin usersig_admin;
        typedef struct usersig_chat_callback usersig_chat_callback;
        typedef struct usersig_trtc_callback usersig_trtc_callback;
        uint32_t usersig_abi_version(void);
        int64_t usersig_error_kinds(char *out, size_t out_cap);
        int64_t usersig_constants(char *out, size_t out_cap);
        int64_t usersig_signer_new(int64_t sdkappid, const char *key, size_t key_len,
            usersig_signer **handle_out, char *out, size_t out_cap);
        void usersig_signer_free(usersig_signer *signer);
        int64_t usersig_signer_user_sig(usersig_signer *signer, const char *user_id,
            size_t user_id_len, int64_t expire, char *out, size_t out_cap);
        int64_t usersig_signer_user_sig_at(usersig_signer *signer, const char *user_id,
            size_t user_id_len, int64_t expire, int64_t now, char *out, size_t out_cap);
        int64_t usersig_signer_user_sig_with_userbuf_at(usersig_signer *signer,
            const char *user_id, size_t user_id_len, const char *userbuf, size_t userbuf_len,
            int64_t expire, int64_t now, char *out, size_t out_cap);
        int64_t usersig_signer_private_map_key_at(usersig_signer *signer, const char *user_id,
            size_t user_id_len, int64_t room_id, int64_t privileges, int64_t expire, int64_t now,
            char *out, size_t out_cap);
        int64_t usersig_signer_private_map_key_with_room_str_at(usersig_signer *signer,
            const char *user_id, size_t user_id_len, const char *room, size_t room_len,
            int64_t privileges, int64_t expire, int64_t now, char *out, size_t out_cap);
        int64_t usersig_signer_user_sigs_at(usersig_signer *signer, const char *user_ids,
            const size_t *user_id_lens, size_t count, int64_t expire, int64_t now, char *out,
            size_t out_cap);
        int64_t usersig_verifier_new(int64_t sdkappid, const char *keys, const size_t *key_lens,
            size_t count, usersig_verifier **handle_out, char *out, size_t out_cap);
        void usersig_verifier_free(usersig_verifier *verifier);
        int64_t usersig_verifier_verify_at(usersig_verifier *verifier, const char *token,
            size_t token_len, const char *user_id, size_t user_id_len, int64_t now, char *out,
            size_t out_cap);
        int64_t usersig_verifier_verify_with_userbuf_at(usersig_verifier *verifier,
            const char *token, size_t token_len, const char *user_id, size_t user_id_len,
            const char *userbuf, size_t userbuf_len, int64_t now, char *out, size_t out_cap);
        int64_t usersig_verifier_verify_any_userbuf_at(usersig_verifier *verifier,
            const char *token, size_t token_len, const char *user_id, size_t user_id_len,
            int64_t now, char *out, size_t out_cap);
        int64_t usersig_inspect(const char *token, size_t token_len, char *out, size_t out_cap);
        int64_t usersig_admin_new(int64_t sdkappid, const char *key, size_t key_len,
            const char *admin, size_t admin_len, int64_t endpoint_kind, const char *endpoint,
            size_t endpoint_len, int64_t validity, int64_t renew_margin,
            usersig_admin **handle_out, char *out, size_t out_cap);
        void usersig_admin_free(usersig_admin *admin);
        int64_t usersig_admin_url_at(usersig_admin *admin, const char *service,
            size_t service_len, const char *command, size_t command_len, int64_t now, char *out,
            size_t out_cap);
        int64_t usersig_admin_user_sig_at(usersig_admin *admin, int64_t now, char *out,
            size_t out_cap);
        int64_t usersig_admin_endpoint(usersig_admin *admin, char *out, size_t out_cap);
        int64_t usersig_chat_callback_new(const char *token, size_t token_len,
            int64_t has_sdkappid, int64_t sdkappid, int64_t window,
            usersig_chat_callback **handle_out, char *out, size_t out_cap);
        void usersig_chat_callback_free(usersig_chat_callback *verifier);
        int64_t usersig_chat_callback_verify_query_at(usersig_chat_callback *verifier,
            const char *query, size_t query_len, int64_t now, char *out, size_t out_cap);
        int64_t usersig_chat_callback_verify_params_at(usersig_chat_callback *verifier,
            const char *names, const size_t *name_lens, const char *values,
            const size_t *value_lens, size_t count, int64_t now, char *out, size_t out_cap);
        int64_t usersig_chat_callback_sign(usersig_chat_callback *verifier, int64_t request_time,
            char *out, size_t out_cap);
        int64_t usersig_trtc_callback_new(const char *key, size_t key_len,
            int64_t has_sdkappid, int64_t sdkappid, int64_t has_window, int64_t window,
            usersig_trtc_callback **handle_out, char *out, size_t out_cap);
        void usersig_trtc_callback_free(usersig_trtc_callback *verifier);
        int64_t usersig_trtc_callback_verify_at(usersig_trtc_callback *verifier,
            const char *sign, size_t sign_len, const char *sdkappid, size_t sdkappid_len,
            const char *body, size_t body_len, int64_t now, char *out, size_t out_cap);
        int64_t usersig_trtc_callback_sign(usersig_trtc_callback *verifier, const char *body,
            size_t body_len, char *out, size_t out_cap);
        C;

    private static ?FFI $ffi = null;
    private static ?CData $out = null;

    /** The loaded library, loaded on first use. */
    public static function ffi(): FFI
    {
        return self::$ffi ?? self::load();
    }

    /** The shared output buffer of {@see self::CAP} bytes. */
    public static function out(): CData
    {
        return self::$out ??= FFI::new('char[' . self::CAP . ']');
    }

    /**
     * The library this process loads: $USERSIG_LIBRARY if set, else the package's own for this
     * platform, under lib/.
     *
     * @throws LibraryException the package has no library for this platform.
     */
    public static function libraryPath(): string
    {
        $override = getenv(self::LIBRARY_VARIABLE);
        if (is_string($override) && $override !== '') {
            return $override;
        }
        $machine = strtolower(php_uname('m'));
        $arch = match ($machine) {
            'x86_64', 'amd64', 'x64' => 'x86_64',
            'aarch64', 'arm64' => 'aarch64',
            default => throw new LibraryException(
                "usersig ships no library for the CPU '$machine'; set " . self::LIBRARY_VARIABLE
                . ' to a build of bindings/ffi for it'
            ),
        };
        [$folder, $file] = match (PHP_OS_FAMILY) {
            'Linux' => ["linux-$arch-" . self::linuxLibc(), 'libusersig_ffi.so'],
            'Darwin' => ["darwin-$arch", 'libusersig_ffi.dylib'],
            'Windows' => ["windows-$arch", 'usersig_ffi.dll'],
            default => throw new LibraryException(
                'usersig ships no library for ' . PHP_OS_FAMILY . '; set '
                . self::LIBRARY_VARIABLE . ' to a build of bindings/ffi for it'
            ),
        };
        return dirname(__DIR__, 2) . "/lib/$folder/$file";
    }

    /**
     * The C library this process runs on: 'musl' (Alpine) or 'gnu' (glibc), from what it has
     * mapped. A glibc system can have musl's loader installed beside its own (Debian's
     * musl-tools), so the loader's presence alone says nothing.
     */
    private static function linuxLibc(): string
    {
        $maps = is_readable('/proc/self/maps') ? file_get_contents('/proc/self/maps') : false;
        if (is_string($maps)) {
            return str_contains($maps, '/ld-musl-') ? 'musl' : 'gnu';
        }
        return glob('/lib/ld-musl-*.so.1') ? 'musl' : 'gnu';
    }

    /**
     * The C header that registers the library as the FFI scope {@see self::SCOPE} when PHP starts
     * (php.ini: ffi.preload=FILE): the way to use FFI under PHP-FPM with ffi.enable=preload,
     * PHP's default. It names the library by its absolute path, so it is written for each
     * installation (ffi-header.php prints it).
     *
     * @throws LibraryException the package has no library for this platform
     */
    public static function header(): string
    {
        $path = realpath(self::libraryPath()) ?: self::libraryPath();
        return '#define FFI_SCOPE "' . self::SCOPE . "\"\n"
            . '#define FFI_LIB "' . addcslashes($path, "\"\\") . "\"\n" . self::DECLARATIONS . "\n";
    }

    /** @throws LibraryException FFI is unavailable or the library cannot be loaded. */
    private static function load(): FFI
    {
        if (!extension_loaded('ffi')) {
            throw new LibraryException('usersig needs PHP\'s FFI extension (ext-ffi), which this '
                . 'PHP does not load: install or enable it (php.ini: extension=ffi)');
        }
        try {
            $ffi = self::check(FFI::scope(self::SCOPE), 'the usersig library of the FFI scope '
                . self::SCOPE);
        } catch (\FFI\Exception) {
            $path = self::libraryPath();
            $ffi = self::check(self::define($path), "the usersig library $path");
        }
        return self::$ffi = $ffi;
    }

    /** The library at $path, loaded with FFI::cdef(); FFI's refusals become a LibraryException. */
    private static function define(string $path): FFI
    {
        try {
            return FFI::cdef(self::DECLARATIONS, $path);
        } catch (\FFI\Exception $e) {
            $hint = str_contains($e->getMessage(), 'ffi.enable')
                ? ' FFI is disabled here: set ffi.enable=true, or load the library when PHP '
                  . 'starts with ffi.preload (see the package\'s README, "PHP-FPM")'
                : ' (set ' . self::LIBRARY_VARIABLE . ' to the library\'s path if it is elsewhere)';
            throw new LibraryException("cannot load the usersig library $path: "
                . $e->getMessage() . '.' . $hint, 0, $e);
        }
    }

    /** $ffi, if $library (its description) has this package's ABI version. */
    private static function check(FFI $ffi, string $library): FFI
    {
        $version = $ffi->usersig_abi_version();
        if ($version !== self::ABI_VERSION) {
            throw new LibraryException("$library has ABI version $version, this "
                . 'package needs ' . self::ABI_VERSION . ': the installation is broken');
        }
        return $ffi;
    }

    /**
     * Calls $function with $args and the output buffer; returns the whole result, retrying once
     * with a buffer of the length it asked for.
     *
     * @param list<mixed> $args
     * @param array<string, string> $texts the call's text arguments by name, to name the one
     *     that is not UTF-8 when the library refuses one
     * @param int $cap the first buffer's size, when a result may be longer than {@see self::CAP}
     */
    public static function call(string $function, array $args, array $texts = [], int $cap = self::CAP): string
    {
        $ffi = self::$ffi ?? self::load();
        $out = $cap === self::CAP ? self::$out ?? self::out() : FFI::new("char[$cap]");
        $n = $ffi->$function(...[...$args, $out, $cap]);
        if ($n > $cap) {
            $out = FFI::new("char[$n]");
            $n = $ffi->$function(...[...$args, $out, $n]);
        }
        if ($n < 0) {
            throw self::fault($n, $texts);
        }
        return FFI::string($out, $n);
    }

    /** A call whose value is one token (or URL), returned without its tag. */
    public static function token(string $function, array $args, array $texts = []): string
    {
        $result = self::call($function, $args, $texts);
        if ($result[0] !== "\0") {
            throw Errors::fromResult($result);
        }
        return substr($result, 1);
    }

    /** A call whose value is not a token (claims, a callback): a reader of it. */
    public static function value(string $function, array $args, array $texts = []): Reader
    {
        $result = self::call($function, $args, $texts);
        if ($result[0] !== "\0") {
            throw Errors::fromResult($result);
        }
        return new Reader($result);
    }

    /**
     * The exception for a negative result.
     *
     * @param array<string, string> $texts
     */
    public static function fault(int $n, array $texts): \Throwable
    {
        if ($n === -1) {
            foreach ($texts as $name => $text) {
                if (!preg_match('//u', $text)) {
                    return new InvalidUtf8Exception($name);
                }
            }
        }
        return new LibraryException(self::FAULTS[$n] ?? "the usersig library failed with $n");
    }

    /**
     * An optional argument as the library takes it (docs/abi.md): a presence flag, then the
     * value, which is read only when the flag is 1.
     *
     * @return array{int, int}
     */
    public static function optional(?int $value): array
    {
        return $value === null ? [0, 0] : [1, $value];
    }

    /**
     * Calls a constructor: its handle, or the exception of its refusal.
     *
     * @param list<mixed> $args
     * @param array<string, string> $texts
     * @throws UsersigException
     */
    public static function construct(string $function, string $type, array $args, array $texts): CData
    {
        $ffi = self::ffi();
        $handle = $ffi->new("$type*");
        $n = $ffi->$function(...[...$args, FFI::addr($handle), null, 0]);
        if ($n === 0) {
            return $handle;
        }
        if ($n < 0) {
            throw self::fault($n, $texts);
        }
        $out = FFI::new("char[$n]");
        $ffi->$function(...[...$args, FFI::addr($handle), $out, $n]);
        throw Errors::fromResult(FFI::string($out, $n));
    }

    /**
     * The token with every byte that is not ASCII made a '?', which no token holds: a token that
     * is not UTF-8 is then refused as malformed, as any other garbage is.
     */
    public static function asciiToken(string $token): string
    {
        return preg_replace('/[\x80-\xff]/', '?', $token) ?? '';
    }

    /**
     * The library's list of (name, number) pairs: its error kinds (i32 numbers) or its constants
     * (i64).
     *
     * @return array<string, int>
     */
    public static function namedNumbers(string $function, bool $wide): array
    {
        $r = new Reader(self::call($function, []));
        $pairs = [];
        for ($count = $r->u32(); $count > 0; $count--) {
            $name = $r->text();
            $pairs[$name] = $wide ? $r->i64() : $r->i32();
        }
        $r->end();
        return $pairs;
    }
}
