"""`pageavail forecast`: a number of page views that is not finite or is negative is refused as
such (not as "neither a number nor a file"), and an empty period prints no bare "Per day:" header."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import List, Tuple

import pytest

from pageavail import wording as w
from pageavail.cli import main

BAKERY = str(Path(__file__).resolve().parent.parent / "examples" / "acme-bakery.toml")
DAY = ["--from", "2026-11-27T00:00:00+01:00", "--to", "2026-11-28T00:00:00+01:00"]
EMPTY = ["--from", "2026-11-27T10:00:00+01:00", "--to", "2026-11-27T10:00:00+01:00"]


def run(args: List[str]) -> Tuple[int, str, str]:
    """The CLI in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def refusal(args: List[str]) -> str:
    """The one error line of a refused command (exit 2, nothing on stdout)."""
    code, out, err = run(args)
    assert (code, out) == (2, ""), err
    assert err.count("\n") == 1, err
    assert err.startswith("pageavail: error: "), err
    return err


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("nan", "which is not a finite number"),  # not a number at all
        ("NaN", "which is not a finite number"),  # any case
        ("inf", "which is not a finite number"),  # infinity
        ("-inf", "which is not a finite number"),  # minus infinity
        ("Infinity", "which is not a finite number"),  # the long spelling
        ("1e400", "which is above 1e12"),  # a decimal too large for a float: infinity
        ("-1", "which is negative"),  # negative
        ("-0.5", "which is negative"),  # negative, fractional
        ("1e13", "which is above 1e12"),  # finite, but over the limit
    ],
)
def test_a_number_that_is_not_finite_or_is_negative_is_refused_as_such(value: str, why: str) -> None:
    """The message says the number must be finite and not negative, and why this one is not."""
    err = refusal(["forecast", BAKERY, *DAY, f"--visits-per-hour={value}"])  # = lets "-inf" be a value
    assert (
        "--visits-per-hour must be a number of page views per hour from 0 to 1e12: finite and not negative "
        f"(got {value!r}, {why})"
    ) in err
    assert "neither a number nor a file" not in err


@pytest.mark.parametrize("value", ["lots", "1_0", "ten"])
def test_text_that_is_no_number_and_no_file_is_still_told_so(value: str) -> None:
    """A word that is neither a number nor an existing file keeps its own message."""
    err = refusal(["forecast", BAKERY, *DAY, "--visits-per-hour", value])
    assert f"(got {value!r}, which is neither a number nor a file)" in err


def test_a_file_named_like_a_non_finite_number_is_read_as_a_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV file called `nan` in the working folder is a profile, as any file name is."""
    (tmp_path / "nan").write_text("\n".join(",".join(["2"] * 24) for _ in range(7)) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["forecast", BAKERY, *DAY, "--visits-per-hour", "nan", "--json"])
    assert code == 0, err
    assert json.loads(out)["visits_per_hour"] == {"file": "nan", "profile": [[2.0] * 24] * 7}


@pytest.mark.parametrize(
    ("cell", "why"),
    [
        ("nan", "which is not a finite number"),
        ("inf", "which is not a finite number"),
        ("1e400", "which is above 1e12"),
        ("-1", "which is negative"),
        ("ten", "which is not a plain decimal number such as 120 or 2.5"),
    ],
)
def test_a_profile_cell_says_why_it_is_refused(tmp_path: Path, cell: str, why: str) -> None:
    """A bad cell of a CSV profile names the line and the hour and says why the number is refused."""
    rows = [",".join(["1", cell] + ["1"] * 22)] + [",".join(["1"] * 24)] * 6  # hour 0 may be a weekday
    path = tmp_path / "visits.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    err = refusal(["forecast", BAKERY, *DAY, "--visits-per-hour", str(path)])
    assert (
        f":1: hour 1 must be a number of page views from 0 to 1e12: finite and not negative (got {cell!r}, {why})"
        in err
    )


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_an_empty_period_prints_no_bare_per_day_header(lang: str) -> None:
    """--to at --from: the input and the zero totals, and no "Per day:" header with nothing under it."""
    code, out, err = run(["forecast", BAKERY, *EMPTY, "--visits-per-hour", "10", "--lang", lang])
    assert (code, err) == (0, "")
    header = w.CLI_FORECAST_PER_DAY().render(lang)
    lines = out.splitlines()
    assert header not in lines
    assert len(lines) == 3, out  # the period, the input, the totals
    assert lines[-1] == w.CLI_FORECAST_TOTAL(
        conversations=_zero(), prompts=_zero(), hours=_no_hours()
    ).render(lang)


def test_a_period_of_a_day_still_has_its_per_day_section() -> None:
    """A period with days keeps the header, followed by one line per day."""
    code, out, _ = run(["forecast", BAKERY, *DAY, "--visits-per-hour", "10", "--lang", "en"])
    assert code == 0
    lines = out.splitlines()
    at = lines.index("Per day:")
    assert lines[at + 1].startswith("  Fri, Nov 27: active ")


def test_an_empty_period_in_json_has_no_days_and_no_busiest_hour() -> None:
    """--json for an empty period: zero totals, an empty per_day list, busiest_hour null."""
    code, out, err = run(["forecast", BAKERY, *EMPTY, "--visits-per-hour", "10", "--json"])
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["per_day"] == []
    assert document["busiest_hour"] is None
    assert (document["active_hours"], document["visits"], document["conversations"]) == (0, 0, 0)
    assert document["weekday_hour_conversations"] == [[0.0] * 24] * 7


def _zero() -> object:
    from pageavail._cli_forecast import _Number

    return _Number(0.0)


def _no_hours() -> object:
    from pageavail._i18n import Hours

    return Hours(0.0)
