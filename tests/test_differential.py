"""Differential tests: pageavail and the Rust-backed opening-hours-py must agree.

On the syntax both understand (weekdays, months and month days, time spans
including ones past midnight, off, ';' and ', ' rules), over a whole year, in
UTC and in Europe/Berlin away from its DST days. Where the peer is known to be
wrong, tests below pin our answer and say why.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta, timezone
from typing import Any, List, Tuple

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail.testing import date_ranges, time_spans, weekday_ranges

if sys.version_info < (3, 10):  # pragma: no cover - depends on the interpreter
    pytest.skip(
        "opening-hours-py has wheels only for Python 3.10 and later; differential tests skipped",
        allow_module_level=True,
    )
oh = pytest.importorskip("opening_hours", reason="opening-hours-py is not installed (pip install '.[test]')")

Naive = List[Tuple[datetime, datetime]]


@st.composite
def shared_rules(draw: Any) -> pa.HoursRule:
    """Rules in the syntax both libraries share."""
    return pa.HoursRule(
        dates=tuple(draw(st.lists(date_ranges(with_years=False), max_size=2))),
        weekdays=tuple(draw(st.lists(weekday_ranges(), max_size=3))),
        spans=tuple(draw(st.lists(time_spans(step=15), max_size=3))),
        closed=draw(st.booleans()),
        additional=draw(st.booleans()),
    )


shared_schedules = st.lists(shared_rules(), min_size=1, max_size=3).map(tuple)


def peer_open(text: str, start: datetime, end: datetime) -> Naive:
    """The peer's open intervals as naive wall-clock pairs, merged where they touch."""
    found: Naive = []
    for first, last, state, _ in oh.OpeningHours(text).intervals(start, end):
        if state != oh.State.OPEN:
            continue
        if found and found[-1][1] == first:
            found[-1] = (found[-1][0], last)
        else:
            found.append((first, last))
    return found


def our_open(schedule: pa.Schedule, start: datetime, end: datetime) -> Naive:
    """Our open intervals as naive wall-clock pairs."""
    zone = schedule.zone
    return [
        (i.start.replace(tzinfo=None), i.end.replace(tzinfo=None))
        for i in schedule.intervals(start.replace(tzinfo=zone), end.replace(tzinfo=zone))
    ]


def peer_deviates(schedule: pa.Schedule) -> bool:
    """Schedules on which the peer is known to leave the reference semantics.

    Each case is pinned by a test below: spans past 24:00 written as extended
    times with month selectors, and a span past midnight from a later ';' rule
    spilling into a day an earlier rule selected (the peer drops the spill).
    """
    for index, rule in enumerate(schedule.rules):
        spills = any(span.end > 1440 for span in rule.spans)
        if spills and index > 0 and not rule.additional:
            return True
        if any(span.end > 1440 and span.end - 1440 > span.start for span in rule.spans):
            return True
    return False


@settings(max_examples=150)
@given(shared_schedules)
def test_same_intervals_as_the_peer_over_a_year_in_utc(rules: Tuple[pa.HoursRule, ...]) -> None:
    """Over all of 2026 in UTC, both libraries give the same open intervals."""
    schedule = pa.Schedule(rules, "UTC")
    text = str(schedule)
    start, end = datetime(2026, 1, 1), datetime(2027, 1, 1)
    assume(not peer_deviates(schedule))
    assert our_open(schedule, start, end) == peer_open(text, start, end), text


BERLIN_QUIET_WEEKS = [(date(2026, 1, 5), 70), (date(2026, 4, 6), 150), (date(2026, 11, 2), 50)]


@settings(max_examples=60)
@given(shared_schedules, st.sampled_from(BERLIN_QUIET_WEEKS))
def test_same_intervals_as_the_peer_in_berlin_away_from_dst(
    rules: Tuple[pa.HoursRule, ...], stretch: Tuple[date, int]
) -> None:
    """In Europe/Berlin, on stretches without a DST change, both give the same wall-clock intervals."""
    schedule = pa.Schedule(rules, "Europe/Berlin")
    text = str(schedule)
    assume(not peer_deviates(schedule))
    first, days = stretch
    start = datetime(first.year, first.month, first.day)
    end = start + timedelta(days=days)
    assert our_open(schedule, start, end) == peer_open(text, start, end), text


def test_peer_runs_months_together_with_extended_times() -> None:
    """The peer opens 'Jan,Aug 29 12:15-48:00' from January to August; we keep to the days named."""
    text = "Jan,Aug 29 12:15-48:00"
    start, end = datetime(2026, 1, 1), datetime(2026, 9, 3)
    assert peer_open(text, start, end)[0] == (datetime(2026, 1, 1, 12, 15), datetime(2026, 8, 29))
    ours = our_open(pa.Schedule.parse(text, zone="UTC"), start, end)
    assert ours == [
        (datetime(2026, 1, 1, 12, 15), datetime(2026, 2, 2)),
        (datetime(2026, 8, 29, 12, 15), datetime(2026, 8, 31)),
    ]


def test_peer_drops_a_spill_over_an_earlier_rule() -> None:
    """'Mo-Su 10:00-12:00; Fr 22:00-02:00': the reference keeps Sat 00:00-02:00, the peer drops it."""
    text = "Mo-Su 10:00-12:00; Fr 22:00-02:00"
    start, end = datetime(2026, 11, 27), datetime(2026, 11, 29)
    ours = our_open(pa.Schedule.parse(text, zone="UTC"), start, end)
    assert ours[0] == (datetime(2026, 11, 27, 22), datetime(2026, 11, 28, 2))
    assert peer_open(text, start, end)[0] == (datetime(2026, 11, 27, 22), datetime(2026, 11, 28))


def test_peer_fall_back_hour() -> None:
    """At a fall-back, the peer's intervals skip the repeated hour; ours hold both occurrences."""
    zone = pa.schedule.ZoneInfo("Europe/Berlin")
    start, end = datetime(2026, 10, 24, 12, tzinfo=zone), datetime(2026, 10, 26, tzinfo=zone)
    ours = pa.Schedule.parse("Su 02:00-03:00", zone="Europe/Berlin").intervals(start, end)
    assert [i.duration for i in ours] == [timedelta(hours=2)]
    peer = oh.OpeningHours("Su 02:00-03:00", timezone=zone)
    peer_spans = [(a, b) for a, b, state, _ in peer.intervals(start, end) if state == oh.State.OPEN]
    assert sum((b - a for a, b in peer_spans), timedelta()) != timedelta(hours=2)


def test_peer_rejects_utc_datetimes() -> None:
    """The peer refuses datetimes in datetime.timezone.utc; we accept any aware datetime."""
    at = datetime(2026, 11, 27, 10, tzinfo=timezone.utc)
    assert pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin").is_open(at)
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever the peer raises
        oh.OpeningHours("Mo-Fr 09:00-17:00", timezone=pa.schedule.ZoneInfo("Europe/Berlin")).is_open(at)
