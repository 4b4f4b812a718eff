"""The README's examples run, the docstring examples hold, and every public item is documented."""

from __future__ import annotations

import doctest
import inspect as pyinspect
import re
from pathlib import Path
from typing import Any, Dict, List

import pytest

import usersig
from usersig import _admin, _api, _callback, _compat, _decode, _errors, _native

README = Path(__file__).resolve().parents[1] / "README.md"
PROJECT_README = Path(__file__).resolve().parents[3] / "README.md"


def python_blocks(readme: Path) -> List[str]:
    """A README's ```python blocks, in order."""
    return re.findall(r"^```python\n(.*?)^```$", readme.read_text(encoding="utf-8"),
                      flags=re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize(("readme", "count"), [(README, 11), (PROJECT_README, 1)],
                         ids=["bindings/python/README.md", "README.md"])
def test_readme_python_blocks_run_in_order(readme: Path, count: int) -> None:
    blocks = python_blocks(readme)
    assert len(blocks) == count
    namespace: Dict[str, Any] = {"__name__": "readme"}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"{readme.name} python block {number}", "exec"), namespace)


@pytest.mark.parametrize("module",
                         [usersig, _admin, _api, _callback, _compat, _decode, _errors, _native],
                         ids=lambda module: module.__name__)
def test_docstring_examples(module: Any) -> None:
    failures, _ = doctest.testmod(module, raise_on_error=False)
    assert failures == 0


def test_every_public_item_has_a_docstring() -> None:
    assert usersig.__doc__
    for name in usersig.__all__:
        item = getattr(usersig, name)
        if name.isupper():
            continue  # constants: documented in the module that defines them
        assert pyinspect.getdoc(item), name
        if pyinspect.isclass(item) and not issubclass(item, BaseException):
            for member, value in vars(item).items():
                if not member.startswith("_") and callable(value):
                    assert pyinspect.getdoc(value), f"{name}.{member}"
