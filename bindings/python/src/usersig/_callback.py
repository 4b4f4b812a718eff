"""Checking the callbacks Tencent's servers POST to an application's backend:
:class:`ChatCallbackVerifier` (Chat, TUILiveKit) and :class:`TrtcCallbackVerifier` (TRTC room
and media events), and what they return."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, TypeVar, Union

from . import _native
from ._api import _BytesLike, _record
from ._native import blob, integer, text

_CONSTANTS = dict(_native.constants())

#: A Chat callback's ``RequestTime`` may be this many seconds from the clock, either way, unless
#: a verifier is given another window: 60 seconds, as Tencent's guide says.
DEFAULT_CALLBACK_WINDOW: int = _CONSTANTS["DEFAULT_CALLBACK_WINDOW"]
#: The widest window a callback verifier accepts: one day, in seconds.
MAX_CALLBACK_WINDOW: int = _CONSTANTS["MAX_CALLBACK_WINDOW"]
#: The longest Chat callback query string a verifier reads, in bytes (for parsed parameters, the
#: sum of their names' and values' lengths).
MAX_CALLBACK_QUERY_LEN: int = _CONSTANTS["MAX_CALLBACK_QUERY_LEN"]
#: The longest TRTC callback body a verifier reads, in bytes.
MAX_CALLBACK_BODY_LEN: int = _CONSTANTS["MAX_CALLBACK_BODY_LEN"]

#: Parsed query parameters: a mapping of names to values, or (name, value) pairs.
Params = Union[Mapping[str, str], Iterable[Tuple[str, str]]]


@dataclass(frozen=True)
class ChatCallback:
    """A Chat callback whose signature, sdkappid and time passed."""

    command: str
    """``CallbackCommand``, such as ``"Group.CallbackAfterNewMemberJoin"``: which event it is."""
    sdkappid: int
    """``SdkAppid``."""
    request_time: int
    """``RequestTime``, in Unix seconds."""
    params: Tuple[Tuple[str, str], ...]
    """Every other query parameter (``contenttype``, ``ClientIP``, ``OptPlatform``, your URL's
    own), as (name, value) pairs in order, percent-decoded. Tencent does not sign these."""


@dataclass(frozen=True)
class TrtcCallback:
    """A TRTC callback whose signature (and sdkappid and time, if checked) passed, with the
    body's fields that say what happened; the rest of the body is yours to parse."""

    sdkappid: int
    """The ``SdkAppId`` header."""
    event_group_id: Optional[int]
    """The body's ``EventGroupId`` (1 room events, 2 media events, …), if present."""
    event_type: Optional[int]
    """The body's ``EventType`` (103: a user entered the room, …), if present."""
    callback_ts: Optional[int]
    """The body's ``CallbackTs``, in Unix milliseconds, if present."""


def _chat_callback(fields: Tuple[Any, ...]) -> ChatCallback:
    command, sdkappid, request_time, params = fields
    return _record(ChatCallback, {"command": command, "sdkappid": sdkappid,
                                  "request_time": request_time, "params": params})


def _trtc_callback(fields: Tuple[Any, ...]) -> TrtcCallback:
    sdkappid, event_group_id, event_type, callback_ts = fields
    return _record(TrtcCallback, {"sdkappid": sdkappid, "event_group_id": event_group_id,
                                  "event_type": event_type, "callback_ts": callback_ts})


def _now() -> int:
    return int(time.time())


def _optional(value: Optional[int], name: str) -> Optional[int]:
    return None if value is None else integer(value, name)


def _header(value: Optional[str], name: str) -> bytes:
    """A header's value as UTF-8; an absent one (``None``) as empty, as the library takes it."""
    return b"" if value is None else text(value, name)


def _params(params: Params) -> Tuple[List[bytes], List[bytes]]:
    """Parsed parameters as their names' and values' UTF-8, in order.

    Raises:
        TypeError: ``params`` is not a mapping or an iterable of (name, value) pairs of ``str``.
    """
    if isinstance(params, (str, bytes, bytearray, memoryview)):
        raise TypeError("params must be a mapping or (name, value) pairs, not a single string")
    pairs = params.items() if isinstance(params, Mapping) else params
    names: List[bytes] = []
    values: List[bytes] = []
    for pair in pairs:
        if isinstance(pair, (str, bytes)):
            raise TypeError(f"params must hold (name, value) pairs, not {type(pair).__name__}")
        try:
            name, value = pair
        except (TypeError, ValueError):
            raise TypeError("params must hold (name, value) pairs") from None
        names.append(text(name, "a parameter's name"))
        values.append(text(value, "a parameter's value"))
    return names, values


_Self = TypeVar("_Self", bound="_CallbackVerifier")


class _CallbackVerifier:
    """What both verifiers share: the settings, and one native object holding the secret."""

    __slots__ = ("_handle", "_sdkappid", "_window")
    _handle: Any
    _sdkappid: Optional[int]
    _window: Optional[int]

    @property
    def sdkappid(self) -> Optional[int]:
        """The application whose callbacks it accepts, or ``None`` for any."""
        return self._sdkappid

    def __repr__(self) -> str:
        return f"{type(self).__name__}(sdkappid={self._sdkappid}, window={self._window})"

    def __copy__(self: _Self) -> _Self:
        return self  # immutable, and its native object must have exactly one owner

    def __deepcopy__(self: _Self, memo: Dict[int, Any]) -> _Self:
        return self

    def __reduce__(self) -> Any:
        raise TypeError(f"a {type(self).__name__} cannot be pickled: it does not keep its secret")


class ChatCallbackVerifier(_CallbackVerifier):
    """Checks Chat (IM) callbacks, and TUILiveKit's, which Tencent signs the same way.

    Tencent adds ``SdkAppid``, ``CallbackCommand``, ``RequestTime`` and ``Sign`` to the callback
    URL's query string; ``Sign`` is the SHA-256 of the console's callback token followed by
    ``RequestTime``. A check refuses, in this order, a query without each of those exactly once
    in Tencent's form, a wrong signature, another sdkappid (if one is given), and a
    ``RequestTime`` more than ``window`` seconds from the clock.

    The signature covers neither the body nor the other parameters: within the window, whoever
    captured a signed URL can send it with another body. To refuse an exact replay too, remember
    the ``Sign`` values you accepted for the window's width.

    The token is kept only as a SHA-256 state, in Rust, never shown, and wiped when the verifier
    is collected. A verifier is safe to share between threads.

    >>> verifier = ChatCallbackVerifier("xxxxyyyy", sdkappid=888888)
    >>> query = ("SdkAppid=888888&CallbackCommand=Group.CallbackAfterNewMemberJoin"
    ...          "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=1669872112"
    ...          "&Sign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061")
    >>> verifier.verify_query_at(query, 1669872130).command
    'Group.CallbackAfterNewMemberJoin'

    Args:
        token: the callback token set in the Chat console.
        sdkappid: the application whose callbacks to accept; any when ``None``.
        window: how far ``RequestTime`` may be from the clock, in seconds either way
            (0..:data:`MAX_CALLBACK_WINDOW`).

    Raises:
        EmptyKeyError: ``token`` is empty.
        SdkAppIdOutOfRangeError: ``sdkappid`` is outside 0..4294967295.
        CallbackWindowOutOfRangeError: ``window`` is outside 0..86400.
        TypeError: an argument has the wrong type.
    """

    __slots__ = ()
    _window: int

    def __init__(self, token: str, *, sdkappid: Optional[int] = None,
                 window: int = DEFAULT_CALLBACK_WINDOW) -> None:
        expected = _optional(sdkappid, "sdkappid")
        seconds = integer(window, "window")
        self._handle = _native.new_chat_callback(text(token, "token"), expected, seconds)
        self._sdkappid = expected
        self._window = seconds

    @property
    def window(self) -> int:
        """How far a callback's ``RequestTime`` may be from the clock, in seconds either way."""
        return self._window

    def verify_query(self, query: str) -> ChatCallback:
        """:meth:`verify_query_at` against the system clock."""
        return self.verify_query_at(query, _now())

    def verify_query_at(self, query: str, now: int) -> ChatCallback:
        """The callback in a request's raw query string, if it passes at ``now``.

        Args:
            query: what follows ``?`` in the request's URL, as received (WSGI's
                ``environ["QUERY_STRING"]``); a leading ``?`` is skipped. Pass the raw string
                rather than your framework's parsed parameters: a percent-encoded ``Sign`` or
                ``RequestTime``, which Tencent never sends, is then refused.
            now: the time of the check, in Unix seconds.

        Raises:
            CallbackParamMissingError, CallbackParamRepeatedError, CallbackParamInvalidError,
            CallbackBadSignatureError, CallbackSdkAppIdMismatchError, CallbackOutOfWindowError:
            the callback is refused.
            CallbackTooLargeError: ``query`` is longer than :data:`MAX_CALLBACK_QUERY_LEN`
            bytes.
            TypeError: an argument has the wrong type.
            UnicodeEncodeError: ``query`` holds a lone surrogate.
        """
        return _chat_callback(_native.chat_verify_query(
            self._handle, text(query, "query"), integer(now, "now")))

    def verify_params(self, params: Params) -> ChatCallback:
        """:meth:`verify_params_at` against the system clock."""
        return self.verify_params_at(params, _now())

    def verify_params_at(self, params: Params, now: int) -> ChatCallback:
        """The callback in query parameters your framework already parsed, if it passes at
        ``now``.

        Args:
            params: the parameters, percent-decoded: (name, value) pairs in order with repeats
                kept (``urllib.parse.parse_qsl(query, keep_blank_values=True)``, Flask's
                ``request.args.items(multi=True)``), or a mapping of names to values (which can
                hold no repeat, so a repeated ``Sign`` goes unseen).
            now: the time of the check, in Unix seconds.

        Raises:
            The errors of :meth:`verify_query_at`, and ``TypeError`` if ``params`` is not a
            mapping or an iterable of (name, value) pairs of ``str``.
        """
        names, values = _params(params)
        return _chat_callback(_native.chat_verify_params(
            self._handle, names, values, integer(now, "now")))

    def sign(self, request_time: int) -> str:
        """The ``Sign`` Tencent sends with ``request_time``: the signing twin of the checks, for
        tests and local fakes of Tencent's servers.

        >>> ChatCallbackVerifier("xxxxyyyy").sign(1669872112)[:16]
        '17773bc39a671d7b'
        """
        return _native.chat_sign(self._handle, integer(request_time, "request_time"))


class TrtcCallbackVerifier(_CallbackVerifier):
    """Checks TRTC's event callbacks (room and media events).

    Each POST carries the headers ``Sign`` (the base64 of the HMAC-SHA256 of the body under the
    console's callback key) and ``SdkAppId``. A check refuses, in this order, a body longer than
    :data:`MAX_CALLBACK_BODY_LEN`, headers absent or not in Tencent's form, a wrong signature,
    another sdkappid (if one is given), a body that is not a JSON object with integer
    ``EventGroupId``, ``EventType`` and ``CallbackTs`` where present, and, if a window is given,
    a ``CallbackTs`` absent or more than ``window`` seconds from the clock.

    The key is kept only as a prepared HMAC state, in Rust, never shown, and wiped when the
    verifier is collected. A verifier is safe to share between threads.

    >>> verifier = TrtcCallbackVerifier("callback key", sdkappid=1400000000, window=60)
    >>> body = b'{"EventGroupId":1,"EventType":103,"CallbackTs":1700000000123,"EventInfo":{}}'
    >>> verifier.verify_at(verifier.sign(body), "1400000000", body, 1700000010).event_type
    103

    Args:
        key: the callback key set in the TRTC console.
        sdkappid: the application whose callbacks to accept; any when ``None``.
        window: if given, the body's ``CallbackTs`` must be present and at most this many
            seconds from the clock, either way (0..:data:`MAX_CALLBACK_WINDOW`). Tencent
            documents none for these callbacks, so there is none by default; the signature
            covers ``CallbackTs``, so with one a captured callback replays only within it.

    Raises:
        EmptyKeyError: ``key`` is empty.
        SdkAppIdOutOfRangeError: ``sdkappid`` is outside 0..4294967295.
        CallbackWindowOutOfRangeError: ``window`` is outside 0..86400.
        TypeError: an argument has the wrong type.
    """

    __slots__ = ()

    def __init__(self, key: str, *, sdkappid: Optional[int] = None,
                 window: Optional[int] = None) -> None:
        expected = _optional(sdkappid, "sdkappid")
        seconds = _optional(window, "window")
        self._handle = _native.new_trtc_callback(text(key, "key"), expected, seconds)
        self._sdkappid = expected
        self._window = seconds

    @property
    def window(self) -> Optional[int]:
        """How far a callback's ``CallbackTs`` may be from the clock, in seconds either way, or
        ``None`` when it is not checked."""
        return self._window

    def verify(self, sign: Optional[str], sdkappid: Optional[str],
               body: _BytesLike) -> TrtcCallback:
        """:meth:`verify_at` against the system clock."""
        return self.verify_at(sign, sdkappid, body, _now())

    def verify_at(self, sign: Optional[str], sdkappid: Optional[str], body: _BytesLike,
                  now: int) -> TrtcCallback:
        """The callback, if its headers and body pass at ``now``.

        Args:
            sign: the ``Sign`` header (WSGI's ``environ.get("HTTP_SIGN")``); ``None`` when
                absent.
            sdkappid: the ``SdkAppId`` header (``environ.get("HTTP_SDKAPPID")``); ``None`` when
                absent.
            body: the request's body exactly as received, as ``bytes`` (or ``bytearray``,
                ``memoryview``). A ``str`` is refused: the signature covers bytes, and a body
                decoded, or parsed as JSON and written again, is another body.
            now: the time of the check, in Unix seconds.

        Raises:
            CallbackParamMissingError, CallbackParamInvalidError, CallbackBadSignatureError,
            CallbackSdkAppIdMismatchError, CallbackOutOfWindowError: the callback is refused.
            CallbackTooLargeError: ``body`` is longer than :data:`MAX_CALLBACK_BODY_LEN` bytes.
            TypeError: an argument has the wrong type (``body`` a ``str``, say).
            UnicodeEncodeError: a header holds a lone surrogate.
        """
        return _trtc_callback(_native.trtc_verify(
            self._handle, _header(sign, "sign"), _header(sdkappid, "sdkappid"),
            blob(body, "body"), integer(now, "now")))

    def sign(self, body: _BytesLike) -> str:
        """The ``Sign`` header Tencent sends with ``body``: the signing twin of the checks, for
        tests and local fakes of Tencent's servers.

        Raises:
            TypeError: ``body`` is not bytes.
        """
        return _native.trtc_sign(self._handle, blob(body, "body"))
