"""The crossing into the Rust library, with as little Python per call as UniFFI's ABI allows.

The generated module (``usersig._ffi``) loads the library, checks its contract version and API
checksums, and declares the C prototype of every function. Its wrapper methods, though, spend
most of a call in Python (about two thirds of a signing call, measured by ``bench.py``):
argument checks, a ``RustBuffer`` built through a context manager with an ``alloc`` and a
``memmove``, the result read through a stream object. This module calls the same C functions
directly:

- a string argument crosses with one ``rustbuffer_from_bytes`` call that lends the ``bytes``
  object's memory (no Python-side buffer building);
- a string result is read with one ``ctypes.string_at`` and freed;
- the status struct is the generated one, and errors are lifted by the generated converters,
  then turned into this package's exceptions.

The calls take arguments already checked and encoded by :func:`integer`, :func:`text`,
:func:`blob`, :func:`texts` and :func:`token_bytes`, so ctypes never truncates a value and
nothing can fail between cloning an object's handle and the call that consumes it.
"""

from __future__ import annotations

import ctypes
import operator
import struct
from typing import Any, Callable, Dict, List, Optional, Sequence, SupportsIndex, Tuple

from ._errors import from_ffi
from ._ffi import usersig_ffi as _g

_lib: Any = _g._UniffiLib
_Status: Any = _g._UniffiRustCallStatus
_RustBuffer: Any = _g._UniffiRustBuffer
_byref = ctypes.byref
_string_at = ctypes.string_at
_U32 = struct.Struct(">I")  # UniFFI's lengths and counts: big-endian
_pack_u32 = _U32.pack
_unpack_u32 = _U32.unpack_from
_CALL_ERROR: int = _Status.CALL_ERROR

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1
# ForeignBytes carries an i32 length.
_MAX_BYTES = 2**31 - 1


class _Bytes(ctypes.Structure):
    """UniFFI's ``ForeignBytes`` with a ``c_char_p`` pointer, so ``bytes`` are lent, not copied."""

    _fields_ = [("len", ctypes.c_int32), ("data", ctypes.c_char_p)]


# The generated prototype takes `_UniffiForeignBytes` (same layout, a `POINTER(c_char)` pointer
# that a `bytes` object cannot be assigned to); a fresh function object gets `_Bytes` instead,
# leaving the generated one untouched.
_from_bytes = _lib["ffi_usersig_ffi_rustbuffer_from_bytes"]
_from_bytes.argtypes = (_Bytes, ctypes.POINTER(_Status))
_from_bytes.restype = _RustBuffer
_free = _lib.ffi_usersig_ffi_rustbuffer_free
_clone_signer = _lib.uniffi_usersig_ffi_fn_clone_signer
_clone_verifier = _lib.uniffi_usersig_ffi_fn_clone_verifier
_user_sig = _lib.uniffi_usersig_ffi_fn_method_signer_user_sig
_user_sig_at = _lib.uniffi_usersig_ffi_fn_method_signer_user_sig_at
_error_converter = _g._UniffiFfiConverterTypeUserSigError
_claims_converter = _g._UniffiFfiConverterTypeClaims

# The signer's methods other than `user_sig`, keyed by name: (without a clock, with `now`).
_SIGNER_METHODS: Dict[str, Tuple[Any, Any]] = {
    name: (
        getattr(_lib, f"uniffi_usersig_ffi_fn_method_signer_{name}"),
        getattr(_lib, f"uniffi_usersig_ffi_fn_method_signer_{name}_at"),
    )
    for name in (
        "user_sig_with_userbuf",
        "private_map_key",
        "private_map_key_with_room_str",
        "user_sigs",
    )
}
_VERIFY = (_lib.uniffi_usersig_ffi_fn_method_verifier_verify,
           _lib.uniffi_usersig_ffi_fn_method_verifier_verify_at)
_VERIFY_WITH_USERBUF = (_lib.uniffi_usersig_ffi_fn_method_verifier_verify_with_userbuf,
                        _lib.uniffi_usersig_ffi_fn_method_verifier_verify_with_userbuf_at)
_inspect = _lib.uniffi_usersig_ffi_fn_func_inspect

#: The exception the generated bindings raise for an error of the library.
FfiError: Any = _g.UserSigError
#: The generated object classes, whose instances own a handle to a Rust object.
FfiSigner: Any = _g.Signer
FfiVerifier: Any = _g.Verifier


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
        OverflowError: it is 2 GiB or longer.
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return _sized(value.encode(), name)


def blob(value: object, name: str) -> bytes:
    """``value``, a bytes-like object, as a length-prefixed ``Vec<u8>`` argument.

    Raises:
        TypeError: ``value`` is not ``bytes``, ``bytearray`` or ``memoryview``.
        OverflowError: it is 2 GiB or longer.
    """
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError(f"{name} must be bytes, not {type(value).__name__}")
    data = bytes(value)
    return _sized(_pack_u32(len(data)) + data, name)


def texts(values: Sequence[bytes], name: str) -> bytes:
    """UTF-8 strings as one ``Vec<String>`` argument: a count, then each with its length.

    Raises:
        OverflowError: the whole is 2 GiB or longer.
    """
    pack = _pack_u32
    return _sized(pack(len(values)) + b"".join([pack(len(value)) + value for value in values]),
                  name)


def token_bytes(value: object) -> bytes:
    """A token as UTF-8. Characters UTF-8 cannot encode (lone surrogates) become ``?``, which no
    token contains, so such a string is refused as malformed rather than unencodable.

    Raises:
        TypeError: ``value`` is not a ``str``.
        OverflowError: it is 2 GiB or longer.
    """
    if not isinstance(value, str):
        raise TypeError(f"token must be a str, not {type(value).__name__}")
    return _sized(value.encode(errors="replace"), "token")


def _sized(data: bytes, name: str) -> bytes:
    """``data``, if its length fits the i32 of ``ForeignBytes``."""
    if len(data) > _MAX_BYTES:
        raise OverflowError(f"{name} is 2 GiB or longer")
    return data


def _lower(data: bytes, status: Any) -> Any:
    """A Rust-owned ``RustBuffer`` holding a copy of ``data`` (sized by :func:`_sized`)."""
    return _from_bytes(_Bytes(len(data), data), status)


def _error(status: Any) -> Exception:
    """The exception for a failed call: this package's for a library error, and the generated
    ``InternalError`` with the panic's message for a Rust panic (a bug in the library)."""
    if status.code == _CALL_ERROR:
        return from_ffi(_error_converter.lift(status.error_buf))
    message = "Rust panic"
    if status.error_buf.len:
        message = _g._UniffiFfiConverterString.lift(status.error_buf)
    panic: Exception = _g.InternalError(message)
    return panic


def _take_text(status: Any, pointer: Any, buf: Any) -> str:
    """The string a call returned, after checking its status; frees the buffer."""
    if status.code:
        raise _error(status)
    result = _string_at(buf.data, buf.len).decode()
    _free(buf, pointer)
    return result


def user_sig(handle: int, user_id: bytes, expire: int, now: Optional[int]) -> str:
    """``Signer.user_sig`` / ``user_sig_at``: the hot path, written out."""
    status = _Status()
    pointer = _byref(status)
    arg = _from_bytes(_Bytes(len(user_id), user_id), pointer)
    if now is None:
        buf = _user_sig(_clone_signer(handle, pointer), arg, expire, pointer)
    else:
        buf = _user_sig_at(_clone_signer(handle, pointer), arg, expire, now, pointer)
    return _take_text(status, pointer, buf)


def _signer_call(handle: int, name: str, payloads: Sequence[bytes], numbers: Sequence[int],
                 now: Optional[int]) -> Tuple[Any, Any, Any]:
    """Calls the signer method ``name`` (its ``_at`` twin when ``now`` is given) with the
    string/bytes ``payloads`` and then the integer ``numbers``; returns (status, pointer, buf)."""
    status = _Status()
    pointer = _byref(status)
    args: List[Any] = [_clone_signer(handle, pointer)]
    args.extend(_lower(payload, pointer) for payload in payloads)
    args.extend(numbers)
    without_clock, with_clock = _SIGNER_METHODS[name]
    if now is None:
        buf = without_clock(*args, pointer)
    else:
        buf = with_clock(*args, now, pointer)
    return status, pointer, buf


def signer_text(handle: int, name: str, payloads: Sequence[bytes], numbers: Sequence[int],
                now: Optional[int]) -> str:
    """A signer method that returns one token."""
    return _take_text(*_signer_call(handle, name, payloads, numbers, now))


def user_sigs(handle: int, user_ids: bytes, expire: int, now: Optional[int]) -> List[str]:
    """``Signer.user_sigs``, with the ids encoded by :func:`texts`: every token in one call, the
    result read in one pass."""
    status, pointer, buf = _signer_call(handle, "user_sigs", (user_ids,), (expire,), now)
    if status.code:
        raise _error(status)
    raw = _string_at(buf.data, buf.len)
    _free(buf, pointer)
    # Tokens are ASCII, so Latin-1 decoding keeps byte offsets and character offsets equal.
    chars = raw.decode("latin-1")
    tokens: List[str] = []
    append = tokens.append
    offset = 4
    for _ in range(_unpack_u32(raw, 0)[0]):
        start = offset + 4
        offset = start + _unpack_u32(raw, offset)[0]
        append(chars[start:offset])
    return tokens


def _take_claims(status: Any, buf: Any) -> Any:
    """The generated ``Claims`` record a call returned, after checking its status."""
    if status.code:
        raise _error(status)
    return _claims_converter.lift(buf)


def verify(handle: int, token: bytes, user_id: bytes, userbuf: Optional[bytes],
           now: Optional[int]) -> Any:
    """``Verifier.verify`` and its three twins (with a userbuf, with a clock)."""
    status = _Status()
    pointer = _byref(status)
    args: List[Any] = [_clone_verifier(handle, pointer), _lower(token, pointer),
                       _lower(user_id, pointer)]
    functions = _VERIFY
    if userbuf is not None:
        args.append(_lower(userbuf, pointer))
        functions = _VERIFY_WITH_USERBUF
    function: Callable[..., Any]
    if now is None:
        function = functions[0]
    else:
        function = functions[1]
        args.append(now)
    return _take_claims(status, function(*args, pointer))


def inspect(token: bytes) -> Any:
    """``inspect``: the generated ``Claims`` of a token, unverified."""
    status = _Status()
    pointer = _byref(status)
    return _take_claims(status, _inspect(_lower(token, pointer), pointer))
