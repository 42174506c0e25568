"""One answer however it is asked: decide(), state(), timelines, status codes and Decision.until agree."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import List, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail.testing import HARD_ZONES, pages, sessions

np = pytest.importorskip("numpy")

UTC = timezone.utc
MICRO = timedelta(microseconds=1)

#: Days around which the period is drawn: DST changes in the hard zones, and an ordinary Friday.
BASES = [
    datetime(2026, 3, 29, 0, tzinfo=UTC),  # Europe: spring forward
    datetime(2026, 10, 25, 0, tzinfo=UTC),  # Europe: fall back
    datetime(2026, 3, 8, 6, tzinfo=UTC),  # New York: spring forward
    datetime(2026, 11, 1, 5, tzinfo=UTC),  # New York: fall back
    datetime(2026, 4, 4, 14, tzinfo=UTC),  # Lord Howe and Santiago: back in April
    datetime(2026, 10, 3, 15, tzinfo=UTC),  # Lord Howe: forward
    datetime(2026, 9, 6, 3, tzinfo=UTC),  # Santiago: forward at midnight
    datetime(2026, 11, 27, 9, tzinfo=UTC),
]


@st.composite
def cases(draw: st.DrawFn) -> tuple[pa.CompiledPage, datetime, datetime]:
    """A compiled Page in a hard zone with sessions around a DST day, and a period of three days there."""
    zone = draw(st.sampled_from(list(HARD_ZONES)))
    base = draw(st.sampled_from(BASES))
    page = draw(pages(zone=zone))
    drawn = draw(st.lists(sessions(base=base - timedelta(hours=12), span=timedelta(hours=36)), max_size=6))
    start = base - timedelta(days=1) + timedelta(seconds=draw(st.integers(0, 3600)))
    return page.compile(drawn), start, start + timedelta(days=3)


def _edges(timeline: pa.Timeline) -> List[datetime]:
    """Every segment edge, and the instants one microsecond either side of it, inside the period."""
    instants = []
    for segment in timeline.segments:
        for edge in (segment.start, segment.end):
            instants.extend(edge + delta for delta in (-MICRO, timedelta(0), MICRO))
    start, end = timeline.start.astimezone(UTC), timeline.end.astimezone(UTC)
    return [i for i in instants if start <= i.astimezone(UTC) < end]


def _segment_at(timeline: pa.Timeline, at: datetime) -> pa.Segment:
    moment = at.astimezone(UTC)
    for segment in timeline.segments:
        if segment.start.astimezone(UTC) <= moment < segment.end.astimezone(UTC):
            return segment
    raise AssertionError(f"no segment holds {at.isoformat()}")


def _next_status_change(timeline: pa.Timeline, at: datetime, status: pa.Status) -> Optional[datetime]:
    """The first segment start after *at* with another status, or None within the period."""
    moment = at.astimezone(UTC)
    for segment in timeline.segments:
        if segment.start.astimezone(UTC) > moment and segment.status is not status:
            return segment.start
    return None


@settings(max_examples=150)
@given(case=cases(), offsets=st.lists(st.integers(0, 3 * 86_400 * 1_000_000 - 1), max_size=8))
def test_every_way_of_asking_agrees(
    case: tuple[pa.CompiledPage, datetime, datetime], offsets: List[int]
) -> None:
    """At random instants and at every segment edge ±1 µs, decide, state, the timeline, codes and until agree."""
    compiled, start, end = case
    timeline = pa.Timeline.build(compiled, start, end)
    # The segments tile the period, and neighbours differ.
    assert timeline.segments[0].start.astimezone(UTC) == start.astimezone(UTC)
    assert timeline.segments[-1].end.astimezone(UTC) == end.astimezone(UTC)
    for first, second in zip(timeline.segments, timeline.segments[1:]):
        assert first.end.astimezone(UTC) == second.start.astimezone(UTC)
        assert (first.status, first.reason) != (second.status, second.reason)
    instants = _edges(timeline) + [start + timedelta(microseconds=offset) for offset in offsets]
    codes = pa.analysis.status_codes(
        timeline,
        np.array([i.astimezone(UTC).replace(tzinfo=None) for i in instants], dtype="datetime64[ns]"),
    )
    for at, code in zip(instants, codes):
        segment = _segment_at(timeline, at)
        state = compiled.state(at)
        decision = compiled.decide(at)
        assert state == (segment.status, segment.reason), at.isoformat()
        assert (decision.status, decision.reason) == state, at.isoformat()
        assert pa.analysis.STATUSES[code] is segment.status, at.isoformat()
        expected = _next_status_change(timeline, at, decision.status)
        if expected is not None:
            assert decision.until is not None
            assert decision.until.astimezone(UTC) == expected.astimezone(UTC), at.isoformat()
        elif decision.until is not None:
            assert decision.until.astimezone(UTC) >= end.astimezone(UTC), at.isoformat()
        if decision.until is not None:
            before = decision.until - MICRO
            if before.astimezone(UTC) > at.astimezone(UTC):
                assert compiled.state(before)[0] is decision.status
            assert compiled.state(decision.until)[0] is not decision.status
