"""Interop adapter for Tencent's official Python library (PyPI tls-sig-api-v2 1.1).

Runs inside a private venv that has the library installed. Reads one JSON request on
stdin and writes one JSON answer on stdout; the request shapes are described in
scripts/interop/driver.py.

Version 1.1 only has `gen_sig` and `gen_sig_with_userbuf` (no PrivateMapKey) and no
verifier. Tokens are checked with the library's own `base64_decode_url` and its own
(private) HMAC routine; the checks mirror the official Go `VerifyUserSig`.
"""

import base64
import json
import zlib
from unittest import mock

from common import best_ns_per_call, serve

import TLSSigAPIv2 as lib

NO_PMK = "tls-sig-api-v2 1.1 has no PrivateMapKey API"


def mint(case):
    """Mint one token with the clock fixed at case['time'] (time.time patched)."""
    if case["kind"] not in ("usersig", "userbuf"):
        return {"unsupported": NO_PMK}
    api = lib.TLSSigAPIv2(case["sdkappid"], case["key"])
    with mock.patch.object(lib.time, "time", return_value=case["time"]):
        if case["kind"] == "usersig":
            return {"token": api.gen_sig(case["userid"], case["expire"])}
        userbuf = bytes.fromhex(case["userbuf_hex"])
        return {"token": api.gen_sig_with_userbuf(case["userid"], case["expire"], userbuf)}


def check(item):
    """Judge one token like Go's VerifyUserSig[WithBuf]; returns (ok, detail)."""
    try:
        doc = json.loads(zlib.decompress(lib.base64_decode_url(item["token"].encode())))
    except Exception as exc:  # any decode failure is a rejection
        return False, f"decode failed: {exc!r}"
    if doc.get("TLS.sdkappid") != item["sdkappid"]:
        return False, "sdkappid mismatch"
    if doc.get("TLS.identifier") != item["userid"]:
        return False, "identifier mismatch"
    if item["now"] > doc["TLS.time"] + doc["TLS.expire"]:
        return False, "expired"
    have = doc.get("TLS.userbuf")
    want = item["userbuf_hex"]
    if (want is None) != (have is None):
        return False, "userbuf presence mismatch"
    if want is not None and base64.b64decode(have) != bytes.fromhex(want):
        return False, "userbuf mismatch"
    api = lib.TLSSigAPIv2(item["sdkappid"], item["key"])
    sig = api._TLSSigAPIv2__hmacsha256(doc["TLS.identifier"], doc["TLS.time"], doc["TLS.expire"], have)
    if sig.decode() != doc["TLS.sig"]:
        return False, "signature mismatch"
    return True, "ok"


def bench(case, seconds):
    """Time the official generator on one case (see benchloop)."""
    api = lib.TLSSigAPIv2(case["sdkappid"], case["key"])
    if case["kind"] == "usersig":
        return best_ns_per_call(lambda: api.gen_sig(case["userid"], case["expire"]), seconds)
    userbuf = bytes.fromhex(case["userbuf_hex"])
    return best_ns_per_call(
        lambda: api.gen_sig_with_userbuf(case["userid"], case["expire"], userbuf), seconds)



if __name__ == "__main__":
    serve(mint, check, bench)
