"""Which rule decides: details of the day compiler that mutation testing showed no other test pins."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

import pageavail as pa

UTC = timezone.utc


def rule_at(text: str, at: datetime, **kw: object) -> tuple:
    """Whether *text* (in UTC) is open at *at*, and the number of the rule that decides."""
    status = pa.Schedule.parse(text, zone="UTC", **kw).check(at)  # type: ignore[arg-type]
    return status.is_open, status.rule_number


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        # the spill of a span past midnight decides the next morning only after a selected day
        ("Fr 22:00-02:00", datetime(2026, 11, 28, 1, 0, tzinfo=UTC), (True, 1)),
        ("Fr 22:00-02:00", datetime(2026, 11, 26, 1, 0, tzinfo=UTC), (False, None)),
        # an additional rule decides from the first minute of its span
        ("Mo 09:00-17:00, Tu 10:00-12:00", datetime(2026, 11, 24, 10, 0, tzinfo=UTC), (True, 2)),
        ("Mo 09:00-17:00, Tu 10:00-12:00", datetime(2026, 11, 24, 9, 59, tzinfo=UTC), (False, None)),
        # and an off span no longer decides at its end
        ("Mo 09:00-17:00; Mo 12:00-13:00 off", datetime(2026, 11, 23, 13, 0, tzinfo=UTC), (True, 1)),
        ("Mo 09:00-17:00; Mo 12:00-13:00 off", datetime(2026, 11, 23, 12, 59, tzinfo=UTC), (False, 2)),
    ],
)
def test_the_deciding_rule_at_span_edges(text: str, at: datetime, expected: tuple) -> None:
    """The rule named as deciding is the one whose span holds the minute, ends excluded."""
    assert rule_at(text, at) == expected


def test_a_holiday_spill_decides_the_next_morning() -> None:
    """A span past midnight on a public holiday decides the small hours of the day after."""
    boxing_day = datetime(2026, 12, 26, 1, 0, tzinfo=UTC)  # after Christmas Day, a holiday in Berlin
    assert rule_at("PH 22:00-02:00", boxing_day, holidays="DE-BE") == (True, 1)
    christmas_eve = datetime(2026, 12, 24, 1, 0, tzinfo=UTC)  # after a working day
    assert rule_at("PH 22:00-02:00", christmas_eve, holidays="DE-BE") == (False, None)


def test_quiet_years_before_are_not_the_years_after() -> None:
    """Years closed by a dated ``off`` rule long ago do not make the weeks after them quiet."""
    hours = pa.Schedule.parse("Mo 10:00-11:00; 1999-2001 off", zone="UTC")
    thursday = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)  # the next opening lies in the next compiled year
    assert hours.next_change(thursday) == datetime(2027, 1, 4, 10, 0, tzinfo=UTC)


def test_a_dated_rule_of_other_years_does_not_hide_later_rules() -> None:
    """A rule for days of another year is skipped, and the rules after it still count."""
    hours = pa.Schedule.parse("2020 Jan 01 09:00-10:00; Mo 09:00-17:00", zone="UTC")
    thursday = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)  # the next opening lies in the next compiled year
    assert hours.next_change(thursday) == datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


def test_years_without_any_rule_are_skipped_at_once() -> None:
    """Between two year-ranged rules decades apart, ``next_change`` finds the later one."""
    hours = pa.Schedule.parse("2020 Mo 10:00-11:00; 2090 Mo 10:00-11:00", zone="UTC")
    assert hours.next_change(datetime(2026, 11, 27, tzinfo=UTC)) == datetime(2090, 1, 2, 10, 0, tzinfo=UTC)


def test_the_evening_before_a_compiled_year_starts_west_of_utc() -> None:
    """A local evening that falls just after 2024-01-01T02:16:48Z (where two compiled years meet) is open."""
    hours = pa.Schedule.parse("Su 20:00-23:00", zone="America/New_York")
    assert hours.is_open(datetime(2024, 1, 1, 2, 30, tzinfo=UTC))  # Sunday 21:30 in New York
    assert not hours.is_open(datetime(2024, 1, 1, 4, 30, tzinfo=UTC))


def test_an_off_span_at_the_end_of_the_open_span_leaves_no_empty_interval() -> None:
    """Closing the last hours of a span leaves only the hours before, with no empty interval."""
    hours = pa.Schedule.parse("Mo 09:00-17:00; Mo 12:00-17:00 off", zone="UTC")
    monday = datetime(2026, 11, 30, tzinfo=UTC)
    got = [(i.start, i.end) for i in hours.intervals(monday, monday + (monday - monday.replace(day=29)))]
    assert got == [(datetime(2026, 11, 30, 9, 0, tzinfo=UTC), datetime(2026, 11, 30, 12, 0, tzinfo=UTC))]
    assert hours.next_change(datetime(2026, 11, 30, 12, 0, tzinfo=UTC)) == datetime(
        2026, 12, 7, 9, 0, tzinfo=UTC
    )
