"""The exception family: one class per way a call can fail.

Every exception raised by this package for a bad input or a refused token is a
:class:`UserSigError`. Input errors (raised before any token exists) are
:class:`InputError`, which is also a :class:`ValueError`; their ``tencent_code``
is ``None``. Refused tokens are :class:`TokenError`, whose ``tencent_code`` is
the code Tencent's servers return for the same fault (70001 expired, 70003
malformed, 70009 bad signature, 70013 user id, 70014 sdkappid, -100006 userbuf),
or ``None`` for :class:`UnexpectedUserbufError`, a refusal of this library's own.
Refused callbacks are :class:`CallbackError`, whose ``tencent_code`` is ``None``.
"""

from __future__ import annotations

import enum
from typing import Any, ClassVar, Dict, Optional, Type


class ErrorKind(str, enum.Enum):
    """The kind of a :class:`UserSigError`, one member per exception class."""

    EMPTY_KEY = "empty_key"
    SDKAPPID_OUT_OF_RANGE = "sdkappid_out_of_range"
    EMPTY_USER_ID = "empty_user_id"
    USER_ID_TOO_LONG = "user_id_too_long"
    USER_ID_CONTROL_CHAR = "user_id_control_char"
    USERBUF_TOO_LONG = "userbuf_too_long"
    EXPIRE_OUT_OF_RANGE = "expire_out_of_range"
    TIME_OUT_OF_RANGE = "time_out_of_range"
    EXPIRY_OVERFLOW = "expiry_overflow"
    ROOM_ID_OUT_OF_RANGE = "room_id_out_of_range"
    EMPTY_ROOM_STR = "empty_room_str"
    ROOM_STR_TOO_LONG = "room_str_too_long"
    PRIVILEGE_OUT_OF_RANGE = "privilege_out_of_range"
    MALFORMED = "malformed"
    EXPIRED = "expired"
    BAD_SIGNATURE = "bad_signature"
    USER_ID_MISMATCH = "user_id_mismatch"
    SDKAPPID_MISMATCH = "sdkappid_mismatch"
    USERBUF_MISMATCH = "userbuf_mismatch"
    MISSING_USERBUF = "missing_userbuf"
    UNEXPECTED_USERBUF = "unexpected_userbuf"
    UNKNOWN_REGION = "unknown_region"
    INVALID_ENDPOINT = "invalid_endpoint"
    INVALID_REST_PATH = "invalid_rest_path"
    RENEW_MARGIN_OUT_OF_RANGE = "renew_margin_out_of_range"
    RANDOM_UNAVAILABLE = "random_unavailable"
    CALLBACK_PARAM_MISSING = "callback_param_missing"
    CALLBACK_PARAM_REPEATED = "callback_param_repeated"
    CALLBACK_PARAM_INVALID = "callback_param_invalid"
    CALLBACK_BAD_SIGNATURE = "callback_bad_signature"
    CALLBACK_OUT_OF_WINDOW = "callback_out_of_window"
    CALLBACK_SDKAPPID_MISMATCH = "callback_sdkappid_mismatch"
    CALLBACK_TOO_LARGE = "callback_too_large"
    CALLBACK_WINDOW_OUT_OF_RANGE = "callback_window_out_of_range"


class Malformation(str, enum.Enum):
    """Why a token could not be decoded (the ``reason`` of :class:`MalformedTokenError`)."""

    TOO_LONG = "too_long"
    BASE64 = "base64"
    ZLIB = "zlib"
    TOO_LARGE_INFLATED = "too_large_inflated"
    JSON = "json"
    MISSING_FIELD = "missing_field"
    INVALID_FIELD = "invalid_field"
    UNSUPPORTED_VERSION = "unsupported_version"


def _rebuild(cls: Type[UserSigError], state: Dict[str, Any]) -> UserSigError:
    """Recreates an exception from its attributes (the pickle protocol's constructor)."""
    return cls(**state)


class UserSigError(Exception):
    """Base class of every error this package raises for bad input or a refused token.

    ``str(error)`` is a human-readable explanation that never contains the key.
    """

    kind: ClassVar[ErrorKind]
    """Which failure this is; the same for every instance of a class."""

    detail: str
    """The explanation, as ``str(error)`` shows it."""

    tencent_code: Optional[int]
    """The code Tencent's servers use for the same fault, or ``None`` for input errors."""

    def __init__(self, detail: str, tencent_code: Optional[int] = None, **fields: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.tencent_code = tencent_code
        for name, value in fields.items():
            setattr(self, name, value)

    def __str__(self) -> str:
        return self.detail

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.detail!r})"

    def __reduce__(self) -> Any:
        return (_rebuild, (type(self), dict(vars(self))))


class InputError(UserSigError, ValueError):
    """A value passed to a constructor or a signing method that no valid token can carry."""

    tencent_code: None


class TokenError(UserSigError):
    """A token the verifier refused; ``tencent_code`` says how Tencent would report it (``None``
    for :class:`UnexpectedUserbufError`, which Tencent does not report)."""

    tencent_code: Optional[int]


class EmptyKeyError(InputError):
    """The secret key is empty."""

    kind = ErrorKind.EMPTY_KEY


class SdkAppIdOutOfRangeError(InputError):
    """The sdkappid is outside 0..4294967295."""

    kind = ErrorKind.SDKAPPID_OUT_OF_RANGE
    value: int
    """The sdkappid that was given."""


class EmptyUserIdError(InputError):
    """The user id is empty."""

    kind = ErrorKind.EMPTY_USER_ID


class UserIdTooLongError(InputError):
    """The user id is longer than ``max`` bytes of UTF-8."""

    kind = ErrorKind.USER_ID_TOO_LONG
    length: int
    """Its length in bytes of UTF-8."""
    max: int
    """The limit in bytes."""


class UserIdControlCharError(InputError):
    """The user id holds a control character (U+0000 to U+001F, or U+007F)."""

    kind = ErrorKind.USER_ID_CONTROL_CHAR
    position: int
    """The byte offset, in its UTF-8, of the first control character."""


class UserbufTooLongError(InputError):
    """The userbuf is longer than ``max`` bytes."""

    kind = ErrorKind.USERBUF_TOO_LONG
    length: int
    """Its length in bytes."""
    max: int
    """The limit in bytes."""


class ExpireOutOfRangeError(InputError):
    """The validity is not in 1..``max`` seconds (50 years)."""

    kind = ErrorKind.EXPIRE_OUT_OF_RANGE
    expire: int
    """The validity that was given, in seconds (integers beyond 64 bits are saturated)."""
    max: int
    """The limit, in seconds."""


class TimeOutOfRangeError(InputError):
    """The issue time ``now`` is outside 0..4294967295."""

    kind = ErrorKind.TIME_OUT_OF_RANGE
    now: int
    """The time that was given, in Unix seconds."""


class ExpiryOverflowError(InputError):
    """``now + expire`` is past 4294967295 (the year 2106)."""

    kind = ErrorKind.EXPIRY_OVERFLOW
    now: int
    """The issue time, in Unix seconds."""
    expire: int
    """The validity, in seconds."""


class RoomIdOutOfRangeError(InputError):
    """A numeric room id is outside 1..4294967294."""

    kind = ErrorKind.ROOM_ID_OUT_OF_RANGE
    room_id: int
    """The room id that was given."""


class EmptyRoomStrError(InputError):
    """A string room id is empty."""

    kind = ErrorKind.EMPTY_ROOM_STR


class RoomStrTooLongError(InputError):
    """A string room id is longer than ``max`` bytes of UTF-8."""

    kind = ErrorKind.ROOM_STR_TOO_LONG
    length: int
    """Its length in bytes of UTF-8."""
    max: int
    """The limit in bytes."""


class PrivilegeOutOfRangeError(InputError):
    """A privilege mask is outside 0..255."""

    kind = ErrorKind.PRIVILEGE_OUT_OF_RANGE
    value: int
    """The mask that was given."""


class MalformedTokenError(TokenError):
    """The token cannot be decoded: not a UserSig, or damaged or truncated (70003)."""

    kind = ErrorKind.MALFORMED
    reason: Malformation
    """What is wrong with it."""
    field: Optional[str]
    """The JSON field at fault, for ``MISSING_FIELD`` and ``INVALID_FIELD``."""
    length: Optional[int]
    """The token's length in characters, for ``TOO_LONG``."""
    max: Optional[int]
    """The limit, for ``TOO_LONG`` (characters) and ``TOO_LARGE_INFLATED`` (bytes)."""


class ExpiredError(TokenError):
    """The token has expired (70001)."""

    kind = ErrorKind.EXPIRED
    expired_at: int
    """The last second at which the token was valid, in Unix seconds."""
    now: int
    """The time of the check, in Unix seconds."""


class BadSignatureError(TokenError):
    """The signature does not match any key: another key, or altered after signing (70009)."""

    kind = ErrorKind.BAD_SIGNATURE


class UserIdMismatchError(TokenError):
    """The token was issued to another user id (70013)."""

    kind = ErrorKind.USER_ID_MISMATCH
    expected: str
    """The user id the caller expected."""
    found: str
    """The user id in the token."""


class SdkAppIdMismatchError(TokenError):
    """The token was issued for another application (70014)."""

    kind = ErrorKind.SDKAPPID_MISMATCH
    expected: int
    """The sdkappid of the verifier."""
    found: int
    """The sdkappid in the token."""


class UserbufMismatchError(TokenError):
    """The token's userbuf differs from the one expected (-100006)."""

    kind = ErrorKind.USERBUF_MISMATCH


class MissingUserbufError(TokenError):
    """The token carries no userbuf, and one was expected (-100006)."""

    kind = ErrorKind.MISSING_USERBUF


class UnexpectedUserbufError(TokenError):
    """The token carries a userbuf (a PrivateMapKey, say) and a plain UserSig was expected: check
    such tokens with :meth:`~usersig.Verifier.verify_any_userbuf`, or with
    :meth:`~usersig.Verifier.verify` given the expected ``userbuf``. Tencent has no code for it."""

    kind = ErrorKind.UNEXPECTED_USERBUF
    tencent_code: None


class UnknownRegionError(InputError):
    """A region name is not one of the REST API's regions."""

    kind = ErrorKind.UNKNOWN_REGION
    name: str
    """The name that was given."""


class InvalidEndpointError(InputError):
    """A REST API host or base URL is not acceptable."""

    kind = ErrorKind.INVALID_ENDPOINT
    reason: str
    """What is wrong with it."""


class InvalidRestPathError(InputError):
    """A REST API service or command name is empty or has a character outside
    ``A-Z a-z 0-9 _ . -``."""

    kind = ErrorKind.INVALID_REST_PATH
    part: str
    """``"service"`` or ``"command"``."""


class RenewMarginOutOfRangeError(InputError):
    """An admin token's renewal margin is negative or not shorter than its validity."""

    kind = ErrorKind.RENEW_MARGIN_OUT_OF_RANGE
    margin: int
    """The margin that was given, in seconds."""
    validity: int
    """The validity it must be shorter than, in seconds."""


class RandomUnavailableError(UserSigError):
    """The operating system's random number generator failed (no REST URL without it)."""

    kind = ErrorKind.RANDOM_UNAVAILABLE
    tencent_code: None


class CallbackError(UserSigError):
    """A callback a :class:`~usersig.ChatCallbackVerifier` or
    :class:`~usersig.TrtcCallbackVerifier` refused: forged, altered, stale, for another
    application, or not in the form Tencent sends. Answer it with an HTTP error (403) and do not
    act on it. ``tencent_code`` is ``None``: Tencent has no code for these."""

    tencent_code: None


class CallbackParamMissingError(CallbackError):
    """A parameter the check needs is absent: one of Chat's query parameters, a TRTC header
    (absent or empty), or the body's ``CallbackTs`` when a window is set."""

    kind = ErrorKind.CALLBACK_PARAM_MISSING
    name: str
    """The parameter's name as Tencent spells it (``Sign``, ``RequestTime``, ``SdkAppId``, …)."""


class CallbackParamRepeatedError(CallbackError):
    """A Chat callback's query has a checked parameter (``SdkAppid``, ``CallbackCommand``,
    ``RequestTime``, ``Sign``) more than once."""

    kind = ErrorKind.CALLBACK_PARAM_REPEATED
    name: str
    """The parameter's name."""


class CallbackParamInvalidError(CallbackError):
    """A parameter is not in the form Tencent sends: a ``Sign`` that is not 64 lowercase hex
    digits (Chat) or the base64 of 32 bytes (TRTC), a time or sdkappid that is not a decimal
    number in range, a checked parameter percent-encoded, a broken percent escape (``name``
    ``"query"``), a TRTC body that is not a JSON object (``name`` ``"body"``)."""

    kind = ErrorKind.CALLBACK_PARAM_INVALID
    name: str
    """The parameter's name, or ``"query"`` or ``"body"``."""
    reason: str
    """What is wrong with it."""


class CallbackBadSignatureError(CallbackError):
    """The callback's signature does not match: forged, altered after signing (a body parsed and
    written again counts), or signed with another token or key."""

    kind = ErrorKind.CALLBACK_BAD_SIGNATURE


class CallbackOutOfWindowError(CallbackError):
    """The callback's time (Chat's ``RequestTime``, TRTC's ``CallbackTs``) is more than
    ``window`` seconds from the check's clock: replayed, or the two clocks disagree."""

    kind = ErrorKind.CALLBACK_OUT_OF_WINDOW
    time: int
    """The callback's time, in Unix seconds."""
    now: int
    """The time of the check, in Unix seconds."""
    window: int
    """The window's width, in seconds either way."""


class CallbackSdkAppIdMismatchError(CallbackError):
    """The callback is for another application than the verifier expects."""

    kind = ErrorKind.CALLBACK_SDKAPPID_MISMATCH
    expected: int
    """The sdkappid the verifier expects."""
    found: int
    """The callback's."""


class CallbackTooLargeError(CallbackError):
    """The callback's query or body is longer than its bound
    (:data:`~usersig.MAX_CALLBACK_QUERY_LEN`, :data:`~usersig.MAX_CALLBACK_BODY_LEN`), and was
    not read."""

    kind = ErrorKind.CALLBACK_TOO_LARGE
    part: str
    """``"query"`` or ``"body"``."""
    length: int
    """Its length in bytes."""
    max: int
    """The bound in bytes."""


class CallbackWindowOutOfRangeError(InputError):
    """A callback verifier's window is not in 0..:data:`~usersig.MAX_CALLBACK_WINDOW` seconds."""

    kind = ErrorKind.CALLBACK_WINDOW_OUT_OF_RANGE
    window: int
    """The window that was given, in seconds."""
    max: int
    """The widest window, in seconds."""


#: This family's class for each kind, by the kind's name (the core's snake_case name).
CLASSES: Dict[str, Type[UserSigError]] = {
    cls.kind.value: cls
    for cls in (
        EmptyKeyError,
        SdkAppIdOutOfRangeError,
        EmptyUserIdError,
        UserIdTooLongError,
        UserIdControlCharError,
        UserbufTooLongError,
        ExpireOutOfRangeError,
        TimeOutOfRangeError,
        ExpiryOverflowError,
        RoomIdOutOfRangeError,
        EmptyRoomStrError,
        RoomStrTooLongError,
        PrivilegeOutOfRangeError,
        MalformedTokenError,
        ExpiredError,
        BadSignatureError,
        UserIdMismatchError,
        SdkAppIdMismatchError,
        UserbufMismatchError,
        MissingUserbufError,
        UnexpectedUserbufError,
        UnknownRegionError,
        InvalidEndpointError,
        InvalidRestPathError,
        RenewMarginOutOfRangeError,
        RandomUnavailableError,
        CallbackParamMissingError,
        CallbackParamRepeatedError,
        CallbackParamInvalidError,
        CallbackBadSignatureError,
        CallbackOutOfWindowError,
        CallbackSdkAppIdMismatchError,
        CallbackTooLargeError,
        CallbackWindowOutOfRangeError,
    )
}

# The attributes each class sets, beyond ``detail`` and ``tencent_code``: the library's fields
# of the same names; a field the library adds later is ignored until a class declares it.
_MALFORMED_FIELDS = ("field", "length", "max")


def from_abi(kind: str, tencent_code: int, message: str, fields: Dict[str, Any]) -> UserSigError:
    """The exception of this family for an error the library returned (``docs/abi.md``): its
    kind's name, Tencent code (0 for none), message and fields."""
    cls = CLASSES[kind]
    known = {name: value for name, value in fields.items() if name in _annotations(cls)}
    if cls is MalformedTokenError:
        known["reason"] = Malformation(fields["reason"])
        for name in _MALFORMED_FIELDS:
            known.setdefault(name, None)
    return cls(message, tencent_code or None, **known)


def _annotations(cls: Type[UserSigError]) -> Dict[str, Any]:
    """The attributes ``cls`` declares."""
    annotations: Dict[str, Any] = cls.__dict__.get("__annotations__", {})
    return annotations
