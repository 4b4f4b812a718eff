"""Code a user might write, checked with ``mypy --strict`` by test_typing.py: every name it uses
must be typed precisely enough that these annotations are accepted."""

from __future__ import annotations

from typing import List, Optional, Tuple, Union

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


def check_callbacks(query: str, sign: Optional[str], header: Optional[str], body: bytes) -> str:
    chat = usersig.ChatCallbackVerifier("token", sdkappid=1400000000,
                                        window=usersig.DEFAULT_CALLBACK_WINDOW)
    trtc = usersig.TrtcCallbackVerifier("key", window=None)
    expected: Optional[int] = chat.sdkappid
    window: Optional[int] = trtc.window
    callback: usersig.ChatCallback = chat.verify_query(query)
    params: Tuple[Tuple[str, str], ...] = callback.params
    again: usersig.ChatCallback = chat.verify_params_at(dict(params), now=1700000000)
    pairs: usersig.ChatCallback = chat.verify_params([("RequestTime", "1")])
    event: usersig.TrtcCallback = trtc.verify_at(sign, header, memoryview(body), 1700000000)
    event_type: Optional[int] = event.event_type
    signed: str = chat.sign(callback.request_time) + trtc.sign(bytearray(body))
    assert expected and window and again and pairs and event_type
    try:
        trtc.verify(sign, header, body)
    except usersig.CallbackOutOfWindowError as error:
        late: int = error.time - error.now
        return str(late)
    except usersig.CallbackError as error:
        nothing: None = error.tencent_code
        return error.kind.value + str(nothing)
    return callback.command + signed
