"""`pageavail forecast` at the edges of its inputs: tiny and huge page views per hour give a picture
and JSON figures that are not rounded away, and a profile row that starts with a number that is not
finite is refused as such, not as a wrong weekday."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import List, Tuple

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pageavail.cli import main
from pageavail.config import load_page
from pageavail.timeline import Timeline

BAKERY = str(Path(__file__).resolve().parent.parent / "examples" / "acme-bakery.toml")
DAY = ["--from", "2026-11-27T00:00+01:00", "--to", "2026-11-28T00:00+01:00"]


def run(args: List[str]) -> Tuple[int, str, str]:
    """The CLI in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def busiest(visits: float, rate: float) -> float:
    """The conversations of the busiest hour of the Friday, from the library, unrounded."""
    from datetime import datetime, timedelta, timezone

    start = datetime(2026, 11, 27, tzinfo=timezone(timedelta(hours=1)))
    line = Timeline.build(load_page(BAKERY).compile(), start, start + timedelta(days=1))
    hour = line.forecast(visits, rate).busiest_hour
    assert hour is not None
    return hour.conversations


def test_a_tiny_rate_prints_its_busiest_hour_and_a_picture() -> None:
    """0.01 page views per hour: the busiest hour (2.5e-4 conversations) is the full shade, not a crash."""
    code, out, err = run(["forecast", BAKERY, *DAY, "--visits-per-hour", "0.01", "--lang", "en"])
    assert (code, err) == (0, "")
    assert "Busiest hour: Fri, Nov 27, 2026 09:00 (+01:00); conversations: 0.00025" in out
    friday = next(line for line in out.splitlines() if line.startswith("  Fr  "))
    assert friday[6:].startswith("·········█")  # 09:00 is the top of the week


def test_a_tiny_rate_in_json_keeps_its_figures() -> None:
    """--json for 0.01 page views per hour: the busiest hour and the totals are not rounded to 0."""
    code, out, err = run(["forecast", BAKERY, *DAY, "--visits-per-hour", "0.01", "--json"])
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["busiest_hour"] == {"hour": "2026-11-27T09:00:00+01:00", "conversations": 0.00025}
    assert document["conversations"] == pytest.approx(0.00036, rel=1e-2)
    assert document["per_day"][0]["conversations"] == document["conversations"]
    assert max(map(max, document["weekday_hour_conversations"])) == 0.00025


def test_no_page_views_print_no_busiest_hour_and_a_picture_of_none() -> None:
    """0 page views per hour: zero totals, no busiest hour, a picture with no shade; null in JSON."""
    code, out, err = run(["forecast", BAKERY, *DAY, "--visits-per-hour", "0", "--lang", "en"])
    assert (code, err) == (0, "")
    assert "Busiest hour" not in out
    friday = next(line for line in out.splitlines() if line.startswith("  Fr  "))
    assert friday == "  Fr  " + "·" * 24
    code, out, err = run(["forecast", BAKERY, *DAY, "--visits-per-hour", "0", "--json"])
    document = json.loads(out)
    assert document["busiest_hour"] is None
    assert document["weekday_hour_conversations"] == [[0.0] * 24] * 7


@given(
    visits=st.floats(min_value=1e-12, max_value=1e12),
    rate=st.sampled_from(["1", "0.5", "0.03", "0.000001"]),
)
@example(visits=0.01, rate="0.03")  # the busiest hour below 0.0005: 0 at 3 decimals
@example(visits=1e-12, rate="0.000001")  # the smallest amounts
@example(visits=1e12, rate="1")  # the largest
def test_any_rate_prints_and_writes_the_real_busiest_hour(visits: float, rate: str) -> None:
    """Tiny to huge page views: the text has a busiest hour and a full shade, and the JSON's busiest
    hour is the library's, to 3 significant digits."""
    real = busiest(visits, float(rate))
    arguments = ["forecast", BAKERY, *DAY, "--visits-per-hour", repr(visits), "--click-rate", rate]
    code, out, err = run([*arguments, "--lang", "en"])
    assert (code, err) == (0, "")
    if real > 0:
        assert "Busiest hour: Fri, Nov 27, 2026 09:00 (+01:00); conversations: " in out
        assert "conversations: 0\n" not in out
        assert "█" in out
    code, out, err = run([*arguments, "--json"])
    assert (code, err) == (0, "")
    document = json.loads(out)
    if real > 0:
        assert document["busiest_hour"]["conversations"] == pytest.approx(real, rel=5e-3)
        assert (
            max(map(max, document["weekday_hour_conversations"])) == document["busiest_hour"]["conversations"]
        )
    else:
        assert document["busiest_hour"] is None


def refusal(args: List[str]) -> str:
    """The one error line of a refused command (exit 2, nothing on stdout)."""
    code, out, err = run(args)
    assert (code, out) == (2, ""), err
    assert err.count("\n") == 1, err
    return err


@pytest.mark.parametrize("cell", ["nan", "NaN", "inf", "Inf", "Infinity", "infinity"])
@pytest.mark.parametrize("row", [1, 3])
def test_a_profile_row_starting_with_a_non_finite_number_is_refused_as_such(
    tmp_path: Path, cell: str, row: int
) -> None:
    """A row of 24 cells whose first is nan or inf: "not a finite number" at its line and hour 0,
    not a weekday label."""
    rows = [",".join(["1"] * 24)] * 7
    rows[row - 1] = ",".join([cell] + ["1"] * 23)
    path = tmp_path / "visits.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    err = refusal(["forecast", BAKERY, *DAY, "--visits-per-hour", str(path)])
    assert (
        f":{row}: hour 0 must be a number of page views from 0 to 1e12: finite and not negative "
        f"(got {cell!r}, which is not a finite number)"
    ) in err
    assert "the rows go from Mo to Su" not in err


def test_a_wrong_weekday_label_is_still_told_as_such(tmp_path: Path) -> None:
    """A first cell that is a word and no number is still a weekday label, checked against the row."""
    rows = [",".join(["1"] * 24)] * 7
    rows[0] = "Tu," + rows[0]
    path = tmp_path / "visits.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    err = refusal(["forecast", BAKERY, *DAY, "--visits-per-hour", str(path)])
    assert ":1: row 1 starts with 'Tu'; the rows go from Mo to Su, so this one is Mo" in err
