"""Lazy compilation: first answers from the day's rules, compiled weeks and year buckets all agree."""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime, timedelta, timezone

from hypothesis import example, given
from hypothesis import strategies as st

import pageavail as pa
from pageavail import schedule as schedule_module
from pageavail._compile import BUCKET_SECONDS
from pageavail._time import MAX_SECONDS, ZoneInfo, utc_seconds
from pageavail.testing import aware_datetimes, schedules

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")


def fresh(schedule: pa.Schedule) -> pa.Schedule:
    """An equal schedule with nothing compiled yet."""
    return pa.Schedule(schedule.rules, schedule.zone, schedule.holidays, schedule.recurrences)


def bucket_answer(schedule: pa.Schedule, at: datetime) -> bool:
    """is_open read from the instant's compiled year bucket."""
    seconds = utc_seconds(at)
    return bisect_right(schedule._bucket(seconds // BUCKET_SECONDS), seconds) & 1 == 1


@given(schedules(), aware_datetimes())
@example(pa.Schedule.parse("Su 02:00-03:00", zone="Europe/Berlin"), datetime(2026, 10, 25, 0, 30, tzinfo=UTC))
@example(pa.Schedule.parse("Su 02:00-03:00", zone="Europe/Berlin"), datetime(2026, 10, 25, 1, 30, tzinfo=UTC))
@example(
    pa.Schedule.parse("Sa 23:00-01:00; Su off", zone="America/Santiago"), datetime(2026, 9, 6, 3, tzinfo=UTC)
)
def test_first_answer_compiled_week_and_year_agree(schedule: pa.Schedule, at: datetime) -> None:
    """The first is_open (from the day's rules), the second (from the compiled week) and the year bucket agree."""
    lazy = fresh(schedule)
    first = lazy.is_open(at)
    second = lazy.is_open(at)  # the same week again: compiles it
    assert lazy._windows
    assert first == second == bucket_answer(fresh(schedule), at)


@given(schedules(), aware_datetimes())
@example(pa.Schedule.parse("Mo 10:00-11:00", zone="Europe/Berlin"), datetime(2026, 3, 24, 12, tzinfo=UTC))
@example(pa.Schedule.parse("Su 02:00-02:30", zone="Europe/Berlin"), datetime(2026, 3, 28, 12, tzinfo=UTC))
@example(pa.Schedule.parse("Su 01:00-03:00", zone="Europe/Berlin"), datetime(2026, 10, 25, 0, 30, tzinfo=UTC))
@example(pa.Schedule.parse("Mo-Su 00:00-24:00; We off", zone="UTC"), datetime(2026, 11, 29, 12, tzinfo=UTC))
@example(pa.Schedule.parse("Su 23:00-01:00", zone="America/Santiago"), datetime(2026, 9, 5, 12, tzinfo=UTC))
def test_next_change_nearby_agrees_with_the_bucket_walk(schedule: pa.Schedule, at: datetime) -> None:
    """next_change from the weekly pattern or the weeks around the instant is the one the year-bucket walk finds."""
    if schedule._constant is not None:
        return
    seconds = utc_seconds(at)
    nearby = fresh(schedule)._next_nearby(seconds)
    reference = fresh(schedule)
    try:
        walked = reference._next_bound(seconds, at)
    except pa.OutOfRangeError:  # no change before the end of the supported instants
        assert nearby is None or nearby >= MAX_SECONDS
        return
    weekly = fresh(schedule)._next_weekly(at, seconds) if schedule._week is not None else None
    for found in (nearby, weekly):
        if found is not None:
            assert walked is not None
            index, position = walked
            assert found == reference._buckets[index][position]


def test_a_year_bucket_serves_the_weeks_within_it() -> None:
    """A week inside a compiled year bucket is cut out of it, with the same bounds as compiled alone."""
    schedule = pa.Schedule.parse("Mo-Fr 22:00-02:00; Sa 10:00-14:00", zone="Europe/Berlin")
    schedule.intervals(datetime(2026, 1, 1, tzinfo=BERLIN), datetime(2027, 1, 1, tzinfo=BERLIN))
    alone = fresh(schedule)
    for day in range(5, 360, 7):
        index = int(datetime(2026, 1, 1, tzinfo=UTC).timestamp() + day * 86_400) // (7 * 86_400)
        assert list(schedule._window(index)) == list(alone._window(index))


def test_equal_rules_share_the_weekly_pattern() -> None:
    """Two schedules parsed from one text share its rules and weekly pattern; the zone stays their own."""
    a = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin")
    b = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="America/New_York")
    assert a.rules is b.rules
    assert a._week is b._week
    at = datetime(2026, 11, 27, 15, tzinfo=UTC)  # Friday: 16:00 in Berlin, 10:00 in New York
    assert a.is_open(at)
    assert b.is_open(at)
    assert not a.is_open(at + timedelta(hours=2))
    assert b.is_open(at + timedelta(hours=2))


@given(st.integers(0, 3 * schedule_module._SHARED_ENTRIES))
def test_shared_tables_stay_bounded(count: int) -> None:
    """However many texts are parsed, the shared tables hold at most their limit."""
    for minute in range(min(count, 200)):
        pa.Schedule.parse(
            f"Mo {minute // 60:02d}:{minute % 60:02d}-23:00; Tu 0{count % 9}:00-10:00", zone="UTC"
        )
    assert len(schedule_module._PARSED) <= schedule_module._SHARED_ENTRIES
    assert len(schedule_module._PROGRAMS) <= schedule_module._SHARED_ENTRIES


def test_long_texts_are_not_kept() -> None:
    """A text longer than the shared limit is parsed every time and never kept."""
    text = "; ".join(["Mo 10:00-11:00"] * 80)
    assert len(text) > schedule_module._SHARED_TEXT_LENGTH
    pa.Schedule.parse(text, zone="UTC")
    assert text not in schedule_module._PARSED
