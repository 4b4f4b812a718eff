<?php

declare(strict_types=1);

namespace Usersig\Internal;

use Usersig\Exception as E;
use Usersig\Exception\UsersigException;

/**
 * The library's errors as this package's exceptions.
 *
 * @internal
 */
final class Errors
{
    /** Each kind's class, by the core's name of the kind. */
    public const CLASSES = [
        'empty_key' => E\EmptyKeyException::class,
        'sdkappid_out_of_range' => E\SdkAppIdOutOfRangeException::class,
        'empty_user_id' => E\EmptyUserIdException::class,
        'user_id_too_long' => E\UserIdTooLongException::class,
        'user_id_control_char' => E\UserIdControlCharException::class,
        'userbuf_too_long' => E\UserbufTooLongException::class,
        'expire_out_of_range' => E\ExpireOutOfRangeException::class,
        'time_out_of_range' => E\TimeOutOfRangeException::class,
        'expiry_overflow' => E\ExpiryOverflowException::class,
        'room_id_out_of_range' => E\RoomIdOutOfRangeException::class,
        'empty_room_str' => E\EmptyRoomStrException::class,
        'room_str_too_long' => E\RoomStrTooLongException::class,
        'privilege_out_of_range' => E\PrivilegeOutOfRangeException::class,
        'malformed' => E\MalformedTokenException::class,
        'expired' => E\ExpiredException::class,
        'bad_signature' => E\BadSignatureException::class,
        'user_id_mismatch' => E\UserIdMismatchException::class,
        'sdkappid_mismatch' => E\SdkAppIdMismatchException::class,
        'userbuf_mismatch' => E\UserbufMismatchException::class,
        'missing_userbuf' => E\MissingUserbufException::class,
        'unexpected_userbuf' => E\UnexpectedUserbufException::class,
        'unknown_region' => E\UnknownRegionException::class,
        'invalid_endpoint' => E\InvalidEndpointException::class,
        'invalid_rest_path' => E\InvalidRestPathException::class,
        'renew_margin_out_of_range' => E\RenewMarginOutOfRangeException::class,
        'random_unavailable' => E\RandomUnavailableException::class,
        'callback_param_missing' => E\CallbackParamMissingException::class,
        'callback_param_repeated' => E\CallbackParamRepeatedException::class,
        'callback_param_invalid' => E\CallbackParamInvalidException::class,
        'callback_bad_signature' => E\CallbackBadSignatureException::class,
        'callback_out_of_window' => E\CallbackOutOfWindowException::class,
        'callback_sdkappid_mismatch' => E\CallbackSdkAppIdMismatchException::class,
        'callback_too_large' => E\CallbackTooLargeException::class,
        'callback_window_out_of_range' => E\CallbackWindowOutOfRangeException::class,
    ];

    /**
     * The exception for an error result (tag 1): its kind's class, with the Tencent code (null
     * for 0), the message and the fields; a kind this package does not know yet (a newer
     * library's) becomes a plain {@see UsersigException} carrying the kind's name.
     */
    public static function fromResult(string $result): UsersigException
    {
        $r = new Reader($result);
        $kind = $r->text();
        $code = $r->i32();
        $message = $r->text();
        $fields = [];
        for ($count = $r->u8(); $count > 0; $count--) {
            $name = $r->text();
            $fields[$name] = $r->u8() === 0x69 ? $r->i64() : $r->text();
        }
        $r->end();
        $tencentCode = $code === 0 ? null : $code;
        $class = self::CLASSES[$kind] ?? null;
        if ($class === null) {
            return new UsersigException($message, $tencentCode, $fields, $kind);
        }
        return new $class($message, $tencentCode, $fields);
    }
}
