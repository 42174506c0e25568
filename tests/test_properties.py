"""Invariants of Schedule, pinned by Hypothesis over the hard zones."""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta, timezone
from typing import List, Optional

from hypothesis import example, given
from hypothesis import strategies as st

import pageavail as pa
from pageavail.testing import aware_datetimes, schedules

from . import oracle

TICK = timedelta(microseconds=1)
UTC = timezone.utc


def u(value: datetime) -> datetime:
    """The instant in UTC: arithmetic and comparisons on it are exact (unlike within one zone)."""
    return value.astimezone(UTC)


SECOND = timedelta(seconds=1)
windows = st.integers(min_value=1, max_value=10 * 24 * 60).map(lambda m: timedelta(minutes=m))


@given(schedules(), aware_datetimes())
@example(
    pa.Schedule.parse("Su 02:00-03:00", zone="Europe/Berlin"),
    datetime(2026, 3, 29, 1, 0, tzinfo=pa.schedule.ZoneInfo("UTC")),
)
def test_is_open_matches_the_wall_clock_oracle(schedule: pa.Schedule, at: datetime) -> None:
    """An instant is open exactly when its wall-clock minute in the schedule's zone is open."""
    assert schedule.is_open(at) == oracle.is_open(schedule, at)


@given(schedules(), aware_datetimes(), windows)
def test_intervals_tile_and_agree_with_is_open(
    schedule: pa.Schedule, start: datetime, width: timedelta
) -> None:
    """Intervals are sorted, disjoint, non-empty, maximal, and agree with is_open at every edge."""
    start = u(start)
    end = start + width
    found = schedule.intervals(start, end)
    for interval in found:
        assert start <= u(interval.start) < u(interval.end) <= end
        assert interval.start.tzinfo is schedule.zone
        assert interval.end.tzinfo is schedule.zone
        assert schedule.is_open(interval.start)
        assert schedule.is_open(u(interval.end) - TICK)
        if u(interval.end) < end:
            assert not schedule.is_open(interval.end)  # maximal at the end
        if u(interval.start) > start:
            assert not schedule.is_open(u(interval.start) - TICK)  # maximal at the start
    for before, after in zip(found, found[1:]):
        assert u(before.end) < u(after.start)  # disjoint and not touching
        assert not schedule.is_open(before.end)
    if not found:
        assert not schedule.is_open(start)
        change = schedule.next_change(start)
        assert change is None or u(change) >= end


@given(schedules(), aware_datetimes(), windows)
def test_next_change_walk_gives_the_interval_edges(
    schedule: pa.Schedule, start: datetime, width: timedelta
) -> None:
    """Walking next_change from the window start visits exactly the edges of the intervals."""
    start = u(start)
    end = start + width
    edges = sorted({u(e) for i in schedule.intervals(start, end) for e in (i.start, i.end)} - {start, end})
    walked = []
    at = schedule.next_change(start)
    while at is not None and u(at) < end:
        walked.append(u(at))
        at = schedule.next_change(at)
    assert walked == edges


@given(schedules(), aware_datetimes(), st.floats(0, 1))
def test_next_change_is_the_first_flip(schedule: pa.Schedule, at: datetime, fraction: float) -> None:
    """Nothing flips between `at` and next_change(at); the answer differs at next_change(at)."""
    at = u(at)
    state = schedule.is_open(at)
    change = schedule.next_change(at)
    if change is None:
        later = at + timedelta(days=365 * fraction * 30)
        assert schedule.is_open(later) == state
        return
    found = u(change)
    assert found > at
    assert schedule.is_open(found) != state
    if found - TICK > at:
        assert schedule.is_open(found - TICK) == state
    between = at + (found - at) * fraction
    if between < found:
        assert schedule.is_open(between) == state


@given(schedules())
def test_text_round_trips(schedule: pa.Schedule) -> None:
    """str() is canonical: parsing it gives an equal schedule with an equal hash and the same text."""
    again = pa.Schedule.parse(str(schedule), zone=schedule.zone.key, holidays=schedule.holidays)
    assert again == schedule
    assert hash(again) == hash(schedule)
    assert str(again) == str(schedule)


@given(schedules(), aware_datetimes())
def test_pickle_round_trips(schedule: pa.Schedule, at: datetime) -> None:
    """A pickled schedule is equal and answers the same, compiled or not."""
    schedule.is_open(at)
    copy = pickle.loads(pickle.dumps(schedule))
    assert copy == schedule
    assert copy.is_open(at) == schedule.is_open(at)
    assert copy.next_change(at) == schedule.next_change(at)


@given(schedules(), aware_datetimes())
def test_answer_does_not_depend_on_the_zone_of_the_input(schedule: pa.Schedule, at: datetime) -> None:
    """The same instant in different zones gets the same answers."""
    other = at.astimezone(pa.schedule.ZoneInfo("Asia/Kathmandu"))
    assert schedule.is_open(other) == schedule.is_open(at)
    assert schedule.next_change(other) == schedule.next_change(at)


@given(schedules(), aware_datetimes())
def test_check_agrees_with_is_open_and_next_change(schedule: pa.Schedule, at: datetime) -> None:
    """check() reports the same state and next change as the single queries."""
    status = schedule.check(at)
    assert status.is_open == schedule.is_open(at)
    assert status.next_change == schedule.next_change(at)
    assert u(status.at) == u(at)
    if status.is_open:
        assert status.rule is not None
        assert not status.rule.closed


# -- the horizon of next_change: None means never ------------------------------------------

#: Up to 800 years ahead, in minutes: past every year the generated rules name
#: (2020 to 2032) and through two whole 400-year cycles of the calendar.
FAR = st.lists(st.integers(1, 800 * 366 * 1440), min_size=1, max_size=25)
CYCLE = timedelta(days=146_097)
HOLIDAYS = pa.HolidayCalendar.from_dates([date(2026, 12, 24), date(2031, 2, 28), date(2066, 5, 4)])
RECURRENCES = [
    pa.Recurrence.parse("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1"),  # every March 1st closed
    pa.Recurrence.parse(
        "DTSTART:20300105\nRRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=TU;UNTIL=20320101", "10:00-12:00"
    ),
    pa.Recurrence.parse("DTSTART:20700101\nRRULE:FREQ=MONTHLY;BYMONTHDAY=13;COUNT=5", "12:00-13:00 off"),
]


def _later(at: datetime, minutes: int) -> Optional[datetime]:
    """*at* moved ahead, or None past the supported instants."""
    moved = at + timedelta(minutes=minutes)
    return moved if moved < pa.schedule.MAX_INSTANT else None


@given(schedules(), aware_datetimes(), FAR)
@example(pa.Schedule.parse("Feb 29 Mo 10:00-11:00", zone="UTC"), datetime(2073, 1, 1, tzinfo=UTC), [1])
@example(pa.Schedule.parse("2025 Dec 31 10:00-12:00", zone="UTC"), datetime(2026, 1, 1, tzinfo=UTC), [1])
def test_next_change_is_none_only_when_the_oracle_never_flips(
    schedule: pa.Schedule, at: datetime, offsets: List[int]
) -> None:
    """None only when the per-minute oracle agrees with is_open(at) everywhere ahead; else the first flip."""
    at = u(at)
    state = schedule.is_open(at)
    change = schedule.next_change(at)  # never OutOfRangeError: the rules name no year past 2032
    if change is None:
        for minutes in offsets:
            later = _later(at, minutes)
            if later is not None:
                assert oracle.is_open(schedule, later) == state, later
        return
    found = u(change)
    assert oracle.is_open(schedule, found) != state
    for minutes in offsets:
        between = _later(at, minutes)
        if between is not None and between < found:
            assert oracle.is_open(schedule, between) == state, between


@given(
    schedules(holidays=HOLIDAYS), aware_datetimes(), st.lists(st.sampled_from(RECURRENCES), max_size=2), FAR
)
def test_next_change_with_holidays_and_recurrences_is_the_first_flip(
    schedule: pa.Schedule, at: datetime, recurrences: List[pa.Recurrence], offsets: List[int]
) -> None:
    """With holiday dates and recurrences too, None means no flip ahead, and a change is the first flip."""
    schedule = pa.Schedule(schedule.rules, schedule.zone, schedule.holidays, recurrences)
    at = u(at)
    state = schedule.is_open(at)
    change = schedule.next_change(at)
    found = None if change is None else u(change)
    if found is not None:
        assert schedule.is_open(found) != state
        assert found - TICK <= at or schedule.is_open(found - TICK) == state
    for minutes in offsets:
        later = _later(at, minutes)
        if later is not None and (found is None or later < found):
            assert schedule.is_open(later) == state, later


@given(schedules(), aware_datetimes(min_value=datetime(2100, 1, 1), max_value=datetime(9000, 1, 1)))
def test_the_answer_repeats_after_one_cycle_past_the_named_years(schedule: pa.Schedule, at: datetime) -> None:
    """After the years the rules name and once zones follow their yearly rules, 400 years later is the same."""
    later = u(at) + CYCLE
    assert schedule.is_open(later) == schedule.is_open(at)
    change, again = schedule.next_change(at), None
    if later + CYCLE < pa.schedule.MAX_INSTANT:
        again = schedule.next_change(later)
    if change is not None and again is not None:
        assert u(again) - u(change) == CYCLE
