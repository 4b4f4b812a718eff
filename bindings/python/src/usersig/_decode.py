"""Reading the library's results: the encoding of ``docs/abi.md`` ("Results").

A result is a tag byte (0 a value, 1 an error), then little-endian fixed-width integers and
strings prefixed by their ``u32`` length in bytes.
"""

from __future__ import annotations

import struct
from typing import Any, Dict, List, Optional, Tuple, Union

_U8 = struct.Struct("<B").unpack_from
_U32 = struct.Struct("<I").unpack_from
_I32 = struct.Struct("<i").unpack_from
_I64 = struct.Struct("<q").unpack_from
#: Claims after the user id: four numbers, the userbuf flag; then, when there is no userbuf,
#: the grant's kind and the signature's length.
_PLAIN_CLAIMS = struct.Struct("<qqqqBBI").unpack_from

#: A result: the bytes of a copy, or a view of the library's buffer.
Data = Union[bytes, memoryview]

#: An error's fields by name, as the library names them.
Fields = Dict[str, Union[int, str]]


class Reader:
    """A cursor over one result."""

    __slots__ = ("data", "offset")

    def __init__(self, data: Data, offset: int = 1) -> None:
        self.data = data
        self.offset = offset

    def u8(self) -> int:
        """A ``u8``."""
        value: int = _U8(self.data, self.offset)[0]
        self.offset += 1
        return value

    def u32(self) -> int:
        """A ``u32``."""
        value: int = _U32(self.data, self.offset)[0]
        self.offset += 4
        return value

    def i32(self) -> int:
        """An ``i32``."""
        value: int = _I32(self.data, self.offset)[0]
        self.offset += 4
        return value

    def i64(self) -> int:
        """An ``i64``."""
        value: int = _I64(self.data, self.offset)[0]
        self.offset += 8
        return value

    def blob(self) -> Data:
        """Bytes after their ``u32`` length (a view if the result is one)."""
        start = self.offset + 4
        self.offset = start + _U32(self.data, self.offset)[0]
        return self.data[start:self.offset]

    def text(self) -> str:
        """A UTF-8 string after its ``u32`` length."""
        return str(self.blob(), "utf-8")

    def end(self) -> None:
        """Checks that the whole result was read."""
        if self.offset != len(self.data):
            raise ValueError("the library's result has trailing bytes")


def claims(data: bytes) -> Tuple[Any, ...]:
    """The fields of an encoded ``Claims``: user id, sdkappid, issued at, expire, expires at,
    userbuf (or ``None``), grant (``None`` or its user id, sdkappid, room, privileges, expires
    at, with the room an ``int`` or a ``str``) and signature."""
    # The common claims (no userbuf, no grant) are read with two struct calls, without a
    # Reader, whose method calls were most of the time.
    start = 5 + _U32(data, 1)[0]
    user_id = str(data[5:start], "utf-8")
    sdkappid, issued_at, expire, expires_at, has_userbuf, room_kind, signature_len = (
        _PLAIN_CLAIMS(data, start))
    if not has_userbuf and not room_kind:
        signature_bytes = data[start + 38:]
        if len(signature_bytes) != signature_len:
            raise ValueError("the library's result has trailing bytes")
        return (user_id, sdkappid, issued_at, expire, expires_at, None, None,
                str(signature_bytes, "utf-8"))
    r = Reader(data, start + 33)
    userbuf = bytes(r.blob()) if has_userbuf else None
    grant: Optional[Tuple[Any, ...]] = None
    room_kind = r.u8()
    if room_kind:
        grant_user = r.text()
        grant_app = r.i64()
        room: Union[int, str] = r.i64() if room_kind == 1 else r.text()
        grant = (grant_user, grant_app, room, r.i64(), r.i64())
    signature = r.text()
    r.end()
    return (user_id, sdkappid, issued_at, expire, expires_at, userbuf, grant, signature)


def chat_callback(data: bytes) -> Tuple[str, int, int, Tuple[Tuple[str, str], ...]]:
    """An encoded Chat callback: command, sdkappid, request time, and the other parameters as
    (name, value) pairs in order."""
    r = Reader(data)
    command = r.text()
    sdkappid = r.i64()
    request_time = r.i64()
    params = tuple((r.text(), r.text()) for _ in range(r.u32()))
    r.end()
    return command, sdkappid, request_time, params


def trtc_callback(data: bytes) -> Tuple[int, Optional[int], Optional[int], Optional[int]]:
    """An encoded TRTC callback: sdkappid, then event group, event type and callback time, each
    ``None`` when absent."""
    r = Reader(data)
    sdkappid = r.i64()
    group, event, ts = (r.i64() if r.u8() else None for _ in range(3))
    r.end()
    return sdkappid, group, event, ts


def tokens(data: Data) -> List[str]:
    """An encoded list of tokens: a count, then one string of the tokens joined by newlines."""
    r = Reader(data)
    count = r.u32()
    joined = r.blob()
    r.end()
    if count == 0:
        return []
    result = str(joined, "ascii").split("\n")
    if len(result) != count:
        raise ValueError(f"the library's batch of {count} tokens holds {len(result)}")
    return result


def error(data: bytes) -> Tuple[str, int, str, Fields]:
    """An encoded error: kind, Tencent code (0 for none), message, fields."""
    r = Reader(data)
    kind = r.text()
    code = r.i32()
    message = r.text()
    fields: Fields = {}
    for _ in range(r.u8()):
        name = r.text()
        fields[name] = r.i64() if r.u8() == ord("i") else r.text()
    r.end()
    return kind, code, message, fields


def named_numbers(data: bytes, width: str) -> List[Tuple[str, int]]:
    """A list of (name, number) pairs, the number an ``i32`` or an ``i64``."""
    r = Reader(data)
    read = r.i32 if width == "i32" else r.i64
    pairs = []
    for _ in range(r.u32()):
        name = r.text()
        pairs.append((name, read()))
    r.end()
    return pairs
