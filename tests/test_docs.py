"""Every `>>>` example runs: the docstrings of the installed package, the README and docs/."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path
from typing import List

import pytest

import pageavail

ROOT = Path(__file__).resolve().parent.parent
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(pageavail.__path__, "pageavail.")
    if name != "pageavail.__main__"
)
DOCUMENTS: List[Path] = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("name", MODULES)
def test_module_examples(name: str) -> None:
    """The examples in a module's docstrings run and print what they show."""
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=FLAGS, verbose=False, report=True)
    assert result.failed == 0


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_document_examples(path: Path) -> None:
    """The examples in the README and in docs/ run and print what they show."""
    result = doctest.testfile(str(path), module_relative=False, optionflags=FLAGS, verbose=False)
    assert result.failed == 0


def test_examples_exist() -> None:
    """The public modules and documents do carry examples (so the tests above test something)."""
    finder = doctest.DocTestFinder()
    examples = sum(len(t.examples) for t in finder.find(importlib.import_module("pageavail.schedule")))
    assert examples >= 10
    assert ">>>" in (ROOT / "README.md").read_text(encoding="utf-8")
