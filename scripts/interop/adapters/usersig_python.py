"""Interop adapter for usersig's own Python binding (`import usersig`).

Runs under the interpreter named by USERSIG_PYTHON. Speaks the same JSON protocol as the
official-port adapters (see scripts/interop/driver.py): mint, check and bench. Prints
{"unavailable": reason} and exits 0 when the module cannot be imported, so the driver can
say so and go on.
"""

import json
import sys

from common import best_ns_per_call, serve

try:
    import usersig
except ImportError as exc:
    json.dump({"unavailable": f"import usersig failed: {exc}"}, sys.stdout)
    sys.exit(0)


def mint(case):
    """Mint one token with usersig at case['time']."""
    return {"token": sign(case)}


def sign(case):
    """The token for one case (usersig raises when it refuses the input)."""
    signer = usersig.Signer(case["sdkappid"], case["key"])
    user, expire, now = case["userid"], case["expire"], case["time"]
    kind = case["kind"]
    if kind == "usersig":
        return signer.user_sig(user, expire, now=now)
    if kind == "userbuf":
        return signer.user_sig(user, expire, userbuf=bytes.fromhex(case["userbuf_hex"]), now=now)
    room = case["roomid"] if kind == "pmk" else case["roomstr"]
    return signer.private_map_key(user, room, case["privilege"], expire, now=now)


def check(item):
    """Verify one token with usersig's Verifier; returns (ok, detail)."""
    userbuf = None if item["userbuf_hex"] is None else bytes.fromhex(item["userbuf_hex"])
    try:
        verifier = usersig.Verifier(item["sdkappid"], item["key"])
        verifier.verify(item["token"], item["userid"], userbuf=userbuf, now=item["now"])
    except usersig.UserSigError as exc:  # every rejection is one of these
        return False, f"{type(exc).__name__}: {exc}"
    return True, "ok"


def bench(case, seconds):
    """Time usersig's signer on one case: one call into Rust a token, signer reused."""
    signer = usersig.Signer(case["sdkappid"], case["key"])
    user, expire = case["userid"], case["expire"]
    if case["kind"] == "usersig":
        return best_ns_per_call(lambda: signer.user_sig(user, expire), seconds)
    userbuf = bytes.fromhex(case["userbuf_hex"])
    return best_ns_per_call(lambda: signer.user_sig(user, expire, userbuf=userbuf), seconds)


if __name__ == "__main__":
    serve(mint, check, bench)
