"""Timing loop shared by the Python adapters (stdlib only)."""

import time


def best_ns_per_call(once, seconds):
    """Best-of-3 wall time of one call to `once`, in nanoseconds, and the batch size used.

    The batch size doubles until one batch runs longer than `seconds` / 3 (this also warms
    up), then three batches of that size are timed and the fastest is kept.
    """
    n = 1
    while True:
        start = time.perf_counter()
        for _ in range(n):
            once()
        if time.perf_counter() - start > seconds / 3:
            break
        n *= 2
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(n):
            once()
        best = min(best, (time.perf_counter() - start) / n)
    return {"ns_per_token": best * 1e9, "iterations": n}
