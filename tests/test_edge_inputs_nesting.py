"""Text nested deeper than Python's parsers can follow (TOML Page files, JSON documents of the
interchange formats) is refused with the library's error, saying how deep and where, never with
Python's RecursionError."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, List, Tuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pageavail.cli import main
from pageavail.config import ConfigError, load_page, loads_page
from pageavail.errors import InvalidValueError, PageAvailError
from pageavail.formats import from_facebook, from_google, from_schema_org, load_hours

PAGE = '[page]\nid = "acme"\nname = "Acme"\nzone = "Europe/Berlin"\n'


def run(args: List[str]) -> Tuple[int, str, str]:
    """The CLI in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_the_reviewed_page_file_is_refused_with_its_key_and_line() -> None:
    """5000 nested arrays under school_holidays: a ConfigError naming the key, the line and the depth."""
    with pytest.raises(ConfigError) as caught:
        loads_page("[page]\nschool_holidays = " + "[" * 5000 + "]" * 5000)
    error = caught.value
    assert (error.key, error.line, error.file) == ("page.school_holidays", 2, "<text>")
    assert error.problem == (
        "is nested too deeply (5000 levels of arrays and inline tables, the deepest at column 5018; "
        "write the value with fewer levels)"
    )


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        (PAGE + "school_holidays = [" + "{ a = " * 3000 + "1" + " }" * 3000 + "]", "page.school_holidays", 5),
        (PAGE + "[messaging]\naway = " + "[" * 3000, "messaging.away", 6),  # never closed
        (
            PAGE + '[[team]]\nperson = "a"\n[[team]]\n# [[[[\nrole = "[[[["\ntasks = ' + "[\n" * 3000,
            "team[1].tasks",
            3009,
        ),
        (PAGE + 'x."a.b" = ' + "[" * 3000, "page.x.a.b", 5),  # a dotted key, one part in quotes
        ("page = { id = " + "[" * 3000 + " }", "page", 1),  # in an inline table: the key of the whole value
    ],
)
def test_a_deep_value_is_refused_at_its_key_and_deepest_line(text: str, key: str, line: int) -> None:
    """Arrays, inline tables, unclosed brackets and brackets in strings and comments: the key and line
    of the deepest value, whether the parser or a later reader gives up."""
    with pytest.raises(ConfigError) as caught:
        loads_page(text)
    assert (caught.value.key, caught.value.line) == (key, line)
    assert "nested too deeply" in caught.value.problem


def test_check_prints_one_error_line_for_a_deep_page_file(tmp_path: Path) -> None:
    """`pageavail check FILE` on such a file: exit 1 and the error line, no traceback."""
    path = tmp_path / "page.toml"
    path.write_text("[page]\nschool_holidays = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="nested too deeply"):
        load_page(path)
    code, out, err = run(["check", str(path)])
    assert code == 1
    assert "Traceback" not in out + err
    assert f"{path}:2: page.school_holidays: is nested too deeply (5000 levels" in out + err


@pytest.mark.parametrize("format", ["facebook", "google", "schema-org"])
def test_json_deeper_than_the_parser_is_refused_with_its_line_and_column(format: str) -> None:
    """'[' * 100000 (and a deep object after a line with brackets in a string): how deep, and where."""
    with pytest.raises(InvalidValueError) as caught:
        load_hours("[" * 100_000, format, "UTC")
    assert str(caught.value) == (
        "'text' must be a JSON document nested less deeply "
        "(got 100000 levels of arrays and objects, the deepest at line 1, column 100000)"
    )
    # 5,000 levels: too deep for the JSON parser of Python 3.8 to 3.12, which the error says with
    # where; 3.13's parser reads them, and the document is refused for its shape instead
    with pytest.raises(
        InvalidValueError, match=r"got 5001 levels .* at line 2, column 24996\)|must be a JSON object"
    ):
        load_hours('["[[[ {{{",\n' + '{"a":' * 5000 + "1" + "}" * 5000 + "]", format, "UTC")


def _nested(depth: int, leaf: Any, key: str = "hours") -> Any:
    for _ in range(depth):
        leaf = {key: leaf}
    return leaf


@pytest.mark.parametrize(
    "read",
    [
        lambda data: from_facebook(data, "UTC"),
        lambda data: from_google(data, None, "UTC"),
        lambda data: from_schema_org(data, "UTC"),
        lambda data: from_facebook([data], "UTC"),
    ],
)
def test_values_deeper_than_repr_are_refused_by_the_readers(read: Any) -> None:
    """Python values nested 5000 deep (parsed elsewhere): the reader's error, not a RecursionError."""
    with pytest.raises(InvalidValueError):
        read(_nested(5000, 1))


@given(depth=st.integers(1, 6000), closed=st.booleans(), at=st.sampled_from(["[", "{ a = ", "{ a = ["]))
def test_no_page_file_nesting_escapes_as_a_recursion_error(depth: int, closed: bool, at: str) -> None:
    """Any depth of arrays and inline tables: the library's error, never another exception."""
    closing = (
        "".join({"[": "]", "{ a = ": " }", "{ a = [": "] }"}[at] for _ in range(depth)) if closed else ""
    )
    with pytest.raises(PageAvailError):  # a nested item is never a date or a [first, last] pair
        loads_page(PAGE + "school_holidays = [" + at * depth + '"2026-07-09"' + closing + "]")


@given(depth=st.integers(1, 6000), format=st.sampled_from(["facebook", "google", "schema-org"]))
def test_no_json_nesting_escapes_as_a_recursion_error(depth: int, format: str) -> None:
    """Any depth of JSON arrays and objects: the library's error, never another exception."""
    with pytest.raises(PageAvailError):
        load_hours('{"regularHours": ' * depth + "[1]" + "}" * depth, format, "UTC")


def test_deep_text_with_no_key_before_it_is_told_as_a_value() -> None:
    """Where no key can be found for the deepest value, the error says "a value" and keeps the line."""
    from pageavail._config_errors import _nested_too_deeply

    error = _nested_too_deeply("x = 1\n" + "[" * 40, "page.toml")
    assert (error.key, error.line) == ("", 2)
    assert str(error) == (
        "page.toml:2: a value is nested too deeply (40 levels of arrays and inline tables, "
        "the deepest at column 40; write the value with fewer levels)"
    )
