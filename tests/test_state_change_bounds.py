"""``next_state_change`` looks for unknown times only up to the next change of ``is_open``.

Open and unknown times never overlap, so every change of ``is_open`` changes the state, and
the unknown times matter only while the schedule is closed. A walk of the unknown times
that would prove nothing (Easter's days repeat only after 5,700,000 years) must not run when
``is_open`` changes soon: the answer is checked against a scan of ``state`` minute by quarter
hour, and against the two full walks it replaces where those are cheap.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any, List, Optional, Tuple

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail._compile import Program

BERLIN = pa.schedule.ZoneInfo("Europe/Berlin")
UTC = timezone.utc
REPORTED = "Mo-Fr 09:00-17:00; easter 10:00+; easter -2 days-easter +1 day off"
SCHOOL = [(date(2026, 3, 30), date(2026, 4, 10)), (date(2026, 7, 9), date(2026, 8, 22))]

#: Rules whose bounds all fall on a quarter hour, so a scan by quarter hours sees every change.
FRAGMENTS = [
    "Mo-Fr 09:00-17:00",
    "Sa 10:00+",
    "Su 22:00+",  # the guess runs past midnight
    "We 08:00-09:30+",
    "Tu unknown",
    'Th "by appointment"',  # a comment alone: unknown
    "Mo 12:00-14:00 off",
    "easter 10:00+",
    "easter -2 days-easter +1 day off",  # closes the Easter open end every year
    "easter +1 day 09:00-12:00",
    "PH off",
    "PH 10:00+",
    "PH unknown",
    "SH 08:00-12:00+",
    "SH off",
    "Dec 24-26 unknown",
    "Apr 10:00-12:00+",
    "May 01 off",
    "2026 Apr 20-2026 May 10 10:00+",
    "Fr 17:00+",
    "Tu 08:30-09:00 unknown, Tu 09:00-12:00",  # unknown just before an opening
]
RECURRENCES = [
    ("FREQ=WEEKLY;BYDAY=SU", "off"),
    ("FREQ=WEEKLY;BYDAY=WE", "10:00-11:00"),
    ("DTSTART:20260420\nRRULE:FREQ=DAILY;COUNT=5", "12:00-13:00"),
]
WINDOW = timedelta(days=40)
STEP = timedelta(minutes=15)


@st.composite
def texts(draw: Any) -> str:
    """Two to four fragments joined by '; ' or ', ' (shrinks to the first fragment twice)."""
    parts = draw(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4))
    text = parts[0]
    for part in parts[1:]:
        text += draw(st.sampled_from(["; ", ", "])) + part
    return text


recurrence_lists = st.lists(st.sampled_from(RECURRENCES), max_size=2, unique=True)
instants = st.builds(
    lambda quarter, second: datetime(2026, 3, 15, tzinfo=UTC) + quarter * STEP + timedelta(seconds=second),
    st.integers(0, 80 * 96),  # March 15th to the start of June: Easter, May 1st, the spring DST change
    st.sampled_from([0, 0, 1, 59, 7 * 60 + 30]),
)


def make(text: str, recurrences: List[Tuple[str, str]]) -> pa.Schedule:
    return pa.Schedule.parse(
        text,
        zone=BERLIN,
        holidays="DE-BE",
        recurrences=[pa.Recurrence.parse(rule, hours=hours) for rule, hours in recurrences],
        school_holidays=SCHOOL,
    )


def scanned(schedule: pa.Schedule, at: datetime) -> Optional[datetime]:
    """The first quarter hour after *at* within WINDOW whose state differs from *at*'s, else None."""
    state = schedule.state(at)
    probe = datetime(at.year, at.month, at.day, at.hour, at.minute // 15 * 15, tzinfo=UTC) + STEP
    while probe <= at + WINDOW:
        if schedule.state(probe) is not state:
            return probe
        probe += STEP
    return None


def two_walks(schedule: pa.Schedule, at: datetime) -> Optional[datetime]:
    """The earlier of the two unbounded walks, of is_open and of the unknown times (the former way)."""
    found: List[datetime] = []
    beyond: Optional[pa.OutOfRangeError] = None
    for walked in (schedule, schedule._unknown() or schedule):
        try:
            change = walked.next_change(at)
        except pa.OutOfRangeError as error:
            beyond = error
            continue
        if change is not None:
            found.append(change)
    if found:
        return min(found)
    if beyond is not None:
        raise beyond
    return None


@settings(max_examples=150, deadline=None)
@given(texts(), recurrence_lists, instants)
@example(REPORTED, [], datetime(2026, 5, 1, tzinfo=UTC))
@example("easter 10:00+", [], datetime(2026, 3, 29, 7, 59, tzinfo=UTC))
@example("Mo-Fr 09:00-17:00; easter 10:00+", [RECURRENCES[0]], datetime(2026, 4, 5, 8, tzinfo=UTC))
@example("Sa 10:00+; PH 10:00+", [], datetime(2026, 4, 30, 21, 59, 59, tzinfo=UTC))
@example("Tu 08:30-09:00 unknown, Tu 09:00-12:00", [], datetime(2026, 5, 5, 6, 29, 59, tzinfo=UTC))
def test_next_state_change_is_the_first_instant_the_state_differs(
    text: str, recurrences: List[Tuple[str, str]], at: datetime
) -> None:
    """next_state_change(at) is the first instant after *at* where state() differs (by a scan of the
    next 40 days), and the two unbounded walks it replaces give the same answer where they are cheap."""
    schedule = make(text, recurrences)
    expected = scanned(schedule, at)
    try:
        change: Optional[datetime] = schedule.next_state_change(at)
    except pa.OutOfRangeError:
        change = None  # the state stays the same up to the end of the supported instants
    if expected is not None:
        assert change == expected
        assert change.tzinfo is BERLIN  # type: ignore[union-attr]
    else:
        assert change is None or change > at + WINDOW
    if "easter" not in text and "PH" not in text:  # the unknown times' walk proves its answer quickly
        assert schedule.next_state_change(at) == two_walks(schedule, at)


def count_buckets(monkeypatch: Any) -> List[Tuple[Program, int]]:
    """Record every year-long bucket a Program compiles from now on, with the program."""
    compiled: List[Tuple[Program, int]] = []
    original = Program.bucket

    def bucket(self: Program, index: int, zone: Any) -> Any:
        compiled.append((self, index))
        return original(self, index, zone)

    monkeypatch.setattr(Program, "bucket", bucket)
    return compiled


def unknown_buckets(compiled: List[Tuple[Program, int]], schedule: pa.Schedule) -> List[int]:
    """The buckets of *compiled* that the program of *schedule*'s unknown times compiled."""
    view = schedule._unknown()
    assert view is not None
    program = view._get_program()
    return [index for made, index in compiled if made is program]


def test_reported_text_stops_at_the_next_opening(monkeypatch: Any) -> None:
    """For the reported hours the answer is the opening on Friday May 1st, and the unknown times are
    looked for only up to it: no year-long bucket is compiled (the former walk compiled 7,970)."""
    schedule = pa.Schedule.parse(REPORTED, zone=BERLIN)
    compiled = count_buckets(monkeypatch)
    at = datetime(2026, 5, 1, tzinfo=UTC)
    assert schedule.next_state_change(at) == datetime(2026, 5, 1, 9, tzinfo=BERLIN)
    view = schedule._unknown()
    assert view is not None
    assert len(compiled) <= 1
    assert len(view._buckets) <= 1
    assert schedule.next_state_change(at) == datetime(2026, 5, 1, 9, tzinfo=BERLIN)  # again, the same
    assert len(compiled) <= 2


def test_weekly_recurrence_with_easter_open_end_stops_at_the_next_opening(monkeypatch: Any) -> None:
    """With an Easter open end that a weekly Sunday recurrence closes, the answer is the next opening,
    found without walking the unknown times year by year."""
    schedule = make("Mo-Fr 09:00-17:00; easter 10:00+", [RECURRENCES[0]])
    compiled = count_buckets(monkeypatch)
    at = datetime(2026, 5, 1, tzinfo=UTC)
    assert schedule.next_state_change(at) == datetime(2026, 5, 1, 9, tzinfo=BERLIN)
    assert len(compiled) <= 2


def test_unknown_times_far_ahead_are_found_while_closed(monkeypatch: Any) -> None:
    """While is_open stays False until a change months ahead, unknown times before it are found
    (Easter 2027's open end, before the opening on April 1st, 2027)."""
    schedule = pa.Schedule.parse("Apr 01 10:00-12:00; easter 10:00+", zone=BERLIN)
    compiled = count_buckets(monkeypatch)
    at = datetime(2026, 5, 1, tzinfo=UTC)
    assert schedule.next_change(at) == datetime(2027, 4, 1, 10, tzinfo=BERLIN)
    assert schedule.next_state_change(at) == datetime(2027, 3, 28, 10, tzinfo=BERLIN)
    walked = unknown_buckets(compiled, schedule)
    assert walked
    assert max(walked) - min(walked) <= 2  # the buckets of 2026 and 2027 only


@pytest.mark.parametrize(
    ("text", "expected", "buckets"),
    [
        # The Easter open end is never unknown: the walk stops at the opening of 2030 (before: 7,970 years).
        (
            "2030 Jan 01 10:00-12:00; easter 10:00+; easter -2 days-easter +1 day off",
            datetime(2030, 1, 1, 10, tzinfo=BERLIN),
            6,
        ),
        ("2030 Jan 01 10:00-12:00; easter 10:00+", datetime(2027, 3, 28, 10, tzinfo=BERLIN), 3),
        # Years without unknown times are jumped over, up to the open end of 2090 or the opening of 2100.
        ("2100 Jan 01 10:00-12:00; 2090 Jan 01 10:00+", datetime(2090, 1, 1, 10, tzinfo=BERLIN), 6),
        (
            "2100 Jan 01 10:00-12:00; 2090 Jan 01 10:00+; 2090 Jan 01 off",
            datetime(2100, 1, 1, 10, tzinfo=BERLIN),
            10,
        ),
    ],
)
def test_unknown_times_are_walked_up_to_a_far_change(
    monkeypatch: Any, text: str, expected: datetime, buckets: int
) -> None:
    """While is_open stays False until a change years ahead, the unknown times are walked up to that
    change and no further: the first change of either is the answer."""
    schedule = pa.Schedule.parse(text, zone=BERLIN)
    compiled = count_buckets(monkeypatch)
    assert schedule.next_state_change(datetime(2026, 5, 1, tzinfo=UTC)) == expected
    assert len(unknown_buckets(compiled, schedule)) <= buckets


def test_closed_for_good_then_the_unknown_times_decide() -> None:
    """When is_open never changes again and is False, the next change of the unknown times is the answer."""
    schedule = pa.Schedule.parse("easter 10:00+", zone=BERLIN)
    at = datetime(2026, 5, 1, tzinfo=UTC)
    assert schedule.next_change(at) is None
    assert schedule.next_state_change(at) == datetime(2027, 3, 28, 10, tzinfo=BERLIN)


def test_open_for_good_never_changes(monkeypatch: Any) -> None:
    """When is_open never changes again and is True, the state stays open: None, with no walk of the
    unknown times."""
    schedule = pa.Schedule.parse("24/7; 2020 Jan 01 10:00+", zone=BERLIN)
    compiled = count_buckets(monkeypatch)
    at = datetime(2026, 5, 1, tzinfo=UTC)
    assert schedule.next_change(at) is None
    compiled.clear()  # the walk of is_open, kept by the schedule
    assert schedule.next_state_change(at) is None
    assert compiled == []


@pytest.mark.parametrize(
    ("at", "error"),
    [
        (datetime(2026, 5, 1), pa.NaiveDatetimeError),  # no zone
        (datetime(9998, 1, 1, tzinfo=UTC), pa.OutOfRangeError),  # past the supported instants
    ],
)
def test_bad_instants_raise_before_any_walk(at: datetime, error: Any) -> None:
    """A bad *at* raises the library's error for it, as next_change does."""
    schedule = pa.Schedule.parse(REPORTED, zone=BERLIN)
    with pytest.raises(error):
        schedule.next_state_change(at)
