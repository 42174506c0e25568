"""Date ranges with an n-th weekday at an end: ``Mar Su[-1]-Oct Su[-1]``, ``Jan Su[2]-Jan 15``.

``opening_hours.js`` reads a month followed by a constrained weekday and a ``-`` as a range end
(its month-day parser's ``has_constrained_weekday``), moved by at most six days
(``Dec 20-Dec Su[-1] +4 days``); a range runs from its start to the end's next occurrence,
and a fifth weekday a month lacks falls into the next month. The examples are the wiki's
(summer time: ``Mar Su[-1]-Oct Su[-1]``) and the reference suite's.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import List

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail._selectors import NthDateRange

from .test_language_lists import UTC, open_days


def first_and_last(text: str, year: int) -> List[str]:
    """The first and last open dates of *year*'s stretch (the days must be contiguous)."""
    found = open_days(text, date(year, 1, 1), 366 if year % 4 == 0 else 365)
    return [found[0], found[-1]] if found else []


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Mar Su[-1]-Oct Su[-1]", "Mar Su[-1]-Oct Su[-1]"),
        ("mar su[-1]-oct su[-1] 10-12", "Mar Su[-1]-Oct Su[-1] 10:00-12:00"),
        ("Jan Su[2]-Jan 15", "Jan Su[2]-Jan 15"),
        ("Dec 20-Dec Su[-1] +4 days", "Dec 20-Dec Su[-1] +4 days"),
        ("Jan Su[2] +1 day-Feb 10", "Jan Su[2] +1 day-Feb 10"),
        ("Mar Su[-1]-Oct Su[-1],Dec 24", "Mar Su[-1]-Oct Su[-1],Dec 24"),
        ("Jan Su[2]", "Jan Su[2]"),  # no '-': a month and the n-th weekday in it, as before
    ],
)
def test_nth_ranges_print_canonically(text: str, canonical: str) -> None:
    """An n-th weekday range end prints as 'Mon Wd[n] +k days' and reads back the same."""
    schedule = pa.Schedule.parse(text, zone="UTC")
    assert str(schedule) == canonical
    assert pa.Schedule.parse(canonical, zone="UTC") == schedule


def test_summer_time_range() -> None:
    """'Mar Su[-1]-Oct Su[-1]' runs from the last Sunday of March to the last Sunday of October."""
    assert first_and_last("Mar Su[-1]-Oct Su[-1]", 2026) == ["2026-03-29", "2026-10-25"]
    assert first_and_last("Mar Su[-1]-Oct Su[-1]", 2027) == ["2027-03-28", "2027-10-31"]


def test_range_from_an_nth_weekday_to_a_day() -> None:
    """'Jan Su[2]-Jan 15' is the second Sunday of January to the 15th (2026: the 11th to the 15th)."""
    assert open_days("Jan Su[2]-Jan 15", date(2026, 1, 1), 31) == [f"2026-01-{d}" for d in range(11, 16)]


def test_range_end_moved_into_the_next_year() -> None:
    """'Dec 20-Dec Su[-1] +4 days' in 2025 ends on 2026-01-01 (December 28th plus four days)."""
    found = open_days("Dec 20-Dec Su[-1] +4 days", date(2025, 12, 15), 25)
    assert found[0] == "2025-12-20"
    assert found[-1] == "2026-01-01"
    assert len(found) == 13


def test_range_over_new_year() -> None:
    """'Oct Su[-1]-Mar Su[-1]' runs from late October to the last Sunday of March of the next year."""
    found = open_days("Oct Su[-1]-Mar Su[-1]", date(2026, 3, 27), 3)
    assert found == ["2026-03-27", "2026-03-28", "2026-03-29"]
    assert open_days("Oct Su[-1]-Mar Su[-1]", date(2026, 10, 24), 2) == ["2026-10-25"]


def test_fifth_weekday_falls_into_the_next_month() -> None:
    """'Jan Su[5]-Feb 10' in 2026 (January has four Sundays) starts on February 1st, as in opening_hours.js."""
    assert open_days("Jan Su[5]-Feb 10", date(2026, 1, 25), 20)[0] == "2026-02-01"


def test_nth_range_in_a_rule_with_weekdays_and_off() -> None:
    """Weekdays narrow the range and a later off rule wipes its own days."""
    text = "Mar Su[-1]-Oct Su[-1] Mo 10:00-12:00; Apr Su[1]-Apr 10 off"
    assert open_days(text, date(2026, 3, 30), 22) == ["2026-03-30", "2026-04-13", "2026-04-20"]


def test_far_change_past_a_closed_stretch() -> None:
    """next_change skips a long closed stretch of an n-th weekday range schedule at once."""
    schedule = pa.Schedule.parse("Mar Su[-1]-Oct Su[-1] 10:00-12:00; 2027-9000 off", zone="UTC")
    change = schedule.next_change(datetime(2027, 1, 1, tzinfo=UTC))
    assert change == datetime(9001, 3, 29, 10, tzinfo=UTC)  # the last Sunday of March 9001
    assert date(9001, 3, 29).isoweekday() == 7


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ("2026 Mar Su[-1]-Oct Su[-1]", 1, "a year in a range"),
        ("Mar Su[-1]-2027 Oct Su[-1]", 1, "a year in a range"),
        ("Dec 20-Dec Su[-1] +7 days", 20, "1 to 6 days"),
        ("Mar Su[-1]-Oct", 15, "ends on a day or an n-th weekday"),
        ("Mar Su[-1]-Feb 29", 1, "February 29th"),
    ],
)
def test_bad_nth_ranges(text: str, column: int, fragment: str) -> None:
    """Bad n-th weekday ranges raise the library's error with the column and a fix."""
    with pytest.raises(pa.ScheduleSyntaxError) as caught:
        pa.Schedule.parse(text, zone="UTC")
    assert caught.value.column == column, str(caught.value)
    assert fragment in str(caught.value)


def test_nth_range_values_are_validated() -> None:
    """NthDateRange refuses malformed ends with the library's error."""
    with pytest.raises(pa.InvalidValueError, match="'start'"):
        NthDateRange((3, 0, 7, 0, 0), (10, 0, 7, -1, 0))  # n-th 0
    with pytest.raises(pa.InvalidValueError, match="'end'"):
        NthDateRange((3, 1, 0, 0, 0), (10, 2, 0, 0, 0))  # two days: a DateRange
    with pytest.raises(pa.InvalidValueError, match="'day'"):
        NthDateRange((3, 0, 7, -1, 0), (10, 0, 7, -1, 0)).contains("2026-01-01")  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 12),
    st.integers(1, 7),
    st.sampled_from([1, 2, 3, 4, -1, -2]),
    st.integers(-6, 6),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(2001, 2099),
)
def test_range_starts_on_its_nth_weekday(
    month: int, weekday: int, nth: int, offset: int, end_month: int, end_day: int, year: int
) -> None:
    """The range's first day is the n-th weekday moved by the offset, and the day before it is
    outside unless the range runs all year; parse(str(range)) gives the same range."""
    selector = NthDateRange((month, 0, weekday, nth, offset), (end_month, end_day, 0, 0, 0))
    first = date.fromordinal(selector._day(selector.start, year))
    assert selector.contains(first)
    assert (first - timedelta(days=offset)).isoweekday() == weekday
    rule = pa.HoursRule(dates=(selector,))
    assert pa.Schedule.parse(str(pa.Schedule((rule,), "UTC")), zone="UTC").rules == (rule,)


def test_nth_ranges_repeat_with_the_calendar_so_never_is_told() -> None:
    """Ranges between n-th weekdays repeat every 400 years, like dates: a schedule that never opens
    again says so (None), as the same range of fixed days does, instead of walking every year to the
    end of the supported instants and failing there."""
    at = datetime(2026, 12, 24, 12, tzinfo=timezone.utc)
    assert pa.Schedule.parse("Mar Su[-1]-Oct Su[-1] week 1", zone="UTC").next_change(at) is None
    assert pa.Schedule.parse("Mar 29-Oct 25 week 1", zone="UTC").next_change(at) is None
    schedule = pa.Schedule.parse("Apr We[3]-Aug 13; Feb 23-Oct 20 03:45+", zone="UTC")
    assert schedule.next_change(datetime(2026, 10, 20, tzinfo=timezone.utc)) is None
    assert schedule.next_state_change(datetime(2026, 10, 20, tzinfo=timezone.utc)) == datetime(
        2026, 10, 20, 3, 45, tzinfo=timezone.utc
    )


@pytest.mark.parametrize(
    "text",
    ["2026-2026 Mar Su[-1]-Oct Su[-1]", "2026-2026 Jan Su[2]-Jan 15", "2026-2026 Dec 20-Dec Su[-1] +4 days"],
)
def test_one_year_before_an_nth_range_prints_as_a_year_selector(text: str) -> None:
    """A year inside a range between n-th weekdays is refused, so one year before such a range prints
    as the year selector '2026-2026', which reads back to the same schedule."""
    schedule = pa.Schedule.parse(text, zone="UTC")
    assert str(schedule) == text
    assert pa.Schedule.parse(str(schedule), zone="UTC") == schedule
    with pytest.raises(pa.UnsupportedSyntaxError, match="give the years as a year selector"):
        pa.Schedule.parse(text.replace("2026-2026", "2026"), zone="UTC")


@pytest.mark.parametrize("text", ["Feb 29-Mar Su[-1]", "Jan Su[1]-Feb 29"])
def test_feb_29_at_an_end_of_an_nth_range_is_refused_in_words(text: str) -> None:
    """February 29th is not in every year: the refusal says so in words, with the column and a fix,
    without the range's internal form."""
    with pytest.raises(pa.ScheduleSyntaxError) as caught:
        pa.Schedule.parse(text, zone="UTC")
    message = str(caught.value)
    assert "Feb 29 cannot begin or end a range with an n-th weekday" in message
    assert "Feb 28 or Mar 01" in message
    assert "(2, 29" not in message
    assert caught.value.column == 1
