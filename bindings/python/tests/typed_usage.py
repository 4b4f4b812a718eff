"""Code a user might write, checked with ``mypy --strict`` by test_typing.py: every name it uses
must be typed precisely enough that these annotations are accepted."""

from __future__ import annotations

from typing import List, Optional, Union

import usersig


def mint_and_check(key: str) -> Optional[int]:
    signer = usersig.Signer(1400000000, key)
    token: str = signer.user_sig("alice", 86400, userbuf=b"\x01", now=1700000000)
    tokens: List[str] = signer.user_sigs(["a", "b"], expire=usersig.DEFAULT_EXPIRE)
    pmk: str = signer.private_map_key(
        "alice", "room", usersig.Privilege.ENTER_ROOM | usersig.Privilege.RECV_AUDIO, 300
    )
    verifier = usersig.Verifier(signer.sdkappid, key, "older key")
    claims: usersig.Claims = verifier.verify(token, "alice", userbuf=b"\x01", now=1700000000)
    userbuf: Optional[bytes] = claims.userbuf
    grant: Optional[usersig.Grant] = verifier.verify_any_userbuf(pmk, "alice", now=None).grant
    if grant is not None:
        room: Union[int, str] = grant.room
        privileges: usersig.Privilege = grant.privileges
        assert room and privileges and userbuf and tokens
    legacy: str = usersig.TLSSigAPIv2(1400000000, key).genUserSig("alice")
    assert legacy
    try:
        verifier.verify(token, "bob")
    except usersig.ExpiredError as error:
        expired_at: int = error.expired_at
        return expired_at
    except usersig.TokenError as error:
        code: Optional[int] = error.tencent_code
        kind: usersig.ErrorKind = error.kind
        detail: str = error.detail
        assert kind and detail
        return code
    except usersig.InputError as error:
        nothing: None = error.tencent_code
        return nothing
    return None
