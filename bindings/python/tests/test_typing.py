"""The package passes ``mypy --strict``, and so does typed user code calling it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import usersig

PACKAGE = Path(__file__).resolve().parents[1]


def test_mypy_strict_accepts_the_package_and_its_use() -> None:
    pytest.importorskip("mypy", reason="the type checker (installed by scripts/test-python.sh)")
    # The hand-written modules by name, so that the generated cffi declarations are only
    # followed as `Any`; from the tests folder, `usersig` is the installed package, not the
    # source tree.
    modules = ["typed_usage", "usersig", "usersig._api", "usersig._compat", "usersig._errors",
               "usersig._decode", "usersig._native", "usersig._admin", "usersig._callback"]
    cache = PACKAGE.parents[1] / "target" / "python-mypy-cache"
    command = [sys.executable, "-m", "mypy", "--config-file", str(PACKAGE / "pyproject.toml"),
               "--cache-dir", str(cache)]
    for module in modules:
        command += ["-m", module]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600,
                            cwd=Path(__file__).parent, env={**os.environ, "MYPYPATH": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found in 9 source files" in result.stdout


def test_the_package_is_marked_typed() -> None:
    assert Path(usersig.__file__).with_name("py.typed").is_file()
