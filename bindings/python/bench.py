"""Times usersig against Tencent's official Python library and the Rust core, in one run, on the
same inputs.

Usage: python bench.py [--tokens N] [--rounds R] [--core PATH] [--breakdown]

Contenders, each over the same N user ids (``user00000``...) with expire 86400:

- ``official``: ``TLSSigAPIv2.gen_sig`` from PyPI ``tls-sig-api-v2`` 1.1 (pure Python);
- ``per call``: ``usersig.Signer.user_sig``, one call into Rust per token;
- ``drop-in``:  ``usersig.TLSSigAPIv2.gen_sig``, the same through the compatible class;
- ``batch``:    ``usersig.Signer.user_sigs``, all N tokens in one call (one per 256 ids);
- ``verify``:   ``usersig.Verifier.verify`` of each token.

With ``--core``, the path of the ``core_timing`` example of ``bindings/ffi`` (built with
``cargo build --release --example core_timing -p usersig-ffi``; one process for the whole run,
asked once a round), the core's own time for the same calls (``user_sig`` and ``user_sigs``,
issued now, and ``verify_at``; ``user_sig_at`` and ``user_sigs_at`` too) is measured in each
round too, and every Python figure is also quoted against the core's.

Before anything runs, glibc's malloc is told not to give freed memory at the top of the heap back
to the system (``mallopt(M_TRIM_THRESHOLD, 1 GiB)``). Each official token makes a zlib
compressor, whose 270 KB of state glibc would otherwise often return to the system when it is
freed and fault in again for the next token: alone in a fresh process the official library then
takes about five times longer per token, and beside other code its speed depends on what that
code allocates. Without trimming it is at its fastest and steady: the ratios quoted are against
its best case.

The contenders run interleaved, R rounds of one pass each; a contender's figure is its fastest
pass divided by N, which filters out the noise of a shared machine. ``--breakdown`` adds the
cost of each part of one per-call signing: the cffi call alone, the argument checks, reading
the result.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import platform
import subprocess
import sys
import time
from typing import Callable, Dict, List, Optional

import usersig
from usersig import _native

try:
    import TLSSigAPIv2 as official
except ImportError:
    sys.exit("bench.py needs Tencent's library for comparison: pip install tls-sig-api-v2")

KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
APP = 1400000000
EXPIRE = 86400
NOW = 1700000000

# The core's figure each Python contender is compared with: the same call, issued now for the
# signing ones (the core's `user_sig` and `user_sigs` read the clock, as they do).
CORE_OF = {"per call": "user_sig", "drop-in": "user_sig", "batch": "user_sigs",
           "verify": "verify_at"}


def steady_heap() -> str:
    """Stops glibc's malloc from trimming the heap (see above); says what was done."""
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return "malloc as it is"
    m_trim_threshold = -1
    if ctypes.CDLL(None).mallopt(m_trim_threshold, 1 << 30) != 1:
        sys.exit("mallopt(M_TRIM_THRESHOLD) failed")
    return "glibc malloc without trimming"


def contenders(user_ids: List[str]) -> Dict[str, Callable[[], object]]:
    """One pass over ``user_ids`` for each contender."""
    theirs = official.TLSSigAPIv2(APP, KEY)
    signer = usersig.Signer(APP, KEY)
    api = usersig.TLSSigAPIv2(APP, KEY)
    verifier = usersig.Verifier(APP, KEY)
    pairs = list(zip(signer.user_sigs(user_ids, EXPIRE, now=NOW), user_ids))
    return {
        "official": lambda: [theirs.gen_sig(uid, EXPIRE) for uid in user_ids],
        "per call": lambda: [signer.user_sig(uid, EXPIRE) for uid in user_ids],
        "drop-in": lambda: [api.gen_sig(uid, EXPIRE) for uid in user_ids],
        "batch": lambda: signer.user_sigs(user_ids, EXPIRE),
        "verify": lambda: [verifier.verify(token, uid, now=NOW) for token, uid in pairs],
    }


def check(user_ids: List[str]) -> None:
    """Every signing contender's tokens verify, so the timings are of working code."""
    verifier = usersig.Verifier(APP, KEY)
    for name, run in contenders(user_ids[:3]).items():
        results = run()
        assert isinstance(results, list)
        for uid, result in zip(user_ids, results):
            claims = result if name == "verify" else verifier.verify(result, uid)
            assert claims.user_id == uid and claims.expire == EXPIRE, name


def best_per_token(passes: Dict[str, Callable[[], object]], count: int, rounds: int,
                   core: Optional[str] = None) -> Dict[str, float]:
    """The fastest pass of each contender over ``rounds`` interleaved rounds, in µs per token;
    with ``core``, also the fastest of the core's figures, asked for once per round from one
    ``core_timing --serve`` process (starting a process each round slowed the passes after it)."""
    best = {name: float("inf") for name in passes}
    timing = None if core is None else subprocess.Popen(
        [core, str(count), "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    for _ in range(rounds):
        for name, run in passes.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
        if timing is not None:
            assert timing.stdin is not None and timing.stdout is not None
            timing.stdin.write("\n")
            timing.stdin.flush()
            for name, micros in json.loads(timing.stdout.readline()).items():
                key = f"core {name}"
                best[key] = min(best.get(key, float("inf")), micros * count / 1e6)
    if timing is not None:
        timing.communicate()
        if timing.returncode != 0:
            sys.exit(f"{core} failed with exit status {timing.returncode}")
    return {name: seconds / count * 1e6 for name, seconds in best.items()}


def breakdown(count: int, rounds: int) -> Dict[str, float]:
    """The cost of each part of ``Signer.user_sig`` (µs per call), each timed in a loop."""
    signer = usersig.Signer(APP, KEY)
    handle = signer._handle
    call = _native._user_sig_at
    out, view = _native._buffer()
    cap = _native._CAP
    uid = b"user00000"
    n = call(handle, uid, len(uid), EXPIRE, NOW, out, cap)
    steps: Dict[str, Callable[[], object]] = {
        "whole Signer.user_sig": lambda: signer.user_sig("user00000", EXPIRE, now=NOW),
        "the cffi call alone (Rust signs inside)": lambda: call(handle, uid, len(uid), EXPIRE,
                                                                NOW, out, cap),
        "argument checks (text, integer, clock)": lambda: (
            _native.text("user00000", "user_id"), _native.integer(EXPIRE, "expire"),
            _native.integer(NOW, "now")),
        "reading the result (tag, slice, decode)": lambda: (
            view[0] == b"\0" and view[1:n].decode()),
        "this thread's buffer": _native._buffer,
    }
    return best_per_token({name: (lambda f=f: [f() for _ in range(count)])
                           for name, f in steps.items()}, count, rounds)


def main() -> None:
    """Runs the comparison and prints the figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=2000, help="user ids per pass")
    parser.add_argument("--rounds", type=int, default=15, help="interleaved passes per contender")
    parser.add_argument("--core", help="the core_timing example, to quote the core's figures")
    parser.add_argument("--breakdown", action="store_true", help="time each part of a call")
    args = parser.parse_args()
    heap = steady_heap()
    user_ids = [f"user{i:05d}" for i in range(args.tokens)]
    check(user_ids)
    print(f"Python {platform.python_version()} on {platform.machine()}, {heap}, "
          f"{args.tokens} tokens a pass, best of {args.rounds} interleaved passes")
    figures = best_per_token(contenders(user_ids), args.tokens, args.rounds, args.core)
    base = figures["official"]
    for name, micros in figures.items():
        line = f"  {name:<18} {micros:8.3f} µs/token"
        if not name.startswith("core") and name != "verify":
            line += f"   {base / micros:6.1f}x faster than the official library"
        core = figures.get(f"core {CORE_OF.get(name)}")
        if core:
            line += f"   {micros / core:5.2f}x the core's time"
        print(line)
    if args.breakdown:
        print("where the time of one Signer.user_sig goes (each part timed alone):")
        for name, micros in breakdown(args.tokens, args.rounds).items():
            print(f"  {micros:6.3f} µs  {name}")


if __name__ == "__main__":
    main()
