"""The walk over years skips a stretch only for a cycle it knows: many recurrences, or a dated
range, never make it skip days that change."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

import pageavail as pa


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


@pytest.mark.parametrize("count", [4, 5])
def test_many_recurrences_every_hundred_years(count: int) -> None:
    """More recurrences than the stretch tries in combination: their days are walked, not skipped."""
    days = [
        pa.Recurrence.parse(f"DTSTART:2101010{d}\nRRULE:FREQ=YEARLY;INTERVAL=100", hours="10:00-11:00")
        for d in range(5, 5 + count)
    ]
    schedule = pa.Schedule.parse("off", zone="UTC", recurrences=days)
    assert schedule.is_open(at(2201, 1, 5, 10, 30))
    assert schedule.next_change(at(2102, 3, 1)) == at(2201, 1, 5, 10)
    assert schedule.next_change(at(2201, 1, 5, 10)) == at(2201, 1, 5, 11)
    assert [i.start for i in schedule.intervals(at(2150, 1, 1), at(2202, 1, 1))][:1] == [at(2201, 1, 5, 10)]


@pytest.mark.parametrize(
    ("text", "start", "change"),
    [
        ("Dec 25 Fr 10:00-11:00", at(2101, 3, 1), at(2105, 12, 25, 10)),
        ("Feb 29 Mo 10:00-11:00", at(2101, 3, 1), at(2112, 2, 29, 10)),
        ("Jan 01-Feb 01 10:00-11:00", at(2300, 3, 1), at(2301, 1, 1, 10)),
    ],
)
def test_dated_ranges_far_ahead(text: str, start: datetime, change: datetime) -> None:
    """A dated range selects part of each year: its days are walked to the next match."""
    assert pa.Schedule.parse(text, zone="UTC").next_change(start) == change
