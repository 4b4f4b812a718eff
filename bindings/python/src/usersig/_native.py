"""The crossing into the Rust library: its own C ABI (``docs/abi.md``), called through cffi in
ABI mode, one call per operation (a batch: one per :data:`_BATCH` user ids).

Arguments cross as ``bytes`` objects, whose memory cffi lends to the call (no copy), and numbers
checked by :func:`integer` so that none is truncated (cffi itself refuses a number beyond its C
type with ``OverflowError``). Results come back in a per-thread buffer: the call returns their
length, and a result longer than the buffer is fetched again, once, with a buffer of that
length; an error is read from what the call wrote, never asked for again.
:mod:`._decode` reads them; errors become this package's exceptions.

A handle is a cffi pointer whose destructor frees the Rust object (which wipes its prepared HMAC
or SHA-256 state); each :class:`~usersig.Signer`, :class:`~usersig.Verifier`,
:class:`~usersig.AdminAuth` and callback verifier owns exactly one.
"""

from __future__ import annotations

import operator
import threading
from typing import Any, Callable, List, Optional, Sequence, SupportsIndex, Tuple

from . import _decode
from ._errors import from_abi
from ._ffi import ffi, lib

#: The ABI version this module is written for (``docs/abi.md``).
ABI_VERSION = 3
if lib.usersig_abi_version() != ABI_VERSION:
    raise ImportError(f"the usersig library has ABI version {lib.usersig_abi_version()}, "
                      f"this package needs {ABI_VERSION}: the installation is broken")

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1

_CAP = 1024  # enough for every token of a user id under ~600 bytes, and for claims
_new = ffi.new
_buffer_of = ffi.buffer
# For buffers the library fills before they are read: zeroing a batch's would cost a pass.
_new_uncleared = ffi.new_allocator(should_clear_after_alloc=False)
_unpack = ffi.unpack
_from_buffer = ffi.from_buffer
#: User ids a batch passes to the library at once.
_BATCH = 256
_buffers = threading.local()
_OK = b"\0"

_user_sig = lib.usersig_signer_user_sig
_user_sig_at = lib.usersig_signer_user_sig_at
_user_sig_with_userbuf_at = lib.usersig_signer_user_sig_with_userbuf_at
_private_map_key_at = lib.usersig_signer_private_map_key_at
_private_map_key_with_room_str_at = lib.usersig_signer_private_map_key_with_room_str_at
_user_sigs_at = lib.usersig_signer_user_sigs_at
_verify_at = lib.usersig_verifier_verify_at
_verify_with_userbuf_at = lib.usersig_verifier_verify_with_userbuf_at
_verify_any_userbuf_at = lib.usersig_verifier_verify_any_userbuf_at
_inspect = lib.usersig_inspect

_FAULTS = {
    -1: "a string argument is not UTF-8",
    -2: "the Rust library panicked (a bug in usersig; please report it)",
    -3: "a null pointer was passed",
    -4: "a length is too large",
}


class NativeFault(RuntimeError):
    """The library refused a call as a misuse of its ABI, or panicked: a bug in this package or
    in the library, never a bad argument of the caller (those raise :class:`UserSigError`)."""


def integer(value: object, name: str) -> int:
    """``value`` as a 64-bit integer for the library.

    Accepts ``int`` and objects with ``__index__`` (such as NumPy integers), but not ``bool``.
    Values beyond 64 bits are saturated: every limit the library checks lies far inside that
    range, so they still raise the library's own error (``ExpireOutOfRangeError`` and so on).

    Raises:
        TypeError: ``value`` is not an integer.
    """
    if type(value) is int:
        number = value
    elif isinstance(value, bool) or not isinstance(value, SupportsIndex):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    else:
        number = operator.index(value)
    if number > I64_MAX:
        return I64_MAX
    if number < I64_MIN:
        return I64_MIN
    return number


def text(value: object, name: str) -> bytes:
    """``value``, a ``str``, as UTF-8.

    Raises:
        TypeError: ``value`` is not a ``str``.
        UnicodeEncodeError: it holds a lone surrogate, which UTF-8 cannot encode.
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return value.encode()


def blob(value: object, name: str) -> bytes:
    """``value``, a bytes-like object, as ``bytes``.

    Raises:
        TypeError: ``value`` is not ``bytes``, ``bytearray`` or ``memoryview``.
    """
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError(f"{name} must be bytes, not {type(value).__name__}")
    return bytes(value)


def token_bytes(value: object) -> bytes:
    """A token as UTF-8. Characters UTF-8 cannot encode (lone surrogates) become ``?``, which no
    token contains, so such a string is refused as malformed rather than unencodable.

    Raises:
        TypeError: ``value`` is not a ``str``.
    """
    if not isinstance(value, str):
        raise TypeError(f"token must be a str, not {type(value).__name__}")
    return value.encode(errors="replace")


def _buffer() -> Tuple[Any, Any]:
    """This thread's output buffer of :data:`_CAP` bytes, and a cffi buffer over it, whose
    slices are ``bytes`` copied out of it."""
    try:
        return _buffers.pair  # type: ignore[no-any-return]
    except AttributeError:
        out = _new("char[]", _CAP)
        _buffers.pair = (out, _buffer_of(out, _CAP))
        return _buffers.pair  # type: ignore[no-any-return]


def _call(function: Callable[..., int], args: Tuple[Any, ...]) -> bytes:
    """Calls ``function(*args, out, cap)`` and returns its whole result."""
    out = _buffer()[0]
    return _rest(function, args, out, function(*args, out, _CAP))


def _rest(function: Callable[..., int], args: Tuple[Any, ...], out: Any, n: int) -> bytes:
    """The whole result of a call of ``function(*args, out, _CAP)`` that returned ``n``: read
    from ``out``, or, when it did not fit, from one more call with a buffer of the length it
    asked for (an upper bound: ``admin_url``'s result differs on every call)."""
    if n > _CAP:
        out = _new("char[]", n)
        n = function(*args, out, n)
    if n < 0:
        raise NativeFault(_FAULTS.get(n, f"fault {n}"))
    return _unpack(out, n)  # type: ignore[no-any-return]


def _raise(result: bytes) -> Exception:
    """The exception for an error result."""
    return from_abi(*_decode.error(result))


def _token_of(result: bytes) -> str:
    """The token of a whole result, or its error raised."""
    if result[:1] != _OK:
        raise _raise(result)
    return result[1:].decode("ascii")


def _token(function: Callable[..., int], *args: Any) -> str:
    """A call whose value is one token. Every signing call takes this route; the two hot ones
    (:func:`user_sig_now`, :func:`user_sig`) have it written out."""
    try:
        out, view = _buffers.pair
    except AttributeError:
        out, view = _buffer()
    n = function(*args, out, _CAP)
    if 0 < n <= _CAP and view[0] == _OK:
        return view[1:n].decode()  # type: ignore[no-any-return]
    return _token_of(_rest(function, args, out, n))


def user_sig_now(handle: Any, user_id: bytes, expire: int) -> str:
    """``Signer.user_sig`` issued now: :func:`_token` written out for the hot path (the library
    reads the clock). A token is ASCII, so UTF-8's decoder, the default, reads it as ASCII's
    would.

    Raises:
        OverflowError: ``expire`` is beyond 64 bits.
    """
    try:
        out, view = _buffers.pair
    except AttributeError:
        out, view = _buffer()
    n = _user_sig(handle, user_id, len(user_id), expire, out, _CAP)
    if 0 < n <= _CAP and view[0] == _OK:
        return view[1:n].decode()  # type: ignore[no-any-return]
    return _token_of(_rest(_user_sig, (handle, user_id, len(user_id), expire), out, n))


def user_sig(handle: Any, user_id: bytes, expire: int, now: int) -> str:
    """``Signer.user_sig`` at a given time, written out as :func:`user_sig_now` (the drop-in
    class's call)."""
    try:
        out, view = _buffers.pair
    except AttributeError:
        out, view = _buffer()
    n = _user_sig_at(handle, user_id, len(user_id), expire, now, out, _CAP)
    if 0 < n <= _CAP and view[0] == _OK:
        return view[1:n].decode()  # type: ignore[no-any-return]
    return _token_of(_rest(_user_sig_at, (handle, user_id, len(user_id), expire, now), out, n))


def user_sig_with_userbuf(handle: Any, user_id: bytes, userbuf: bytes, expire: int,
                          now: int) -> str:
    """``Signer.user_sig`` with a userbuf."""
    return _token(_user_sig_with_userbuf_at, handle, user_id, len(user_id), userbuf,
                  len(userbuf), expire, now)


def private_map_key(handle: Any, user_id: bytes, room_id: int, privileges: int, expire: int,
                    now: int) -> str:
    """``Signer.private_map_key`` for a numeric room."""
    return _token(_private_map_key_at, handle, user_id, len(user_id), room_id, privileges,
                  expire, now)


def private_map_key_with_room_str(handle: Any, user_id: bytes, room: bytes, privileges: int,
                                  expire: int, now: int) -> str:
    """``Signer.private_map_key`` for a string room."""
    return _token(_private_map_key_with_room_str_at, handle, user_id, len(user_id), room,
                  len(room), privileges, expire, now)


def user_sigs(handle: Any, user_ids: Sequence[str], joined_ids: str, expire: int,
              now: int) -> List[str]:
    """``Signer.user_sigs``: every token, minted :data:`_BATCH` user ids a call, each call's
    result read in one pass. ``joined_ids`` is ``"".join(user_ids)``, which the caller made to
    check the types. Every call is given the same ``now``, so the tokens are those of one call
    (and the first error is the first of them all); the chunks keep what each call writes and
    reads within the CPU's cache, which one call over thousands of ids does not."""
    if joined_ids.isascii():
        joined = joined_ids.encode("ascii")
        lengths = list(map(len, user_ids))
    else:
        encoded = [user_id.encode() for user_id in user_ids]
        joined = b"".join(encoded)
        lengths = list(map(len, encoded))
    source = _from_buffer(joined)
    lens = _new("size_t[]", lengths)
    tokens: List[str] = []
    offset = 0
    for first in range(0, len(lengths), _BATCH):
        chunk = lengths[first:first + _BATCH]
        size = sum(chunk)
        tokens += _batch(handle, source + offset, lens + first, len(chunk), size, expire, now)
        offset += size
    return tokens


def _batch(handle: Any, ids: Any, lens: Any, count: int, size: int, expire: int,
           now: int) -> List[str]:
    """The tokens of one call of ``usersig_signer_user_sigs_at`` for ``count`` user ids of
    ``size`` bytes in all."""
    # About what a token of each id takes, so that one call suffices.
    cap = 5 + 300 * count + 8 * size
    out = _new_uncleared("char[]", cap)
    args = (handle, ids, lens, count, expire, now)
    n = _user_sigs_at(*args, out, cap)
    if n > cap:
        out = _new_uncleared("char[]", n)
        n = _user_sigs_at(*args, out, n)
    if n < 0:
        raise NativeFault(_FAULTS.get(n, f"fault {n}"))
    # Read in place: the tokens are copied once, into their strings.
    result = memoryview(_buffer_of(out, n))
    if result[:1] != _OK:
        raise _raise(result.tobytes())
    return _decode.tokens(result)


def _claims(function: Callable[..., int], *args: Any) -> Tuple[Any, ...]:
    """A call whose value is claims: their fields, as :func:`._decode.claims` returns them."""
    result = _call(function, args)
    if result[:1] != _OK:
        raise _raise(result)
    return _decode.claims(result)


def verify(handle: Any, token: bytes, user_id: bytes, userbuf: Optional[bytes],
           now: int) -> Tuple[Any, ...]:
    """``Verifier.verify``: a token without a userbuf, or with exactly ``userbuf``."""
    if userbuf is None:
        return _claims(_verify_at, handle, token, len(token), user_id, len(user_id), now)
    return _claims(_verify_with_userbuf_at, handle, token, len(token), user_id, len(user_id),
                   userbuf, len(userbuf), now)


def verify_any_userbuf(handle: Any, token: bytes, user_id: bytes, now: int) -> Tuple[Any, ...]:
    """``Verifier.verify_any_userbuf``: a token with any userbuf, or none."""
    return _claims(_verify_any_userbuf_at, handle, token, len(token), user_id, len(user_id), now)


def inspect(token: bytes) -> Tuple[Any, ...]:
    """``inspect``: the fields of a token's claims, unverified."""
    return _claims(_inspect, token, len(token))


def _construct(function: Callable[..., int], kind: str, free: Any, *args: Any) -> Any:
    """Calls a constructor: its handle, owned by a cffi pointer that frees it when collected."""
    handle_out = _new(f"{kind} **")
    n = function(*args, handle_out, ffi.NULL, 0)
    if n == 0:
        return ffi.gc(handle_out[0], free)
    if n < 0:
        raise NativeFault(_FAULTS.get(n, f"fault {n}"))
    out = _new("char[]", n)
    function(*args, handle_out, out, n)
    raise _raise(_unpack(out, n))


def new_signer(sdkappid: int, key: bytes) -> Any:
    """A signer's handle.

    Raises:
        UserSigError: the library refused the key or the sdkappid.
    """
    return _construct(lib.usersig_signer_new, "usersig_signer", lib.usersig_signer_free,
                      sdkappid, key, len(key))


def new_verifier(sdkappid: int, keys: Sequence[bytes]) -> Any:
    """A verifier's handle.

    Raises:
        UserSigError: the library refused a key or the sdkappid.
    """
    lens = _new("size_t[]", [len(key) for key in keys])
    return _construct(lib.usersig_verifier_new, "usersig_verifier", lib.usersig_verifier_free,
                      sdkappid, b"".join(keys), lens, len(keys))


def error_kinds() -> List[Tuple[str, int]]:
    """The core's error kinds in order, each with its Tencent code (0 for none)."""
    return _decode.named_numbers(_call(lib.usersig_error_kinds, ()), "i32")


def constants() -> List[Tuple[str, int]]:
    """The core's constants (``DEFAULT_EXPIRE``, ``MAX_EXPIRE``, the limits), by name."""
    return _decode.named_numbers(_call(lib.usersig_constants, ()), "i64")


#: ``endpoint_kind`` values of ``usersig_admin_new``.
ENDPOINT_REGION, ENDPOINT_HOST, ENDPOINT_URL = 0, 1, 2
_admin_url_at = lib.usersig_admin_url_at
_admin_user_sig_at = lib.usersig_admin_user_sig_at


def new_admin(sdkappid: int, key: bytes, admin: bytes, endpoint_kind: int, endpoint: bytes,
              validity: int, renew_margin: int) -> Any:
    """An admin's handle.

    Raises:
        UserSigError: the library refused a setting.
    """
    return _construct(lib.usersig_admin_new, "usersig_admin", lib.usersig_admin_free,
                      sdkappid, key, len(key), admin, len(admin), endpoint_kind, endpoint,
                      len(endpoint), validity, renew_margin)


def admin_url(handle: Any, service: bytes, command: bytes, now: int) -> str:
    """``AdminAuth.url``. Its result differs on every call (a fresh random number), so the
    retry uses the upper bound the library returns rather than expecting the same length."""
    return _token(_admin_url_at, handle, service, len(service), command, len(command), now)


def admin_user_sig(handle: Any, now: int) -> str:
    """``AdminAuth.user_sig``: the cached admin token."""
    return _token(_admin_user_sig_at, handle, now)


def admin_endpoint(handle: Any) -> str:
    """The admin's base URL."""
    return _token(lib.usersig_admin_endpoint, handle)


def _flagged(value: Optional[int]) -> Tuple[int, int]:
    """An optional argument as the library takes it: a presence flag, then the value."""
    return (0, 0) if value is None else (1, value)


def new_chat_callback(token: bytes, sdkappid: Optional[int], window: int) -> Any:
    """A Chat callback verifier's handle; ``sdkappid`` ``None`` for any.

    Raises:
        UserSigError: the library refused the token, the sdkappid or the window.
    """
    return _construct(lib.usersig_chat_callback_new, "usersig_chat_callback",
                      lib.usersig_chat_callback_free, token, len(token), *_flagged(sdkappid),
                      window)


def new_trtc_callback(key: bytes, sdkappid: Optional[int], window: Optional[int]) -> Any:
    """A TRTC callback verifier's handle; ``sdkappid`` ``None`` for any, ``window`` for none.

    Raises:
        UserSigError: the library refused the key, the sdkappid or the window.
    """
    return _construct(lib.usersig_trtc_callback_new, "usersig_trtc_callback",
                      lib.usersig_trtc_callback_free, key, len(key), *_flagged(sdkappid),
                      *_flagged(window))


def _value(function: Callable[..., int], args: Tuple[Any, ...]) -> bytes:
    """A call's whole result if it is a value, or its error raised."""
    result = _call(function, args)
    if result[:1] != _OK:
        raise _raise(result)
    return result


def chat_verify_query(handle: Any, query: bytes, now: int) -> Tuple[Any, ...]:
    """``ChatCallbackVerifier.verify_query_at``: the fields of the callback."""
    return _decode.chat_callback(_value(lib.usersig_chat_callback_verify_query_at,
                                        (handle, query, len(query), now)))


def chat_verify_params(handle: Any, names: Sequence[bytes], values: Sequence[bytes],
                       now: int) -> Tuple[Any, ...]:
    """``ChatCallbackVerifier.verify_params_at``: the fields of the callback."""
    name_lens = _new("size_t[]", [len(name) for name in names])
    value_lens = _new("size_t[]", [len(value) for value in values])
    return _decode.chat_callback(_value(lib.usersig_chat_callback_verify_params_at, (
        handle, b"".join(names), name_lens, b"".join(values), value_lens, len(names), now)))


def chat_sign(handle: Any, request_time: int) -> str:
    """``ChatCallbackVerifier.sign``."""
    return _token(lib.usersig_chat_callback_sign, handle, request_time)


def trtc_verify(handle: Any, sign: bytes, sdkappid: bytes, body: bytes,
                now: int) -> Tuple[Any, ...]:
    """``TrtcCallbackVerifier.verify_at``: the fields of the callback."""
    return _decode.trtc_callback(_value(lib.usersig_trtc_callback_verify_at, (
        handle, sign, len(sign), sdkappid, len(sdkappid), body, len(body), now)))


def trtc_sign(handle: Any, body: bytes) -> str:
    """``TrtcCallbackVerifier.sign``."""
    return _token(lib.usersig_trtc_callback_sign, handle, body, len(body))
