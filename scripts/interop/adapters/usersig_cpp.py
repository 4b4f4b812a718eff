"""Interop adapter for usersig's C++ drop-in (bindings/c/include/tls_sig_api_v2.h).

Runs the program scripts/interop/cpp/adapter.cpp was compiled into (its path is the first
argument), once per request, feeding it one line per case or item. Tencent's C++ API reads the
clock itself, so each mint result carries the clock window read around the program's run.
Protocol: scripts/interop/driver.py.
"""

import json
import subprocess
import sys
import time

PROGRAM = sys.argv[1]


def hexed(text):
    """A string (or bytes) as the program reads it: hex, "-" when empty."""
    data = text.encode() if isinstance(text, str) else text
    return data.hex() or "-"


def run(lines):
    """The program's answer to each line."""
    proc = subprocess.run([PROGRAM], input="".join(l + "\n" for l in lines), capture_output=True,
                          text=True, check=True)
    return proc.stdout.splitlines()


def main():
    req = json.load(sys.stdin)
    results = []
    if req["op"] == "mint":
        lines, cases = [], []
        for c in req["cases"]:
            if c["kind"] == "userbuf" and not c["userbuf_hex"]:
                results.append({"id": c["id"], "unsupported": "genSig reads an empty userbuf as "
                                "none, as Tencent's port does"})
                continue
            cases.append(c)
            userbuf = bytes.fromhex(c.get("userbuf_hex") or "")
            lines.append(" ".join(str(x) for x in (
                "mint", c["kind"], c["sdkappid"], hexed(c["key"]), hexed(c["userid"]), c["expire"],
                c.get("roomid", 0), hexed(c.get("roomstr", "")), c.get("privilege", 0), hexed(userbuf))))
        before = int(time.time())
        answers = run(lines)
        after = int(time.time()) + 1
        for c, answer in zip(cases, answers):
            status, _, value = answer.partition(" ")
            if status == "ok":
                results.append({"id": c["id"], "token": value, "clock": [before, after]})
            else:
                results.append({"id": c["id"], "error": bytes.fromhex(value).decode(errors="replace")})
    elif req["op"] == "check":
        lines = [" ".join(str(x) for x in (
            "check", it["sdkappid"], hexed(it["key"]), hexed(it["userid"]), hexed(it["token"]),
            it["now"], "none" if it["userbuf_hex"] is None else hexed(bytes.fromhex(it["userbuf_hex"]))))
            for it in req["items"]]
        for it, answer in zip(req["items"], run(lines)):
            status, _, value = answer.partition(" ")
            detail = "ok" if status == "ok" else bytes.fromhex(value).decode(errors="replace")
            results.append({"id": it["id"], "ok": status == "ok", "detail": detail})
    else:
        for c in req["cases"]:
            userbuf = bytes.fromhex(c.get("userbuf_hex") or "")
            line = " ".join(str(x) for x in (
                "bench", c["kind"], c["sdkappid"], hexed(c["key"]), hexed(c["userid"]), c["expire"],
                hexed(userbuf), req["seconds"]))
            ns, iterations = run([line])[0].split()
            results.append({"id": c["id"], "ns_per_token": float(ns), "iterations": int(iterations)})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
