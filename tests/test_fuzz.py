"""Fuzzing: whatever text or value comes in, only the library's own errors come out, quickly."""

from __future__ import annotations

import contextlib
from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail.testing import schedules

ALPHABET = "MoTuWeThFrSaSuJanDecPHoffopenclosed0123456789:-,;/+[]() \"'\n\t|.–@"
ANYWHERE = st.text(alphabet=st.characters(), max_size=300)
SYNTAX_LIKE = st.text(alphabet=ALPHABET, max_size=120)


def parse_or_library_error(text: str) -> None:
    """Parse *text*; anything but success or a PageAvailError fails the test."""
    try:
        schedule = pa.Schedule.parse(text, zone="Europe/Berlin", holidays="DE")
    except pa.PageAvailError as error:
        assert str(error)  # a message, always
        if isinstance(error, pa.ScheduleSyntaxError):
            assert 1 <= error.column <= len(text) + 1
        return
    # what parses must print and reparse to the same schedule, and answer queries
    assert pa.Schedule.parse(str(schedule), zone="Europe/Berlin", holidays="DE") == schedule
    at = datetime(2026, 11, 27, 10, tzinfo=timezone.utc)
    schedule.is_open(at)
    schedule.next_change(at)


@given(ANYWHERE)
def test_any_text(text: str) -> None:
    """Arbitrary Unicode text never raises anything but a library error."""
    parse_or_library_error(text)


@given(SYNTAX_LIKE)
def test_syntax_like_text(text: str) -> None:
    """Text made of the syntax's own pieces never raises anything but a library error."""
    parse_or_library_error(text)


@st.composite
def mutations(draw: st.DrawFn) -> str:
    """A valid schedule's text with characters deleted, duplicated, replaced or inserted."""
    text = str(draw(schedules()))
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        position = draw(st.integers(0, len(text) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "replace", "insert"]))
        piece = draw(st.sampled_from(list(ALPHABET)))
        if action == "delete":
            text = text[:position] + text[position + 1 :]
        elif action == "duplicate":
            text = text[:position] + text[position] + text[position:]
        elif action == "replace":
            text = text[:position] + piece + text[position + 1 :]
        else:
            text = text[:position] + piece + text[position:]
    return text


@given(mutations())
def test_mutated_valid_text(text: str) -> None:
    """Valid schedules with small mutations never raise anything but a library error."""
    parse_or_library_error(text)


@settings(max_examples=10)
@given(st.sampled_from(["Mo 10:00-12:00; ", '"', "(", "Mo,", "99:99", "x"]))
def test_megabyte_inputs_are_refused_before_scanning(piece: str) -> None:
    """A 1 MB text gets ScheduleTooLongError without being scanned, so in bounded time."""
    from unittest import mock

    text = piece * (1_000_000 // len(piece))
    with mock.patch("pageavail._parser._scan", side_effect=AssertionError("scanned")):
        try:
            pa.Schedule.parse(text, zone="UTC")
        except pa.ScheduleTooLongError as error:
            assert error.column == pa.schedule.MAX_TEXT_LENGTH + 1
            assert len(error.text) == pa.schedule.MAX_TEXT_LENGTH + 1  # the error keeps no megabyte
        else:  # pragma: no cover - the branch that would make the test fail
            raise AssertionError("a megabyte of text was accepted")


@settings(max_examples=20)
@given(st.integers(1, 600))
def test_long_valid_texts_parse(count: int) -> None:
    """Texts just under the limit parse (the limit is about size, not about rules)."""
    text = "; ".join(["Mo-Fr 09:00-17:00"] * count)
    if len(text) <= pa.schedule.MAX_TEXT_LENGTH:
        assert len(pa.Schedule.parse(text, zone="UTC").rules) == count
    else:
        try:
            pa.Schedule.parse(text, zone="UTC")
        except pa.ScheduleTooLongError:
            pass
        else:  # pragma: no cover - the branch that would make the test fail
            raise AssertionError("over-long text was accepted")


ODD_VALUES = [
    None,  # nothing at all
    b"Mo 10:00-12:00",  # bytes, not text
    12,  # a number
    ["Mo 10:00-12:00"],  # a list
    object(),  # anything
    float("nan"),  # a float that is not even equal to itself
]


@given(st.sampled_from(ODD_VALUES), st.sampled_from(ODD_VALUES))
def test_odd_values_everywhere(first: object, second: object) -> None:
    """Odd values for any argument raise library errors, never TypeError or AttributeError."""
    schedule = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="UTC")
    calls = [
        lambda: pa.Schedule.parse(first, zone="UTC"),  # type: ignore[arg-type]
        lambda: pa.Schedule.parse("24/7", zone=first),
        lambda: pa.Schedule.parse("24/7", zone="UTC", holidays=first),
        lambda: pa.Schedule.parse("24/7", zone="UTC", recurrences=first),  # type: ignore[arg-type]
        lambda: schedule.is_open(first),  # type: ignore[arg-type]
        lambda: schedule.next_change(first),  # type: ignore[arg-type]
        lambda: schedule.check(first),  # type: ignore[arg-type]
        lambda: schedule.intervals(first, second),  # type: ignore[arg-type]
        lambda: pa.Recurrence.parse(first),  # type: ignore[arg-type]
        lambda: pa.Recurrence.parse("FREQ=DAILY", first),  # type: ignore[arg-type]
        lambda: pa.HolidayCalendar.coerce(first),
        lambda: pa.Schedule(first, "UTC"),  # type: ignore[arg-type]
    ]
    for call in calls:
        with contextlib.suppress(pa.PageAvailError):
            call()
