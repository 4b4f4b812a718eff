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
 * Checks the callbacks of Chat (IM), and TUILiveKit's webhooks, which Tencent signs the same way.
 *
 * Tencent adds SdkAppid, CallbackCommand, RequestTime and Sign to the callback URL's query
 * string (TUILiveKit names the first two SdkAppId and WebhookCommand; either spelling is read);
 * Sign is the lowercase hex SHA-256 of the console's callback token followed by
 * RequestTime. The verifier checks, in this order, that each of the four appears once, as Tencent
 * writes it (none percent-encoded); the signature, in constant time; the sdkappid, if one is
 * expected; and that RequestTime is within the window of the clock. The signature covers neither
 * the body nor the other parameters: within the window, whoever captured one signed URL can send
 * it with another body.
 *
 * It keeps only the token's SHA-256 state, in Rust, never shown and wiped when the verifier is
 * destroyed.
 */
final class ChatCallbackVerifier
{
    use OwnsHandle;

    /** The window when none is given: 60 seconds either way. */
    public const DEFAULT_WINDOW = 60;

    /** The widest window: one day, in seconds. */
    public const MAX_WINDOW = 86400;

    /** The longest query string read, in bytes. */
    public const MAX_QUERY_LEN = 16384;

    private readonly CData $handle;
    private readonly FFI $ffi;

    /**
     * @param string $token the callback token of the Chat console
     * @throws Exception\EmptyKeyException $token is empty
     * @throws Exception\SdkAppIdOutOfRangeException $sdkappid is outside 0..4294967295
     * @throws Exception\CallbackWindowOutOfRangeException $window is outside 0..MAX_WINDOW
     * @throws InvalidUtf8Exception $token is not UTF-8
     * @throws Exception\LibraryException the usersig library cannot be loaded
     */
    public function __construct(
        #[\SensitiveParameter] string $token,
        /** The application whose callbacks are accepted; null for any. */
        public readonly ?int $sdkappid = null,
        /** How far RequestTime may be from the clock, in seconds either way. */
        public readonly int $window = self::DEFAULT_WINDOW,
    ) {
        $this->handle = Native::construct('usersig_chat_callback_new', 'usersig_chat_callback',
            [$token, strlen($token), ...Native::optional($sdkappid), $window], ['token' => $token]);
        $this->ffi = Native::ffi();
    }

    /** Frees the native object, which wipes the token's state. */
    public function __destruct()
    {
        if (isset($this->handle)) {
            $this->ffi->usersig_chat_callback_free($this->handle);
        }
    }

    /**
     * The callback in $query, the query string as received: $_SERVER['QUERY_STRING'], which PHP
     * leaves raw. Pass it rather than $_GET: Tencent never percent-encodes the signed parameters,
     * and a percent-encoded Sign, which $_GET would hide, is refused.
     *
     * @param int|null $now the time of the check in Unix seconds; the system clock when null
     * @throws CallbackException the callback is refused: CallbackParamMissingException,
     *     CallbackParamRepeatedException, CallbackParamInvalidException,
     *     CallbackBadSignatureException, CallbackSdkAppIdMismatchException,
     *     CallbackOutOfWindowException, CallbackTooLargeException (past MAX_QUERY_LEN bytes)
     * @throws InvalidUtf8Exception $query is not UTF-8
     */
    public function verifyQuery(string $query, ?int $now = null): ChatCallback
    {
        return Native::value('usersig_chat_callback_verify_query_at',
            [$this->handle, $query, strlen($query), $now ?? time()], ['query' => $query])
            ->chatCallback();
    }

    /**
     * The callback in parameters a framework already decoded: [name, value] pairs in their order
     * (a name repeated once per value), or names to values, as $_GET holds them. Prefer
     * {@see verifyQuery()}: decoded parameters no longer show a percent-encoded Sign, which it
     * refuses and this accepts, and $_GET keeps only the last value of a repeated name.
     *
     * @param list<array{string, string}>|array<array-key, string> $params
     * @param int|null $now the time of the check in Unix seconds; the system clock when null
     * @throws CallbackException as {@see verifyQuery()}
     * @throws InvalidUtf8Exception a name or value is not UTF-8
     * @throws \TypeError a value is not a string (as $_GET holds for "Sign[]=..."), or a pair
     *     not two strings
     */
    public function verifyParams(array $params, ?int $now = null): ChatCallback
    {
        $pairs = is_array(reset($params)) && array_is_list($params) ? $params
            : array_map(null, array_map('strval', array_keys($params)), array_values($params));
        $count = count($pairs);
        $nameLens = FFI::new('size_t[' . max($count, 1) . ']');
        $valueLens = FFI::new('size_t[' . max($count, 1) . ']');
        $names = $values = '';
        $texts = [];
        foreach ($pairs as $i => $pair) {
            if (!is_array($pair) || array_keys($pair) !== [0, 1] || !is_string($pair[0])
                || !is_string($pair[1])) {
                throw new \TypeError("params[$i] is not a string, nor a pair of strings");
            }
            [$name, $value] = $pair;
            $nameLens[$i] = strlen($name);
            $valueLens[$i] = strlen($value);
            $names .= $name;
            $values .= $value;
            $texts["params[$i][0]"] = $name;
            $texts["params[$i][1]"] = $value;
        }
        return Native::value('usersig_chat_callback_verify_params_at',
            [$this->handle, $names, $nameLens, $values, $valueLens, $count, $now ?? time()], $texts)
            ->chatCallback();
    }

    /**
     * The Sign Tencent sends with $requestTime: the signing twin of the checks, for tests and
     * local fakes of Tencent's servers.
     */
    public function sign(int $requestTime): string
    {
        return Native::token('usersig_chat_callback_sign', [$this->handle, $requestTime]);
    }

    /** @return array<string, mixed> */
    private function shown(): array
    {
        return ['sdkappid' => $this->sdkappid, 'window' => $this->window];
    }
}
