"""The package surface: every public name resolves, lazily, and matches the type-checking imports."""

from __future__ import annotations

import subprocess
import sys

import pytest

import pageavail as pa


def test_every_public_name_resolves() -> None:
    """Each name in __all__ is an attribute of the package, and nothing else is loaded by name."""
    missing = [name for name in pa.__all__ if not hasattr(pa, name)]
    assert missing == []
    assert len(set(pa.__all__)) == len(pa.__all__)
    assert set(pa.__all__) <= set(dir(pa))


def test_unknown_names_raise_attribute_error() -> None:
    """Asking for a name the package does not have is an AttributeError, as for any module."""
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        pa.Nope  # type: ignore[attr-defined]  # noqa: B018


def test_import_is_lazy() -> None:
    """`import pageavail` loads none of the domain modules, nor attrs, holidays, babel or cattrs."""
    code = (
        "import sys, pageavail; "
        "print(sorted(m for m in sys.modules if m.startswith(('pageavail.', 'attr', 'holidays', 'babel', 'cattrs'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_type_checking_imports_match_the_locations() -> None:
    """The names imported for type checkers are exactly the lazily loaded ones."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(pa.__file__).read_text(encoding="utf-8"))
    checked = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.If)
        for inner in node.body
        if isinstance(inner, ast.ImportFrom)
        for alias in inner.names
    }
    assert checked == set(pa._LOCATIONS) == set(pa.__all__)
