"""The official Python library's vectors: what we make, refuse, and how we judge its tokens."""

from __future__ import annotations

import base64
import time
from typing import Any, Dict, List, Optional, Type

import pytest

import usersig
from conftest import VECTORS, decode

# Inputs our signer refuses on purpose (vectors README), and the exception each one raises.
# 045 has both an empty user id and room 0; the room is checked first.
REFUSED: Dict[str, Type[usersig.InputError]] = {
    "008": usersig.EmptyUserIdError,
    "013": usersig.UserIdControlCharError,  # a line break
    "015": usersig.UserIdControlCharError,  # NUL and other control characters
    "018": usersig.EmptyKeyError,
    "022": usersig.ExpireOutOfRangeError,
    "024": usersig.ExpireOutOfRangeError,
    "025": usersig.ExpireOutOfRangeError,
    "026": usersig.ExpireOutOfRangeError,
    "027": usersig.ExpireOutOfRangeError,
    "044": usersig.RoomIdOutOfRangeError,
    "045": usersig.RoomIdOutOfRangeError,
    "051": usersig.ExpireOutOfRangeError,
    "056": usersig.RoomStrTooLongError,
    "057": usersig.EmptyRoomStrError,
}
# Where the official library is wrong and we encode UTF-8 instead (spec §2): it raised for
# 048, 049 and 055, and wrote Latin-1 for 050.
UTF8_FIXES = {"048", "049", "050", "055"}


def number(vector: Dict[str, Any]) -> str:
    """The vector's number, such as "008"."""
    result: str = vector["id"][:3]
    return result


def clock(vector: Dict[str, Any]) -> int:
    """The issue time the library wrote: its clock, truncated to whole seconds."""
    return int(vector["time"])


def mint(vector: Dict[str, Any]) -> str:
    """Our token for the vector's inputs and clock, through the Pythonic API."""
    inputs = vector["inputs"]
    signer = usersig.Signer(inputs["sdkappid"], inputs["key"])
    expire = usersig.DEFAULT_EXPIRE if inputs["expire"] is None else inputs["expire"]
    now = clock(vector)
    kind = vector["kind"]
    if kind == "usersig":
        return signer.user_sig(inputs["userid"], expire, now=now)
    if kind == "userbuf":
        userbuf = bytes.fromhex(inputs["userbuf_hex"])
        return signer.user_sig(inputs["userid"], expire, userbuf=userbuf, now=now)
    room = inputs["roomid"] if kind == "pmk" else inputs["roomstr"]
    return signer.private_map_key(inputs["userid"], room, inputs["privilege"], expire, now=now)


def drop_in(vector: Dict[str, Any]) -> str:
    """Our token through the drop-in class, making the vector's own call."""
    inputs = vector["inputs"]
    api = usersig.TLSSigAPIv2(inputs["sdkappid"], inputs["key"])
    userid, expire = inputs["userid"], inputs["expire"]
    kind = vector["kind"]
    if kind == "usersig":
        return api.gen_sig(userid) if expire is None else api.gen_sig(userid, expire)
    if kind == "userbuf":
        return api.gen_sig_with_userbuf(userid, expire, bytes.fromhex(inputs["userbuf_hex"]))
    if kind == "pmk":
        return api.genPrivateMapKey(userid, expire, inputs["roomid"], inputs["privilege"])
    return api.genPrivateMapKeyWithStringRoomID(
        userid, expire, inputs["roomstr"], inputs["privilege"]
    )


def each(vectors: List[Dict[str, Any]]) -> Any:
    """Parametrizes a test over ``vectors``, each named by its id."""
    return pytest.mark.parametrize("vector", vectors, ids=[v["id"] for v in vectors])


SAME = [v for v in VECTORS if number(v) not in REFUSED and number(v) not in UTF8_FIXES]
REFUSED_VECTORS = [v for v in VECTORS if number(v) in REFUSED]
FIXED = [v for v in VECTORS if number(v) in UTF8_FIXES]
TOKENS = [v for v in VECTORS if v["output"] is not None]
GRANTS = [v for v in TOKENS if v["kind"] in ("pmk", "pmk_str")]


def test_the_vectors_cover_every_case() -> None:
    assert len(VECTORS) == 57
    assert {v["kind"] for v in VECTORS} == {"usersig", "userbuf", "pmk", "pmk_str"}
    assert (len(SAME), len(REFUSED_VECTORS), len(FIXED), len(TOKENS)) == (39, 14, 4, 54)


@each(SAME)
def test_same_signature_and_userbuf_as_the_official_library(vector: Dict[str, Any]) -> None:
    ours = decode(mint(vector))
    official = vector["decoded"]
    assert ours["TLS.sig"] == official["TLS.sig"]
    assert ours.get("TLS.userbuf") == official.get("TLS.userbuf")
    assert ours == official


@each(SAME)
def test_drop_in_with_the_same_clock_matches(
    vector: Dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(time, "time", lambda: float(vector["time"]))
    assert decode(drop_in(vector)) == vector["decoded"]


@each(REFUSED_VECTORS)
def test_refused_inputs_raise_the_expected_error(
    vector: Dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = REFUSED[number(vector)]
    with pytest.raises(expected) as caught:
        mint(vector)
    assert caught.value.tencent_code is None
    assert isinstance(caught.value, ValueError)
    monkeypatch.setattr(time, "time", lambda: float(vector["time"]))
    with pytest.raises(expected):
        drop_in(vector)


def userbuf_account(token: str) -> bytes:
    """The account bytes of a PrivateMapKey's userbuf."""
    userbuf = base64.b64decode(decode(token)["TLS.userbuf"])
    length = int.from_bytes(userbuf[1:3], "big")
    return userbuf[3 : 3 + length]


@each(FIXED)
def test_non_latin_user_ids_and_rooms_are_utf8(vector: Dict[str, Any]) -> None:
    inputs = vector["inputs"]
    token = mint(vector)
    claims = usersig.inspect(token)
    assert claims.grant is not None
    assert claims.grant.user_id == inputs["userid"]
    assert userbuf_account(token) == inputs["userid"].encode("utf-8")
    expected_room = inputs["roomid"] if vector["kind"] == "pmk" else inputs["roomstr"]
    assert claims.grant.room == expected_room
    verifier = usersig.Verifier(inputs["sdkappid"], inputs["key"])
    assert verifier.verify_any_userbuf(token, inputs["userid"], now=clock(vector)) == claims
    with pytest.raises(usersig.UnexpectedUserbufError):
        verifier.verify(token, inputs["userid"], now=clock(vector))
    if vector["output"] is None:
        assert vector["error"].startswith("ValueError")
    else:
        # 050: the official library wrote é as the single byte 0xE9; ours is c3 a9.
        assert userbuf_account(token) == b"\xc3\xa9"
        assert vector["userbuf_parsed"]["account_hex"] == "e9"
        assert decode(token)["TLS.sig"] != vector["decoded"]["TLS.sig"]


def expected_failure(vector: Dict[str, Any]) -> Optional[Type[usersig.TokenError]]:
    """How a correct verifier judges the official token at its own time: expired when
    ``now > time + expire``, valid otherwise."""
    decoded = vector["decoded"]
    if clock(vector) > decoded["TLS.time"] + decoded["TLS.expire"]:
        return usersig.ExpiredError
    return None


@each(TOKENS)
def test_every_official_token_is_judged_correctly(vector: Dict[str, Any]) -> None:
    token: str = vector["output"]
    inputs = vector["inputs"]
    decoded = vector["decoded"]
    claims = usersig.inspect(token)
    assert claims.user_id == decoded["TLS.identifier"]
    assert claims.sdkappid == decoded["TLS.sdkappid"]
    assert claims.issued_at == decoded["TLS.time"]
    assert claims.expire == decoded["TLS.expire"]
    assert claims.signature == decoded["TLS.sig"]
    if "TLS.userbuf" in decoded:
        assert claims.userbuf == base64.b64decode(decoded["TLS.userbuf"])
    else:
        assert claims.userbuf is None
    if inputs["key"] == "":
        with pytest.raises(usersig.EmptyKeyError):
            usersig.Verifier(inputs["sdkappid"], inputs["key"])
        return
    verifier = usersig.Verifier(inputs["sdkappid"], inputs["key"])
    failure = expected_failure(vector)
    if failure is not None:
        with pytest.raises(failure) as caught:
            verifier.verify(token, inputs["userid"], now=clock(vector))
        assert caught.value.tencent_code == 70001
        return
    assert verifier.verify_any_userbuf(token, inputs["userid"], now=clock(vector)) == claims
    if claims.userbuf is None:
        assert verifier.verify(token, inputs["userid"], now=clock(vector)) == claims
        with pytest.raises(usersig.MissingUserbufError):
            verifier.verify(token, inputs["userid"], userbuf=b"x", now=clock(vector))
    else:
        assert verifier.verify(
            token, inputs["userid"], userbuf=claims.userbuf, now=clock(vector)
        ) == claims
        with pytest.raises(usersig.UnexpectedUserbufError):
            verifier.verify(token, inputs["userid"], now=clock(vector))
    with pytest.raises(usersig.BadSignatureError):
        usersig.Verifier(inputs["sdkappid"], inputs["key"] + "x").verify_any_userbuf(
            token, inputs["userid"], now=clock(vector)
        )


@each(GRANTS)
def test_official_grants_are_read_field_by_field(vector: Dict[str, Any]) -> None:
    parsed = vector["userbuf_parsed"]
    grant = usersig.inspect(vector["output"]).grant
    if number(vector) == "050":
        # The library wrote the account é as Latin-1: not UTF-8, so not a grant we can read.
        assert parsed["account_hex"] == "e9"
        assert grant is None
        return
    assert grant is not None
    assert grant.user_id.encode("utf-8").hex() == parsed["account_hex"]
    assert grant.sdkappid == parsed["sdkappid"]
    assert grant.expires_at == parsed["expire_abs"]
    assert grant.privileges == parsed["privilege"]
    if parsed["ver"] == 0:
        assert grant.room == parsed["roomid"]
    else:
        assert grant.room == bytes.fromhex(parsed["roomstr_hex"]).decode("utf-8")
