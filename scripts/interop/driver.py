"""Interop matrix between usersig and Tencent's official UserSig v2 libraries.

Run by scripts/interop.sh, which installs the official libraries and builds the adapters; see
that script for how to run it. Standard library only.

Every producer mints tokens for one shared set of cases (`build_cases`); every verifier then
judges every token; the driver prints a producer x verifier matrix and exits 1 if any cell
holds an unexpected result.

Ports talk to the driver through small adapter programs, one process per port and phase. An
adapter reads one JSON request on stdin and writes one JSON answer on stdout:

- {"op": "mint", "cases": [case, ...]} -> {"results": [{"id", "token"} | {"id", "error"} |
  {"id", "unsupported"}, ...]}; a port whose clock cannot be fixed adds "clock": [before, after]
  (Unix seconds read around the call), and the token's own TLS.time is then used as its time.
- {"op": "check", "items": [item, ...]} -> {"results": [{"id", "ok", "detail"}, ...]}, an item
  being {"id", "token", "sdkappid", "key", "userid", "now", "userbuf_hex" (null: none expected)}.
- {"op": "bench", "cases": [...], "seconds": s} -> {"results": [{"id", "ns_per_token",
  "iterations"}, ...]}.

The usersig command-line tool is run directly, once per token.

Columns of the matrix:
- mint: the producer made a token for the case.
- one column per verifier: the token is accepted at its own issue time exactly when the case is
  valid at that time (an already-expired case must be rejected), and it is rejected with a
  wrong key. Official ports without a verifier decode the token and re-sign it with their own
  HMAC routine, applying the checks of the official Go VerifyUserSig.
- spec: the driver's own plain decode; every field must equal the inputs, the types and the
  userbuf encoding must be as in docs/usersig-v2.md, and TLS.sig must be the HMAC of the
  fields. For a PrivateMapKey the userbuf must be the spec's layout (section 2).
- =usersig: usersig, given the same inputs and the token's issue time, mints the same
  TLS.userbuf and TLS.sig (only for inputs usersig's signer accepts).
"""

import argparse
import base64
import hashlib
import hmac
import json
import shlex
import struct
import subprocess
import sys
import time
import zlib
from dataclasses import dataclass, field

KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
T0 = 1700000000
MAX_EXPIRE = 50 * 365 * 86400  # usersig's signer refuses longer validities

# Producer/verifier names, in matrix order, with the label printed for each.
PORTS = {
    "python": "python tls-sig-api-v2 1.1",
    "node": "node tls-sig-api-v2 1.0.2",
    "java": "java tls-sig-api-v2 1.1",
    "java2": "java tls-sig-api-v2 2.0",
    "go": "go tls-sig-api-v2-golang 1.4.0",
    "usersig-cli": "usersig CLI",
    "usersig-py": "usersig Python",
    "usersig-jvm": "usersig JVM (from Java)",
    "usersig-swift": "usersig Swift",
    "usersig-node": "usersig Node (npm)",
    "usersig-cpp": "usersig C++ drop-in",
    "usersig-go": "usersig Go",
    "usersig-php": "usersig PHP (Composer)",
}
OFFICIAL = ("python", "node", "java", "java2", "go")
COLUMNS = ["mint", *PORTS, "spec", "=usersig"]

BUGS = {
    "node-utf16": "Node keeps only the low byte of each UTF-16 unit of the account and room "
                  "string in the PrivateMapKey userbuf, and counts lengths in UTF-16 units "
                  "(spec section 2, known bugs)",
    "java2-utf16": "Java 2.0, like Node, keeps only the low byte of each UTF-16 unit of the account "
                   "and room string in the PrivateMapKey userbuf, and counts lengths in UTF-16 units "
                   "(not yet listed in the spec)",
    "node-empty-room": "Node writes version 1 (string room) for an empty room string "
                       "(spec section 2, known bugs)",
    "java-wrap": "Java 1.1 encodes TLS.userbuf with sun.misc.BASE64Encoder, which breaks the "
                 "base64 into 76-character lines; the line feed stays in the JSON string and in "
                 "the signed content (not yet listed in the spec; seen with the JDK 8 encoder "
                 "this script supplies, see java/shim)",
    "go-omitempty": "Go 1.4.0 tags every JSON field omitempty, so an empty user id, an expire of "
                    "0 or an empty userbuf is left out of the token while the signature covers "
                    "it; no other verifier accepts such a token, and for an empty userbuf not even "
                    "Go's own (not yet listed in the spec)",
    "go-reencode": "Go's VerifyUserSigWithBuf signs the base64 it re-encodes from the decoded "
                   "userbuf rather than the TLS.userbuf text of the token, so it rejects Java "
                   "1.1's line-broken userbuf (not yet listed in the spec)",
}


# --------------------------------------------------------------------------------------------
# Cases


def build_cases():
    """The shared inputs. Each case is a dict in the adapter protocol's shape."""
    cases = []

    def add(kind, userid, sdkappid=1400000000, expire=86400, now=T0, key=KEY, **extra):
        cases.append(dict(id=f"{kind}-{len(cases) + 1:02d}", kind=kind, sdkappid=sdkappid,
                          key=key, userid=userid, expire=expire, time=now, **extra))

    # Plain UserSigs.
    add("usersig", "xiaojun", expire=15552000)
    add("usersig", "user_01-ABC", sdkappid=1600012345)
    add("usersig", "xiaojun", sdkappid=4294967295, expire=300)
    add("usersig", "-leading-dash")
    add("usersig", '用户/<a>&"', expire=15552000)
    add("usersig", "ユーザー名", sdkappid=1600012345, expire=300)
    add("usersig", "😀emoji👍", sdkappid=4294967295)
    add("usersig", 'q"uo\\te\\"', expire=15552000)
    add("usersig", "é-ñ Latin-1", sdkappid=1600012345)
    add("usersig", "price€100 ‐ dash")  # U+2000..U+20FF: Java's org.json escapes these
    add("usersig", "tab\tnewline\nctl\x01")
    add("usersig", "a" * 64, sdkappid=1, expire=15552000)
    add("usersig", "xiaojun", now=4000000000)  # past 2^31
    add("usersig", "xiaojun", key="密钥-ключ", expire=300)  # the key is used as UTF-8 text
    add("usersig", "3", sdkappid=1, expire=4, key="2")
    # Inputs usersig's signer refuses; the official tokens must still be judged correctly.
    add("usersig", "")
    add("usersig", "xiaojun", expire=0)
    add("usersig", "xiaojun", expire=-1)  # already expired when issued
    add("usersig", "xiaojun", expire=3000000000)  # beyond 50 years and 2^32
    # UserSigs with a userbuf.
    add("userbuf", "xiaojun", userbuf_hex="00ff")
    add("userbuf", "用户", sdkappid=1600012345, expire=15552000, userbuf_hex=b"abc".hex())
    add("userbuf", "😀", sdkappid=4294967295, expire=300, userbuf_hex=bytes([0, 255] * 32).hex())
    add("userbuf", "xiaojun", userbuf_hex=bytes(range(56)).hex())
    add("userbuf", "xiaojun", expire=300, userbuf_hex=bytes(range(57)).hex())
    add("userbuf", "xiaojun", userbuf_hex="")
    # PrivateMapKeys, numeric room.
    add("pmk", "xiaojun", expire=15552000, roomid=10000, privilege=255)
    add("pmk", "user_01", sdkappid=1600012345, expire=300, roomid=1, privilege=42)
    add("pmk", "xiaojun", sdkappid=4294967295, roomid=4294967294, privilege=0)
    add("pmk", "用户", roomid=10000, privilege=255)
    add("pmk", "😀", expire=300, roomid=7, privilege=1)
    add("pmk", "xiaojun", now=4000000000, roomid=10000, privilege=255)
    add("pmk", "xiaojun", roomid=0, privilege=255)  # refused by usersig
    # PrivateMapKeys, string room.
    add("pmk_str", "xiaojun", expire=15552000, roomstr="1000000040", privilege=255)
    add("pmk_str", "user_01", sdkappid=1600012345, expire=300, roomstr="room-A_b", privilege=42)
    add("pmk_str", "xiaojun", roomstr="房间", privilege=255)
    add("pmk_str", "用户", roomstr="room😀", privilege=255)
    add("pmk_str", "xiaojun", sdkappid=4294967295, roomstr="r" * 64, privilege=128)
    add("pmk_str", "xiaojun", roomstr="", privilege=255)  # refused by usersig
    return cases


def usersig_refuses(case):
    """Why usersig's signer refuses the case on purpose, or None if it signs it."""
    room = case.get("roomstr")
    if case["userid"] == "":
        return "empty user id"
    if any(ord(ch) < 0x20 or ord(ch) == 0x7f for ch in case["userid"]):
        return "control character in the user id"
    if not 0 < case["expire"] <= MAX_EXPIRE:
        return "expire outside 1..50 years"
    if case["time"] + case["expire"] > 2**32:
        return "now + expire past 2^32"
    if case["kind"] == "pmk" and not 1 <= case["roomid"] <= 4294967294:
        return "room id outside 1..4294967294"
    if case["kind"] == "pmk_str" and not 1 <= len(room.encode()) <= 64:
        return "room string empty or longer than 64 bytes"
    return None


def known_bug(producer, case):
    """The BUGS key of a documented official bug that makes the case's content wrong, or None."""
    non_ascii = not (case["userid"] + case.get("roomstr", "")).isascii()
    if producer == "node" and case["kind"] in ("pmk", "pmk_str") and non_ascii:
        return "node-utf16"
    if producer == "java2" and case["kind"] in ("pmk", "pmk_str") and non_ascii:
        return "java2-utf16"
    if producer == "node" and case["kind"] == "pmk_str" and case["roomstr"] == "":
        return "node-empty-room"
    if producer == "java" and java_wraps(case):
        return "java-wrap"
    if producer == "go" and go_omits(case):
        return "go-omitempty"
    return None


def known_verifier_bug(producer, verifier, case):
    """The BUGS key of a documented official bug that makes `verifier` misjudge the token, or None."""
    if producer == "go" and go_omits(case):
        # Go's own verifier reads a missing identifier or expire as empty or 0 and so accepts.
        if verifier != "go" or case["kind"] == "userbuf":
            return "go-omitempty"
    if producer == "java" and verifier == "go" and java_wraps(case):
        return "go-reencode"
    return None


def java_wraps(case):
    """Java 1.1's encoder breaks this case's TLS.userbuf into lines (57 bytes make 76 characters)."""
    return case["kind"] == "userbuf" and len(case["userbuf_hex"]) >= 2 * 57


def go_omits(case):
    """Go 1.4.0 leaves a signed field of this case out of the token's JSON."""
    return case["userid"] == "" or case["expire"] == 0 or case.get("userbuf_hex") == ""


# --------------------------------------------------------------------------------------------
# The format, as the spec states it


def tencent_b64decode(text):
    """Tencent's base64 variant: standard base64 with + / = written as * - _ (padding kept)."""
    return base64.b64decode(text.translate(str.maketrans("*-_", "+/=")), validate=True)


def decode_token(token):
    """The token's JSON object (raises on any decoding error)."""
    return json.loads(zlib.decompress(tencent_b64decode(token)).decode("utf-8"))


def content_sig(key, identifier, sdkappid, now, expire, userbuf_b64):
    """TLS.sig for these fields: base64 of HMAC-SHA256 over the content of spec section 1."""
    content = f"TLS.identifier:{identifier}\nTLS.sdkappid:{sdkappid}\nTLS.time:{now}\nTLS.expire:{expire}\n"
    if userbuf_b64 is not None:
        content += f"TLS.userbuf:{userbuf_b64}\n"
    digest = hmac.new(key.encode(), content.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def pmk_userbuf(case, now):
    """The PrivateMapKey userbuf of spec section 2 for the case, issued at `now`."""
    account = case["userid"].encode()
    room = case.get("roomstr", "").encode()
    version = 1 if room else 0
    out = struct.pack(">BH", version, len(account)) + account
    out += struct.pack(">IIIII", case["sdkappid"], case.get("roomid", 0),
                       (now + case["expire"]) % 2**32, case["privilege"], 0)
    if version:
        out += struct.pack(">H", len(room)) + room
    return out


def expected_userbuf(case, now):
    """The userbuf bytes the case's token should carry, or None for a plain UserSig."""
    if case["kind"] == "userbuf":
        return bytes.fromhex(case["userbuf_hex"])
    if case["kind"] in ("pmk", "pmk_str"):
        return pmk_userbuf(case, now)
    return None


def spec_check(case, token, now):
    """Check one token against the spec and the case's inputs; returns (ok, detail)."""
    try:
        doc = decode_token(token)
    except Exception as exc:
        return False, f"decode failed: {exc!r}"
    types = {"TLS.ver": str, "TLS.identifier": str, "TLS.sdkappid": int, "TLS.expire": int,
             "TLS.time": int, "TLS.sig": str}
    for name, typ in types.items():
        if type(doc.get(name)) is not typ:
            return False, f"{name} missing or not a {typ.__name__}: {doc.get(name)!r}"
    wanted = {"TLS.ver": "2.0", "TLS.identifier": case["userid"], "TLS.sdkappid": case["sdkappid"],
              "TLS.expire": case["expire"], "TLS.time": now}
    for name, value in wanted.items():
        if doc[name] != value:
            return False, f"{name} is {doc[name]!r}, expected {value!r}"
    userbuf_b64 = doc.get("TLS.userbuf")
    want = expected_userbuf(case, now)
    if (want is None) != (userbuf_b64 is None):
        return False, f"TLS.userbuf present: {userbuf_b64 is not None}, expected {want is not None}"
    if want is not None and userbuf_b64 != base64.b64encode(want).decode():
        return False, f"TLS.userbuf is {userbuf_b64!r}, expected {base64.b64encode(want).decode()!r}"
    sig = content_sig(case["key"], doc["TLS.identifier"], doc["TLS.sdkappid"], doc["TLS.time"],
                      doc["TLS.expire"], userbuf_b64)
    if doc["TLS.sig"] != sig:
        return False, f"TLS.sig is {doc['TLS.sig']!r}, HMAC gives {sig!r}"
    return True, "ok"


# --------------------------------------------------------------------------------------------
# Producers and verifiers


class PortError(Exception):
    """An adapter or the CLI could not run at all."""


@dataclass
class Minted:
    """One producer's result for one case."""

    case: dict
    token: str | None = None
    now: int | None = None  # the issue time the token should carry
    window: list | None = None  # clock read around the call, for ports with a real clock
    error: str | None = None
    unsupported: str | None = None


@dataclass
class Outcome:
    """One cell entry: status is pass, xfail (documented bug), FAIL or XPASS (bug not seen)."""

    case_id: str
    status: str
    detail: str = ""
    bug: str | None = None


@dataclass
class Run:
    """Everything the matrix is printed from."""

    cases: list
    available: dict = field(default_factory=dict)  # port name -> None or why unavailable
    minted: dict = field(default_factory=dict)  # producer -> case id -> Minted
    cells: dict = field(default_factory=dict)  # (producer, column) -> [Outcome]
    notes: list = field(default_factory=list)


class Adapter:
    """A port's adapter program (see the module docstring for the protocol)."""

    def __init__(self, name, argv):
        self.name = name
        self.argv = argv

    def call(self, request, timeout=300):
        """Send one request, return the decoded answer."""
        try:
            proc = subprocess.run(self.argv, input=json.dumps(request), capture_output=True,
                                  text=True, encoding="utf-8", timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PortError(f"{self.name}: {exc}") from exc
        if proc.returncode != 0:
            raise PortError(f"{self.name} exited {proc.returncode}: {proc.stderr.strip()[-3000:]}")
        try:
            return json.loads(proc.stdout)
        except ValueError as exc:
            raise PortError(f"{self.name} printed no JSON: {proc.stdout[:500]!r}") from exc


def brief(stderr):
    """The first line of a tool's error output, shortened: enough to say what went wrong."""
    lines = stderr.strip().splitlines() or [""]
    return lines[0][:300] + (" [...]" if len(lines) > 1 or len(lines[0]) > 300 else "")


class Cli:
    """The usersig command-line tool, run once per token."""

    def __init__(self, path):
        self.path = path

    def run(self, args, key):
        """Run `usersig ARGS --key=KEY`; returns the CompletedProcess."""
        try:
            return subprocess.run([self.path, *args, f"--key={key}"], capture_output=True,
                                  text=True, encoding="utf-8", timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PortError(f"usersig CLI: {exc}") from exc

    def mint(self, case, now):
        """Mint the case with `usersig sign` or `usersig pmk` at `now`."""
        args = [f"--sdkappid={case['sdkappid']}", f"--user-id={case['userid']}",
                f"--expire={case['expire']}", f"--time={now}"]
        if case["kind"] in ("usersig", "userbuf"):
            args.insert(0, "sign")
            if case["kind"] == "userbuf":
                args.append(f"--userbuf-hex={case['userbuf_hex']}")
        else:
            args.insert(0, "pmk")
            args.append(f"--privilege={case['privilege']}")
            if case["kind"] == "pmk":
                args.append(f"--room-id={case['roomid']}")
            else:
                args.append(f"--room-str={case['roomstr']}")
        proc = self.run(args, case["key"])
        if proc.returncode != 0:
            return Minted(case, error=f"exit {proc.returncode}: {brief(proc.stderr)}")
        return Minted(case, token=proc.stdout.strip(), now=now)

    def check(self, item):
        """Verify one item with `usersig verify`; returns (ok, detail)."""
        args = ["verify", f"--sdkappid={item['sdkappid']}", f"--user-id={item['userid']}",
                f"--now={item['now']}"]
        if item["userbuf_hex"] is not None:
            args.append(f"--userbuf-hex={item['userbuf_hex']}")
        proc = self.run([*args, item["token"]], item["key"])
        if proc.returncode not in (0, 1):
            return None, f"exit {proc.returncode}: {brief(proc.stderr)}"
        return proc.returncode == 0, brief(proc.stderr) or "ok"


def mint_with_adapter(adapter, cases):
    """Mint every case through an adapter; returns {case id: Minted}."""
    answer = adapter.call({"op": "mint", "cases": cases})
    by_id = {c["id"]: c for c in cases}
    out = {}
    for r in answer["results"]:
        case = by_id[r["id"]]
        m = Minted(case, token=r.get("token"), error=r.get("error"),
                   unsupported=r.get("unsupported"), window=r.get("clock"))
        if m.token is not None:
            m.now = case["time"]
            if m.window is not None:  # real clock: trust the token's own TLS.time
                try:
                    m.now = decode_token(m.token)["TLS.time"]
                except Exception:
                    m.now = m.window[0]
        out[case["id"]] = m
    return out


def check_items(minted):
    """The verification items for every token: the right key, then a wrong key."""
    items = []
    for producer, results in minted.items():
        for m in results.values():
            if m.token is None:
                continue
            case = m.case
            userbuf = expected_userbuf(case, m.now)
            if case["kind"] in ("pmk", "pmk_str"):
                # Verifier columns judge the envelope and signature; the grant's layout is the
                # spec column's business, so the verifier is told the userbuf the token carries.
                try:
                    userbuf = base64.b64decode(decode_token(m.token)["TLS.userbuf"])
                except Exception:
                    pass
            base = {"token": m.token, "sdkappid": case["sdkappid"], "userid": case["userid"],
                    "now": m.now, "userbuf_hex": None if userbuf is None else userbuf.hex()}
            items.append({**base, "id": f"{producer}/{case['id']}/good", "key": case["key"]})
            items.append({**base, "id": f"{producer}/{case['id']}/badkey", "key": case["key"] + "x"})
    return items


# --------------------------------------------------------------------------------------------
# The run


def judge(outcomes, case_id, ok, detail, bug=None):
    """Record one check: a documented bug turns a failure into xfail and a pass into XPASS."""
    if bug is None:
        outcomes.append(Outcome(case_id, "pass" if ok else "FAIL", detail))
    else:
        outcomes.append(Outcome(case_id, "XPASS" if ok else "xfail", detail, bug))


def run_matrix(run, adapters, cli):
    """Mint with every producer, verify with every verifier, fill run.cells."""
    cases = run.cases
    signable = [c for c in cases if usersig_refuses(c) is None]
    run.notes.append(f"usersig's signer refuses {len(cases) - len(signable)} of {len(cases)} cases "
                     "on purpose (" + "; ".join(sorted({usersig_refuses(c) for c in cases} - {None}))
                     + "); only official ports mint those")

    for name, adapter in adapters.items():
        cases_for = cases if name in OFFICIAL else signable
        run.minted[name] = mint_with_adapter(adapter, cases_for)
    if cli is not None:
        run.minted["usersig-cli"] = {c["id"]: cli.mint(c, c["time"]) for c in signable}

    for producer, results in run.minted.items():
        unsupported = sorted({m.unsupported for m in results.values() if m.unsupported})
        for reason in unsupported:
            n = sum(m.unsupported == reason for m in results.values())
            run.notes.append(f"{producer}: {n} cases not applicable: {reason}")
        if any(m.window for m in results.values()):
            run.notes.append(f"{producer}: the library's clock cannot be fixed; each token's own "
                             "TLS.time is used as its issue time and must lie inside the clock "
                             "window read around the call")
        mint_cells = run.cells.setdefault((producer, "mint"), [])
        spec_cells = run.cells.setdefault((producer, "spec"), [])
        for m in results.values():
            if m.unsupported:
                continue
            bug = known_bug(producer, m.case) if producer in OFFICIAL else None
            if m.token is None:
                judge(mint_cells, m.case["id"], False, m.error)
                continue
            judge(mint_cells, m.case["id"], True, "ok")
            ok, detail = spec_check(m.case, m.token, m.now)
            if ok and m.window and not m.window[0] <= m.now <= m.window[1]:
                ok, detail = False, f"TLS.time {m.now} outside the clock window {m.window}"
            judge(spec_cells, m.case["id"], ok, detail, bug)

    items = check_items(run.minted)
    verdicts = {}
    for name, adapter in adapters.items():
        answer = adapter.call({"op": "check", "items": items})
        verdicts[name] = {r["id"]: (r["ok"], r["detail"]) for r in answer["results"]}
    if cli is not None:
        verdicts["usersig-cli"] = {it["id"]: cli.check(it) for it in items}
    for verifier, answers in verdicts.items():
        for producer, results in run.minted.items():
            cell = run.cells.setdefault((producer, verifier), [])
            for m in results.values():
                if m.token is None:
                    continue
                prefix = f"{producer}/{m.case['id']}"
                good_ok, good_detail = answers[prefix + "/good"]
                bad_ok, bad_detail = answers[prefix + "/badkey"]
                # Checked at its own issue time, a token is valid exactly when expire >= 0
                # (it expires when now > time + expire).
                valid = m.case["expire"] >= 0
                problems = []
                if good_ok is None or good_ok != valid:
                    want = "accepted" if valid else "rejected"
                    problems.append(f"right key: expected {want}, got: {good_detail}")
                if bad_ok is not False:
                    problems.append(f"wrong key: expected rejected, got: {bad_detail}")
                judge(cell, m.case["id"], not problems, "; ".join(problems) or "ok",
                      known_verifier_bug(producer, verifier, m.case))

    if cli is not None:
        agreement(run, cli)


def agreement(run, cli):
    """The =usersig column: usersig mints the same TLS.userbuf and TLS.sig as each producer."""
    ours = run.minted.get("usersig-cli", {})
    for producer in OFFICIAL:
        cell = run.cells.setdefault((producer, "=usersig"), [])
        for m in run.minted.get(producer, {}).values():
            if m.token is None or usersig_refuses(m.case) is not None:
                continue
            mine = ours.get(m.case["id"])
            if mine is None or mine.now != m.now:
                mine = cli.mint(m.case, m.now)
            if mine.token is None:
                judge(cell, m.case["id"], False, f"usersig refused: {mine.error}")
                continue
            theirs, us = decode_token(m.token), decode_token(mine.token)
            diffs = [f"{k}: {theirs.get(k)!r} vs usersig {us.get(k)!r}"
                     for k in ("TLS.userbuf", "TLS.sig") if theirs.get(k) != us.get(k)]
            judge(cell, m.case["id"], not diffs, "; ".join(diffs) or "ok",
                  known_bug(producer, m.case))


# --------------------------------------------------------------------------------------------
# Output


def cell_text(outcomes):
    """One matrix cell: counts of each status."""
    if not outcomes:
        return "-"
    counts = {}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    return " ".join(f"{counts[s]} {s}" for s in ("pass", "xfail", "FAIL", "XPASS") if s in counts)


def print_matrix(run):
    """Print the matrix, the expected failures, the unexpected results and the notes."""
    columns = [c for c in COLUMNS if c in ("mint", "spec", "=usersig") or c in run.available]
    rows = [p for p in PORTS if p in run.available]
    head = ["producer \\ verifier", *columns]
    table = [head]
    for p in rows:
        if run.available[p]:
            table.append([PORTS[p], "unavailable", *[""] * (len(columns) - 1)])
            continue
        line = [PORTS[p]]
        for c in columns:
            if c in PORTS and run.available.get(c):
                line.append("unavailable")
            elif c == "=usersig" and p not in OFFICIAL:
                line.append("-")
            elif c == "=usersig" and run.available.get("usersig-cli"):
                line.append("unavailable")
            else:
                line.append(cell_text(run.cells.get((p, c), [])))
        table.append(line)
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    print("\nInterop matrix. Rows: producers. Columns: mint; each verifier (python, node, java, java2:")
    print("the library's own decoding and HMAC with Go's checks; go: VerifyUserSig[WithBuf];")
    print("usersig-*: usersig verify); spec: the driver's plain decode against the spec; =usersig:")
    print("usersig mints the same TLS.userbuf and TLS.sig. A cell counts cases: pass, xfail")
    print("(documented bug of an official port), FAIL / XPASS (unexpected).\n")
    for i, r in enumerate(table):
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))

    cases = {c["id"]: c for c in run.cases}
    expected = [(k, o) for k, outs in run.cells.items() for o in outs if o.status == "xfail"]
    if expected:
        print("\nExpected failures (documented bugs of official ports):")
        for bug, reason in BUGS.items():
            cells = {}
            for (p, c), o in expected:
                if o.bug == bug:
                    cells.setdefault(f"{p} x {c}", []).append(o.case_id)
            if cells:
                print(f"- {reason}")
                for cell, ids in cells.items():
                    print(f"    {cell}: {', '.join(ids)}")
    unexpected = [(k, o) for k, outs in run.cells.items() for o in outs if o.status in ("FAIL", "XPASS")]
    if unexpected:
        print("\nUNEXPECTED results:")
        for (p, c), o in unexpected:
            m = run.minted.get(p, {}).get(o.case_id)
            print(f"- {o.status} producer={p} verifier={c} case={o.case_id}: {o.detail}")
            print(f"    inputs: {json.dumps(cases[o.case_id], ensure_ascii=False)}")
            if m is not None and m.token:
                print(f"    token (issued at {m.now}): {m.token}")
    print("\nNotes:")
    for name, reason in run.available.items():
        if reason:
            print(f"- {name}: unavailable: {reason}")
    for note in run.notes:
        print(f"- {note}")
    verdicts = [o.status for outs in run.cells.values() for o in outs]
    print(f"\n{verdicts.count('pass') + verdicts.count('xfail')} passed, "
          f"{verdicts.count('FAIL') + verdicts.count('XPASS')} failed")
    return not unexpected


def run_bench(adapters, cli, seconds):
    """Time each generator on identical inputs and print per-token times and ratios."""
    cases = [dict(id="plain", kind="usersig", sdkappid=1400000000, key=KEY, userid="xiaojun",
                  expire=15552000, time=T0),
             dict(id="userbuf", kind="userbuf", sdkappid=1400000000, key=KEY, userid="xiaojun",
                  expire=15552000, time=T0, userbuf_hex=bytes(range(40)).hex())]
    times = {}
    for name, adapter in adapters.items():
        answer = adapter.call({"op": "bench", "cases": cases, "seconds": seconds}, timeout=600)
        times[name] = {r["id"]: r["ns_per_token"] for r in answer["results"]}
    print("\nBenchmark: wall time per token, in-process loop in each port's own language "
          f"(best of 7 batches of ~{seconds / 10:.2f} s, same inputs)\n")
    base = times.get("usersig-py")
    print(f"{'generator':30} {'plain µs':>10} {'userbuf µs':>11}" + ("  ratio to usersig Python" if base else ""))
    for name, t in times.items():
        line = f"{PORTS[name]:30} {t['plain'] / 1e3:10.2f} {t['userbuf'] / 1e3:11.2f}"
        if base:
            line += f"  {t['plain'] / base['plain']:6.2f}x {t['userbuf'] / base['userbuf']:6.2f}x"
        print(line)
    if cli is not None:
        n = 20
        start = time.perf_counter()
        for _ in range(n):
            cli.mint(cases[0], T0)
        per = (time.perf_counter() - start) / n
        print(f"{PORTS['usersig-cli']:30} {per * 1e6:10.0f}  (one process per token, spawn included; "
              "not comparable with the in-process loops)")
    if not base:
        print("(no ratios: the usersig Python binding is not available, see the notes above)")


def parse_port(text):
    """--port NAME=COMMAND -> (name, argv)."""
    name, _, command = text.partition("=")
    if name not in PORTS:
        raise argparse.ArgumentTypeError(f"unknown port {name!r}")
    return name, shlex.split(command)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--usersig", help="the usersig CLI binary")
    ap.add_argument("--port", type=parse_port, action="append", default=[],
                    help="NAME=COMMAND: an adapter to run (NAME: " + ", ".join(PORTS) + ")")
    ap.add_argument("--unavailable", action="append", default=[],
                    help="NAME=REASON: a port that could not be installed")
    ap.add_argument("--bench", action="store_true", help="also time the generators")
    ap.add_argument("--bench-seconds", type=float, default=1.5, help="time budget per generator and input")
    ap.add_argument("--json-out", help="write every outcome to this file")
    args = ap.parse_args()

    run = Run(cases=build_cases())
    adapters = {}
    for name, argv in args.port:
        adapters[name] = Adapter(name, argv)
        run.available[name] = None
    for text in args.unavailable:
        name, _, reason = text.partition("=")
        run.available[name] = reason
    if "usersig-py" in adapters:  # optional: it says itself when it cannot import usersig
        probe = adapters["usersig-py"].call({"op": "check", "items": []})
        if "unavailable" in probe:
            del adapters["usersig-py"]
            run.available["usersig-py"] = probe["unavailable"]
    cli = Cli(args.usersig) if args.usersig else None
    run.available["usersig-cli"] = None if cli else "no --usersig given"
    ordered = {p: run.available[p] for p in PORTS if p in run.available}
    run.available = ordered

    started = time.monotonic()
    try:
        run_matrix(run, adapters, cli)
    except PortError as exc:
        print(f"interop: a port could not run: {exc}", file=sys.stderr)
        return 1
    run.notes.append(f"matrix took {time.monotonic() - started:.1f} s")
    ok = print_matrix(run)
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump({f"{p}|{c}": [o.__dict__ for o in outs] for (p, c), outs in run.cells.items()},
                      f, ensure_ascii=False, indent=1)
    if args.bench:
        run_bench(adapters, cli, args.bench_seconds)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
