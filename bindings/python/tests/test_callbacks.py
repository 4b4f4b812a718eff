"""The callback verifiers: the shared vectors, every refusal with its typed error, the argument
types, the secrets kept out of sight, the README's WSGI app over HTTP, and the fake sender
(scripts/fake-rest, `callbacks`) against a WSGI server checking with this package."""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import pickle
import subprocess
import threading
import time
import urllib.error
import urllib.request
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Tuple
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

import usersig
from conftest import REPO
from usersig import _native
from usersig._ffi import ffi

VECTORS = [json.loads(line) for line in
           (REPO / "core" / "tests" / "vectors" / "callbacks.jsonl").read_text("utf-8").splitlines()
           if line.strip()]
CHAT_VECTORS = [vector for vector in VECTORS if vector["scheme"] == "chat"]
TRTC_VECTORS = [vector for vector in VECTORS if vector["scheme"] == "trtc"]

APP = 1400000000
NOW = 1700000000
TOKEN = "chat callback token"
KEY = "trtc callback key"
CHAT = usersig.ChatCallbackVerifier(TOKEN, sdkappid=APP)
TRTC = usersig.TrtcCallbackVerifier(KEY, sdkappid=APP, window=60)
BODY = (b'{"EventGroupId":1,"EventType":103,"CallbackTs":1700000000123,'
        b'"EventInfo":{"RoomId":12345,"UserId":"alice"}}')


def chat_query(sdkappid: int = APP, command: str = "C2C.CallbackAfterSendMsg",
               request_time: str = str(NOW), sign: Optional[str] = None) -> str:
    """A Chat callback's query as Tencent writes it, signed by ``CHAT`` unless ``sign`` is
    given."""
    if sign is None:
        sign = CHAT.sign(int(request_time))
    return (f"SdkAppid={sdkappid}&CallbackCommand={command}&contenttype=json"
            f"&ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime={request_time}&Sign={sign}")


@pytest.mark.parametrize("vector", CHAT_VECTORS, ids=lambda vector: vector["id"])
def test_chat_vectors_sign_and_verify(vector: Dict[str, Any]) -> None:
    verifier = usersig.ChatCallbackVerifier(vector["token"], sdkappid=vector["sdkappid"])
    assert verifier.sign(vector["request_time"]) == vector["sign"]
    query = (f"SdkAppid={vector['sdkappid']}&CallbackCommand={vector['command']}"
             f"&contenttype=json&RequestTime={vector['request_time']}&Sign={vector['sign']}")
    expected = usersig.ChatCallback(command=vector["command"], sdkappid=vector["sdkappid"],
                                    request_time=vector["request_time"],
                                    params=(("contenttype", "json"),))
    assert verifier.verify_query_at(query, vector["request_time"] + 60) == expected
    assert verifier.verify_query_at("?" + query, vector["request_time"] - 60) == expected
    pairs = [tuple(pair.split("=", 1)) for pair in query.split("&")]
    assert verifier.verify_params_at(pairs, vector["request_time"]) == expected
    assert verifier.verify_params_at(dict(pairs), vector["request_time"]) == expected
    with pytest.raises(usersig.CallbackOutOfWindowError):
        verifier.verify_query_at(query, vector["request_time"] + 61)
    with pytest.raises(usersig.CallbackBadSignatureError):
        usersig.ChatCallbackVerifier(vector["token"] + "x").verify_query_at(
            query, vector["request_time"])


@pytest.mark.parametrize("vector", TRTC_VECTORS, ids=lambda vector: vector["id"])
def test_trtc_vectors_sign_and_verify(vector: Dict[str, Any]) -> None:
    body = vector["body"].encode()
    verifier = usersig.TrtcCallbackVerifier(vector["key"], sdkappid=vector["sdkappid"])
    assert verifier.sign(body) == vector["sign"]
    expected = usersig.TrtcCallback(sdkappid=vector["sdkappid"],
                                    event_group_id=vector["event_group_id"],
                                    event_type=vector["event_type"],
                                    callback_ts=vector["callback_ts"])
    header = str(vector["sdkappid"])
    assert verifier.verify_at(vector["sign"], header, body, 0) == expected
    assert verifier.verify_at(vector["sign"], header, bytearray(body), 0) == expected
    assert verifier.verify_at(vector["sign"], header, memoryview(body), 0) == expected
    windowed = usersig.TrtcCallbackVerifier(vector["key"], window=60)
    if vector["callback_ts"] is None:
        with pytest.raises(usersig.CallbackParamMissingError) as missing:
            windowed.verify_at(vector["sign"], header, body, NOW)
        assert missing.value.name == "CallbackTs"
    else:
        ts = vector["callback_ts"] // 1000
        assert windowed.verify_at(vector["sign"], header, body, ts + 60) == expected
        with pytest.raises(usersig.CallbackOutOfWindowError) as late:
            windowed.verify_at(vector["sign"], header, body, ts + 61)
        assert (late.value.time, late.value.now, late.value.window) == (ts, ts + 61, 60)
    with pytest.raises(usersig.CallbackBadSignatureError):
        usersig.TrtcCallbackVerifier(vector["key"] + "x").verify_at(vector["sign"], header, body,
                                                                    0)


def test_the_tencent_guide_example_is_among_the_vectors() -> None:
    assert CHAT_VECTORS[0]["id"] == "chat-001-tencent-guide"
    assert len(CHAT_VECTORS) + len(TRTC_VECTORS) == len(VECTORS) and TRTC_VECTORS


def refused(call: Callable[[], object], cls: type) -> Any:
    """The error ``call`` raises, checked to be ``cls``."""
    with pytest.raises(cls) as caught:
        call()
    return caught.value


@pytest.mark.parametrize(("query", "cls", "name", "reason"), [
    (chat_query(sign=CHAT.sign(NOW).upper()), usersig.CallbackParamInvalidError, "Sign",
     "not 64 lowercase hex digits"),
    (chat_query(sign=CHAT.sign(NOW)[:62]), usersig.CallbackParamInvalidError, "Sign",
     "not 64 lowercase hex digits"),
    (chat_query(sign="".join(f"%{ord(c):02X}" for c in CHAT.sign(NOW))),
     usersig.CallbackParamInvalidError, "Sign", "percent-encoded"),
    (chat_query(request_time="soon", sign=CHAT.sign(NOW)), usersig.CallbackParamInvalidError,
     "RequestTime", "not a decimal number"),
    (chat_query(request_time="9" * 30, sign=CHAT.sign(NOW)), usersig.CallbackParamInvalidError,
     "RequestTime", "a number out of range"),
    (chat_query(sdkappid=2**32), usersig.CallbackParamInvalidError, "SdkAppid",
     "a number out of range"),
    (chat_query() + "&x=%zz", usersig.CallbackParamInvalidError, "query", None),
    (chat_query().replace(f"&RequestTime={NOW}", ""), usersig.CallbackParamMissingError,
     "RequestTime", None),
    (chat_query().replace("&Sign=", "&sign="), usersig.CallbackParamMissingError, "Sign", None),
    (chat_query() + "&Sign=" + CHAT.sign(NOW), usersig.CallbackParamRepeatedError, "Sign", None),
    (chat_query() + f"&RequestTime={NOW}", usersig.CallbackParamRepeatedError, "RequestTime",
     None),
])
def test_a_chat_query_not_in_tencents_form_is_refused_with_its_parameter(
        query: str, cls: type, name: str, reason: Optional[str]) -> None:
    error = refused(lambda: CHAT.verify_query_at(query, NOW), cls)
    assert error.name == name and error.tencent_code is None
    assert isinstance(error, usersig.CallbackError)
    if reason is not None:
        assert error.reason == reason


def test_chat_signatures_apps_and_times_are_checked() -> None:
    assert CHAT.verify_query_at(chat_query(), NOW).command == "C2C.CallbackAfterSendMsg"
    forged = usersig.ChatCallbackVerifier("not the token").sign(NOW)
    refused(lambda: CHAT.verify_query_at(chat_query(sign=forged), NOW),
            usersig.CallbackBadSignatureError)
    # The signature covers the time only: another command passes, another time does not.
    assert CHAT.verify_query_at(chat_query(command="X"), NOW).command == "X"
    refused(lambda: CHAT.verify_query_at(
        chat_query(request_time=str(NOW + 1), sign=CHAT.sign(NOW)), NOW),
        usersig.CallbackBadSignatureError)
    other = refused(lambda: CHAT.verify_query_at(chat_query(sdkappid=APP + 1), NOW),
                    usersig.CallbackSdkAppIdMismatchError)
    assert (other.expected, other.found) == (APP, APP + 1)
    assert usersig.ChatCallbackVerifier(TOKEN).verify_query_at(
        chat_query(sdkappid=7), NOW).sdkappid == 7
    for now in (NOW - 61, NOW + 61):
        late = refused(lambda: CHAT.verify_query_at(chat_query(), now),
                       usersig.CallbackOutOfWindowError)
        assert (late.time, late.now, late.window) == (NOW, now, 60)
    strict = usersig.ChatCallbackVerifier(TOKEN, window=0)
    assert strict.verify_query_at(chat_query(), NOW).request_time == NOW
    refused(lambda: strict.verify_query_at(chat_query(), NOW + 1),
            usersig.CallbackOutOfWindowError)
    live = chat_query(request_time=str(int(time.time())))
    assert CHAT.verify_query(live).sdkappid == APP
    assert CHAT.verify_params(pair.split("=", 1) for pair in live.split("&")).sdkappid == APP


def test_parsed_params_keep_order_repeats_and_decoded_values() -> None:
    pairs = [("SdkAppid", str(APP)), ("CallbackCommand", "State.StateChange"),
             ("RequestTime", str(NOW)), ("Sign", CHAT.sign(NOW)), ("a", "1 2"), ("a", "é")]
    callback = CHAT.verify_params_at(pairs, NOW)
    assert callback.params == (("a", "1 2"), ("a", "é"))
    refused(lambda: CHAT.verify_params_at(pairs + [("Sign", CHAT.sign(NOW))], NOW),
            usersig.CallbackParamRepeatedError)
    raw = CHAT.verify_query_at(chat_query() + "&a=1+2&b=%C3%A9&c", NOW)
    assert raw.params[-3:] == (("a", "1 2"), ("b", "é"), ("c", ""))
    long = CHAT.verify_query_at(chat_query() + "&x=" + "y" * 5000, NOW)
    assert long.params[-1] == ("x", "y" * 5000)  # a result over the first buffer


def test_oversized_queries_and_bodies_are_refused_unread() -> None:
    constants = dict(_native.constants())
    over = chat_query() + "&x=" + "y" * usersig.MAX_CALLBACK_QUERY_LEN
    error = refused(lambda: CHAT.verify_query_at(over, NOW), usersig.CallbackTooLargeError)
    assert (error.part, error.length, error.max) == (
        "query", len(over), constants["MAX_CALLBACK_QUERY_LEN"])
    refused(lambda: CHAT.verify_params_at([("x", "y" * usersig.MAX_CALLBACK_QUERY_LEN),
                                           ("z", "")], NOW), usersig.CallbackTooLargeError)
    huge = b"{" + b" " * (10 * 1024 * 1024) + b"}"
    error = refused(lambda: TRTC.verify_at(TRTC.sign(huge), str(APP), huge, NOW),
                    usersig.CallbackTooLargeError)
    assert (error.part, error.length, error.max) == (
        "body", len(huge), constants["MAX_CALLBACK_BODY_LEN"])


def test_trtc_bodies_and_headers_are_checked() -> None:
    sign = TRTC.sign(BODY)
    event = TRTC.verify_at(sign, str(APP), BODY, NOW + 1)
    assert (event.event_group_id, event.event_type, event.callback_ts) == (1, 103, NOW * 1000 + 123)
    tampered = bytearray(BODY)
    tampered[BODY.index(b"alice")] ^= 1
    refused(lambda: TRTC.verify_at(sign, str(APP), bytes(tampered), NOW),
            usersig.CallbackBadSignatureError)
    reencoded = json.dumps(json.loads(BODY)).encode()
    assert reencoded != BODY
    refused(lambda: TRTC.verify_at(sign, str(APP), reencoded, NOW),
            usersig.CallbackBadSignatureError)
    for bad_sign in (sign.rstrip("="), sign[:-4], "%%%", sign + "AAAA"):
        error = refused(lambda: TRTC.verify_at(bad_sign, str(APP), BODY, NOW),
                        usersig.CallbackParamInvalidError)
        assert (error.name, error.reason) == ("Sign", "not the base64 of 32 bytes")
    for header, name in ((None, "Sign"), ("", "Sign")):
        error = refused(lambda: TRTC.verify_at(header, str(APP), BODY, NOW),
                        usersig.CallbackParamMissingError)
        assert error.name == name
    error = refused(lambda: TRTC.verify_at(sign, None, BODY, NOW),
                    usersig.CallbackParamMissingError)
    assert error.name == "SdkAppId"
    error = refused(lambda: TRTC.verify_at(sign, "14e8", BODY, NOW),
                    usersig.CallbackParamInvalidError)
    assert error.name == "SdkAppId"
    other = refused(lambda: TRTC.verify_at(sign, str(APP + 1), BODY, NOW),
                    usersig.CallbackSdkAppIdMismatchError)
    assert (other.expected, other.found) == (APP, APP + 1)
    late = refused(lambda: TRTC.verify_at(sign, str(APP), BODY, NOW + 61),
                   usersig.CallbackOutOfWindowError)
    assert (late.time, late.now, late.window) == (NOW, NOW + 61, 60)
    for body, name in ((b"[1]", "body"), (b'{"EventType":"103"}', "EventType")):
        error = refused(lambda: TRTC.verify_at(TRTC.sign(body), str(APP), body, NOW),
                        usersig.CallbackParamInvalidError)
        assert error.name == name
    assert usersig.TrtcCallbackVerifier(KEY).verify_at(TRTC.sign(b"{}"), "7", b"{}", 0) == (
        usersig.TrtcCallback(sdkappid=7, event_group_id=None, event_type=None, callback_ts=None))
    live = json.dumps({"EventType": 1, "CallbackTs": int(time.time() * 1000)}).encode()
    assert TRTC.verify(TRTC.sign(live), str(APP), live).event_type == 1


def test_settings_are_checked_by_the_core() -> None:
    assert (CHAT.sdkappid, CHAT.window) == (APP, usersig.DEFAULT_CALLBACK_WINDOW)
    assert (TRTC.sdkappid, TRTC.window) == (APP, 60)
    any_app = usersig.TrtcCallbackVerifier(KEY)
    assert (any_app.sdkappid, any_app.window) == (None, None)
    assert usersig.ChatCallbackVerifier(TOKEN, window=usersig.MAX_CALLBACK_WINDOW).window == 86400
    for make in (usersig.ChatCallbackVerifier, usersig.TrtcCallbackVerifier):
        refused(lambda: make(""), usersig.EmptyKeyError)
        for window in (-1, -2, usersig.MAX_CALLBACK_WINDOW + 1, 2**70):
            error = refused(lambda: make("k", window=window),
                            usersig.CallbackWindowOutOfRangeError)
            assert error.max == usersig.MAX_CALLBACK_WINDOW and isinstance(error, ValueError)
            assert error.window == max(min(window, _native.I64_MAX), _native.I64_MIN)
        for sdkappid in (-1, -2, 2**32):
            error = refused(lambda: make("k", sdkappid=sdkappid), usersig.SdkAppIdOutOfRangeError)
            assert error.value == sdkappid
        assert make("k", sdkappid=0).sdkappid == 0
        assert make("k", sdkappid=2**32 - 1).sdkappid == 2**32 - 1


@pytest.mark.parametrize("call", [
    lambda: usersig.ChatCallbackVerifier(b"token"),  # type: ignore[arg-type]
    lambda: usersig.ChatCallbackVerifier(TOKEN, sdkappid="1"),  # type: ignore[arg-type]
    lambda: usersig.ChatCallbackVerifier(TOKEN, window=True),
    lambda: usersig.ChatCallbackVerifier(TOKEN, window=None),  # type: ignore[arg-type]
    lambda: usersig.ChatCallbackVerifier(TOKEN, APP),  # type: ignore[misc]
    lambda: usersig.TrtcCallbackVerifier(KEY, window=1.5),  # type: ignore[arg-type]
    lambda: CHAT.verify_query_at(chat_query().encode(), NOW),  # type: ignore[arg-type]
    lambda: CHAT.verify_query_at(chat_query(), str(NOW)),  # type: ignore[arg-type]
    lambda: CHAT.verify_query_at(chat_query(), float(NOW)),  # type: ignore[arg-type]
    lambda: CHAT.verify_params_at(chat_query(), NOW),
    lambda: CHAT.verify_params_at(["ab"], NOW),
    lambda: CHAT.verify_params_at([("a", "b", "c")], NOW),
    lambda: CHAT.verify_params_at([("a", 1)], NOW),
    lambda: CHAT.verify_params_at({"a": ["b"]}, NOW),  # type: ignore[dict-item]
    lambda: CHAT.verify_params_at(None, NOW),  # type: ignore[arg-type]
    lambda: CHAT.sign("1700000000"),  # type: ignore[arg-type]
    lambda: TRTC.verify_at(TRTC.sign(BODY), str(APP), BODY.decode(), NOW),  # type: ignore[arg-type]
    lambda: TRTC.verify_at(TRTC.sign(BODY), APP, BODY, NOW),  # type: ignore[arg-type]
    lambda: TRTC.verify_at(TRTC.sign(BODY).encode(), str(APP), BODY, NOW),  # type: ignore[arg-type]
    lambda: TRTC.sign(BODY.decode()),  # type: ignore[arg-type]
], ids=lambda call: "")
def test_wrong_argument_types_raise_type_error(call: Callable[[], object]) -> None:
    with pytest.raises(TypeError):
        call()


def test_lone_surrogates_are_refused_before_the_call() -> None:
    with pytest.raises(UnicodeEncodeError):
        CHAT.verify_query_at(chat_query() + "&x=\udc80", NOW)
    with pytest.raises(UnicodeEncodeError):
        TRTC.verify_at("\udc80", str(APP), BODY, NOW)


def test_results_are_frozen_records() -> None:
    callback = CHAT.verify_query_at(chat_query(), NOW)
    with pytest.raises(dataclasses.FrozenInstanceError):
        callback.command = "x"  # type: ignore[misc]
    assert hash(callback) == hash(CHAT.verify_query_at(chat_query(), NOW))
    assert dataclasses.asdict(TRTC.verify_at(TRTC.sign(BODY), str(APP), BODY, NOW)) == {
        "sdkappid": APP, "event_group_id": 1, "event_type": 103, "callback_ts": NOW * 1000 + 123}


def test_the_secrets_stay_in_the_native_objects() -> None:
    assert repr(CHAT) == f"ChatCallbackVerifier(sdkappid={APP}, window=60)"
    assert repr(usersig.TrtcCallbackVerifier(KEY)) == "TrtcCallbackVerifier(sdkappid=None, window=None)"
    for verifier, kind in ((CHAT, "usersig_chat_callback *"), (TRTC, "usersig_trtc_callback *")):
        assert ffi.typeof(verifier._handle) is ffi.typeof(kind)
        assert not hasattr(verifier, "__dict__")
        assert copy.copy(verifier) is verifier and copy.deepcopy(verifier) is verifier
        with pytest.raises(TypeError, match="cannot be pickled"):
            pickle.dumps(verifier)
        with pytest.raises(AttributeError):
            verifier.secret = "x"  # type: ignore[union-attr]
    error = refused(lambda: CHAT.verify_query_at(chat_query(sign="0" * 64), NOW),
                    usersig.CallbackBadSignatureError)
    assert TOKEN not in str(error) and TOKEN not in repr(error)
    assert pickle.loads(pickle.dumps(error)).kind is usersig.ErrorKind.CALLBACK_BAD_SIGNATURE


def test_threads_share_one_verifier() -> None:
    failures: List[BaseException] = []

    def check() -> None:
        try:
            for _ in range(200):
                assert CHAT.verify_query_at(chat_query(), NOW).sdkappid == APP
                assert TRTC.verify_at(TRTC.sign(BODY), str(APP), BODY, NOW).event_type == 103
        except BaseException as error:  # reported to the main thread
            failures.append(error)

    threads = [threading.Thread(target=check) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


class QuietHandler(WSGIRequestHandler):
    """wsgiref's handler, without a log line per request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def serve() -> Iterator[Callable[[Any], str]]:
    """Serves a WSGI app on 127.0.0.1 (a free port) in a thread; its base URL."""
    servers: List[WSGIServer] = []
    threads: List[threading.Thread] = []

    def start(app: Any) -> str:
        server = make_server("127.0.0.1", 0, app, handler_class=QuietHandler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append(server)
        threads.append(thread)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server, thread in zip(servers, threads):
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def post(url: str, body: bytes, headers: Optional[Dict[str, str]] = None) -> Tuple[int, bytes]:
    """POSTs ``body``: the answer's status and body."""
    request = urllib.request.Request(url, data=body, headers=headers or {}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_readme_wsgi_app_checks_callbacks_over_http(serve: Callable[[Any], str]) -> None:
    from test_docs import README, python_blocks

    block = next(block for block in python_blocks(README) if "def app(" in block)
    namespace: Dict[str, Any] = {"__name__": "readme"}
    exec(compile(block, "README WSGI block", "exec"), namespace)
    url = serve(namespace["app"])
    chat, trtc, events = namespace["CHAT"], namespace["TRTC"], namespace["EVENTS"]
    now = int(time.time())
    query = (f"SdkAppid={APP}&CallbackCommand=State.StateChange&contenttype=json"
             f"&RequestTime={now}&Sign={chat.sign(now)}")
    message = b'{"CallbackCommand":"State.StateChange","Info":{"To_Account":"alice"}}'
    assert post(f"{url}/chat?{query}", message) == (
        200, b'{"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": ""}')
    assert post(f"{url}/chat?{query.replace('Sign=', 'Sign=0')}", message) == (
        403, b"callback_param_invalid")
    body = json.dumps({"EventGroupId": 1, "EventType": 104, "CallbackTs": now * 1000}).encode()
    headers = {"Sign": trtc.sign(body), "SdkAppId": str(APP)}
    assert post(f"{url}/trtc", body, headers) == (200, b'{"code": 0}')
    assert post(f"{url}/trtc", body + b" ", headers) == (403, b"callback_bad_signature")
    assert post(f"{url}/trtc", body, {"SdkAppId": str(APP)}) == (403, b"callback_param_missing")
    huge = b"{" + b" " * (usersig.MAX_CALLBACK_BODY_LEN - 1) + b"}"  # one byte over
    assert post(f"{url}/trtc", huge, {"Sign": trtc.sign(huge), "SdkAppId": str(APP)}) == (
        403, b"callback_too_large")
    assert post(f"{url}/other", b"") == (404, b"not found")
    assert events == [("State.StateChange", json.loads(message)), (104, json.loads(body))]


def sender_app(seen: List[Tuple[str, str]]) -> Callable[..., Iterable[bytes]]:
    """A WSGI app answering the fake sender (``ok <CallbackCommand>``, ``ok <EventType>``, or 403
    and the refusal's kind), recording in ``seen`` what it accepted and refused, by path."""
    chat = usersig.ChatCallbackVerifier(TOKEN, sdkappid=APP)
    trtc = usersig.TrtcCallbackVerifier(KEY, sdkappid=APP, window=60)

    def app(environ: Dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ["PATH_INFO"]
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        try:
            if path == "/chat":
                answer = f"ok {chat.verify_query(environ['QUERY_STRING']).command}"
            else:
                event = trtc.verify(environ.get("HTTP_SIGN"), environ.get("HTTP_SDKAPPID"), body)
                answer = f"ok {event.event_type}"
            status = "200 OK"
        except usersig.CallbackError as error:
            answer, status = error.kind.value, "403 Forbidden"
        seen.append((path, answer))
        start_response(status, [("Content-Type", "text/plain")])
        return [answer.encode()]

    return app


def test_the_fake_sender_gets_every_answer_right(serve: Callable[[Any], str]) -> None:
    binary = os.environ.get("USERSIG_FAKE_REST")
    if not binary:
        pytest.skip("USERSIG_FAKE_REST is not set (scripts/test-python.sh sets it)")
    seen: List[Tuple[str, str]] = []
    url = serve(sender_app(seen))
    sender = subprocess.run([binary, "callbacks", "--url", url, "--sdkappid", str(APP),
                             "--chat-token", TOKEN, "--trtc-key", KEY],
                            capture_output=True, text=True, timeout=120)
    assert sender.returncode == 0, sender.stdout + sender.stderr
    lines = sender.stdout.splitlines()
    assert sum(line.startswith("PASS ") for line in lines) == len(seen) >= 20
    assert not any(line.startswith("FAIL ") for line in lines)
    assert [answer for path, answer in seen if path == "/chat" and answer.startswith("ok")] == [
        "ok C2C.CallbackAfterSendMsg", "ok Group.CallbackAfterNewMemberJoin",
        "ok Live.CallbackAfterCreateRoom"]
    assert [answer for path, answer in seen if path == "/trtc" and answer.startswith("ok")] == [
        "ok 103"]
    refusals = sorted({answer for _, answer in seen if not answer.startswith("ok")})
    assert refusals == ["callback_bad_signature", "callback_out_of_window",
                        "callback_param_invalid", "callback_param_missing",
                        "callback_param_repeated", "callback_sdkappid_mismatch"]
