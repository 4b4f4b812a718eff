"""AdminAuth: URLs, the cached admin token and its renewal (clock injected), threads, settings
refused, and a live call to the fake REST endpoint (scripts/fake-rest) when it is built."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import urllib.parse
import urllib.request
from typing import Dict, Iterator, List

import pytest

import usersig
from conftest import APP, KEY, NOW
from usersig import _native


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: int) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


def test_the_admin_defaults_are_the_cores() -> None:
    constants = dict(_native.constants())
    assert usersig.DEFAULT_ADMIN_VALIDITY == constants["DEFAULT_ADMIN_VALIDITY"] == 3600
    assert usersig.DEFAULT_RENEW_MARGIN == constants["DEFAULT_RENEW_MARGIN"] == 600
    auth = usersig.AdminAuth(APP, KEY)
    assert (auth.admin, auth.validity, auth.renew_margin) == ("administrator", 3600, 600)
    assert auth.endpoint == "https://console.tim.qq.com"


def test_a_url_carries_the_cached_token_until_the_renewal_margin() -> None:
    clock = Clock(NOW)
    auth = usersig.AdminAuth(APP, KEY, "ops admin", region="singapore", clock=clock)
    url = urllib.parse.urlsplit(auth.url("im_open_login_svc", "account_import"))
    assert (url.scheme, url.netloc, url.path) == (
        "https", "adminapisgp.im.qcloud.com", "/v4/im_open_login_svc/account_import")
    query = urllib.parse.parse_qs(url.query)
    assert query["sdkappid"] == [str(APP)] and query["identifier"] == ["ops admin"]
    assert query["contenttype"] == ["json"] and 0 <= int(query["random"][0]) < 2**32
    token = query["usersig"][0]
    assert token == auth.user_sig()
    claims = usersig.Verifier(APP, KEY).verify(token, "ops admin", now=NOW)
    assert (claims.issued_at, claims.expire) == (NOW, 3600)
    clock.now = NOW + 3000  # 600 s left: not fewer than the margin
    assert auth.user_sig() == token
    clock.now = NOW + 3001
    renewed = auth.user_sig()
    assert renewed != token and usersig.inspect(renewed).issued_at == NOW + 3001


def test_sixteen_threads_at_the_renewal_moment_all_get_one_token() -> None:
    clock = Clock(NOW)
    auth = usersig.AdminAuth(APP, KEY, clock=clock)
    first = auth.user_sig()
    clock.now = NOW + 3001
    barrier = threading.Barrier(16)
    seen: List[str] = []

    def renew() -> None:
        barrier.wait()
        token = urllib.parse.parse_qs(urllib.parse.urlsplit(auth.url("svc", "cmd")).query)
        seen.append(token["usersig"][0])

    threads = [threading.Thread(target=renew) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 16 and len(set(seen)) == 1 and seen[0] != first


def test_settings_and_paths_are_refused_with_typed_errors() -> None:
    with pytest.raises(usersig.UnknownRegionError) as region:
        usersig.AdminAuth(APP, KEY, region="mars")
    assert region.value.name == "mars"
    with pytest.raises(usersig.InvalidEndpointError):
        usersig.AdminAuth(APP, KEY, url="http://example.com")  # plain http only to loopback
    with pytest.raises(usersig.RenewMarginOutOfRangeError) as margin:
        usersig.AdminAuth(APP, KEY, validity=60, renew_margin=60)
    assert (margin.value.margin, margin.value.validity) == (60, 60)
    with pytest.raises(usersig.ExpireOutOfRangeError):
        usersig.AdminAuth(APP, KEY, validity=0, renew_margin=0)
    with pytest.raises(usersig.EmptyUserIdError):
        usersig.AdminAuth(APP, KEY, "")
    with pytest.raises(usersig.UserIdControlCharError) as control:
        usersig.AdminAuth(APP, KEY, "ad\x7fmin")
    assert control.value.position == 2
    with pytest.raises(TypeError):
        usersig.AdminAuth(APP, KEY, region="china", host="example.com")
    auth = usersig.AdminAuth(APP, KEY, host="example.com:8443")
    assert auth.endpoint == "https://example.com:8443"
    with pytest.raises(usersig.InvalidRestPathError) as path:
        auth.url("svc", "a/b")
    assert path.value.part == "command"
    assert "KEY" not in repr(auth) and KEY not in repr(auth)


@pytest.fixture(scope="module")
def fake_rest() -> Iterator[str]:
    """The base URL of a running fake REST endpoint (built by scripts/test-python.sh)."""
    binary = os.environ.get("USERSIG_FAKE_REST")
    if not binary:
        pytest.skip("USERSIG_FAKE_REST is not set (scripts/test-python.sh sets it)")
    server = subprocess.Popen([binary, "--sdkappid", str(APP), "--key", KEY],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    yield server.stdout.readline().strip()
    assert server.stdin is not None
    server.stdin.close()
    server.wait(timeout=10)


def post(url: str, body: Dict[str, object]) -> Dict[str, object]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        answer: Dict[str, object] = json.load(response)
    return answer


def test_the_fake_rest_endpoint_accepts_our_urls_and_refuses_an_expired_token(
        fake_rest: str) -> None:
    auth = usersig.AdminAuth(APP, KEY, url=fake_rest)
    answer = post(auth.url("im_open_login_svc", "account_import"), {"UserID": "alice"})
    assert answer["ActionStatus"] == "OK" and answer["ErrorCode"] == 0
    assert answer["Body"] == {"UserID": "alice"}
    stale = usersig.AdminAuth(APP, KEY, url=fake_rest, clock=lambda: NOW)
    refused = post(stale.url("im_open_login_svc", "account_import"), {})
    assert refused["ActionStatus"] == "FAIL" and refused["ErrorCode"] == 70001
    failing = post(auth.url("fake", "fail"), {})
    assert failing["ErrorCode"] == 90001


def test_the_readme_rest_function_works_against_the_fake_endpoint(fake_rest: str) -> None:
    from test_docs import README, python_blocks

    block = next(block for block in python_blocks(README) if "def rest(" in block)
    namespace: Dict[str, object] = {"__name__": "readme"}
    exec(compile(block, "README rest block", "exec"), namespace)
    namespace["auth"] = usersig.AdminAuth(APP, KEY, url=fake_rest)
    answer = namespace["rest"]("im_open_login_svc", "account_import",  # type: ignore[operator]
                               {"UserID": "alice"})
    assert answer["Body"] == {"UserID": "alice"}
    with pytest.raises(RuntimeError, match="90001"):
        namespace["rest"]("fake", "fail", {})  # type: ignore[operator]
