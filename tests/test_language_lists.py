"""Day lists in date selectors (``Dec 24,25``), and the forms opening_hours.js itself refuses.

``Dec 24,25`` is December 24th and 25th, ``Dec 24-26,31`` the 24th to 26th and the 31st: after a
day of a month, a comma and a number continue with more days of that month, as
``opening_hours.js`` reads them (its month-day parser loops on ``,<number>``). ``str()`` writes
each item in full (``Dec 24,Dec 25``). Week ranges over New Year (``week 52-02``) and school
holiday offsets (``SH +1 day``) are refused, as in ``opening_hours.js``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import List

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa

UTC = timezone.utc


def open_days(text: str, start: date, days: int) -> List[str]:
    """The dates from *start* on which *text* is open at 10:00 UTC."""
    schedule = pa.Schedule.parse(text, zone="UTC")
    found = []
    for n in range(days):
        day = start + timedelta(days=n)
        if schedule.is_open(datetime(day.year, day.month, day.day, 10, tzinfo=UTC)):
            found.append(day.isoformat())
    return found


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Dec 24,25", "Dec 24,Dec 25"),  # the wiki's 'Dec 24,25' style
        ("Dec 24-26,31 off", "Dec 24-26,Dec 31 off"),  # KDE's and the suite's 'Dec 24-26,31 off'
        ("Jan 01,Dec 24-26", "Jan 01,Dec 24-26"),
        ("Jan 03,Dec 04,24 off", "Jan 03,Dec 04,Dec 24 off"),
        ("Dec 24,25 10:00-12:00", "Dec 24,Dec 25 10:00-12:00"),
        ("Dec 24,25: 10:00-12:00", "Dec 24,Dec 25 10:00-12:00"),
        ("Dec 24,10-12", "Dec 24,Dec 10-12"),  # after a month, numbers are days (10th to 12th)
        ("Feb 28,29", "Feb 28,Feb 29"),
    ],
)
def test_day_lists_print_each_item_in_full(text: str, canonical: str) -> None:
    """More days of a month after a comma print as full dates, and read back the same."""
    schedule = pa.Schedule.parse(text, zone="UTC")
    assert str(schedule) == canonical
    assert pa.Schedule.parse(canonical, zone="UTC") == schedule


def test_day_list_selects_those_days() -> None:
    """'Dec 24-26,31' is open on December 24th to 26th and on the 31st, every year."""
    assert open_days("Dec 24-26,31", date(2026, 12, 20), 14) == [
        "2026-12-24",
        "2026-12-25",
        "2026-12-26",
        "2026-12-31",
    ]


def test_day_list_with_off() -> None:
    """'Mo-Fr 09:00-17:00; Dec 24,25 off' closes both days (2026-12-24 is a Thursday)."""
    assert open_days("Mo-Fr 09:00-17:00; Dec 24,25 off", date(2026, 12, 23), 3) == ["2026-12-23"]


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ("2026 Dec 24,25", 13, "written in full"),  # opening_hours.js misreads it: refused
        ("Dec 24,32", 8, "1 to 31"),
        ("Dec 24,26-25", 8, "at least the start day"),
        ("Dec 24,Feb 30", 8, "a day of Feb"),
        ("week 52-02", 6, "week 52-53,01-02"),  # opening_hours.js: 'week range reverse'
        ("SH +1 day", 4, "does not define them"),
    ],
)
def test_refusals_name_the_place_and_the_fix(text: str, column: int, fragment: str) -> None:
    """Bad or unsupported day lists, week ranges and offsets raise the library's error with a column."""
    with pytest.raises(pa.ScheduleSyntaxError) as caught:
        pa.Schedule.parse(text, zone="UTC", school_holidays=[])
    assert caught.value.column == column, str(caught.value)
    assert fragment in str(caught.value)


@settings(max_examples=60)
@given(
    st.sampled_from(["Jan", "Mar", "Dec"]),
    st.lists(st.tuples(st.integers(1, 28), st.integers(0, 2)), min_size=1, max_size=4),
)
def test_day_lists_mean_their_full_forms(month: str, items: List[tuple]) -> None:
    """'<month> a,b-c' means the same as '<month> a,<month> b-c', and round-trips through str()."""
    parts = [f"{a:02d}" if not n else f"{a:02d}-{a + n:02d}" for a, n in items]
    short = f"{month} " + ",".join(parts) + " 10:00-12:00"
    full = ",".join(f"{month} {p}" for p in parts) + " 10:00-12:00"
    schedule = pa.Schedule.parse(short, zone="UTC")
    assert schedule == pa.Schedule.parse(full, zone="UTC")
    assert pa.Schedule.parse(str(schedule), zone="UTC") == schedule
