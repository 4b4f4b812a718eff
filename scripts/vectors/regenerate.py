"""Regenerates the official vectors from Tencent's libraries as the registries serve them.

    python regenerate.py CASES OUT JAVA_CLASSPATH

CASES is the committed official-python.jsonl: each line's case (id, kind, time, inputs, call) is
kept, and everything the library produced is made again, with the clock fixed at `time`:
- `usersig`, `userbuf`: PyPI tls-sig-api-v2 1.1, gen_sig / gen_sig_with_userbuf.
- `pmk`, `pmk_str`: the userbuf from the Java library 2.0's public genUserBuf (Maven Central),
  made to hold the absolute expiry `time + expire` (UserBuf.java), then signed by PyPI 1.1's
  gen_sig_with_userbuf. The
  newer Python library that first made these lines (GitHub only) does exactly these two steps.
Lines where that library raised (`output` null) cannot be made again from the registries (Java's
genUserBuf does not refuse, it truncates the characters), so they are copied as they are and named
on stderr. Writes OUT in the committed file's exact format.
"""

import base64
import json
import subprocess
import sys
import time
import zlib

import TLSSigAPIv2 as official  # PyPI tls-sig-api-v2 1.1


def b64url_decode(token):
    """Tencent's base64 variant: `*-_` for `+/=`."""
    return base64.b64decode(token.replace("*", "+").replace("-", "/").replace("_", "="))


def parse_userbuf(buf):
    """The userbuf field by field, reading past the end as zeros, as the original tool did."""
    parsed = {"hex": buf.hex(), "len": len(buf)}
    try:
        parsed["ver"] = buf[0]
    except IndexError as e:
        parsed["parse_error"] = repr(e)
        return parsed
    be = lambda at, n: int.from_bytes(buf[at : at + n], "big")  # noqa: E731
    account_len = be(1, 2)
    at = 3 + account_len
    parsed.update(account_len=account_len, account_hex=buf[3:at].hex())
    for name in ("sdkappid", "roomid", "expire_abs", "privilege", "account_type"):
        parsed[name] = be(at, 4)
        at += 4
    if parsed["ver"] == 1:
        roomstr_len = be(at, 2)
        parsed.update(roomstr_len=roomstr_len, roomstr_hex=buf[at + 2 : at + 2 + roomstr_len].hex())
        at += 2 + roomstr_len
    parsed["trailing"] = buf[at:].hex()
    return parsed


def describe(token):
    """The fields the committed file records about a token."""
    compressed = b64url_decode(token)
    text = zlib.decompress(compressed).decode("utf-8")
    decoded = json.loads(text)
    return {
        "compressed_len": len(compressed),
        "zlib_header_hex": compressed[:2].hex(),
        "decoded_json_text": text,
        "decoded": decoded,
        "decoded_key_order": list(decoded),
        "decoded_types": {k: type(v).__name__ for k, v in decoded.items()},
        "recompress_py_level6_equal": zlib.compress(text.encode("utf-8"), 6) == compressed,
    }


def java_userbufs(cases, classpath, java_source):
    rows = []
    for case in cases:
        i = case["inputs"]
        rows.append(
            "\t".join(
                [
                    str(i["sdkappid"]),
                    i["userid"].encode("utf-8").hex(),
                    str(i.get("roomid", 0)),
                    str(case["time"] + i["expire"]),
                    str(i["privilege"]),
                    i.get("roomstr", "").encode("utf-8").hex(),
                ]
            )
        )
    out = subprocess.run(
        ["java", "-cp", classpath, java_source],
        input="\n".join(rows) + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert len(out) == len(cases), (len(out), len(cases))
    return [bytes.fromhex(h) for h in out]


def sign(case, userbuf=None):
    i = case["inputs"]
    api = official.TLSSigAPIv2(i["sdkappid"], i["key"])
    real_time = time.time
    time.time = lambda: case["time"]
    try:
        if userbuf is not None:
            return api.gen_sig_with_userbuf(i["userid"], i["expire"], userbuf)
        if case["kind"] == "userbuf":
            return api.gen_sig_with_userbuf(i["userid"], i["expire"], bytes.fromhex(i["userbuf_hex"]))
        if i["expire"] is None:
            return api.gen_sig(i["userid"])
        return api.gen_sig(i["userid"], i["expire"])
    finally:
        time.time = real_time


def main(cases_path, out_path, classpath, java_source):
    cases = [json.loads(line) for line in open(cases_path, encoding="utf-8")]
    head = ("id", "kind", "time", "inputs", "call")
    pmk = [c for c in cases if c["kind"] in ("pmk", "pmk_str") and c["output"] is not None]
    bufs = dict(zip((c["id"] for c in pmk), java_userbufs(pmk, classpath, java_source)))
    with open(out_path, "w", encoding="utf-8") as out:
        for case in cases:
            if case["output"] is None:
                print(f"copied, not reproduced: {case['id']} ({case['error']})", file=sys.stderr)
                out.write(json.dumps(case, ensure_ascii=False) + "\n")
                continue
            line = {k: case[k] for k in head}
            userbuf = bufs.get(case["id"])
            token = sign(case, userbuf)
            if case["kind"] == "pmk":
                # The GitHub library's genPrivateMapKey and 1.1's gen_sig_with_userbuf agree.
                line["pypi11_gen_sig_with_userbuf_same"] = token == case["output"]
            line["output"] = token
            if userbuf is not None:
                line["library_stdout"] = repr(userbuf) + "\n"  # that library printed its userbuf
            line.update(describe(token))
            if case["kind"] != "usersig":
                line["userbuf_parsed"] = parse_userbuf(base64.b64decode(line["decoded"]["TLS.userbuf"]))
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:5])
