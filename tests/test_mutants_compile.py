"""The day compiler's summary of a stretch of years: details that mutation testing showed no other test pins.

``next_change`` skips a stretch of years whose days are all open (or all
closed) at once, and proves "never again" from it. A summary that claims too
much skips real changes; one that claims too little only walks year by year.
Each test below states the answer ``next_change`` must give, or the summary it
must be able to prove so that it answers at once.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional, Sequence, Tuple

import pytest

import pageavail as pa
from pageavail._compile import Program
from pageavail._parser import parse_rules

UTC = timezone.utc


def at(*parts: int) -> datetime:
    """A UTC instant."""
    return datetime(*parts, tzinfo=UTC)


def stretch(
    text: str, year: Optional[int] = None, recurrences: Sequence[pa.Recurrence] = ()
) -> Tuple[Optional[bool], Optional[int]]:
    """What the compiler knows of the stretch of years around *year* (every year if None)."""
    program = Program(parse_rules(text), tuple(recurrences), None)
    return program.stretch((None, None) if year is None else program.interval(year))


def next_change(text: str, start: datetime, **kw: object) -> Optional[datetime]:
    return pa.Schedule.parse(text, zone="UTC", **kw).next_change(start)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        # Good Friday is Easter minus two days: a Friday, whose offset is negative.
        ("easter -2 days 10:00-11:00", at(2026, 4, 4), at(2027, 3, 26, 10)),
        # January 4th always lies in ISO week 1, which every third week from week 1 takes.
        ("Jan 04 week 01-53/3 10:00-11:00", at(2026, 1, 5), at(2027, 1, 4, 10)),
        # January 18th always lies in ISO week 3, which every second week from week 1 takes.
        ("Jan 18 week 01-53/2 10:00-11:00", at(2026, 1, 19), at(2027, 1, 18, 10)),
        # A range with years selects whole years between its ends; the rule still opens there.
        ("2030 Mar 01-2060 Jun 30 week 53 Mo 10:00-11:00", at(2033, 1, 5), at(2037, 12, 28, 10)),
        # Years closed long ago do not close the years after them.
        ("week 53 Mo 10:00-11:00; 1990-2010 off", at(2027, 1, 1), at(2032, 12, 27, 10)),
        # After a range with years ends, the other rules go on.
        (
            "2150 Mar 01-2160 Jun 30 10:00-11:00; week 53 Mo 12:00-13:00",
            at(2161, 1, 15),
            at(2161, 12, 28, 12),
        ),
    ],
)
def test_rare_changes_years_ahead_are_found(text: str, start: datetime, expected: datetime) -> None:
    """A change more than a year ahead, in a stretch whose days are not all alike, is not skipped."""
    schedule = pa.Schedule.parse(text, zone="UTC")
    assert schedule.next_change(start) == expected
    assert schedule.is_open(expected) != schedule.is_open(start)


def test_a_recurrence_day_past_midnight_keeps_its_closed_morning() -> None:
    """24/7 with a yearly day reset to 12:00-36:00: the morning of that day closes, every year."""
    day = pa.Recurrence.parse("DTSTART:20300105\nRRULE:FREQ=YEARLY", hours="12:00-36:00")
    schedule = pa.Schedule.parse("24/7", zone="UTC", recurrences=[day])
    assert schedule.is_open(at(2030, 1, 6, 11))  # the spill of the day before
    assert not schedule.is_open(at(2031, 1, 5, 11))
    assert schedule.next_change(at(2030, 1, 6, 13)) == at(2031, 1, 5)
    assert stretch("24/7", 2031, [day]) == (None, 400)


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        # February 23rd on a Monday is always the last Monday, never the one before it.
        ("Feb 23 Mo[-2] 10:00-11:00", None, (False, 400)),
        # February 29th on a Monday is always the last Monday of its month.
        ("Feb 29 Mo 10:00-11:00; Feb 29 Mo[-1] off", None, (False, 400)),
        # The day after a first Monday is a Tuesday: on other days nothing closes.
        ("24/7; Mo[1] +1 day off; Tu", None, (True, 400)),
        # A range with years stops selecting after its last year.
        ("2150 Mar 01-2160 Jun 30 10:00-11:00; week 53 Mo 12:00-13:00", 2170, (None, 400)),
        ("2020 Mar 01-2025 Jun 30 10:00-11:00", 2030, (False, 400)),
        # Eight ways for four easter rules to fall on a Sunday and its Saturday: still tried.
        ("24/7" + "; easter -1 day-easter open" * 4, None, (True, None)),
    ],
)
def test_what_a_stretch_is_proven_to_be(
    text: str, year: Optional[int], expected: Tuple[object, object]
) -> None:
    """Days that are provably all closed (or open) let next_change answer at once, not year by year."""
    assert stretch(text, year) == expected


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Feb 23 Mo[-2] 10:00-11:00", at(2026, 1, 1)),
        ("2020 Mar 01-2025 Jun 30 10:00-11:00", at(2026, 3, 1)),
        ("24/7" + "; easter -1 day-easter open" * 4, at(2026, 5, 1)),
    ],
)
def test_never_again(text: str, start: datetime) -> None:
    """None: the rules can never change the answer after *start*."""
    assert next_change(text, start) is None


def test_many_recurrences_far_ahead() -> None:
    """Four recurrences every hundred years from 2101: the next of their days is found."""
    days = [
        pa.Recurrence.parse(f"DTSTART:2101010{d}\nRRULE:FREQ=YEARLY;INTERVAL=100", hours="10:00-11:00")
        for d in range(5, 9)
    ]
    schedule = pa.Schedule.parse("off", zone="UTC", recurrences=days)
    assert schedule.is_open(at(2201, 1, 5, 10, 30))
    assert schedule.next_change(at(2102, 3, 1)) == at(2201, 1, 5, 10)


def test_an_interval_across_the_start_of_a_compiled_year_stays_whole() -> None:
    """A weekly pattern compiles by the year of UTC: the Sunday evening in New York at its start is kept.

    A year of UTC starts at 2024-01-01T02:16:48Z, a Monday, which in New York is
    still Sunday evening: the Sunday interval runs across the start.
    """
    new_york = pa.Schedule.parse("Su 20:00-23:00", zone="America/New_York")
    found = new_york.intervals(at(2023, 12, 31, 12), at(2024, 1, 1, 12))
    assert [(i.start, i.end) for i in found] == [(at(2024, 1, 1, 1), at(2024, 1, 1, 4))]


def test_two_recurrences_years_apart_one_of_them_closed() -> None:
    """Two yearly recurrences seven years apart, one open past midnight and one closed, over a closed
    week: every recurrence day is found, not only the first (the stretch is not closed for good)."""
    opening = pa.Recurrence.parse("DTSTART:20300118\nRRULE:FREQ=YEARLY;INTERVAL=7", hours="00:00-02:00")
    closed = pa.Recurrence.parse("DTSTART:20300109\nRRULE:FREQ=YEARLY;INTERVAL=7", hours="off")
    schedule = pa.Schedule.parse("off", zone="UTC", recurrences=[opening, closed])
    assert schedule.next_change(at(2028, 1, 1)) == at(2030, 1, 18)
    assert schedule.next_change(at(2030, 1, 18, 2)) == at(2037, 1, 18)
    assert schedule.next_change(at(2037, 1, 18, 2)) == at(2044, 1, 18)
