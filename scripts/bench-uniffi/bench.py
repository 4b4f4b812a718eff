"""UniFFI's generated Python against the project's package (the C ABI through cffi) and Tencent's
pure-Python library, in one process, on the same inputs.

Usage: python bench.py UNIFFI_DIR [--tokens N] [--rounds R]

UNIFFI_DIR holds the module UniFFI generated (``usersig_ffi.py``) and the library beside it.
Contenders, each over the same N user ids (``user00000``...) with expire 86400:

- ``uniffi user_sig``: ``Signer.user_sig`` of UniFFI's generated module;
- ``abi user_sig``:    ``usersig.Signer.user_sig`` (bindings/python);
- ``tencent gen_sig``: ``TLSSigAPIv2.gen_sig`` from PyPI ``tls-sig-api-v2`` 1.1;
- ``uniffi verify``:   ``Verifier.verify_at`` of UniFFI's module, for each token at one instant;
- ``abi verify``:      ``usersig.Verifier.verify`` of each token at that instant.

Tencent's library has no verifier. The method is bindings/python/bench.py's, whose functions this
script calls: glibc's heap trimming off first (Tencent's library is otherwise up to five times
slower, depending on what else allocates), then R interleaved rounds of one pass per contender,
each figure the fastest pass divided by N.
"""

from __future__ import annotations

import argparse
import importlib.util
import pathlib
import platform
import sys
from typing import Callable, Dict, List

REPO = pathlib.Path(__file__).resolve().parents[2]


def load_project_bench():
    """bindings/python/bench.py, as a module (it needs usersig and Tencent's library)."""
    spec = importlib.util.spec_from_file_location("usersig_bench",
                                                  REPO / "bindings/python/bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def contenders(uniffi, project, official, bench, user_ids: List[str]
               ) -> Dict[str, Callable[[], object]]:
    """One pass over ``user_ids`` for each contender."""
    app, key, expire, now = bench.APP, bench.KEY, bench.EXPIRE, bench.NOW
    u_signer = uniffi.Signer(app, key)
    u_verifier = uniffi.Verifier(app, [key])
    signer = project.Signer(app, key)
    verifier = project.Verifier(app, key)
    theirs = official.TLSSigAPIv2(app, key)
    pairs = list(zip(signer.user_sigs(user_ids, expire, now=now), user_ids))
    return {
        "uniffi user_sig": lambda: [u_signer.user_sig(uid, expire) for uid in user_ids],
        "abi user_sig": lambda: [signer.user_sig(uid, expire) for uid in user_ids],
        "tencent gen_sig": lambda: [theirs.gen_sig(uid, expire) for uid in user_ids],
        "uniffi verify": lambda: [u_verifier.verify_at(token, uid, now) for token, uid in pairs],
        "abi verify": lambda: [verifier.verify(token, uid, now=now) for token, uid in pairs],
    }


def check(uniffi, project, official, bench, user_ids: List[str]) -> None:
    """Every contender does its job on a few ids: each signer's tokens pass the other path's
    verifier, and both verifiers return the right claims."""
    verifier = project.Verifier(bench.APP, bench.KEY)
    u_verifier = uniffi.Verifier(bench.APP, [bench.KEY])
    for name, run in contenders(uniffi, project, official, bench, user_ids).items():
        results = run()
        assert isinstance(results, list) and len(results) == len(user_ids), name
        for uid, result in zip(user_ids, results):
            if name.endswith("verify"):
                claims = result
            elif name.startswith("uniffi"):
                claims = verifier.verify(result, uid)
            else:
                claims = u_verifier.verify(result, uid)
            assert claims.user_id == uid and claims.expire == bench.EXPIRE, name


def main() -> None:
    """Runs the comparison and prints the figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("uniffi_dir", type=pathlib.Path, help="the folder of usersig_ffi.py")
    parser.add_argument("--tokens", type=int, default=100, help="user ids per pass")
    parser.add_argument("--rounds", type=int, default=300, help="interleaved passes per contender")
    args = parser.parse_args()

    bench = load_project_bench()
    heap = bench.steady_heap()
    sys.path.insert(0, str(args.uniffi_dir))
    import usersig_ffi as uniffi  # noqa: E402 (the folder is known only now)
    import usersig as project
    import TLSSigAPIv2 as official

    user_ids = [f"user{i:05d}" for i in range(args.tokens)]
    check(uniffi, project, official, bench, user_ids[:3])
    print(f"Python {platform.python_version()} on {platform.machine()}, {heap}, "
          f"{args.tokens} tokens a pass, best of {args.rounds} interleaved passes")
    figures = bench.best_per_token(contenders(uniffi, project, official, bench, user_ids),
                                   args.tokens, args.rounds)
    for name, micros in figures.items():
        print(f"  {name:<16} {micros:8.3f} µs/call")
    ratios = [
        ("uniffi user_sig / abi user_sig", "uniffi user_sig", "abi user_sig"),
        ("tencent gen_sig / uniffi user_sig", "tencent gen_sig", "uniffi user_sig"),
        ("tencent gen_sig / abi user_sig", "tencent gen_sig", "abi user_sig"),
        ("uniffi verify / abi verify", "uniffi verify", "abi verify"),
    ]
    for label, top, bottom in ratios:
        print(f"  {label:<36} {figures[top] / figures[bottom]:6.2f}x")


if __name__ == "__main__":
    main()
