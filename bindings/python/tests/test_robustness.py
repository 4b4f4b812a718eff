"""Bad input of every sort: always a Python exception, never a crash, a hang or a wrong token."""

from __future__ import annotations

import base64
import contextlib
import random
import zlib
from typing import Any, Callable, List

import pytest

import usersig
from conftest import APP, KEY, NOW

signer = usersig.Signer(APP, KEY)
verifier = usersig.Verifier(APP, KEY)
api = usersig.TLSSigAPIv2(APP, KEY)
TOKEN = signer.user_sig("alice", now=NOW)
PMK = signer.private_map_key("alice", "room", 255, now=NOW)
# A token with base64 padding: the JSON length decides, so try user ids of 1 to 3 characters.
PADDED = next(t for t in (signer.user_sig("u" * n, now=NOW) for n in range(1, 4)) if "_" in t)
MB = 1024 * 1024

WRONG_TYPES: List[Callable[[], Any]] = [
    lambda: usersig.Signer(None, KEY),  # type: ignore[arg-type]
    lambda: usersig.Signer("1400000000", KEY),  # type: ignore[arg-type]
    lambda: usersig.Signer(1400000000.0, KEY),  # type: ignore[arg-type]
    lambda: usersig.Signer(True, KEY),
    lambda: usersig.Signer(APP, None),  # type: ignore[arg-type]
    lambda: usersig.Signer(APP, b"key"),  # type: ignore[arg-type]
    lambda: usersig.Verifier(APP, None),  # type: ignore[arg-type]
    lambda: usersig.Verifier(APP, [KEY]),  # type: ignore[arg-type]
    lambda: usersig.Verifier(APP, KEY, 5),  # type: ignore[arg-type]
    lambda: usersig.Verifier(APP),  # type: ignore[call-arg]
    lambda: signer.user_sig(None),  # type: ignore[arg-type]
    lambda: signer.user_sig(123),  # type: ignore[arg-type]
    lambda: signer.user_sig(b"alice"),  # type: ignore[arg-type]
    lambda: signer.user_sig("alice", "60"),  # type: ignore[arg-type]
    lambda: signer.user_sig("alice", 60.0),  # type: ignore[arg-type]
    lambda: signer.user_sig("alice", None),  # type: ignore[arg-type]
    lambda: signer.user_sig("alice", False),
    lambda: signer.user_sig("alice", userbuf="abc"),  # type: ignore[arg-type]
    lambda: signer.user_sig("alice", userbuf=5),  # type: ignore[arg-type]
    lambda: signer.user_sig("alice", now="now"),  # type: ignore[arg-type]
    lambda: signer.user_sig("alice", now=1.5),  # type: ignore[arg-type]
    lambda: signer.user_sigs("alice"),
    lambda: signer.user_sigs(None),  # type: ignore[arg-type]
    lambda: signer.user_sigs(["alice", None]),  # type: ignore[list-item]
    lambda: signer.user_sigs([b"alice"]),  # type: ignore[list-item]
    lambda: signer.private_map_key("alice", None, 255),  # type: ignore[arg-type]
    lambda: signer.private_map_key("alice", 1.0, 255),  # type: ignore[arg-type]
    lambda: signer.private_map_key("alice", b"room", 255),  # type: ignore[arg-type]
    lambda: signer.private_map_key("alice", 1, "255"),  # type: ignore[arg-type]
    lambda: signer.private_map_key("alice", 1, None),  # type: ignore[arg-type]
    lambda: verifier.verify(None, "alice"),  # type: ignore[arg-type]
    lambda: verifier.verify(TOKEN.encode(), "alice"),  # type: ignore[arg-type]
    lambda: verifier.verify(TOKEN, None),  # type: ignore[arg-type]
    lambda: verifier.verify(TOKEN, "alice", userbuf="x"),  # type: ignore[arg-type]
    lambda: verifier.verify(TOKEN, "alice", now="x"),  # type: ignore[arg-type]
    lambda: usersig.inspect(None),  # type: ignore[arg-type]
    lambda: usersig.inspect(123),  # type: ignore[arg-type]
    lambda: api.genUserSig(None),  # type: ignore[arg-type]
    lambda: api.genUserSig(True),
    lambda: api.genUserSig(1.5),  # type: ignore[arg-type]
    lambda: api.genUserSig("alice", 3600.0),  # type: ignore[arg-type]
    lambda: api.genPrivateMapKey("alice", 60, "10000", 255),  # type: ignore[arg-type]
    lambda: api.genPrivateMapKeyWithStringRoomID("alice", 60, 10000, 255),  # type: ignore[arg-type]
    lambda: api.gen_sig_with_userbuf("alice", 60, "abc"),  # type: ignore[arg-type]
    lambda: usersig.TLSSigAPIv2(APP, None),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("call", WRONG_TYPES, ids=range(len(WRONG_TYPES)))
def test_wrong_types_raise_type_error(call: Callable[[], Any]) -> None:
    with pytest.raises(TypeError):
        call()


def test_int_like_objects_are_accepted() -> None:
    class Seconds:
        def __index__(self) -> int:
            return 60

    assert signer.user_sig("a", Seconds(), now=NOW) == signer.user_sig("a", 60, now=NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize("call,error", [
    (lambda: signer.user_sig(""), usersig.EmptyUserIdError),
    (lambda: signer.user_sig("x" * MB), usersig.UserIdTooLongError),
    (lambda: signer.user_sig("x", userbuf=bytes(MB)), usersig.UserbufTooLongError),
    (lambda: signer.private_map_key("x", "r" * MB, 255), usersig.RoomStrTooLongError),
    (lambda: signer.user_sigs(["x" * MB]), usersig.UserIdTooLongError),
    (lambda: verifier.verify("", "alice"), usersig.MalformedTokenError),
    (lambda: verifier.verify("A" * MB, "alice"), usersig.MalformedTokenError),
    (lambda: verifier.verify(TOKEN, ""), usersig.UserIdMismatchError),
    (lambda: verifier.verify(TOKEN, "x" * MB), usersig.UserIdMismatchError),
    (lambda: verifier.verify(PMK, "alice", userbuf=bytes(MB), now=NOW),
     usersig.UserbufMismatchError),
    (lambda: usersig.inspect(""), usersig.MalformedTokenError),
    (lambda: usersig.inspect("\x00" * MB), usersig.MalformedTokenError),
    (lambda: usersig.Verifier(APP, KEY, ""), usersig.EmptyKeyError),
    (lambda: api.genUserSig(""), usersig.EmptyUserIdError),
], ids=range(14))
def test_empty_and_huge_values_raise_library_errors(call: Callable[[], Any],
                                                    error: type) -> None:
    with pytest.raises(error):
        call()


def test_huge_keys_and_user_ids_within_limits_work() -> None:
    big = usersig.Signer(APP, "k" * MB)
    user_id = "用" * 341  # 1023 bytes of UTF-8
    token = big.user_sig(user_id, now=NOW)
    assert usersig.Verifier(APP, "k" * MB).verify(token, user_id, now=NOW).user_id == user_id


@pytest.mark.parametrize("call", [
    lambda: usersig.Signer(APP, "key\ud800"),
    lambda: usersig.Verifier(APP, "\udfff"),
    lambda: signer.user_sig("al\ud800ice"),
    lambda: signer.user_sigs(["ok", "\udc80"]),
    lambda: signer.private_map_key("alice", "room\ud800", 255),
    lambda: verifier.verify(TOKEN, "alice\ud800"),
    lambda: api.genUserSig("\ud800"),
], ids=range(7))
def test_lone_surrogates_raise_unicode_errors(call: Callable[[], Any]) -> None:
    with pytest.raises(UnicodeEncodeError):
        call()


def test_lone_surrogates_in_a_token_make_it_malformed() -> None:
    with pytest.raises(usersig.MalformedTokenError):
        verifier.verify(TOKEN[:10] + "\ud800" + TOKEN[11:], "alice", now=NOW)
    with pytest.raises(usersig.MalformedTokenError):
        usersig.inspect("\ud800" * 100)


GARBAGE = ["", " ", "=", "_", "____", "eJw_", "eJw=", "A", "AA==", "*-_", "\x00", "\n" * 8,
           "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItk", TOKEN[:-1], TOKEN[:-2], TOKEN + "AAAA",
           PADDED.rstrip("_"), TOKEN[::-1], TOKEN.upper(), " " + TOKEN,
           base64.b64encode(b"\x78\x9c").decode(), base64.b64encode(zlib.compress(b"")).decode(),
           base64.b64encode(zlib.compress(b"{}")).decode(),
           base64.b64encode(zlib.compress(b"\xff\xfe")).decode(),
           base64.b64encode(zlib.compress(b'{"TLS.ver": "2.0", "TLS.sig": 1}')).decode(),
           base64.b64encode(zlib.compress(b"null")).decode()]


@pytest.mark.parametrize("token", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_tokens_are_malformed(token: str) -> None:
    with pytest.raises(usersig.MalformedTokenError) as caught:
        verifier.verify(token, "alice", now=NOW)
    assert caught.value.tencent_code == 70003
    with pytest.raises(usersig.MalformedTokenError):
        usersig.inspect(token)


def test_every_truncation_of_a_token_is_refused() -> None:
    for end in range(len(PMK)):
        with pytest.raises(usersig.MalformedTokenError):
            verifier.verify(PMK[:end], "alice", now=NOW)


def test_random_bytes_and_mutations_never_crash() -> None:
    rng = random.Random(20261121)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=*-_"
    original = verifier.verify_any_userbuf(PMK, "alice", now=NOW)
    outcomes = {"refused": 0, "same": 0}
    for round_ in range(3000):
        if round_ % 3 == 0:
            token = bytes(rng.randrange(256) for _ in range(rng.randrange(400))).decode("latin-1")
        elif round_ % 3 == 1:
            token = "".join(rng.choice(alphabet) for _ in range(rng.randrange(400)))
        else:
            chars = list(PMK)
            for _ in range(rng.randrange(1, 4)):
                chars[rng.randrange(len(chars))] = rng.choice(alphabet)
            token = "".join(chars)
        try:
            claims = verifier.verify_any_userbuf(token, "alice", now=NOW)
        except usersig.TokenError:
            outcomes["refused"] += 1
        else:
            # Only a change between equivalent alphabets ('+' and '*', ...) keeps a token valid.
            assert claims == original
            outcomes["same"] += 1
        with contextlib.suppress(usersig.MalformedTokenError):
            usersig.inspect(token)
    assert outcomes["refused"] > 2900


def test_copies_share_the_native_object_and_pickling_is_refused() -> None:
    import copy
    import pickle

    objects = (usersig.Signer(APP, KEY), usersig.Verifier(APP, KEY), usersig.TLSSigAPIv2(APP, KEY))
    for obj in objects:
        with pytest.raises(TypeError, match="cannot be pickled"):
            pickle.dumps(obj)
    original = usersig.Signer(APP, KEY)
    copies = [copy.copy(original), copy.deepcopy(original), copy.deepcopy(api)]
    assert copies[0] is original and copies[1] is original
    del original
    assert copies[0].user_sig("alice", now=NOW) == TOKEN
    assert copies[2].genUserSig("alice") != ""
