"""Times usersig against Tencent's official Python library, in one run, on the same inputs.

Usage: python bench.py [--tokens N] [--rounds R] [--breakdown]

Contenders, each signing the same N user ids (``user00000``...) with expire 86400:

- ``official``:  ``TLSSigAPIv2.gen_sig`` from PyPI ``tls-sig-api-v2`` (pure Python);
- ``per call``:  ``usersig.Signer.user_sig``, one call into Rust per token;
- ``drop-in``:   ``usersig.TLSSigAPIv2.gen_sig``, the same through the compatible class;
- ``generated``: UniFFI's generated wrapper ``usersig._ffi.Signer.user_sig``, which the
  package bypasses (shown to say what that saves);
- ``batch``:     ``usersig.Signer.user_sigs``, all N tokens in one call.

The contenders run interleaved, R rounds of one pass each; a contender's figure is its fastest
pass divided by N, which filters out the noise of a shared machine. ``--breakdown`` adds the
cost of each step of one per-call signing (every ctypes call and the Python around them), and
of the batch's single ctypes call against the whole batch.
"""

from __future__ import annotations

import argparse
import ctypes
import platform
import sys
import time
from typing import Callable, Dict, List

import usersig
from usersig import _native
from usersig._ffi import usersig_ffi as generated

try:
    import TLSSigAPIv2 as official
except ImportError:
    sys.exit("bench.py needs Tencent's library for comparison: pip install tls-sig-api-v2")

KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
APP = 1400000000
EXPIRE = 86400


def contenders(user_ids: List[str]) -> Dict[str, Callable[[], object]]:
    """One pass over ``user_ids`` for each contender."""
    theirs = official.TLSSigAPIv2(APP, KEY)
    signer = usersig.Signer(APP, KEY)
    api = usersig.TLSSigAPIv2(APP, KEY)
    raw = generated.Signer(APP, KEY)
    return {
        "official": lambda: [theirs.gen_sig(uid, EXPIRE) for uid in user_ids],
        "per call": lambda: [signer.user_sig(uid, EXPIRE) for uid in user_ids],
        "drop-in": lambda: [api.gen_sig(uid, EXPIRE) for uid in user_ids],
        "generated": lambda: [raw.user_sig(uid, EXPIRE) for uid in user_ids],
        "batch": lambda: signer.user_sigs(user_ids, EXPIRE),
    }


def check(user_ids: List[str]) -> None:
    """Every contender's tokens verify, so the timings are of working code."""
    verifier = usersig.Verifier(APP, KEY)
    for name, run in contenders(user_ids[:3]).items():
        tokens = run()
        assert isinstance(tokens, list)
        for uid, token in zip(user_ids, tokens):
            assert verifier.verify(token, uid).expire == EXPIRE, name


def best_per_token(passes: Dict[str, Callable[[], object]], count: int,
                   rounds: int) -> Dict[str, float]:
    """The fastest pass of each contender over ``rounds`` interleaved rounds, in µs per token."""
    best = {name: float("inf") for name in passes}
    for _ in range(rounds):
        for name, run in passes.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return {name: seconds / count * 1e6 for name, seconds in best.items()}


def breakdown(count: int, rounds: int) -> Dict[str, float]:
    """The cost of each step of ``Signer.user_sig`` (µs per call), each timed in a loop, and of
    the Rust call inside ``Signer.user_sigs`` (µs per token)."""
    signer = usersig.Signer(APP, KEY)
    handle = signer._handle
    lib = generated._UniffiLib
    status = generated._UniffiRustCallStatus()
    pointer = ctypes.byref(status)
    uid = b"user00000"
    clone, free = lib.uniffi_usersig_ffi_fn_clone_signer, lib.ffi_usersig_ffi_rustbuffer_free
    method = lib.uniffi_usersig_ffi_fn_method_signer_user_sig
    from_bytes, arg_type = _native._from_bytes, _native._Bytes

    def one_call() -> None:
        buf = method(clone(handle, pointer), from_bytes(arg_type(len(uid), uid), pointer),
                     EXPIRE, pointer)
        ctypes.string_at(buf.data, buf.len).decode()
        free(buf, pointer)

    steps: Dict[str, Callable[[], object]] = {
        "whole Signer.user_sig": lambda: signer.user_sig("user00000", EXPIRE),
        "ctypes calls and result (no checks)": one_call,
        "clone the handle (1 ctypes call)": lambda: clone(handle, pointer),
        "string argument: from_bytes + free (2 calls)": lambda: free(
            from_bytes(arg_type(len(uid), uid), pointer), pointer),
        "status struct + byref": lambda: ctypes.byref(generated._UniffiRustCallStatus()),
        "argument checks (text, integer)": lambda: (
            _native.text("user00000", "user_id"), _native.integer(EXPIRE, "expire")),
    }
    figures = best_per_token({name: (lambda f=f: [f() for _ in range(count)])
                              for name, f in steps.items()}, count, rounds)
    batch_method = lib.uniffi_usersig_ffi_fn_method_signer_user_sigs
    user_ids = [f"user{i:05d}" for i in range(count)]
    payload = _native.texts([u.encode() for u in user_ids], "user_ids")

    def rust_batch() -> None:
        buf = batch_method(clone(handle, pointer), from_bytes(arg_type(len(payload), payload),
                                                              pointer), EXPIRE, pointer)
        free(buf, pointer)

    batch = best_per_token({"whole Signer.user_sigs": lambda: signer.user_sigs(user_ids, EXPIRE),
                            "its one ctypes call (Rust: lift, sign, lower)": rust_batch},
                           count, rounds)
    figures.update({f"batch, per token: {name}": micros for name, micros in batch.items()})
    return figures


def main() -> None:
    """Runs the comparison and prints the figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=2000, help="user ids per pass")
    parser.add_argument("--rounds", type=int, default=15, help="interleaved passes per contender")
    parser.add_argument("--breakdown", action="store_true", help="time each step of a call")
    args = parser.parse_args()
    user_ids = [f"user{i:05d}" for i in range(args.tokens)]
    check(user_ids)
    print(f"Python {platform.python_version()} on {platform.machine()}, "
          f"{args.tokens} tokens a pass, best of {args.rounds} interleaved passes")
    figures = best_per_token(contenders(user_ids), args.tokens, args.rounds)
    base = figures["official"]
    for name, micros in figures.items():
        print(f"  {name:<10} {micros:8.2f} µs/token   {base / micros:6.1f}x the official library")
    print(f"per call: {base / figures['per call']:.1f}x faster (goal 2x); "
          f"batch: {base / figures['batch']:.1f}x faster per token (goal 10x)")
    if args.breakdown:
        print("where the time goes (each step timed alone):")
        for name, micros in breakdown(args.tokens, args.rounds).items():
            print(f"  {micros:6.2f} µs  {name}")


if __name__ == "__main__":
    main()
