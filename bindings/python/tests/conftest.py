"""Shared fixtures: the official test vectors and a decoder for tokens."""

from __future__ import annotations

import base64
import json
import os
import zlib
from pathlib import Path
from typing import Any, Dict, List

REPO = Path(__file__).resolve().parents[3]
KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
APP = 1400000000
NOW = 1700000000


def vectors_path() -> Path:
    """$USERSIG_VECTORS (the file, or the folder holding it), or else
    core/tests/vectors/official-python.jsonl in the repository."""
    path = Path(os.environ.get("USERSIG_VECTORS") or REPO / "core" / "tests" / "vectors")
    return path / "official-python.jsonl" if path.is_dir() else path


def load_vectors() -> List[Dict[str, Any]]:
    """Every line of the vectors file."""
    path = vectors_path()
    if not path.is_file():
        raise FileNotFoundError(f"test vectors not found at {path} (set USERSIG_VECTORS)")
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


VECTORS = load_vectors()


def decode(token: str) -> Dict[str, Any]:
    """A token's JSON, decoded the plain way: Tencent's base64 variant, zlib, JSON."""
    standard = token.replace("*", "+").replace("-", "/").replace("_", "=")
    result: Dict[str, Any] = json.loads(zlib.decompress(base64.b64decode(standard, validate=True)))
    return result
