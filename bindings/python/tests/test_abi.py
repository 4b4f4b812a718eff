"""The package against the library's own lists: error kinds, Tencent codes and constants, so that
no copy in Python can drift from the core; and the lifetime helpers on Claims."""

from __future__ import annotations

import random
import string
from typing import Callable, Dict, List, Type

import pytest

import usersig
from conftest import APP, KEY, NOW
from usersig import _decode, _native
from usersig._errors import CLASSES
from usersig._ffi import ffi

signer = usersig.Signer(APP, KEY)
verifier = usersig.Verifier(APP, KEY)


def test_every_exception_class_is_one_of_the_cores_kinds_with_its_tencent_code() -> None:
    kinds = _native.error_kinds()
    assert [name for name, _ in kinds] == [kind.value for kind in usersig.ErrorKind]
    assert list(CLASSES) == [name for name, _ in kinds]
    for name, code in kinds:
        cls = CLASSES[name]
        assert cls.kind is usersig.ErrorKind(name)
        # Every kind with a Tencent code is a refused token; one refusal has none.
        refusal = bool(code) or cls is usersig.UnexpectedUserbufError
        assert issubclass(cls, usersig.TokenError) == refusal, name
        callback_refusal = name.startswith("callback_") and name != "callback_window_out_of_range"
        assert issubclass(cls, usersig.CallbackError) == callback_refusal, name
        assert getattr(usersig, cls.__name__) is cls, f"{cls.__name__} is not exported"
    assert ("expired", 70001) in kinds and ("userbuf_mismatch", -100006) in kinds
    assert ("missing_userbuf", -100006) in kinds and ("unexpected_userbuf", 0) in kinds


def test_raised_token_errors_carry_the_cores_tencent_codes() -> None:
    codes: Dict[str, int] = dict(_native.error_kinds())
    token = signer.user_sig("alice", 60, now=NOW)
    room_key = signer.private_map_key("alice", 1, 255, 60, now=NOW)
    refusals: Dict[Type[usersig.TokenError], object] = {
        usersig.ExpiredError: lambda: verifier.verify(token, "alice", now=NOW + 61),
        usersig.UserIdMismatchError: lambda: verifier.verify(token, "bob", now=NOW),
        usersig.MalformedTokenError: lambda: usersig.inspect("garbage"),
        usersig.BadSignatureError: lambda: usersig.Verifier(APP, "other").verify(
            token, "alice", now=NOW),
        usersig.SdkAppIdMismatchError: lambda: usersig.Verifier(7, KEY).verify(
            token, "alice", now=NOW),
        usersig.UserbufMismatchError: lambda: verifier.verify(room_key, "alice", userbuf=b"x",
                                                              now=NOW),
        usersig.MissingUserbufError: lambda: verifier.verify(token, "alice", userbuf=b"x",
                                                             now=NOW),
        usersig.UnexpectedUserbufError: lambda: verifier.verify(room_key, "alice", now=NOW),
    }
    assert set(refusals) == {cls for cls in CLASSES.values() if issubclass(cls, usersig.TokenError)}
    for cls, refuse in refusals.items():
        with pytest.raises(cls) as caught:
            refuse()  # type: ignore[operator]
        assert caught.value.tencent_code == (codes[cls.kind.value] or None)


def test_the_constants_are_the_cores() -> None:
    constants = dict(_native.constants())
    assert usersig.DEFAULT_EXPIRE == constants["DEFAULT_EXPIRE"] == 180 * 86400
    assert usersig.MAX_EXPIRE == constants["MAX_EXPIRE"] == 50 * 365 * 86400
    # The drop-in's default validity is Tencent's, which is the core's default.
    assert usersig.TLSSigAPIv2.genUserSig.__defaults__ == (constants["DEFAULT_EXPIRE"],)
    assert usersig.TLSSigAPIv2.gen_sig.__defaults__ == (constants["DEFAULT_EXPIRE"],)
    assert {"MAX_USER_ID_LEN", "MAX_USERBUF_LEN", "MAX_TOKEN_LEN", "MAX_ROOM_ID",
            "MAX_ROOM_STR_LEN"} <= set(constants)
    assert usersig.DEFAULT_CALLBACK_WINDOW == constants["DEFAULT_CALLBACK_WINDOW"] == 60
    assert usersig.MAX_CALLBACK_WINDOW == constants["MAX_CALLBACK_WINDOW"] == 86400
    assert usersig.MAX_CALLBACK_QUERY_LEN == constants["MAX_CALLBACK_QUERY_LEN"] == 16384
    assert usersig.MAX_CALLBACK_BODY_LEN == constants["MAX_CALLBACK_BODY_LEN"] == 1048576
    assert usersig.ChatCallbackVerifier.__init__.__kwdefaults__ == {
        "sdkappid": None, "window": constants["DEFAULT_CALLBACK_WINDOW"]}


def test_the_limits_in_the_docs_and_errors_are_the_cores() -> None:
    constants = dict(_native.constants())
    with pytest.raises(usersig.UserIdTooLongError) as too_long:
        signer.user_sig("a" * (constants["MAX_USER_ID_LEN"] + 1), now=NOW)
    assert too_long.value.max == constants["MAX_USER_ID_LEN"]
    with pytest.raises(usersig.RoomIdOutOfRangeError):
        signer.private_map_key("a", constants["MAX_ROOM_ID"] + 1, 255, now=NOW)
    assert signer.private_map_key("a", constants["MAX_ROOM_ID"], 255, now=NOW)
    with pytest.raises(usersig.RoomStrTooLongError) as room:
        signer.private_map_key("a", "r" * (constants["MAX_ROOM_STR_LEN"] + 1), 255, now=NOW)
    assert room.value.max == constants["MAX_ROOM_STR_LEN"]


def test_each_object_holds_one_native_handle() -> None:
    for obj, kind in ((signer, "usersig_signer *"), (verifier, "usersig_verifier *")):
        assert type(obj).__slots__ == () and usersig.Signer.__mro__[1].__slots__ == (
            "_handle", "_sdkappid")
        assert ffi.typeof(obj._handle) is ffi.typeof(kind)


def test_a_misuse_of_the_abi_is_a_native_fault_not_a_crash() -> None:
    with pytest.raises(_native.NativeFault, match="null pointer"):
        _native.user_sig(ffi.NULL, b"alice", 60, NOW)
    with pytest.raises(_native.NativeFault, match="not UTF-8"):
        _native.user_sig(signer._handle, b"\xff", 60, NOW)
    with pytest.raises(_native.NativeFault, match="null pointer"):
        _native.user_sig_now(ffi.NULL, b"alice", 60)
    with pytest.raises(_native.NativeFault, match="not UTF-8"):
        _native.user_sig_now(signer._handle, b"\xff", 60)


def test_seconds_left_and_should_renew_at_their_boundaries() -> None:
    claims = verifier.verify(signer.user_sig("alice", 600, now=NOW), "alice", now=NOW)
    assert claims.seconds_left(now=NOW) == 600
    assert claims.seconds_left(now=NOW + 600) == 0  # the last valid second
    assert claims.seconds_left(now=NOW + 601) == -1
    assert claims.should_renew(100, now=NOW + 500) is False  # left == margin
    assert claims.should_renew(100, now=NOW + 501) is True  # left == margin - 1
    fresh = verifier.verify(signer.user_sig("alice", 600), "alice")
    assert 599 <= fresh.seconds_left() <= 600
    assert fresh.should_renew(601) and not fresh.should_renew(0)
    with pytest.raises(TypeError):
        fresh.should_renew("10")  # type: ignore[arg-type]


def test_claims_results_are_read_whole_in_every_shape() -> None:
    tokens = {
        "plain": signer.user_sig("ü", 60, now=NOW),
        "userbuf": signer.user_sig("ü", 60, userbuf=b"\x00buf", now=NOW),
        "numeric room": signer.private_map_key("ü", 7, 255, 60, now=NOW),
        "string room": signer.private_map_key("ü", "lobby", 255, 60, now=NOW),
    }
    for shape, token in tokens.items():
        raw = token.encode()
        result = _native._call(_native._inspect, (raw, len(raw)))
        fields = _decode.claims(result)
        assert fields[:5] == ("ü", APP, NOW, 60, NOW + 60), shape
        assert fields[7] == usersig.inspect(token).signature, shape
        with pytest.raises(ValueError, match="trailing bytes"):
            _decode.claims(result + b"x")


def test_a_signing_call_crosses_once_and_twice_only_for_a_result_over_the_buffer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    crossings: List[str] = []
    for name in ("_user_sig", "_user_sig_at", "_user_sig_with_userbuf_at", "_private_map_key_at"):
        real = getattr(_native, name)
        monkeypatch.setattr(_native, name, lambda *args, real=real, name=name: (
            crossings.append(name), real(*args))[1])
    rng = random.Random(25)
    long_id = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(1024))
    drop_in = usersig.TLSSigAPIv2(APP, KEY)

    def count(call: Callable[[], object]) -> int:
        crossings.clear()
        try:
            call()
        except usersig.UserSigError:
            pass
        return len(crossings)

    long_token = signer.user_sig(long_id, now=NOW)
    assert len(long_token) + 1 > _native._CAP
    assert usersig.inspect(long_token).user_id == long_id
    assert usersig.inspect(signer.user_sig(long_id)).user_id == long_id
    for call, expected in [
        (lambda: signer.user_sig("alice"), 1),
        (lambda: signer.user_sig(long_id), 2),
        (lambda: signer.user_sig(""), 1),
        (lambda: signer.user_sig("a\n"), 1),
        (lambda: signer.user_sig("alice", now=NOW), 1),
        (lambda: signer.user_sig(long_id, now=NOW), 2),
        (lambda: signer.user_sig("", now=NOW), 1),
        (lambda: drop_in.genUserSig(long_id), 2),
        (lambda: drop_in.genUserSig("a\x00"), 1),
        (lambda: signer.user_sig(long_id, userbuf=b"x", now=NOW), 2),
        (lambda: signer.user_sig("", userbuf=b"x", now=NOW), 1),
        (lambda: signer.private_map_key(long_id, 1, 255, now=NOW), 2),
        (lambda: signer.private_map_key("a\r", 1, 255, now=NOW), 1),
    ]:
        assert count(call) == expected
    with pytest.raises(usersig.UserIdControlCharError) as caught:
        signer.user_sig("a\n")
    assert caught.value.position == 1
