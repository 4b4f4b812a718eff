<?php

declare(strict_types=1);

namespace Usersig;

use FFI;
use FFI\CData;
use Usersig\Exception\CallbackException;
use Usersig\Exception\InvalidUtf8Exception;
use Usersig\Internal\Native;
use Usersig\Internal\OwnsHandle;

/**
 * Checks TRTC's event callbacks (room and media events).
 *
 * Each POST carries the headers Sign and SdkAppId; Sign is the standard base64 of the
 * HMAC-SHA256 of the body, exactly as sent, under the console's callback key. The verifier
 * checks, in this order, the body's size; both headers' form; the signature, in constant time;
 * the sdkappid, if one is expected; that the body is a JSON object whose EventGroupId, EventType
 * and CallbackTs are integers when present; and, with a window, that CallbackTs is present and
 * within it of the clock. Tencent documents no window for these callbacks, so none is set by
 * default.
 *
 * It keeps only the key's prepared HMAC state, in Rust, never shown and wiped when the verifier
 * is destroyed.
 */
final class TrtcCallbackVerifier
{
    use OwnsHandle;

    /** The longest body read, in bytes. */
    public const MAX_BODY_LEN = 1048576;

    private readonly CData $handle;
    private readonly FFI $ffi;

    /**
     * @param string $key the callback key of the TRTC console
     * @throws Exception\EmptyKeyException $key is empty
     * @throws Exception\SdkAppIdOutOfRangeException $sdkappid is outside 0..4294967295
     * @throws Exception\CallbackWindowOutOfRangeException $window is outside
     *     0..ChatCallbackVerifier::MAX_WINDOW
     * @throws InvalidUtf8Exception $key is not UTF-8
     * @throws Exception\LibraryException the usersig library cannot be loaded
     */
    public function __construct(
        #[\SensitiveParameter] string $key,
        /** The application whose callbacks are accepted; null for any. */
        public readonly ?int $sdkappid = null,
        /** How far CallbackTs may be from the clock, in seconds either way; null for no check. */
        public readonly ?int $window = null,
    ) {
        $this->handle = Native::construct('usersig_trtc_callback_new', 'usersig_trtc_callback',
            [$key, strlen($key), ...Native::optional($sdkappid), ...Native::optional($window)],
            ['key' => $key]);
        $this->ffi = Native::ffi();
    }

    /** Frees the native object, which wipes the key's state. */
    public function __destruct()
    {
        if (isset($this->handle)) {
            $this->ffi->usersig_trtc_callback_free($this->handle);
        }
    }

    /**
     * The callback with the headers $sign and $sdkappid ('' for an absent one:
     * $_SERVER['HTTP_SIGN'] ?? '', $_SERVER['HTTP_SDKAPPID'] ?? '') and $body, the bytes as
     * received (file_get_contents('php://input')): a body decoded and encoded again is another
     * body.
     *
     * @param int|null $now the time of the check in Unix seconds; the system clock when null
     * @throws CallbackException the callback is refused: CallbackTooLargeException (past
     *     MAX_BODY_LEN bytes), CallbackParamMissingException, CallbackParamInvalidException,
     *     CallbackBadSignatureException, CallbackSdkAppIdMismatchException,
     *     CallbackOutOfWindowException
     */
    public function verify(string $sign, string $sdkappid, string $body, ?int $now = null): TrtcCallback
    {
        // Bytes that are not ASCII are in no valid header: as '?', they make it invalid.
        $sign = Native::asciiToken($sign);
        $sdkappid = Native::asciiToken($sdkappid);
        return Native::value('usersig_trtc_callback_verify_at', [$this->handle, $sign, strlen($sign),
            $sdkappid, strlen($sdkappid), $body, strlen($body), $now ?? time()])->trtcCallback();
    }

    /**
     * The Sign header Tencent sends with $body: the signing twin of the checks, for tests and
     * local fakes of Tencent's servers.
     */
    public function sign(string $body): string
    {
        return Native::token('usersig_trtc_callback_sign', [$this->handle, $body, strlen($body)]);
    }

    /** @return array<string, mixed> */
    private function shown(): array
    {
        return ['sdkappid' => $this->sdkappid, 'window' => $this->window];
    }
}
