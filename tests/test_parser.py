"""The response-hours syntax: what parses, how it prints, and every kind of error."""

from __future__ import annotations

import pickle
from datetime import datetime

import pytest

import pageavail as pa

CANONICAL = [
    # (written, canonical)
    ("Mo-Fr 09:00-17:00", "Mo-Fr 09:00-17:00"),
    ("mo-fr 9:00-17:00 ; sa 10:00-14:00", "Mo-Fr 09:00-17:00; Sa 10:00-14:00"),
    ("Mo-Fr 09:00-12:00,13:00-17:00", "Mo-Fr 09:00-12:00,13:00-17:00"),
    ("Fr 22:00-26:00", "Fr 22:00-02:00"),
    ("Fr 22:00-02:00", "Fr 22:00-02:00"),
    ("Tu 23:59-48:00", "Tu 23:59-48:00"),
    ("We 22:00-22:00", "We 22:00-22:00"),
    ("Su-Mo 00:00-24:00", "Su-Mo 00:00-24:00"),
    ("24/7", "24/7"),
    ("open", "24/7"),
    ("closed", "off"),
    ("24/7 off", "off"),
    ("Sa 24/7", "Sa"),
    ("Dec 24 off", "Dec 24 off"),
    ("Dec 24-26 closed", "Dec 24-26 off"),
    ("Dec 24-Jan 2 10:00-12:00", "Dec 24-Jan 02 10:00-12:00"),
    ("Jun-Aug Mo-Fr 08:00-14:00", "Jun-Aug Mo-Fr 08:00-14:00"),
    ("2026 Dec 31 10:00-12:00", "2026 Dec 31 10:00-12:00"),
    ("2026 Dec 24-2027 Jan 02 off", "2026 Dec 24-2027 Jan 02 off"),
    ("2026-2027 Dec 24 off", "2026-2027 Dec 24 off"),
    ("2026,2028 Dec 24 off", "2026,2028 Dec 24 off"),
    ("0020 Mo", "0020 Mo"),  # years always print with four digits
    ("Mo-Fr,PH 10:00-12:00", "Mo-Fr,PH 10:00-12:00"),
    ("PH off", "PH off"),
    ('Mo-Fr 09:00-17:00 "office hours"', 'Mo-Fr 09:00-17:00 "office hours"'),
    ("Fr 22:00-02:00, Sa 10:00-14:00", "Fr 22:00-02:00, Sa 10:00-14:00"),
    ("Mo-Fr open, Sa 10:00-12:00", "Mo-Fr, Sa 10:00-12:00"),
    ("Mo-Fr, Sa 10:00-12:00", "Mo-Fr, Sa 10:00-12:00"),
    ("Mo-Fr 09:00-12:00, 13:00-17:00", "Mo-Fr 09:00-12:00,13:00-17:00"),
    ("Dec 24, Dec 25 off", "Dec 24, Dec 25 off"),
    ("Mo 10:00-12:00 open, 14:00-16:00", "Mo 10:00-12:00 open, 14:00-16:00"),
    ("Mo-Fr 08:00-12:00, We 10:00-11:00 off", "Mo-Fr 08:00-12:00, We 10:00-11:00 off"),
]


@pytest.mark.parametrize(("written", "canonical"), CANONICAL)
def test_canonical_text(written: str, canonical: str) -> None:
    """Each accepted form prints canonically, and the canonical text parses to the same rules."""
    schedule = pa.Schedule.parse(written, zone="UTC", holidays="DE")
    assert str(schedule) == canonical
    assert pa.Schedule.parse(canonical, zone="UTC", holidays="DE") == schedule


def test_comma_continues_times_weekdays_and_dates() -> None:
    """A comma continues the list it stands in; after a complete rule part it starts an added rule."""
    rules = pa.Schedule.parse("Mo,We 10:00-11:00, 12:00-13:00, Fr 14:00-15:00", zone="UTC").rules
    assert len(rules) == 2
    assert [str(w) for w in rules[0].weekdays] == ["Mo", "We"]
    assert len(rules[0].spans) == 2
    assert rules[1].additional
    assert not rules[0].additional


def test_comma_and_space_after_a_selector_starts_a_rule() -> None:
    """As in the specification's grammar, ', ' separates rules: 'Mo, We 10:00-12:00' is two rules."""
    rules = pa.Schedule.parse("Mo, We 10:00-12:00", zone="UTC").rules
    assert [str(r) for r in rules] == ["Mo", "We 10:00-12:00"]
    assert rules[1].additional


def test_year_selector_then_yearly_date_round_trips() -> None:
    """A year selector followed by a yearly date prints in a form that cannot be read as one dated day."""
    rule = pa.HoursRule(
        years=(pa.YearRange(2026, 2026),), dates=(pa.DateRange(12, 24, end_month=1, end_day=2),)
    )
    schedule = pa.Schedule((rule,), "UTC")
    assert str(schedule) == "2026-2026 Dec 24-Jan 02"
    assert pa.Schedule.parse(str(schedule), zone="UTC") == schedule


def test_first_rule_is_never_additional() -> None:
    """The first rule has nothing to add to, so it is stored as a plain rule."""
    schedule = pa.Schedule((pa.HoursRule(additional=True),), "UTC")
    assert schedule.rules[0].additional is False


UNSUPPORTED = [
    # (text, column, words the message must name)
    ("Mo-Fr 10:00-sunset", 13, "sunset"),
    ("sunrise-sunset", 1, "sunrise"),
    ("Mo 10:00-16:00/01:00", 15, "periodic"),
    ("2026+ Mo", 5, "open year ranges"),
    ("Mo-Fr sunrise-18:00", 7, "coordinates"),  # a zone is no place: say why
    ("Mo (sunrise+01:00)-18:00", 4, "coordinates"),
    ("Mar-easter", 5, "between a month or a dated day and easter"),
    ("easter-2027 Apr 02", 7, "a year inside an easter range"),
    ("SH +1 day", 4, "school holiday offsets"),
]


@pytest.mark.parametrize(("text", "column", "feature"), UNSUPPORTED)
def test_unsupported_features_are_named(text: str, column: int, feature: str) -> None:
    """Syntax outside the subset raises UnsupportedSyntaxError naming the feature and its column."""
    with pytest.raises(pa.UnsupportedSyntaxError) as caught:
        pa.Schedule.parse(text, zone="UTC", holidays="DE")
    assert caught.value.column == column
    assert feature in str(caught.value)
    assert "not supported" in str(caught.value)


BAD = [
    # (text, column, fragment of the message) -- each with why it is bad
    ("", 1, "empty"),  # nothing to parse
    ("   ", 1, "empty"),  # only white space
    (";", 1, "expected a rule"),  # a separator with no rule before it
    ("Mo;", 4, "remove the trailing"),  # a dangling separator
    ("Mon 10:00-12:00", 1, "unknown word 'Mon'"),  # three-letter weekday
    ("Mo 9", 4, "09:00 or 9-17"),  # an hour alone is no span
    ("Mo 25-26", 4, "out of range"),  # hours without minutes are checked too
    ("Mo 10:00", 9, "needs an end"),  # a lone time
    ("Mo 25:00-26:00", 4, "out of range"),  # start past 23:59
    ("Mo 10:00-49:00", 10, "out of range"),  # end past 48:00
    ("Mo 10:61-12:00", 4, "out of range"),  # 61 minutes
    ("Feb 30", 1, "day of Feb"),  # no such day
    ("2026 Feb 29", 1, "day of Feb"),  # 2026 is no leap year
    ("Mo 10:00-12:00 Tu", 16, "out of order"),  # a weekday after times
    ('Mo "x', 4, "unterminated"),  # comment never closed
    ('"a comment" "another"', 13, "unexpected"),  # two comments
    ("Mo 22:00-44:00+", 4, "past the second midnight"),  # the guess would end on the third day
    ("Mo 10:00+-12:00", 10, "unexpected '-'"),  # an open end has no closing time
    ("Mo unknown 10:00-12:00", 12, "times must come in pairs"),  # the modifier after the times
    ("unknown off", 9, "out of order"),  # two modifiers
    (": 10:00-12:00", 1, "':' may follow only the day selectors"),  # a colon after nothing
    ("Mo 10:00-12:00:", 15, "':' may follow only the day selectors"),  # a colon after times
    ("Mo-Fr[1]", 6, "follows a single weekday"),  # n-th weekdays of a range
    ("Mo[0]", 4, "1 to 5 or -1 to -5"),  # no 0th weekday
    ("Mo[6]", 4, "1 to 5 or -1 to -5"),  # no month has six Mondays
    ("Mo[2-1]", 4, "ends before it starts"),  # backwards
    ("Mo[-2--1]", 4, "one by one"),  # ranges from the end
    ("Mo[1", 5, "expected ',' or ']'"),  # unclosed
    ("PH +2 days", 5, "+1 day or -1 day"),  # opening_hours.js: no more than one day from a holiday
    ("easter +201 days", 9, "1 to 200 days"),  # opening_hours.js: no more than 200 days from easter
    ("easter -400 days", 9, "a day offset from easter is 1 to 200 days, before or after it"),  # before, too
    ("PH -2 days", 5, "a day offset from PH is +1 day or -1 day"),
    ("Mo[1] +400 days", 8, "1 to 365 days"),  # a far offset
    ("week 01-53/1", 12, "selects every week"),  # a step of one
    ("week 01-53/27", 12, "step of 2 to 26"),  # a step over half a year
    ("PH +1 day,PH +1 day", 11, "named twice"),  # duplicate offset
    ("SH,SH", 4, "SH is named twice"),  # duplicate
    ("week 10-05", 6, "week 10-53,01-05"),  # backwards week range: say how to wrap
    ("week 54", 6, "ISO week 01 to 53"),  # no week 54
    ("week 01-53/0", 12, "step of 2 to 26"),  # a zero step
    ("Mo Tu Fr", 4, "join weekdays and holidays with ','"),
    ("easter-Apr", 8, "ends on a day"),  # a month alone
    ("Feb 29-easter", 1, "not in every year"),  # weekdays without commas
    ("easter +1 day-easter -1 day", 15, "ends before it starts"),  # backwards easter range
    ("Mo 10:00-12:00 ||", 18, "must follow '||'"),  # a dangling fallback
    ("Mo week 01", 4, "out of order"),  # weeks before weekdays
    ("Mo-Fr 09:00\u201317:00", 12, "plain hyphen"),  # en dash from a word processor
    ("2027-2026 Mo", 1, "ends before it starts"),  # backwards year range
    ("0000 Mo", 1, "there is no year 0000"),  # the calendar starts at year 1
    ("0000 Feb 29", 1, "there is no year 0000"),  # likewise in a dated day
    ("Mo 10:00-12:00 off off", 20, "out of order"),  # two modifiers
    ("Mo-", 4, "expected a weekday"),  # unfinished range
    ("Dec 24-", 8, "expected a day of the month"),  # unfinished date range
    ("PH,PH off", 4, "PH is named twice"),  # duplicate
    ("24/8", 1, "24/7"),  # near miss
    ("Mo @", 4, "unexpected"),  # a stray character
    ("Aug 14-12", 1, "within one month"),  # backwards days are ambiguous: write Aug 14-Aug 12
    ("2028 Dec 01-Feb 29", 1, "a day of Feb 2029 (1 to 28)"),  # wraps into 2029, which has no Feb 29
    ("2026 Dec 01-2027 Feb 29", 1, "a day of Feb 2027"),  # an end year named outright
]


@pytest.mark.parametrize(("text", "column", "fragment"), BAD)
def test_bad_text_gives_column_and_fix(text: str, column: int, fragment: str) -> None:
    """Invalid text raises ScheduleSyntaxError with the offending column and a message with a caret."""
    with pytest.raises(pa.ScheduleSyntaxError) as caught:
        pa.Schedule.parse(text, zone="UTC", holidays="DE")
    error = caught.value
    assert error.column == column, str(error)
    assert fragment in str(error)
    assert error.text == text
    assert str(error).splitlines()[-1].strip() == "^"


def test_a_wrapping_dated_range_is_checked_in_the_year_it_ends() -> None:
    """`2027 Dec 01-Feb 29` ends on 2028-02-29, a day that exists: accepted, and selects up to it."""
    schedule = pa.Schedule.parse("2027 Dec 01-Feb 29", zone="UTC")
    assert str(schedule) == "2027 Dec 01-Feb 29"
    utc = pa.schedule.ZoneInfo("UTC")
    assert schedule.is_open(datetime(2028, 2, 29, 12, tzinfo=utc))
    assert not schedule.is_open(datetime(2028, 3, 1, 12, tzinfo=utc))
    assert schedule.next_change(datetime(2028, 1, 1, tzinfo=utc)) == datetime(2028, 3, 1, tzinfo=utc)


def test_caret_points_at_the_column() -> None:
    """The caret line points exactly under the offending character, also in long texts."""
    text = "Mo-Fr 09:00-17:00; " * 8 + "Sa sunrise-12:00"
    with pytest.raises(pa.ScheduleSyntaxError) as caught:
        pa.Schedule.parse(text, zone="UTC")
    _, shown, caret = str(caught.value).split("\n")
    offset = caret.index("^")
    assert shown[offset:].startswith("sunrise")


def test_too_long_text_is_refused_quickly() -> None:
    """Text over the documented limit raises ScheduleTooLongError without parsing it."""
    text = "Mo 10:00-12:00; " * 100_000
    with pytest.raises(pa.ScheduleTooLongError) as caught:
        pa.Schedule.parse(text, zone="UTC")
    assert caught.value.column == pa.schedule.MAX_TEXT_LENGTH + 1
    assert "limit is 10000" in str(caught.value)


@pytest.mark.parametrize("value", [None, 42, b"Mo 10:00-12:00", ["Mo"]])
def test_text_must_be_a_string(value: object) -> None:
    """Anything but a string is refused with the library's own error."""
    with pytest.raises(pa.InvalidValueError, match="'text' must be a string"):
        pa.Schedule.parse(value, zone="UTC")  # type: ignore[arg-type]


def test_syntax_error_pickles() -> None:
    """Errors survive pickling with their attributes (for multiprocessing and Dask)."""
    with pytest.raises(pa.ScheduleSyntaxError) as caught:
        pa.Schedule.parse("Mo 9:00", zone="UTC")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.text, copy.column, str(copy)) == (caught.value.text, 8, str(caught.value))
    assert isinstance(copy, ValueError)


def test_ph_needs_a_calendar() -> None:
    """Using PH without a holiday calendar is an error that says how to give one."""
    with pytest.raises(pa.HolidayCalendarError, match="holidays='DE-BE'"):
        pa.Schedule.parse("PH off", zone="UTC")


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "Europe", "../etc/passwd", 5, None])
def test_unknown_zone(zone: object) -> None:
    """An unknown zone raises UnknownZoneError naming the value and the expected form."""
    with pytest.raises(pa.UnknownZoneError, match="IANA"):
        pa.Schedule.parse("24/7", zone=zone)
