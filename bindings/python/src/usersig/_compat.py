"""A drop-in for Tencent's own ``TLSSigAPIv2`` class (PyPI ``tls-sig-api-v2``)."""

from __future__ import annotations

import time
from typing import Union

from ._api import DEFAULT_EXPIRE, Signer
from ._native import integer
from ._native import user_sig as _user_sig_at


def _user_id(value: Union[str, int]) -> str:
    """The user id as text: like the official library, an ``int`` id is written in decimal.

    Anything else but a ``str`` (``None`` included, which the official library would sign as
    the user ``"None"``) raises ``TypeError``.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(f"userid must be a str or an int, not {type(value).__name__}")
    return value


def _number(value: Union[int, str], name: str) -> int:
    """An integer argument. Like the official class, which writes ``str(value)`` into the signed
    content, a decimal string (as read from configuration) is accepted, if it is written the way
    ``str()`` writes its number: ``"86400"``, not ``" 86400"`` or ``"086400"``."""
    if isinstance(value, str):
        problem = f"{name} must be an int or a decimal string, not {value!r}"
        try:
            number = int(value)
        except ValueError:
            raise TypeError(problem) from None
        if str(number) != value:
            raise TypeError(problem)
        return number
    return integer(value, name)


class TLSSigAPIv2:
    """Tencent's ``TLSSigAPIv2`` class with the same method names, arguments and defaults,
    backed by the Rust implementation.

    Replace ``from TLSSigAPIv2 import TLSSigAPIv2`` with ``from usersig import TLSSigAPIv2``.
    The tokens carry the same signature as the official library's for the same inputs and
    clock. Unlike it, this class never prints to stdout, accepts any Unicode user id and room
    string (encoded as UTF-8), and raises an :class:`~usersig.InputError` instead of making
    a token that cannot work: an empty key or user id, an ``expire`` outside 1 second to 50
    years, a room id outside 1..4294967294, a string room id of 0 or more than 64 bytes.
    Where the official class accepts them for a UserSig, ``sdkappid`` and ``expire`` may be
    decimal strings, and a user id an ``int``.

    Raises:
        EmptyKeyError: ``key`` is empty.
        SdkAppIdOutOfRangeError: ``sdkappid`` is outside 0..4294967295.
    """

    __slots__ = ("_signer",)

    def __init__(self, sdkappid: Union[int, str], key: str) -> None:
        self._signer = Signer(_number(sdkappid, "sdkappid"), key)

    def __repr__(self) -> str:
        return f"TLSSigAPIv2(sdkappid={self._signer.sdkappid})"

    def genUserSig(self, userid: Union[str, int], expire: Union[int, str] = DEFAULT_EXPIRE) -> str:
        """A UserSig for ``userid``, valid for ``expire`` seconds (180 days by default)."""
        if type(userid) is str and type(expire) is int:
            # The common call, its checks inlined. The clock is Python's, as the official
            # class's is, so code that fixes time.time() in its tests gets the same tokens;
            # a number past 64 bits takes the checked path, for the library's range error.
            try:
                return _user_sig_at(
                    self._signer._handle, userid.encode(), expire, int(time.time())
                )
            except OverflowError:
                pass
        return self._signer.user_sig(
            _user_id(userid), _number(expire, "expire"), now=int(time.time())
        )

    def genPrivateMapKey(
        self, userid: Union[str, int], expire: int, roomid: int, privilegeMap: int
    ) -> str:
        """A PrivateMapKey for the numeric room ``roomid`` with the ``privilegeMap`` bits
        (see :class:`~usersig.Privilege`), valid for ``expire`` seconds."""
        return self._signer.private_map_key(
            _user_id(userid), integer(roomid, "roomid"), privilegeMap, expire,
            now=int(time.time()),
        )

    def genPrivateMapKeyWithStringRoomID(
        self, userid: Union[str, int], expire: int, roomstr: str, privilegeMap: int
    ) -> str:
        """A PrivateMapKey for the string room ``roomstr`` with the ``privilegeMap`` bits,
        valid for ``expire`` seconds."""
        if not isinstance(roomstr, str):
            raise TypeError(f"roomstr must be a str, not {type(roomstr).__name__}")
        return self._signer.private_map_key(
            _user_id(userid), roomstr, privilegeMap, expire, now=int(time.time())
        )

    def gen_sig(self, identifier: Union[str, int], expire: Union[int, str] = DEFAULT_EXPIRE) -> str:
        """A UserSig for ``identifier`` (the name in ``tls-sig-api-v2`` 1.1 on PyPI)."""
        return self.genUserSig(identifier, expire)

    def gen_sig_with_userbuf(
        self, identifier: Union[str, int], expire: Union[int, str], userbuf: bytes
    ) -> str:
        """A UserSig carrying ``userbuf`` (the name in ``tls-sig-api-v2`` 1.1 on PyPI)."""
        return self._signer.user_sig(
            _user_id(identifier), _number(expire, "expire"), userbuf=userbuf, now=int(time.time())
        )
