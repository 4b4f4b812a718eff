"""Interoperability with Tencent's own Python library (PyPI ``tls-sig-api-v2``), run live."""

from __future__ import annotations

import json
import time
import zlib
from typing import Any, Dict, Optional

import pytest

import usersig
from conftest import APP, KEY, NOW

official = pytest.importorskip("TLSSigAPIv2", reason="the official tls-sig-api-v2 library")

USER_IDS = ["xiaojun", "27149", "user_A", "a\"b\\c", "</script>&<>'", "x" * 200, "emoji😀",
            "用户测试"]
# User ids the official library signs and ours refuses: a control character could re-split the
# signed text, one field per line. Their tokens still verify.
CONTROL_IDS = {"a\nb": 1, "\x00\x1f": 0, "ok\x7f": 2}
EXPIRES = [1, 300, 86400, usersig.DEFAULT_EXPIRE, usersig.MAX_EXPIRE]
USERBUFS = [b"", b"abc", bytes(range(256)), b"\x00\xff\x80"]


def official_decode(token: str) -> Dict[str, Any]:
    """A token's fields through the official library's own decoder (its Tencent-base64
    decode), then zlib and JSON, which it leaves to the caller."""
    result: Dict[str, Any] = json.loads(zlib.decompress(official.base64_decode_url(token.encode())))
    return result


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both libraries read ``time.time()``; fix it at NOW and a fraction."""
    monkeypatch.setattr(time, "time", lambda: NOW + 0.75)


def both(user_id: str, expire: Optional[int] = None, userbuf: Optional[bytes] = None) -> Any:
    """The official token and ours (through the drop-in) for the same call."""
    theirs = official.TLSSigAPIv2(APP, KEY)
    ours = usersig.TLSSigAPIv2(APP, KEY)
    if userbuf is not None:
        assert expire is not None
        return (theirs.gen_sig_with_userbuf(user_id, expire, userbuf),
                ours.gen_sig_with_userbuf(user_id, expire, userbuf))
    if expire is None:
        return theirs.gen_sig(user_id), ours.gen_sig(user_id)
    return theirs.gen_sig(user_id, expire), ours.gen_sig(user_id, expire)


@pytest.mark.usefixtures("fixed_clock")
@pytest.mark.parametrize("user_id", USER_IDS)
@pytest.mark.parametrize("expire", [None, *EXPIRES])
def test_user_sigs_decode_to_the_same_fields(user_id: str, expire: Optional[int]) -> None:
    theirs, ours = both(user_id, expire)
    assert official_decode(ours) == official_decode(theirs)
    assert official_decode(ours)["TLS.time"] == NOW


@pytest.mark.parametrize("user_id", CONTROL_IDS)
def test_control_characters_the_official_library_signs_are_refused(user_id: str) -> None:
    assert official.TLSSigAPIv2(APP, KEY).gen_sig(user_id, 60)
    with pytest.raises(usersig.UserIdControlCharError) as caught:
        usersig.TLSSigAPIv2(APP, KEY).gen_sig(user_id, 60)
    assert caught.value.position == CONTROL_IDS[user_id]


@pytest.mark.usefixtures("fixed_clock")
@pytest.mark.parametrize("userbuf", USERBUFS, ids=["empty", "abc", "all-bytes", "binary"])
@pytest.mark.parametrize("user_id", ["user_A", "用户测试"])
def test_userbuf_tokens_decode_to_the_same_fields(user_id: str, userbuf: bytes) -> None:
    theirs, ours = both(user_id, 300, userbuf)
    assert official_decode(ours) == official_decode(theirs)


@pytest.mark.usefixtures("fixed_clock")
def test_drop_in_takes_an_int_user_id_like_the_official_library() -> None:
    theirs, ours = both(27149, 86400)  # type: ignore[arg-type]
    assert official_decode(ours) == official_decode(theirs)
    assert official_decode(ours)["TLS.identifier"] == "27149"


@pytest.mark.parametrize("user_id", [*USER_IDS, *CONTROL_IDS])
@pytest.mark.parametrize("expire", EXPIRES)
def test_official_tokens_verify_with_ours(user_id: str, expire: int) -> None:
    token = official.TLSSigAPIv2(APP, KEY).gen_sig(user_id, expire)
    issued = int(time.time())
    claims = usersig.Verifier(APP, KEY).verify(token, user_id, now=issued)
    assert claims.user_id == user_id
    assert claims.expire == expire
    assert issued - 5 <= claims.issued_at <= issued
    assert usersig.Verifier(APP, KEY).verify(token, user_id, now=claims.expires_at) == claims
    with pytest.raises(usersig.ExpiredError) as caught:
        usersig.Verifier(APP, KEY).verify(token, user_id, now=claims.expires_at + 1)
    assert (caught.value.expired_at, caught.value.now) == (claims.expires_at, claims.expires_at + 1)


@pytest.mark.parametrize("userbuf", USERBUFS, ids=["empty", "abc", "all-bytes", "binary"])
def test_official_userbuf_tokens_verify_with_ours(userbuf: bytes) -> None:
    token = official.TLSSigAPIv2(APP, KEY).gen_sig_with_userbuf("user_A", 300, userbuf)
    verifier = usersig.Verifier(APP, KEY)
    claims = verifier.verify(token, "user_A", userbuf=userbuf)
    assert claims.userbuf == userbuf
    assert verifier.verify_any_userbuf(token, "user_A") == claims
    with pytest.raises(usersig.UserbufMismatchError) as caught:
        verifier.verify(token, "user_A", userbuf=userbuf + b"!")
    assert caught.value.tencent_code == -100006
    with pytest.raises(usersig.UnexpectedUserbufError):
        verifier.verify(token, "user_A")


def test_our_signature_is_correct_by_the_official_formula() -> None:
    import base64
    import hashlib
    import hmac

    token = usersig.Signer(APP, KEY).user_sig("xiaojun", now=NOW)
    fields = official_decode(token)
    content = (f"TLS.identifier:xiaojun\nTLS.sdkappid:{APP}\nTLS.time:{NOW}\n"
               f"TLS.expire:{usersig.DEFAULT_EXPIRE}\n")
    digest = hmac.new(KEY.encode(), content.encode(), hashlib.sha256).digest()
    assert fields["TLS.sig"] == base64.b64encode(digest).decode()
    assert fields["TLS.sig"] == "LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4="


def test_drop_in_never_prints(capsys: pytest.CaptureFixture[str]) -> None:
    api = usersig.TLSSigAPIv2(APP, KEY)
    api.genUserSig("xiaojun")
    api.genPrivateMapKey("xiaojun", 86400 * 180, 10000, 255)
    api.genPrivateMapKeyWithStringRoomID("xiaojun", 86400, "1000000040", 255)
    api.gen_sig_with_userbuf("xiaojun", 86400, b"abc")
    assert capsys.readouterr() == ("", "")


@pytest.mark.usefixtures("fixed_clock")
def test_drop_in_takes_decimal_strings_where_the_official_library_does() -> None:
    theirs = official.TLSSigAPIv2("1400000000", KEY)
    ours = usersig.TLSSigAPIv2("1400000000", KEY)
    assert official_decode(ours.gen_sig("alice", "86400")) == official_decode(
        theirs.gen_sig("alice", "86400"))
    assert official_decode(ours.gen_sig_with_userbuf("alice", "60", b"x")) == official_decode(
        theirs.gen_sig_with_userbuf("alice", "60", b"x"))
    assert official_decode(ours.genUserSig("alice"))["TLS.sdkappid"] == APP


@pytest.mark.parametrize("text", [" 86400", "086400", "+86400", "8_6400", "1e5", "abc", ""])
def test_drop_in_refuses_strings_the_official_library_would_sign_wrongly(text: str) -> None:
    with pytest.raises(TypeError):
        usersig.TLSSigAPIv2(APP, KEY).gen_sig("alice", text)
    with pytest.raises(TypeError):
        usersig.TLSSigAPIv2(text, KEY)
