"""Many threads signing and verifying at once, on shared and separate objects."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import List, Tuple

import pytest

import usersig
from conftest import APP, KEY, NOW

THREADS = 8
ROUNDS = 300


def work(signer: usersig.Signer, verifier: usersig.Verifier, worker: int,
         start: threading.Barrier) -> List[Tuple[str, ...]]:
    """One thread's share: every kind of call, recording what each returned or raised."""
    start.wait()
    seen: List[Tuple[str, ...]] = []
    for i in range(ROUNDS):
        user_id = f"w{worker}-u{i}"
        token = signer.user_sig(user_id, 600, now=NOW)
        claims = verifier.verify(token, user_id, now=NOW)
        pmk = signer.private_map_key(user_id, i + 1, 42, 600, now=NOW)
        grant = verifier.verify_any_userbuf(pmk, user_id, now=NOW).grant
        assert grant is not None
        try:
            verifier.verify(token, user_id, now=NOW + 601)
            expired = "valid"
        except usersig.ExpiredError as error:
            expired = str(error.expired_at)
        batch = signer.user_sigs([user_id, user_id + "b"], 600, now=NOW)
        seen.append((token, claims.user_id, pmk, str(grant.room), expired, *batch))
    return seen


def expected(worker: int, signer: usersig.Signer) -> List[Tuple[str, ...]]:
    """What ``work`` must record, computed on one thread."""
    rows = []
    for i in range(ROUNDS):
        user_id = f"w{worker}-u{i}"
        rows.append((signer.user_sig(user_id, 600, now=NOW), user_id,
                     signer.private_map_key(user_id, i + 1, 42, 600, now=NOW), str(i + 1),
                     str(NOW + 600), signer.user_sig(user_id, 600, now=NOW),
                     signer.user_sig(user_id + "b", 600, now=NOW)))
    return rows


def test_shared_signer_and_verifier_across_threads() -> None:
    signer, verifier = usersig.Signer(APP, KEY), usersig.Verifier(APP, KEY)
    start = threading.Barrier(THREADS)
    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(work, signer, verifier, w, start) for w in range(THREADS)]
        results = [future.result(timeout=120) for future in futures]
    for worker, rows in enumerate(results):
        assert rows == expected(worker, signer)


def test_one_object_per_thread_with_different_keys() -> None:
    keys = [f"key-{w}" for w in range(THREADS)]
    start = threading.Barrier(THREADS)
    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(work, usersig.Signer(APP, key), usersig.Verifier(APP, key), w,
                               start) for w, key in enumerate(keys)]
        results = [future.result(timeout=120) for future in futures]
    for worker, rows in enumerate(results):
        assert rows == expected(worker, usersig.Signer(APP, keys[worker]))
    with pytest.raises(usersig.BadSignatureError):
        usersig.Verifier(APP, keys[1]).verify(results[0][0][0], "w0-u0", now=NOW)


def test_objects_dropped_while_other_threads_sign() -> None:
    def churn(worker: int) -> int:
        made = 0
        for i in range(200):
            signer = usersig.Signer(APP, f"k{worker}-{i}")
            made += len(signer.user_sigs([f"u{i}"] * 5, now=NOW))
            del signer
        return made

    with ThreadPoolExecutor(THREADS) as pool:
        assert list(pool.map(churn, range(THREADS))) == [1000] * THREADS
