"""The Pythonic API: :class:`Signer`, :class:`Verifier`, :func:`inspect` and their records."""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Tuple, Type, TypeVar, Union

from . import _native
from ._native import blob, integer, text
from ._native import user_sig_now as _user_sig_now


_CONSTANTS = dict(_native.constants())

#: The validity used when none is given: 180 days, in seconds (Tencent's default).
DEFAULT_EXPIRE: int = _CONSTANTS["DEFAULT_EXPIRE"]

# What a userbuf may be given as.
_BytesLike = Union[bytes, bytearray, memoryview]

#: The longest validity the signer accepts: 50 years of 365 days, in seconds.
MAX_EXPIRE: int = _CONSTANTS["MAX_EXPIRE"]


class Privilege(enum.IntFlag):
    """What a PrivateMapKey lets a user do in a TRTC room: eight bits, combined with ``|``.

    >>> Privilege.ENTER_ROOM | Privilege.RECV_AUDIO | Privilege.RECV_VIDEO == 42
    True
    """

    CREATE_ROOM = 1
    """May create the room."""
    ENTER_ROOM = 2
    """May enter the room."""
    SEND_AUDIO = 4
    """May send audio."""
    RECV_AUDIO = 8
    """May receive audio."""
    SEND_VIDEO = 16
    """May send video."""
    RECV_VIDEO = 32
    """May receive video."""
    SEND_SUB_STREAM = 64
    """May send the sub-stream (screen sharing)."""
    RECV_SUB_STREAM = 128
    """May receive the sub-stream (screen sharing)."""
    ALL = 255
    """Every privilege."""


@dataclass(frozen=True)
class Grant:
    """A PrivateMapKey's grant: who may do what in which TRTC room, until when."""

    user_id: str
    """The user id the grant is for."""
    sdkappid: int
    """The application the grant is for."""
    room: Union[int, str]
    """The room: an ``int`` for a numeric room id, a ``str`` for a string room id."""
    privileges: Privilege
    """What the user may do there."""
    expires_at: int
    """The absolute Unix time after which the grant is void."""


@dataclass(frozen=True)
class Claims:
    """What a token says: verified when a :class:`Verifier` returns it, unverified from
    :func:`inspect`."""

    user_id: str
    """``TLS.identifier``: the user id the token was issued to."""
    sdkappid: int
    """``TLS.sdkappid``: the application the token was issued for."""
    issued_at: int
    """``TLS.time``: when the token was issued, in Unix seconds."""
    expire: int
    """``TLS.expire``: how long the token is valid after ``issued_at``, in seconds."""
    expires_at: int
    """The last second at which the token is valid: ``issued_at + expire``."""
    userbuf: Optional[bytes]
    """``TLS.userbuf``, decoded, when the token carries one."""
    grant: Optional[Grant]
    """The PrivateMapKey grant, when the userbuf is one."""
    signature: str
    """``TLS.sig``: the signature, base64 as it stands in the token."""

    def seconds_left(self, now: Optional[int] = None) -> int:
        """Seconds until the token expires: 0 in its last valid second, negative once it has
        expired (that many seconds ago).

        Args:
            now: the time in Unix seconds; the system clock when ``None``.

        >>> claims = inspect(Signer(1400000000, "key").user_sig("a", 60, now=1700000000))
        >>> claims.seconds_left(now=1700000000), claims.seconds_left(now=1700000061)
        (60, -1)
        """
        return self.expires_at - _clock(now)

    def should_renew(self, margin: int, now: Optional[int] = None) -> bool:
        """Whether fewer than ``margin`` seconds are left: time to mint a fresh token.

        Args:
            margin: seconds before expiry from which to renew.
            now: the time in Unix seconds; the system clock when ``None``.
        """
        return self.seconds_left(now) < integer(margin, "margin")


_Record = TypeVar("_Record")
_new = object.__new__


def _record(cls: Type[_Record], fields: Dict[str, Any]) -> _Record:
    """An instance of the frozen dataclass ``cls`` holding ``fields``, made without calling
    its ``__init__``: that sets each field through ``object.__setattr__``, which cost more than
    the whole crossing into Rust to verify a token. The instance is the same as ``__init__``
    makes (a frozen dataclass keeps its fields in the instance ``__dict__``)."""
    record = _new(cls)
    record.__dict__.update(fields)
    return record


def _claims(fields: Tuple[Any, ...]) -> Claims:
    """This package's :class:`Claims` for the fields the library returned."""
    user_id, sdkappid, issued_at, expire, expires_at, userbuf, grant, signature = fields
    if grant is not None:
        grant_user, grant_app, room, privileges, grant_expiry = grant
        grant = _record(Grant, {
            "user_id": grant_user,
            "sdkappid": grant_app,
            "room": room,
            "privileges": Privilege(privileges),
            "expires_at": grant_expiry,
        })
    return _record(Claims, {
        "user_id": user_id,
        "sdkappid": sdkappid,
        "issued_at": issued_at,
        "expire": expire,
        "expires_at": expires_at,
        "userbuf": userbuf,
        "grant": grant,
        "signature": signature,
    })


def _clock(now: Optional[int]) -> int:
    """``now`` checked as an integer, or the system clock in Unix seconds when ``None``."""
    return int(time.time()) if now is None else integer(now, "now")


_Self = TypeVar("_Self", bound="_KeyHolder")


class _KeyHolder:
    """What a signer and a verifier share: an sdkappid and a native object holding the key."""

    __slots__ = ("_handle", "_sdkappid")
    _handle: Any
    _sdkappid: int

    @property
    def sdkappid(self) -> int:
        """The application whose tokens this object mints or checks."""
        return self._sdkappid

    def __repr__(self) -> str:
        return f"{type(self).__name__}(sdkappid={self._sdkappid})"

    def __copy__(self: _Self) -> _Self:
        return self  # immutable, and its native object must have exactly one owner

    def __deepcopy__(self: _Self, memo: Dict[int, Any]) -> _Self:
        return self

    def __reduce__(self) -> Any:
        raise TypeError(f"a {type(self).__name__} cannot be pickled: it does not keep its key")


class Signer(_KeyHolder):
    """Mints UserSigs and PrivateMapKeys for one application.

    The key is prepared once, in Rust, into an HMAC state that can sign just as the key can;
    the raw key is not kept, and the state is never shown and is wiped when the signer is
    collected.
    A signer is safe to share between threads, and signing releases the GIL.

    >>> signer = Signer(1400000000, "my secret key")
    >>> token = signer.user_sig("alice")

    Raises:
        EmptyKeyError: ``key`` is empty.
        SdkAppIdOutOfRangeError: ``sdkappid`` is outside 0..4294967295.
        TypeError: an argument has the wrong type.
    """

    __slots__ = ()

    def __init__(self, sdkappid: int, key: str) -> None:
        sdkappid = integer(sdkappid, "sdkappid")
        self._handle = _native.new_signer(sdkappid, text(key, "key"))
        self._sdkappid = sdkappid

    def user_sig(
        self,
        user_id: str,
        expire: int = DEFAULT_EXPIRE,
        *,
        userbuf: Optional[_BytesLike] = None,
        now: Optional[int] = None,
    ) -> str:
        """A UserSig for ``user_id``, valid for ``expire`` seconds.

        Args:
            user_id: the user's id (any Unicode text, up to 1024 bytes of UTF-8).
            expire: validity in seconds, 1 to 50 years; 180 days by default.
            userbuf: application bytes to carry in the token (``TLS.userbuf``), if any.
            now: the issue time in Unix seconds; the system clock when ``None``.

        Raises:
            EmptyUserIdError, UserIdTooLongError, UserIdControlCharError, UserbufTooLongError,
            ExpireOutOfRangeError, TimeOutOfRangeError, ExpiryOverflowError: an input no valid
            token can carry.
            TypeError: an argument has the wrong type.
            UnicodeEncodeError: ``user_id`` holds a lone surrogate.
        """
        if userbuf is None and type(user_id) is str and type(expire) is int and now is None:
            # The common call, with its checks inlined; an expire past 64 bits takes the
            # checked path below, which saturates it for the library's own range error.
            try:
                return _user_sig_now(self._handle, user_id.encode(), expire)
            except OverflowError:
                pass
        uid = text(user_id, "user_id")
        expire = integer(expire, "expire")
        now = _clock(now)
        if userbuf is None:
            return _native.user_sig(self._handle, uid, expire, now)
        return _native.user_sig_with_userbuf(
            self._handle, uid, blob(userbuf, "userbuf"), expire, now
        )

    def user_sigs(
        self,
        user_ids: Iterable[str],
        expire: int = DEFAULT_EXPIRE,
        *,
        now: Optional[int] = None,
    ) -> List[str]:
        """One UserSig per user id, all issued at the same second, in one call into Rust for
        each 256 of them.

        Much faster per token than :meth:`user_sig` for many users.

        Raises:
            The errors of :meth:`user_sig`, for the first user id that fails; no token is
            returned then.
        """
        if isinstance(user_ids, (str, bytes)):
            raise TypeError("user_ids must be an iterable of str, not a single string")
        ids = list(user_ids)
        try:
            joined = "".join(ids)  # checks that every item is a str, at C speed
        except TypeError:
            raise TypeError("user_ids must hold only str") from None
        return _native.user_sigs(self._handle, ids, joined, integer(expire, "expire"), _clock(now))

    def private_map_key(
        self,
        user_id: str,
        room: Union[int, str],
        privileges: int,
        expire: int = DEFAULT_EXPIRE,
        *,
        now: Optional[int] = None,
    ) -> str:
        """A PrivateMapKey: a UserSig whose userbuf lets ``user_id`` do ``privileges`` in
        ``room`` until ``now + expire``.

        Args:
            user_id: the user's id.
            room: a numeric room id (``int``, 1..4294967294) or a string room id (``str``,
                1 to 64 bytes of UTF-8).
            privileges: a :class:`Privilege` combination (0..255).
            expire: validity in seconds; 180 days by default.
            now: the issue time in Unix seconds; the system clock when ``None``.

        Raises:
            RoomIdOutOfRangeError, EmptyRoomStrError, RoomStrTooLongError,
            PrivilegeOutOfRangeError, and the errors of :meth:`user_sig`.
            TypeError: an argument has the wrong type.
        """
        uid = text(user_id, "user_id")
        mask = integer(privileges, "privileges")
        expire = integer(expire, "expire")
        now = _clock(now)
        if isinstance(room, str):
            return _native.private_map_key_with_room_str(
                self._handle, uid, text(room, "room"), mask, expire, now
            )
        return _native.private_map_key(
            self._handle, uid, integer(room, "room"), mask, expire, now
        )


class Verifier(_KeyHolder):
    """Checks tokens for one application against one or more keys.

    Accepts the tokens of every official Tencent library. Give the current key first and
    older ones after it to accept tokens signed before a key rotation.

    >>> verifier = Verifier(1400000000, "my secret key")
    >>> verifier.verify(Signer(1400000000, "my secret key").user_sig("alice"), "alice").user_id
    'alice'

    Raises:
        EmptyKeyError: a key is empty.
        SdkAppIdOutOfRangeError: ``sdkappid`` is outside 0..4294967295.
        TypeError: an argument has the wrong type.
    """

    __slots__ = ()

    def __init__(self, sdkappid: int, key: str, *older_keys: str) -> None:
        sdkappid = integer(sdkappid, "sdkappid")
        keys = [text(each, "key") for each in (key, *older_keys)]
        self._handle = _native.new_verifier(sdkappid, keys)
        self._sdkappid = sdkappid

    def verify(
        self,
        token: str,
        user_id: str,
        *,
        userbuf: Optional[_BytesLike] = None,
        now: Optional[int] = None,
    ) -> Claims:
        """The claims of ``token`` if it is a valid UserSig for ``user_id``.

        A token is valid up to and including its last second, ``issued_at + expire``. A token
        that carries a userbuf (a PrivateMapKey, say) is refused unless ``userbuf`` is given:
        it was made for a narrower purpose than logging in. To accept one whatever its userbuf,
        and judge its grant yourself, use :meth:`verify_any_userbuf`.

        Args:
            token: the UserSig.
            user_id: the user id it must have been issued to (compared exactly).
            userbuf: if given, the token must carry exactly these bytes.
            now: the time of the check in Unix seconds; the system clock when ``None``.

        Raises:
            MalformedTokenError, SdkAppIdMismatchError, UserIdMismatchError, ExpiredError,
            BadSignatureError: the token is refused, with the ``tencent_code`` Tencent's
            servers would report.
            UnexpectedUserbufError: no ``userbuf`` is given and the token carries one.
            MissingUserbufError, UserbufMismatchError: ``userbuf`` is given and the token
            carries none, or other bytes.
            TypeError: an argument has the wrong type.
        """
        return _claims(
            _native.verify(
                self._handle,
                _native.token_bytes(token),
                text(user_id, "user_id"),
                None if userbuf is None else blob(userbuf, "userbuf"),
                _clock(now),
            )
        )

    def verify_any_userbuf(self, token: str, user_id: str, *, now: Optional[int] = None) -> Claims:
        """The claims of ``token`` if it is valid for ``user_id``, whatever userbuf it carries,
        if any: for PrivateMapKeys, whose :attr:`Claims.grant` the caller then checks.

        >>> signer = Signer(1400000000, "my secret key")
        >>> key = signer.private_map_key("alice", 1234, Privilege.ENTER_ROOM)
        >>> Verifier(1400000000, "my secret key").verify_any_userbuf(key, "alice").grant.room
        1234

        Raises:
            The errors of :meth:`verify` but those about the userbuf.
        """
        return _claims(
            _native.verify_any_userbuf(
                self._handle, _native.token_bytes(token), text(user_id, "user_id"), _clock(now)
            )
        )


def inspect(token: str) -> Claims:
    """Decodes ``token`` **without checking its signature or expiry**, for support and
    debugging. Never trust what it returns; use a :class:`Verifier` for that.

    Raises:
        MalformedTokenError: ``token`` cannot be decoded.
        TypeError: ``token`` is not a ``str``.
    """
    return _claims(_native.inspect(_native.token_bytes(token)))

