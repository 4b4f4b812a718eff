"""The Pythonic API: round trips, defaults, records, and every error as its own exception."""

from __future__ import annotations

import array
import dataclasses
import pickle
import time
from typing import Any, Callable, Dict, Optional, Type

import pytest

import usersig
from usersig import _native
from conftest import APP, KEY, NOW, decode

signer = usersig.Signer(APP, KEY)
verifier = usersig.Verifier(APP, KEY)


def test_spec_worked_examples() -> None:
    token = signer.user_sig("xiaojun", now=NOW)
    assert decode(token) == {
        "TLS.ver": "2.0",
        "TLS.identifier": "xiaojun",
        "TLS.sdkappid": APP,
        "TLS.expire": 15552000,
        "TLS.time": NOW,
        "TLS.sig": "LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=",
    }
    numeric = decode(signer.private_map_key("xiaojun", 10000, usersig.Privilege.ALL, now=NOW))
    assert numeric["TLS.userbuf"] == "AAAHeGlhb2p1blNyTgAAACcQZkE/AAAAAP8AAAAA"
    assert numeric["TLS.sig"] == "y9Avb5xwHgIgoABbGakLaE0xs+v/dLcIPegbWfcbRLI="
    named = decode(signer.private_map_key("xiaojun", "1000000040", 255, now=NOW))
    assert named["TLS.userbuf"] == "AQAHeGlhb2p1blNyTgAAAAAAZkE/AAAAAP8AAAAAAAoxMDAwMDAwMDQw"
    assert named["TLS.sig"] == "uupaOmIqiVUsVoCDvmakmGU86GEQBV0Ie6Q+9GFbowM="


def test_round_trip_with_the_default_validity() -> None:
    before = int(time.time())
    token = signer.user_sig("alice")
    claims = verifier.verify(token, "alice")
    assert usersig.DEFAULT_EXPIRE == 180 * 86400
    assert claims.expire == usersig.DEFAULT_EXPIRE
    assert before <= claims.issued_at <= int(time.time())
    assert claims.expires_at == claims.issued_at + claims.expire
    assert (claims.user_id, claims.sdkappid, claims.userbuf, claims.grant) == (
        "alice", APP, None, None)
    assert claims.signature == decode(token)["TLS.sig"]
    assert usersig.inspect(token) == claims


def test_keyword_arguments() -> None:
    token = signer.user_sig(user_id="bob", expire=60, now=NOW, userbuf=b"\x01\x02")
    claims = verifier.verify(token=token, user_id="bob", userbuf=b"\x01\x02", now=NOW + 60)
    assert (claims.issued_at, claims.expire, claims.userbuf) == (NOW, 60, b"\x01\x02")
    assert signer.sdkappid == verifier.sdkappid == APP


@pytest.mark.parametrize("userbuf", [b"", b"abc", bytearray(b"\x00\xff"), memoryview(b"mv"),
                                     memoryview(array.array("i", [1, 2]))])
def test_userbuf_round_trip(userbuf: Any) -> None:
    token = signer.user_sig("u", 300, userbuf=userbuf, now=NOW)
    assert verifier.verify(token, "u", userbuf=bytes(userbuf), now=NOW).userbuf == bytes(userbuf)


@pytest.mark.parametrize("room", [1, 10000, 4294967294, "r", "房间", "x" * 64])
@pytest.mark.parametrize("privileges", [0, 1, 42, 128, 255])
def test_private_map_key_round_trip(room: Any, privileges: int) -> None:
    token = signer.private_map_key("carol", room, privileges, 300, now=NOW)
    claims = verifier.verify_any_userbuf(token, "carol", now=NOW)
    assert claims.grant == usersig.Grant(
        user_id="carol", sdkappid=APP, room=room, privileges=usersig.Privilege(privileges),
        expires_at=NOW + 300)
    assert claims.userbuf is not None
    assert verifier.verify(token, "carol", userbuf=claims.userbuf, now=NOW) == claims
    with pytest.raises(usersig.UnexpectedUserbufError):
        verifier.verify(token, "carol", now=NOW)


def test_verify_any_userbuf_accepts_any_userbuf_or_none_and_checks_the_rest() -> None:
    plain = signer.user_sig("erin", 60, now=NOW)
    carrying = signer.user_sig("erin", 60, userbuf=b"\x00grant", now=NOW)
    assert verifier.verify_any_userbuf(plain, "erin", now=NOW) == verifier.verify(
        plain, "erin", now=NOW)
    assert verifier.verify_any_userbuf(carrying, "erin", now=NOW).userbuf == b"\x00grant"
    assert verifier.verify_any_userbuf(token=carrying, user_id="erin", now=NOW + 60).expire == 60
    with pytest.raises(usersig.ExpiredError):
        verifier.verify_any_userbuf(carrying, "erin", now=NOW + 61)
    with pytest.raises(usersig.UserIdMismatchError):
        verifier.verify_any_userbuf(carrying, "Erin", now=NOW)
    with pytest.raises(usersig.BadSignatureError):
        usersig.Verifier(APP, "other").verify_any_userbuf(carrying, "erin", now=NOW)
    with pytest.raises(TypeError):
        verifier.verify_any_userbuf(carrying.encode(), "erin")  # type: ignore[arg-type]
    fresh = signer.private_map_key("erin", 5, 255, 60)
    assert verifier.verify_any_userbuf(fresh, "erin").grant is not None


def test_privilege_bits() -> None:
    bits = {name: flag.value for name, flag in usersig.Privilege.__members__.items()}
    assert bits == {
        "CREATE_ROOM": 1, "ENTER_ROOM": 2, "SEND_AUDIO": 4, "RECV_AUDIO": 8,
        "SEND_VIDEO": 16, "RECV_VIDEO": 32, "SEND_SUB_STREAM": 64, "RECV_SUB_STREAM": 128,
        "ALL": 255,
    }
    P = usersig.Privilege
    viewer = P.ENTER_ROOM | P.RECV_AUDIO | P.RECV_VIDEO
    assert viewer == 42
    token = signer.private_map_key("dave", 7, viewer, now=NOW)
    grant = usersig.inspect(token).grant
    assert grant is not None and grant.privileges == viewer
    assert P.SEND_AUDIO not in grant.privileges


def test_batch_matches_single_calls() -> None:
    user_ids = [f"user{i}" for i in range(100)] + ["用户", "a b"]
    tokens = signer.user_sigs(user_ids, 3600, now=NOW)
    assert tokens == [signer.user_sig(uid, 3600, now=NOW) for uid in user_ids]
    assert signer.user_sigs(iter(["x", "y"]), now=NOW) == [
        signer.user_sig("x", now=NOW), signer.user_sig("y", now=NOW)]
    assert signer.user_sigs([]) == []
    clock_tokens = signer.user_sigs(["a", "b"])
    assert [verifier.verify(t, u).user_id for t, u in zip(clock_tokens, "ab")] == ["a", "b"]


def test_batch_fails_whole_on_the_first_bad_id() -> None:
    with pytest.raises(usersig.EmptyUserIdError):
        signer.user_sigs(["ok", "", "x" * 2000], now=NOW)


def test_a_batch_passed_in_chunks_is_one_batch() -> None:
    user_ids = [("用户" if i % 3 else "user") * (1 + i % 7) + str(i) for i in range(1300)]
    assert len(user_ids) > 4 * _native._BATCH  # several calls into the library
    tokens = signer.user_sigs(user_ids, 3600, now=NOW)
    assert tokens == [signer.user_sig(uid, 3600, now=NOW) for uid in user_ids]
    issued = {usersig.inspect(token).issued_at for token in signer.user_sigs(user_ids)}
    assert len(issued) == 1  # the clock is read once for every chunk
    late = list(user_ids)
    late[1000] = "x" * 2000
    late[1200] = ""
    with pytest.raises(usersig.UserIdTooLongError) as caught:
        signer.user_sigs(late, now=NOW)
    assert caught.value.length == 2000


def test_key_rotation() -> None:
    old = usersig.Signer(APP, "old key").user_sig("eve", now=NOW)
    new = usersig.Signer(APP, "new key").user_sig("eve", now=NOW)
    rotating = usersig.Verifier(APP, "new key", "old key")
    assert rotating.verify(old, "eve", now=NOW).user_id == "eve"
    assert rotating.verify(new, "eve", now=NOW).user_id == "eve"
    with pytest.raises(usersig.BadSignatureError):
        usersig.Verifier(APP, "new key").verify(old, "eve", now=NOW)


def test_reprs_never_show_the_key() -> None:
    for obj in (usersig.Signer(APP, "topsecret"), usersig.Verifier(APP, "topsecret"),
                usersig.TLSSigAPIv2(APP, "topsecret"),
                usersig.ChatCallbackVerifier("topsecret", sdkappid=APP),
                usersig.TrtcCallbackVerifier("topsecret", sdkappid=APP)):
        assert "topsecret" not in repr(obj)
        assert str(APP) in repr(obj)


def test_drop_in_defaults_and_methods(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "time", lambda: NOW + 0.5)
    api = usersig.TLSSigAPIv2(APP, KEY)
    assert api.genUserSig("xiaojun") == signer.user_sig("xiaojun", now=NOW)
    assert api.gen_sig("xiaojun") == api.genUserSig("xiaojun", 180 * 86400)
    assert api.gen_sig_with_userbuf("x", 60, b"ub") == signer.user_sig(
        "x", 60, userbuf=b"ub", now=NOW)
    assert api.genPrivateMapKey("x", 60, 10000, 255) == signer.private_map_key(
        "x", 10000, 255, 60, now=NOW)
    assert api.genPrivateMapKeyWithStringRoomID("x", 60, "10000", 255) == (
        signer.private_map_key("x", "10000", 255, 60, now=NOW))


MAX_TIME = 2**32 - 1
chat = usersig.ChatCallbackVerifier("token")


def chat_query(sign: str) -> str:
    """A Chat callback's checked parameters, at ``NOW``, with ``sign``."""
    return f"SdkAppid={APP}&CallbackCommand=C&RequestTime={NOW}&Sign={sign}"


T = usersig.TokenError
# Each error kind: the call that raises it, its class, Tencent code, and attributes.
ERRORS: Dict[str, Any] = {
    "empty_key": (lambda: usersig.Signer(APP, ""), usersig.EmptyKeyError, None, {}),
    "sdkappid_out_of_range": (lambda: usersig.Verifier(-1, KEY),
                              usersig.SdkAppIdOutOfRangeError, None, {"value": -1}),
    "empty_user_id": (lambda: signer.user_sig(""), usersig.EmptyUserIdError, None, {}),
    "user_id_too_long": (lambda: signer.user_sig("é" * 513), usersig.UserIdTooLongError, None,
                         {"length": 1026, "max": 1024}),
    "user_id_control_char": (lambda: signer.user_sig("é\r\n"), usersig.UserIdControlCharError,
                             None, {"position": 2}),
    "userbuf_too_long": (lambda: signer.user_sig("u", userbuf=bytes(4097)),
                         usersig.UserbufTooLongError, None, {"length": 4097, "max": 4096}),
    "expire_out_of_range": (lambda: signer.user_sig("u", 0), usersig.ExpireOutOfRangeError, None,
                            {"expire": 0, "max": usersig.MAX_EXPIRE}),
    "time_out_of_range": (lambda: signer.user_sig("u", now=-1), usersig.TimeOutOfRangeError,
                          None, {"now": -1}),
    "expiry_overflow": (lambda: signer.user_sig("u", 2, now=MAX_TIME - 1),
                        usersig.ExpiryOverflowError, None, {"now": MAX_TIME - 1, "expire": 2}),
    "room_id_out_of_range": (lambda: signer.private_map_key("u", 0, 255),
                             usersig.RoomIdOutOfRangeError, None, {"room_id": 0}),
    "empty_room_str": (lambda: signer.private_map_key("u", "", 255), usersig.EmptyRoomStrError,
                       None, {}),
    "room_str_too_long": (lambda: signer.private_map_key("u", "房" * 22, 255),
                          usersig.RoomStrTooLongError, None, {"length": 66, "max": 64}),
    "privilege_out_of_range": (lambda: signer.private_map_key("u", 1, 256),
                               usersig.PrivilegeOutOfRangeError, None, {"value": 256}),
    "malformed": (lambda: verifier.verify("eJw_", "u"), usersig.MalformedTokenError, 70003,
                  {"reason": usersig.Malformation.ZLIB, "field": None}),
    "expired": (lambda: verifier.verify(signer.user_sig("u", 10, now=NOW), "u", now=NOW + 11),
                usersig.ExpiredError, 70001, {"expired_at": NOW + 10, "now": NOW + 11}),
    "bad_signature": (lambda: usersig.Verifier(APP, "other").verify(
        signer.user_sig("u", now=NOW), "u", now=NOW), usersig.BadSignatureError, 70009, {}),
    "user_id_mismatch": (lambda: verifier.verify(signer.user_sig("u", now=NOW), "U", now=NOW),
                         usersig.UserIdMismatchError, 70013, {"expected": "U", "found": "u"}),
    "sdkappid_mismatch": (lambda: usersig.Verifier(1, KEY).verify(
        signer.user_sig("u", now=NOW), "u", now=NOW), usersig.SdkAppIdMismatchError, 70014,
        {"expected": 1, "found": APP}),
    "userbuf_mismatch": (lambda: verifier.verify(signer.user_sig("u", userbuf=b"a", now=NOW), "u",
                                                 userbuf=b"", now=NOW),
                         usersig.UserbufMismatchError, -100006, {}),
    "missing_userbuf": (lambda: verifier.verify(signer.user_sig("u", now=NOW), "u",
                                                userbuf=b"x", now=NOW),
                        usersig.MissingUserbufError, -100006, {}),
    "unexpected_userbuf": (lambda: verifier.verify(signer.private_map_key("u", 1, 255, now=NOW),
                                                   "u", now=NOW),
                           usersig.UnexpectedUserbufError, None, {}),
    "unknown_region": (lambda: usersig.AdminAuth(APP, KEY, region="mars"),
                       usersig.UnknownRegionError, None, {"name": "mars"}),
    "invalid_endpoint": (lambda: usersig.AdminAuth(APP, KEY, host="a/b"),
                         usersig.InvalidEndpointError, None, {}),
    "invalid_rest_path": (lambda: usersig.AdminAuth(APP, KEY).url("", "c"),
                          usersig.InvalidRestPathError, None, {"part": "service"}),
    "renew_margin_out_of_range": (lambda: usersig.AdminAuth(APP, KEY, renew_margin=-1),
                                  usersig.RenewMarginOutOfRangeError, None,
                                  {"margin": -1, "validity": 3600}),
    "callback_param_missing": (lambda: chat.verify_query_at("Sign=x", NOW),
                               usersig.CallbackParamMissingError, None, {"name": "SdkAppid"}),
    "callback_param_repeated": (lambda: chat.verify_query_at("Sign=a&Sign=a", NOW),
                                usersig.CallbackParamRepeatedError, None, {"name": "Sign"}),
    "callback_param_invalid": (lambda: chat.verify_query_at(chat_query("x"), NOW),
                               usersig.CallbackParamInvalidError, None,
                               {"name": "Sign", "reason": "not 64 lowercase hex digits"}),
    "callback_bad_signature": (lambda: chat.verify_query_at(chat_query("0" * 64), NOW),
                               usersig.CallbackBadSignatureError, None, {}),
    "callback_out_of_window": (lambda: chat.verify_query_at(chat_query(chat.sign(NOW)), NOW + 61),
                               usersig.CallbackOutOfWindowError, None,
                               {"time": NOW, "now": NOW + 61, "window": 60}),
    "callback_sdkappid_mismatch": (lambda: usersig.ChatCallbackVerifier(
        "token", sdkappid=1).verify_query_at(chat_query(chat.sign(NOW)), NOW),
        usersig.CallbackSdkAppIdMismatchError, None, {"expected": 1, "found": APP}),
    "callback_too_large": (lambda: usersig.TrtcCallbackVerifier(KEY).verify_at(
        "s", "1", bytes(usersig.MAX_CALLBACK_BODY_LEN + 1), NOW),
        usersig.CallbackTooLargeError, None,
        {"part": "body", "length": usersig.MAX_CALLBACK_BODY_LEN + 1,
         "max": usersig.MAX_CALLBACK_BODY_LEN}),
    "callback_window_out_of_range": (lambda: usersig.TrtcCallbackVerifier(KEY, window=-1),
                                     usersig.CallbackWindowOutOfRangeError, None,
                                     {"window": -1, "max": usersig.MAX_CALLBACK_WINDOW}),
}

# The OS random number generator cannot be made to fail from a test.
UNTRIGGERABLE = {"random_unavailable"}


def test_every_kind_is_covered() -> None:
    assert set(ERRORS) | UNTRIGGERABLE == {kind.value for kind in usersig.ErrorKind}


def test_an_unavailable_random_generator_is_its_own_error_but_no_input_error() -> None:
    from usersig._errors import from_abi

    error = from_abi("random_unavailable", 0, "the OS RNG failed", {})
    assert type(error) is usersig.RandomUnavailableError and error.tencent_code is None
    assert not isinstance(error, (usersig.InputError, usersig.TokenError))


@pytest.mark.parametrize("kind", sorted(ERRORS))
def test_each_error_kind_raises_its_own_exception(kind: str) -> None:
    call: Callable[[], Any]
    call, cls, code, attributes = ERRORS[kind]
    with pytest.raises(cls) as caught:
        call()
    error = caught.value
    assert type(error) is cls
    assert error.kind is usersig.ErrorKind(kind) is cls.kind
    assert error.tencent_code == code
    assert isinstance(error, usersig.UserSigError)
    # A refused token without a Tencent code is still a refused token, and no bad argument.
    refused = code is not None or cls is usersig.UnexpectedUserbufError
    if isinstance(error, usersig.CallbackError):
        assert not isinstance(error, (usersig.TokenError, usersig.InputError, ValueError))
    else:
        assert isinstance(error, usersig.TokenError if refused else usersig.InputError)
        assert isinstance(error, ValueError) == (not refused)
    for name, value in attributes.items():
        assert getattr(error, name) == value
    assert str(error) == error.detail != ""
    assert repr(error) == f"{cls.__name__}({error.detail!r})"
    if code is not None:
        assert f"{code}" in error.detail
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls and vars(copy) == vars(error) and str(copy) == str(error)


@pytest.mark.parametrize("token,reason,extra", [
    ("x" * 40000, usersig.Malformation.TOO_LONG, {"length": 40000, "max": 32768}),
    ("not base64!", usersig.Malformation.BASE64, {}),
    ("eJw_", usersig.Malformation.ZLIB, {}),
])
def test_malformation_details(token: str, reason: usersig.Malformation,
                              extra: Dict[str, Optional[int]]) -> None:
    with pytest.raises(usersig.MalformedTokenError) as caught:
        usersig.inspect(token)
    assert caught.value.reason is reason
    for name, value in extra.items():
        assert getattr(caught.value, name) == value


def zlib_token(payload: bytes) -> str:
    """A token wrapping ``payload`` (not necessarily JSON) the standard way."""
    import base64
    import zlib

    text = base64.b64encode(zlib.compress(payload)).decode()
    return text.replace("+", "*").replace("/", "-").replace("=", "_")


@pytest.mark.parametrize("payload,reason,field", [
    (b"[1, 2]", usersig.Malformation.JSON, None),
    (b'{"TLS.ver": "2.0"}', usersig.Malformation.MISSING_FIELD, "TLS.identifier"),
    (b'{"TLS.ver": "2.0", "TLS.identifier": 5}', usersig.Malformation.INVALID_FIELD,
     "TLS.identifier"),
    (b'{"TLS.ver": "3.0"}', usersig.Malformation.UNSUPPORTED_VERSION, None),
])
def test_malformed_json_reasons(payload: bytes, reason: usersig.Malformation,
                                field: Optional[str]) -> None:
    with pytest.raises(usersig.MalformedTokenError) as caught:
        usersig.inspect(zlib_token(payload))
    assert (caught.value.reason, caught.value.field) == (reason, field)


def test_zlib_bomb_is_refused() -> None:
    with pytest.raises(usersig.MalformedTokenError) as caught:
        usersig.inspect(zlib_token(b" " * 10_000_000))
    assert caught.value.reason is usersig.Malformation.TOO_LARGE_INFLATED
    assert caught.value.max == 32768


def test_claims_read_from_the_library_are_those_their_constructor_makes() -> None:
    room_key = signer.private_map_key("u", "lobby", 42, 60, now=NOW)
    for token in [signer.user_sig("u", 60, now=NOW), room_key]:
        claims = usersig.inspect(token)
        records = [claims] + ([claims.grant] if claims.grant else [])
        for record in records:
            made = type(record)(**{f.name: getattr(record, f.name)
                                   for f in dataclasses.fields(record)})
            assert vars(record) == vars(made)  # every field, and nothing else
            assert record == made and hash(record) == hash(made) and repr(record) == repr(made)
            with pytest.raises(dataclasses.FrozenInstanceError):
                record.user_id = "someone else"  # type: ignore[misc]
    grant = usersig.inspect(room_key).grant
    assert grant is not None and grant.privileges is usersig.Privilege(42)


def test_huge_integers_saturate_into_the_library_error() -> None:
    with pytest.raises(usersig.ExpireOutOfRangeError) as caught:
        signer.user_sig("u", 2**70)
    assert caught.value.expire == 2**63 - 1
    with pytest.raises(usersig.ExpireOutOfRangeError) as caught:
        signer.user_sig("u", -(2**64))
    assert caught.value.expire == -(2**63)
    with pytest.raises(usersig.SdkAppIdOutOfRangeError):
        usersig.Signer(-(2**70), KEY)
    with pytest.raises(usersig.RoomIdOutOfRangeError):
        signer.private_map_key("u", 2**64 + 5, 255)
    with pytest.raises(usersig.TimeOutOfRangeError):
        signer.user_sig("u", now=2**64)
    # The drop-in's fast path hands such numbers to its checked path too.
    api = usersig.TLSSigAPIv2(APP, KEY)
    for call in (api.genUserSig, api.gen_sig):
        with pytest.raises(usersig.ExpireOutOfRangeError) as caught:
            call("u", 2**70)
        assert caught.value.expire == 2**63 - 1


def error_type_names() -> Dict[str, Type[BaseException]]:
    """Every exception class the package exports, by name."""
    return {name: obj for name, obj in vars(usersig).items()
            if isinstance(obj, type) and issubclass(obj, BaseException)}


def test_exported_exceptions_are_one_family_with_docstrings() -> None:
    classes = error_type_names()
    # and UserSigError, InputError, TokenError, CallbackError
    assert len(classes) == len(usersig.ErrorKind) + 4
    for name, cls in classes.items():
        assert issubclass(cls, usersig.UserSigError), name
        assert cls.__doc__, name
    assert {cls.kind for cls in classes.values() if hasattr(cls, "kind")} == set(usersig.ErrorKind)
