"""DST pins: skipped wall times are never open, repeated ones are open on both occurrences.

Transitions of 2026 in the hard zones (wall clock before -> after):
Berlin 03-29 02:00->03:00 and 10-25 03:00->02:00; New York 03-08 02:00->03:00 and
11-01 02:00->01:00; Dublin (negative DST) 03-29 01:00->02:00 and 10-25 02:00->01:00;
Lord Howe (half hour) 04-05 02:00->01:30 and 10-04 02:00->02:30; Santiago (at
midnight) 04-04 24:00->23:00 and 09-06 00:00->01:00.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import List, Tuple

import pytest

import pageavail as pa
from pageavail._time import ZoneInfo

UTC = timezone.utc


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def spans(schedule: pa.Schedule, start: datetime, end: datetime) -> List[Tuple[str, str, float]]:
    """Intervals as (UTC start, UTC end, hours) for exact comparison."""
    return [
        (
            f"{i.start.astimezone(UTC):%m-%d %H:%M}",
            f"{i.end.astimezone(UTC):%m-%d %H:%M}",
            i.duration / timedelta(hours=1),
        )
        for i in schedule.intervals(start, end)
    ]


GAPS = [
    # (zone, rule text covering exactly the skipped wall times, UTC window)
    ("Europe/Berlin", "Su 02:00-03:00", (3, 28, 12), (3, 30, 12)),
    ("America/New_York", "Su 02:00-03:00", (3, 7, 12), (3, 9, 12)),
    ("Europe/Dublin", "Su 01:00-02:00", (3, 28, 12), (3, 30, 12)),
    ("Australia/Lord_Howe", "Su 02:00-02:30", (10, 3, 0), (10, 5, 0)),
    ("America/Santiago", "Su 00:00-01:00", (9, 5, 12), (9, 7, 0)),
]


@pytest.mark.parametrize(("zone", "text", "first", "last"), GAPS)
def test_skipped_wall_times_are_never_open(zone: str, text: str, first: tuple, last: tuple) -> None:
    """A span made only of skipped wall times yields no interval, not a zero-length one."""
    schedule = pa.Schedule.parse(text, zone=zone)
    assert spans(schedule, utc(*first), utc(*last)) == []
    instant = utc(*first)
    while instant < utc(*last):
        assert not schedule.is_open(instant)
        instant += timedelta(minutes=10)


FOLDS = [
    # (zone, rule, UTC window, expected (start, end, hours))
    ("Europe/Berlin", "Su 02:00-03:00", (10, 24, 12), (10, 26, 0), [("10-25 00:00", "10-25 02:00", 2.0)]),
    ("America/New_York", "Su 01:00-02:00", (10, 31, 12), (11, 2, 0), [("11-01 05:00", "11-01 07:00", 2.0)]),
    ("Europe/Dublin", "Su 01:00-02:00", (10, 24, 12), (10, 26, 0), [("10-25 00:00", "10-25 02:00", 2.0)]),
    ("Australia/Lord_Howe", "Su 01:30-02:00", (4, 4, 0), (4, 5, 0), [("04-04 14:30", "04-04 15:30", 1.0)]),
    ("America/Santiago", "Sa 23:00-24:00", (4, 4, 12), (4, 6, 0), [("04-05 02:00", "04-05 04:00", 2.0)]),
]


@pytest.mark.parametrize(("zone", "text", "first", "last", "expected"), FOLDS)
def test_repeated_wall_times_are_open_twice(
    zone: str, text: str, first: tuple, last: tuple, expected: list
) -> None:
    """A span over repeated wall times is open on both occurrences: one interval twice as long."""
    schedule = pa.Schedule.parse(text, zone=zone)
    assert spans(schedule, utc(*first), utc(*last)) == expected
    start = utc(*first)
    for interval in schedule.intervals(start, utc(*last)):
        # is_open agrees on both occurrences, which share wall times but not offsets
        probe = interval.start.astimezone(UTC)
        while probe < interval.end.astimezone(UTC):
            assert schedule.is_open(probe)
            probe += timedelta(minutes=5)


def test_next_change_does_not_skip_the_repeated_hour() -> None:
    """From the first occurrence of a repeated hour, the next change is the end of the second."""
    schedule = pa.Schedule.parse("Su 02:00-03:00", zone="Europe/Berlin")
    first_occurrence = utc(10, 25, 0, 30)  # 02:30 CEST
    assert schedule.is_open(first_occurrence)
    change = schedule.next_change(first_occurrence)
    assert change is not None
    assert change.astimezone(UTC) == utc(10, 25, 2)
    assert change.utcoffset() == timedelta(hours=1)


def test_span_over_a_gap_is_shorter_in_elapsed_time() -> None:
    """01:00-04:00 on the spring-forward night lasts two hours, on the fall-back night four."""
    schedule = pa.Schedule.parse("Su 01:00-04:00", zone="Europe/Berlin")
    spring = schedule.intervals(utc(3, 28, 12), utc(3, 30, 0))
    autumn = schedule.intervals(utc(10, 24, 12), utc(10, 26, 0))
    assert [i.duration for i in spring] == [timedelta(hours=2)]
    assert [i.duration for i in autumn] == [timedelta(hours=4)]


def test_midnight_transition_days() -> None:
    """In Santiago, the day after the spring jump starts at 01:00; a whole-day rule still covers it."""
    schedule = pa.Schedule.parse("2026 Sep 06", zone="America/Santiago")
    found = schedule.intervals(utc(9, 5, 0), utc(9, 8, 0))
    assert len(found) == 1
    assert found[0].start.astimezone(UTC) == utc(9, 6, 4)  # 01:00 -03 is the first instant of Sep 6
    assert found[0].start.hour == 1
    assert found[0].duration == timedelta(hours=23)


@pytest.mark.parametrize(
    "tz",
    [timezone.utc, timezone(timedelta(hours=5, minutes=45)), ZoneInfo("Asia/Tokyo")],
)
def test_any_aware_zone_is_accepted(tz: object) -> None:
    """Instants in datetime.timezone (also UTC, which the Rust peer rejects) or zoneinfo work alike."""
    schedule = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin")
    at = utc(11, 27, 9).astimezone(tz)  # type: ignore[arg-type]
    assert schedule.is_open(at)
    assert schedule.next_change(at) == datetime(2026, 11, 27, 17, tzinfo=ZoneInfo("Europe/Berlin"))


def test_dateutil_zones_are_accepted() -> None:
    """Instants whose tzinfo comes from dateutil work too."""
    from dateutil import tz

    schedule = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin")
    at = datetime(2026, 11, 27, 10, tzinfo=tz.gettz("Europe/Berlin"))
    assert schedule.is_open(at)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (datetime(2026, 11, 27, 10), pa.NaiveDatetimeError),  # no zone: ambiguous instant
        ("2026-11-27T10:00:00+01:00", pa.InvalidInstantError),  # text, not a datetime
        (1_790_000_000, pa.InvalidInstantError),  # epoch seconds
        (None, pa.InvalidInstantError),  # nothing
    ],
)
def test_bad_instants(value: object, error: type) -> None:
    """Naive datetimes and non-datetimes raise the library's errors with the fix in the message."""
    schedule = pa.Schedule.parse("24/7", zone="Europe/Berlin")
    for query in (schedule.is_open, schedule.next_change, schedule.check):
        with pytest.raises(error, match="aware datetime"):
            query(value)  # type: ignore[operator]
    with pytest.raises(error):
        schedule.intervals(value, utc(1, 1, 0))  # type: ignore[arg-type]


def test_naive_message_says_how_to_fix() -> None:
    """The naive-datetime error tells how to attach a zone."""
    schedule = pa.Schedule.parse("24/7", zone="Europe/Berlin")
    with pytest.raises(pa.NaiveDatetimeError, match=r"replace\(tzinfo=ZoneInfo"):
        schedule.is_open(datetime(2026, 1, 1))


@pytest.mark.parametrize(
    "at",
    [
        datetime(1, 1, 1, 12, tzinfo=UTC),
        datetime(3, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),  # just before the first instant
        datetime(9997, 1, 1, tzinfo=UTC),  # the end is excluded
        datetime(9999, 12, 31, 12, tzinfo=UTC),
    ],
)
def test_out_of_range_years(at: datetime) -> None:
    """Instants outside the supported range raise OutOfRangeError, not an OverflowError, even when cached."""
    schedule = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="Pacific/Kiritimati")
    schedule.is_open(datetime(4, 1, 1, tzinfo=UTC))  # compiles the first bucket
    schedule.is_open(datetime(9996, 12, 31, 23, 59, 59, tzinfo=UTC))  # and the last
    for _ in range(2):
        with pytest.raises(pa.OutOfRangeError, match="from 0004-01-01T00:00:00"):
            schedule.is_open(at)
        with pytest.raises(pa.OutOfRangeError):
            schedule.check(at)
        with pytest.raises(pa.OutOfRangeError):
            schedule.next_change(at)
