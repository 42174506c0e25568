"""How far next_change looks: None means "never", and every horizon comes from the rules."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Callable, List, Optional, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail._compile import ZONE_RULES_YEAR
from pageavail._time import ZoneInfo, offset_pieces

UTC = timezone.utc


def _package_bounds() -> bool:
    from pageavail._calendar import import_holidays

    return getattr(import_holidays().country_holidays("DE"), "end_year", None) is not None


#: Releases of the holidays package before year bounds (start_year, end_year)
#: compute a country's holidays for any year: then PH can select a day in every
#: year, and next_change walks year by year to the end of the supported instants.
NEEDS_YEAR_BOUNDS = pytest.mark.skipif(not _package_bounds(), reason="holidays without end_year")


def at(*parts: int) -> datetime:
    """A UTC instant."""
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "kw", "start", "expected"),
    [
        # 2100 is no leap year: after 2072 February 29th falls on a Monday next in 2112.
        ("Feb 29 Mo 10:00-11:00", {}, at(2073, 1, 1), at(2112, 2, 29, 10)),
        # The only holiday of a date set lies 40 years ahead.
        ("PH 10:00-11:00", {"holidays": {date(2066, 5, 4)}}, at(2026, 1, 1), at(2066, 5, 4, 10)),
        # A recurrence starts (DTSTART) decades ahead.
        (
            "24/7",
            {"recurrences": [pa.Recurrence.parse("DTSTART:20700105\nRRULE:FREQ=YEARLY")]},
            at(2026, 1, 1),
            at(2070, 1, 5),
        ),
        # A year range ends far ahead; Mondays open again after it.
        ("Mo 10:00-11:00; 2027-9000 off", {}, at(2027, 3, 1), at(9001, 1, 5, 10)),
        # A counted recurrence: its third and last day.
        (
            "24/7",
            {"recurrences": [pa.Recurrence.parse("DTSTART:20260105\nRRULE:FREQ=YEARLY;COUNT=3")]},
            at(2027, 2, 1),
            at(2028, 1, 5),
        ),
    ],
)
def test_next_change_finds_changes_far_ahead(
    text: str, kw: dict, start: datetime, expected: datetime
) -> None:
    """A change decades or centuries ahead is found: no look-ahead cap answers None before it."""
    schedule = pa.Schedule.parse(text, zone="UTC", **kw)
    assert schedule.next_change(start) == expected
    assert schedule.is_open(expected) != schedule.is_open(start)


@pytest.mark.parametrize(
    ("text", "kw", "start"),
    [
        ("2025 Dec 31 10:00-12:00", {}, at(2027, 3, 1)),  # a dated rule in the past
        ("Dec 25 Mo 10:00-11:00; Dec off", {}, at(2027, 3, 1)),  # dated rules that never show
        ("9000 Dec 25 off; 24/7", {}, at(2027, 3, 1)),  # a later rule covers the dated one
        ("PH 10:00-11:00", {"holidays": {date(2066, 5, 4)}}, at(2066, 5, 4, 11)),  # after the last holiday
        (
            "24/7",
            {"recurrences": [pa.Recurrence.parse("DTSTART:20260105\nRRULE:FREQ=YEARLY;UNTIL=20300105")]},
            at(2030, 1, 6),
        ),  # after the recurrence's UNTIL
        (
            "24/7",
            {"recurrences": [pa.Recurrence.parse("DTSTART:20260105\nRRULE:FREQ=YEARLY;COUNT=3")]},
            at(2028, 1, 6),
        ),  # after the recurrence's COUNT
        pytest.param(
            "PH 10:00-11:00",
            {"holidays": "DE"},
            at(2102, 1, 1),
            marks=NEEDS_YEAR_BOUNDS,
        ),  # the package gives DE holidays up to 2100
    ],
)
def test_next_change_is_none_when_nothing_changes_again(text: str, kw: dict, start: datetime) -> None:
    """None means never: the schedule's rules can change the answer no more after the instant."""
    schedule = pa.Schedule.parse(text, zone="UTC", **kw)
    assert schedule.next_change(start) is None
    assert len(schedule._buckets) <= 8  # a handful of buckets compiled
    later = start + timedelta(days=146_097 * 3 + 17)
    if later < pa.schedule.MAX_INSTANT:
        assert schedule.is_open(later) == schedule.is_open(start)


def test_wall_times_that_exist_only_in_a_dst_gap_are_never_open() -> None:
    """A rule open only on the hour Berlin skips (last Sunday of March) never opens: None, after one cycle."""
    schedule = pa.Schedule.parse("Mar 25-31 Su 02:00-03:00", zone="Europe/Berlin")
    assert schedule.next_change(at(2026, 1, 1)) is None
    assert len(schedule._buckets) <= 2 * 400  # one 400-year cycle after the zone's rules settle


@NEEDS_YEAR_BOUNDS
def test_a_country_calendar_is_asked_year_by_year() -> None:
    """A country's holidays decide year by year, up to the last year the holidays package gives."""
    schedule = pa.Schedule.parse("Jan 01 10:00-11:00; PH off", zone="UTC", holidays="DE")
    # New Year is a holiday in Germany every year the package knows, up to 2100.
    assert schedule.next_change(at(2026, 3, 1)) == at(2101, 1, 1, 10)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Mo 10:00-11:00; 2027-9998 off", at(2027, 3, 1)),  # Mondays open again in 9999
        ("Mo-Fr 09:00-17:00", at(9996, 12, 31, 20)),  # the next opening is on 9997-01-01
        ("9998 Jan 05 10:00-11:00", at(2026, 1, 1)),  # named, but past the supported instants
    ],
)
def test_a_change_past_the_supported_instants_raises(text: str, start: datetime) -> None:
    """When the answer may change only after the last supported instant, next_change raises, quickly."""
    schedule = pa.Schedule.parse(text, zone="UTC")
    with pytest.raises(pa.OutOfRangeError, match="up to 9997-01-01T00:00:00"):
        schedule.next_change(start)
    assert len(schedule._buckets) <= 8


def test_a_recurrence_far_from_its_dtstart_is_quick_and_exact() -> None:
    """A daily recurrence asked about millennia after DTSTART gives the days dateutil gives."""
    from dateutil.rrule import rrulestr

    text = "DTSTART:20000101\nRRULE:FREQ=DAILY;INTERVAL=3;BYMONTH=2,3"
    recurrence = pa.Recurrence.parse(text)
    found = recurrence.dates_between(date(9000, 1, 1), date(9000, 12, 31))
    start = datetime(2000, 1, 1)
    plain = rrulestr(text, dtstart=start)
    near = recurrence.dates_between(date(2900, 1, 1), date(2900, 12, 31))
    expected = {d.date() for d in plain.between(datetime(2900, 1, 1), datetime(2900, 12, 31, 23), inc=True)}
    assert near == expected
    assert found
    assert all(d.month in (2, 3) for d in found)
    # The days are three apart, counted from DTSTART.
    assert all((d - date(2000, 1, 1)).days % 3 == 0 for d in found)


def test_every_zone_repeats_its_offsets_after_one_cycle_from_the_settled_year() -> None:
    """From ZONE_RULES_YEAR on every zone's offsets repeat after 146,097 days (next_change relies on it)."""
    try:
        from zoneinfo import available_timezones
    except ImportError:  # Python 3.8
        from backports.zoneinfo import available_timezones

    cycle = 146_097 * 86_400
    first = int(
        (datetime(ZONE_RULES_YEAR, 1, 1, tzinfo=UTC) - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds()
    )
    year = 366 * 86_400
    for name in sorted(available_timezones()):
        zone = ZoneInfo(name)
        pieces = offset_pieces(zone, first, first + year)
        again = offset_pieces(zone, first + cycle, first + cycle + year)
        assert [(start + cycle, offset) for start, offset in pieces] == again, name


def test_a_recurrence_that_never_picks_a_day_never_changes_anything() -> None:
    """An endless recurrence that picks no day (February 30th) leaves the answer alone: None, after one cycle."""
    recurrence = pa.Recurrence.parse("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
    schedule = pa.Schedule.parse("24/7", zone="UTC", recurrences=[recurrence])
    assert schedule.next_change(at(2026, 1, 1)) is None
    assert len(schedule._buckets) <= 2 * 400


# -- bounded time: refuse before working -------------------------------------------------


def test_intervals_over_more_than_one_cycle_are_refused_at_once() -> None:
    """intervals() over more than 400 years is refused before any bucket is compiled."""
    schedule = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin")
    with pytest.raises(pa.InvalidValueError, match=r"400 years.*shorter period"):
        schedule.intervals(at(2026, 1, 1), at(9996, 12, 1))
    assert not schedule._buckets
    weekdays = sum(1 for n in range(7305) if (date(2026, 1, 1) + timedelta(days=n)).weekday() < 5)
    assert len(schedule.intervals(at(2026, 1, 1), at(2046, 1, 1))) == weekdays  # a shorter period is answered


def test_intervals_beyond_the_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A period holding more than MAX_INTERVALS intervals is refused as soon as a bucket passes it."""
    assert pa.schedule.MAX_INTERVALS == 1_000_000
    monkeypatch.setattr(pa.schedule, "MAX_INTERVALS", 1_000)
    schedule = pa.Schedule.parse("10:00-11:00", zone="UTC")
    with pytest.raises(pa.InvalidValueError, match=r"at most 1,000 intervals.*shorter period"):
        schedule.intervals(at(2026, 1, 1), at(2036, 1, 1))
    assert len(schedule._buckets) <= 4


@pytest.mark.parametrize(
    ("first", "last", "fragment"),
    [
        (2026, 10**9, "a year from 1 to 9999"),  # a huge year: once ran away in time and memory
        (1, 9999, "fewer years"),  # every year at once
        (2026, "2027", "a year from 1 to 9999"),  # text, not a number
        (True, 2027, "a year from 1 to 9999"),  # a bool is no year
    ],
)
def test_holiday_dates_in_refuses_before_working(first: object, last: object, fragment: str) -> None:
    """HolidayCalendar.dates_in refuses odd or overlong year ranges at once, with the library's error."""
    calendar = pa.HolidayCalendar.from_code("DE")
    with pytest.raises(pa.InvalidValueError, match=fragment):
        calendar.dates_in(first, last)  # type: ignore[arg-type]


def test_recurrence_dates_between_refuses_overlong_periods() -> None:
    """Recurrence.dates_between over more than 1,000 years is refused at once."""
    recurrence = pa.Recurrence.parse("FREQ=DAILY")
    with pytest.raises(pa.InvalidValueError, match="fewer days"):
        recurrence.dates_between(date(1, 1, 1), date(9999, 12, 31))
    with pytest.raises(pa.RecurrenceError, match="COUNT=1000000; the limit is 100000"):
        pa.Recurrence.parse("FREQ=DAILY;COUNT=1000000")


# -- odd values: only the library's errors escape -------------------------------------------

SCHEDULE = pa.Schedule.parse("Mo-Fr 09:00-17:00; PH off", zone="Europe/Berlin", holidays={date(2026, 12, 24)})
RECURRENCE = pa.Recurrence.parse("FREQ=MONTHLY;BYDAY=1MO")
CALENDAR = pa.HolidayCalendar.from_dates([date(2026, 12, 24)])
T0 = at(2026, 11, 27, 10)

#: Every public call of the response-hours modules with good arguments; the test
#: replaces one argument at a time.
CALLS = {
    "Schedule.parse": (
        pa.Schedule.parse,
        {"text": "Mo-Fr 09:00-17:00; PH off", "zone": "Europe/Berlin", "holidays": "DE", "recurrences": ()},
    ),
    "Schedule": (pa.Schedule, {"rules": SCHEDULE.rules, "zone": "UTC", "holidays": None, "recurrences": ()}),
    "Schedule.is_open": (SCHEDULE.is_open, {"at": T0}),
    "Schedule.next_change": (SCHEDULE.next_change, {"at": T0}),
    "Schedule.check": (SCHEDULE.check, {"at": T0}),
    "Schedule.intervals": (SCHEDULE.intervals, {"start": T0, "end": T0 + timedelta(days=3)}),
    "Interval": (pa.Interval, {"start": T0, "end": T0 + timedelta(hours=1)}),
    "Interval.__contains__": (pa.Interval(T0, T0 + timedelta(hours=1)).__contains__, {"at": T0}),
    "HoursStatus": (
        pa.HoursStatus,
        {"at": T0, "is_open": True, "rule": SCHEDULE.rules[0], "rule_number": 1, "next_change": T0},
    ),
    "Recurrence": (pa.Recurrence, {"rule": "FREQ=DAILY", "hours": RECURRENCE.hours}),
    "Recurrence.parse": (pa.Recurrence.parse, {"rule": "FREQ=DAILY", "hours": "10:00-12:00"}),
    "Recurrence.dates_between": (
        RECURRENCE.dates_between,
        {"first": date(2026, 1, 1), "last": date(2026, 3, 1)},
    ),
    "HolidayCalendar": (pa.HolidayCalendar, {"country": "DE", "subdivision": "BE", "dates": ()}),
    "HolidayCalendar.from_code": (pa.HolidayCalendar.from_code, {"code": "DE-BE"}),
    "HolidayCalendar.from_dates": (pa.HolidayCalendar.from_dates, {"dates": [date(2026, 1, 2)]}),
    "HolidayCalendar.from_holidays": (pa.HolidayCalendar.from_holidays, {"calendar": None}),
    "HolidayCalendar.coerce": (pa.HolidayCalendar.coerce, {"value": "DE"}),
    "HolidayCalendar.dates_in": (CALENDAR.dates_in, {"first_year": 2026, "last_year": 2027}),
    "HoursRule": (pa.HoursRule, {"weekdays": SCHEDULE.rules[0].weekdays, "spans": SCHEDULE.rules[0].spans}),
    "DateRange": (pa.DateRange, {"month": pa.Month.DEC, "day": 24, "year": 2026, "end_month": None}),
    "DateRange.contains": (pa.DateRange(pa.Month.DEC, 24).contains, {"day": date(2026, 12, 24)}),
    "YearRange": (pa.YearRange, {"start": 2026, "end": 2028}),
    "TimeSpan": (pa.TimeSpan, {"start": 540, "end": 1020}),
    "WeekdayRange": (pa.WeekdayRange, {"start": pa.Weekday.MO, "end": pa.Weekday.FR}),
    "Weekday": (pa.Weekday, {"value": 1}),
    "Month": (pa.Month, {"value": 12}),
}


def odd_values() -> List[object]:
    """Values no argument should take without the library's error: each is commented with why it is odd."""
    values: List[object] = [
        None,  # missing
        0,  # zero where a year, minute or instant is meant
        -1,  # negative
        2**70,  # beyond every C integer
        float("nan"),  # not even equal to itself
        float("inf"),  # infinite
        True,  # a bool where a number is meant
        "",  # empty text
        "x" * 100_000,  # huge text
        "Mo-Fr 09:00-17:00\n",  # a trailing newline
        b"Mo 10:00-12:00",  # bytes, not text
        datetime(2026, 11, 27, 10),  # naive
        datetime(1, 1, 1, tzinfo=UTC),  # year 1: before the supported instants
        datetime(9999, 12, 31, 23, 59, tzinfo=UTC),  # year 9999: after them
        date(2026, 11, 27),  # a date where an instant is meant
        [1, 2],  # wrong element types
        [None],  # a missing element
        {"a": 1},  # a mapping
        (),  # empty
        object(),  # anything at all
    ]
    try:
        import numpy as np
        import pandas as pd
    except ImportError:  # the analysis extras are optional
        return values
    return [
        *values,
        pd.NaT,  # pandas' missing time
        np.float64("nan"),  # numpy's NaN
        np.int64(5),  # a numpy integer
        np.datetime64("2026-11-27T10:00"),  # a numpy time without a zone
    ]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(CALLS)), st.data())
def test_odd_values_raise_only_library_errors(name: str, data: st.DataObject) -> None:
    """Any call of the response-hours modules with one odd argument answers or raises a PageAvailError."""
    function, good = CALLS[name]
    argument = data.draw(st.sampled_from(sorted(good)), label="argument")
    value = data.draw(st.sampled_from(odd_values()), label="value")
    try:
        function(**{**good, argument: value})
    except pa.PageAvailError as error:
        assert str(error)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_every_argument_with_every_odd_value(name: str) -> None:
    """Each argument of each call, with each odd value in turn, answers or raises a PageAvailError."""
    function, good = CALLS[name]
    for argument in sorted(good):
        for value in odd_values():
            try:
                function(**{**good, argument: value})
            except pa.PageAvailError as error:
                assert str(error)


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda: pa.HoursRule(years=[2026]), "'years' must be a tuple of YearRange"),  # ints, not ranges
        (lambda: pa.HoursRule(holidays=1), "'holidays' must be True or False"),  # a number for a flag
        (lambda: pa.HoursRule(comment=5), "'comment' must be None or text"),  # not text
        (lambda: pa.DateRange(pa.Month.DEC, day=24.0), "'day' must be None or a whole number"),  # a float day
        (lambda: pa.Recurrence(rule="FREQ=SECONDLY"), "YEARLY, MONTHLY, WEEKLY or DAILY"),  # unchecked before
        (
            lambda: pa.Recurrence(rule="FREQ=DAILY", hours="off"),
            "'hours' of a recurrence",
        ),  # text, not a rule
        (lambda: pa.HoursStatus(datetime(2026, 1, 1), True, None, None, None), "aware"),  # naive instant
        (lambda: pa.HoursStatus(T0, True, None, 0, None), "'rule_number'"),  # positions count from 1
        (lambda: pa.HolidayCalendar(country="de"), "'country' must be None or a code"),  # lower case
        (lambda: pa.HolidayCalendar(dates=None), "'dates' must be an iterable of datetime.date"),  # missing
    ],
)
def test_constructors_refuse_what_they_used_to_accept(make: Callable[[], object], fragment: str) -> None:
    """Constructors of the response-hours values validate every field: nothing odd is silently kept."""
    with pytest.raises(pa.PageAvailError, match=re.escape(fragment)):
        make()


# -- the newer selectors feed the horizons ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kw", "start", "expected"),
    [
        # Jan 8 is the second Monday whenever it is a Monday: next in 2029.
        ("Jan 08 Mo[2] 10:00-11:00", {}, at(2026, 1, 9), at(2029, 1, 8, 10)),
        # Feb 22 is the last Monday only in a common year: 2027 (2032-02-22 is a Sunday anyway).
        ("Feb 22 Mo[-1] 10:00-11:00", {}, at(2026, 3, 1), at(2027, 2, 22, 10)),
        # Dec 31 falls in ISO week 1 when it is a Monday to Wednesday: 2029.
        ("Dec 31 week 01 10:00-11:00", {}, at(2026, 1, 1), at(2029, 12, 31, 10)),
        # Jan 1 falls in week 53 after a year of 53 weeks, when it is a Friday to Sunday: 2033.
        ("Jan 01 week 53 10:00-11:00", {}, at(2027, 1, 2), at(2033, 1, 1, 10)),
        # The day after a holiday at the end of a year lies in the next year.
        ("PH +1 day 10:00-11:00", {"holidays": {date(2066, 12, 31)}}, at(2026, 1, 1), at(2067, 1, 1, 10)),
        ("PH -1 day 10:00-11:00", {"holidays": {date(2067, 1, 1)}}, at(2026, 1, 1), at(2066, 12, 31, 10)),
        # School holidays the caller gives, decades ahead.
        (
            "SH 10:00-11:00",
            {"school_holidays": [(date(2070, 7, 1), date(2070, 8, 15))]},
            at(2026, 1, 1),
            at(2070, 7, 1, 10),
        ),
        # Easter after years that an off rule closes.
        ("easter 10:00-11:00; 2030-2040 off", {}, at(2029, 4, 2), at(2041, 4, 21, 10)),
        # A fallback rule over a stretch of years closed by a later rule.
        ("Mo 10:00-11:00 || Sa 10:00-11:00; 2027-9000 off", {}, at(2027, 3, 1), at(9001, 1, 3, 10)),
        ("2026 easter +1 day", {}, at(2026, 1, 1), at(2026, 4, 6)),
    ],
)
def test_newer_selectors_find_changes_far_ahead(
    text: str, kw: dict, start: datetime, expected: datetime
) -> None:
    """n-th weekdays, ISO weeks, holiday offsets, school holidays, easter and fallback rules: exact."""
    schedule = pa.Schedule.parse(text, zone="UTC", **kw)
    assert schedule.next_change(start) == expected
    assert schedule.is_open(expected) != schedule.is_open(start)


@pytest.mark.parametrize(
    ("text", "kw", "start"),
    [
        ("easter Mo 10:00-12:00", {}, at(2026, 1, 1)),  # Easter is a Sunday
        ("easter -2 days-easter +1 day Th 10:00-11:00", {}, at(2026, 1, 1)),  # Friday to Monday
        ("Jan 01 Mo[2] 10:00-11:00", {}, at(2026, 1, 1)),  # the 1st is never a second Monday
        ("Feb 21 Mo[-1] 10:00-11:00", {}, at(2026, 1, 1)),  # the last Monday of February is from the 22nd
        ("Jan 10 week 30", {}, at(2026, 1, 1)),
        ("Jan 04 week 52", {}, at(2026, 1, 1)),  # January 4th is always in week 1
        ("PH +1 day 10:00-11:00", {"holidays": {date(2066, 12, 31)}}, at(2067, 1, 1, 11)),
        ("SH 10:00-11:00", {"school_holidays": [(date(2070, 7, 1), date(2070, 8, 15))]}, at(2070, 8, 15, 11)),
        ("2026 easter +1 day", {}, at(2026, 4, 7)),
        ("24/7 || Mo off", {}, at(2026, 1, 1)),  # every day is selected before the fallback
        ("easter 10:00-12:00; easter off", {}, at(2026, 1, 1)),  # the same days: closed
        ("Jan Su[1]-Jan Su[1] 10:00-12:00; Jan off", {}, at(2026, 1, 1)),
        ("Mar Su[-1]-Oct Su[-1] 10:00-12:00; Mar-Oct off", {}, at(2026, 1, 1)),
    ],
)
def test_newer_selectors_that_never_change_again(text: str, kw: dict, start: datetime) -> None:
    """None when the newer selectors can never change the answer again (proven by the stretch's
    summary, not by walking to the end of the supported years: that would raise OutOfRangeError
    for easter, whose days repeat only after millions of years)."""
    assert pa.Schedule.parse(text, zone="UTC", **kw).next_change(start) is None


def _stretch(text: str, year: Optional[int] = None, **kw: object) -> Tuple[Optional[bool], Optional[int]]:
    from pageavail._compile import Program
    from pageavail._parser import parse_rules

    program = Program(parse_rules(text), (), kw.get("holidays"), kw.get("school"))  # type: ignore[arg-type]
    return program.stretch((None, None) if year is None else program.interval(year))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Easter repeats only after millions of years: no cycle; a weekday it never has: closed.
        ("easter Mo 10:00-12:00", (False, None)),
        ("easter +1 day Mo 10:00-12:00", (None, None)),
        ("easter -2 days-easter +1 day Th", (False, None)),
        ("easter -2 days-easter +10 days Th", (None, None)),
        ("Apr 20,easter", (None, None)),
        ("Dec 25-easter Mo", (None, None)),  # a month day at one end: any weekday
        ("easter-Apr 20 We", (None, None)),
        # rules with the same selectors select the same days: proven constant
        ("24/7; easter off; easter open", (True, None)),
        ("easter 10:00-12:00; easter off", (False, None)),
        ("24/7; easter off; easter +1 day open", (None, None)),  # other days: each on its own
        # a range between n-th weekdays selects only days its ends can reach
        ("Jan Su[1]-Jan Su[1] 10:00-12:00; Jan off", (False, 400)),
        ("Mar Su[-1]-Oct Su[-1] 10:00-12:00; Mar-Oct off", (False, 400)),
        ("Mar Su[-1]-Oct Su[-1] 10:00-12:00; Apr-Oct off", (None, 400)),  # Mar 25-31 may be open
        ("Jan Su[1]-Jan Su[1]; Jan 01-07 off", (False, 400)),
        ("Jan Su[1]-Jan Su[1]; Jan 01-06 off", (None, 400)),  # Jan 7 is a first Sunday in some years
        ("Dec 20-Dec Su[-1] +4 days; Dec 20-31 off; Jan 01-04 off", (False, 400)),
        ("Dec 20-Dec Su[-1] +4 days; Dec 20-31 off; Jan 01-03 off", (None, 400)),  # Dec 31 + 4 days
        # n-th weekdays and ISO weeks repeat with the Gregorian calendar.
        ("Mo[1] 10:00-12:00", (None, 400)),
        ("Jan 01 Mo[2]", (False, 400)),
        ("Jan 08 Mo[2]", (None, 400)),
        ("Jan 08 Tu[1]", (False, 400)),
        ("Feb 22 Mo[-1]", (None, 400)),
        ("Feb 29 Mo[-1]", (None, 400)),
        ("Feb 21 Mo[-1]", (False, 400)),
        ("Mar 25 Mo[-1]", (None, 400)),
        ("Mar 24 Mo[-1]", (False, 400)),
        ("Jan 02 Mo[1] +1 day", (None, 400)),
        ("Jan 02 Mo[1] -1 day", (None, 400)),  # the Sunday before a first Monday on the 3rd
        ("Jan 02 Mo[1] +1 day,Mo", (None, 400)),
        ("week 53 Mo", (None, 400)),
        ("Jan 10 week 30", (False, 400)),
        ("Jan 10 week 01-53/2", (None, 400)),
        ("Jan 04 week 52", (False, 400)),
        ("Jan 04 week 01", (None, 400)),
        ("Jan 01 week 53", (None, 400)),
        ("Jan 01 week 52", (None, 400)),
        ("Jan 01 week 51", (False, 400)),
        ("Dec 31 week 01", (None, 400)),
        ("Dec 31 week 02", (False, 400)),
        ("Mar 01 week 08", (None, 400)),
        ("Mar 01 week 09", (None, 400)),
        ("Mar 01 week 10", (None, 400)),  # a Monday of a leap year starting on a Thursday
        ("Mar 01 week 11", (False, 400)),
        # fallback rules step back for days selected before them
        ("24/7 || Mo off", (True, 400)),
        ("Mo off || 24/7", (None, 400)),
        ("Mo-Su 00:00-24:00 || off", (True, 400)),
        ("Mo-Fr 10:00-12:00 || 24/7", (None, 400)),
        ("Mo-Su 10:00-12:00 || 24/7", (None, 400)),
    ],
)
def test_what_a_stretch_of_the_newer_selectors_is_known_to_be(
    text: str, expected: Tuple[Optional[bool], Optional[int]]
) -> None:
    """The per-stretch summary behind next_change: constant all day (or not), and the cycle."""
    assert _stretch(text) == expected


def test_holiday_offsets_widen_the_years_of_holidays() -> None:
    """With 'PH +1 day' a holiday can select a day of the year before or after it."""
    from pageavail._calendar import SchoolHolidays
    from pageavail._compile import Program
    from pageavail._parser import parse_rules

    calendar = pa.HolidayCalendar.from_dates({date(2066, 1, 1)})
    plain = Program(parse_rules("PH"), (), calendar)
    moved = Program(parse_rules("PH -1 day"), (), calendar)
    assert (plain.holiday_pad, plain.holiday_years, plain.breaks) == (0, ((2066, 2066),), (2066, 2068))
    assert (moved.holiday_pad, moved.holiday_years, moved.breaks) == (1, ((2065, 2067),), (2065, 2069))
    assert moved.context(date(2065, 12, 31), date(2065, 12, 31)).holidays == frozenset({date(2066, 1, 1)})
    assert plain.context(date(2065, 12, 31), date(2065, 12, 31)).holidays == frozenset()
    assert _stretch("24/7; PH +1 day off; PH +1 day open", 2066, holidays=calendar) == (True, None)
    assert _stretch("24/7; PH off; PH +1 day open", 2066, holidays=calendar) == (None, None)
    assert _stretch("24/7; PH off; PH +1 day open", 2070, holidays=calendar) == (True, 400)
    school = SchoolHolidays([(date(2066, 7, 1), date(2066, 8, 1))])
    many = "PH,PH +1 day,PH -1 day,SH off"  # four kinds of holiday flags: too many to try
    assert _stretch(many, 2066, holidays=calendar, school=school) == (None, None)
    assert _stretch("24/7; PH,PH +1 day,PH -1 day off", 2066, holidays=calendar) == (None, None)
    assert _stretch("PH,PH +1 day,PH -1 day off", 2066, holidays=calendar) == (False, None)
    # holidays narrowed to weekdays: only a holiday on a Wednesday opens
    assert _stretch("PH We 10:00-12:00", 2066, holidays=calendar) == (None, None)
    assert _stretch("PH We 10:00-12:00", 2070, holidays=calendar) == (False, 400)
    assert _stretch("24/7; PH Mo off", 2070, holidays=calendar) == (True, 400)
    assert _stretch("PH Mo[1]", 2066, holidays=calendar) == (None, None)
    assert _stretch("Jan 01 PH Mo[2]", 2066, holidays=calendar) == (False, None)  # never a second Monday


def test_school_holidays_split_the_years() -> None:
    """SH selects days only in the years of the ranges given; the context holds exactly those days."""
    from pageavail._calendar import SchoolHolidays
    from pageavail._compile import Program
    from pageavail._parser import parse_rules

    school = SchoolHolidays([(date(2070, 7, 1), date(2070, 8, 15))])
    program = Program(parse_rules("24/7; SH off"), (), None, school)
    assert (program.school_years, program.breaks) == (((2070, 2070),), (2070, 2072))
    assert _stretch("24/7; SH off", 2070, school=school) == (None, None)
    assert _stretch("24/7; SH off", 2080, school=school) == (True, 400)
    assert _stretch("SH off; 24/7", 2070, school=school) == (True, None)
    assert _stretch("24/7; SH off; SH open", 2070, school=school) == (True, None)
    days = program.context(date(2070, 8, 14), date(2070, 8, 17)).school
    assert days == frozenset({date(2070, 8, 14), date(2070, 8, 15)})
    assert school.dates_between(date(2070, 6, 30), date(2070, 7, 1)) == frozenset({date(2070, 7, 1)})
    assert (
        Program(parse_rules("24/7"), (), None, school).context(date(2070, 7, 1), date(2070, 7, 2)).school
        == frozenset()
    )


def test_many_kinds_of_holidays_far_ahead() -> None:
    """Four kinds of holiday flags (PH, PH +1 day, PH -1 day, SH) in a century of holidays after
    2100 are walked year by year: the next New Year's Eve on a Wednesday is found."""
    new_years = {date(year, 1, 1) for year in range(2100, 2201)}
    school = [(date(2100, 7, 1), date(2200, 7, 2))]
    text = "PH -1 day We 10:00-11:00; Jan 02 SH off; Jan 03 PH +1 day off; Jan 04 PH off"
    schedule = pa.Schedule.parse(text, zone="UTC", holidays=new_years, school_holidays=school)
    assert schedule.next_change(at(2102, 3, 1)) == at(2104, 12, 31, 10)
    assert schedule.next_change(at(2105, 1, 1)) == at(2110, 12, 31, 10)


def test_too_many_choices_are_walked_rather_than_tried() -> None:
    """Each easter rule may or may not select a Sunday: 8 rules (256 choices) are tried and the
    stretch is proven open all day by the last rule; with 9 (512) it is walked instead."""
    eight = "; ".join(f"easter +{7 * k} days off" for k in range(1, 9)) + "; 24/7"
    nine = "; ".join(f"easter +{7 * k} days off" for k in range(1, 10)) + "; 24/7"
    assert _stretch(eight) == (True, None)
    assert _stretch(nine) == (None, None)


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        # Easter +2 days is a Tuesday, never a Monday; Good Friday is a Friday
        ("easter +2 days Mo", None, (False, None)),
        ("easter -2 days Fr", None, (None, None)),
        # January 10th on a Monday lies in ISO week 2, never in week 1, 4, 7 or 10
        ("Jan 10 week 01-10/3 Mo", None, (False, 400)),
        # a Monday on February 23rd (or 29th) is always the month's last Monday; on the 22nd not always
        ("Feb 23 Mo; Feb 23 Mo[-1] off", None, (False, 400)),
        ("Feb 29 Mo; Feb 29 Mo[-1] off", None, (False, 400)),
        ("Feb 22 Mo; Feb 22 Mo[-1] off", None, (None, 400)),
        # a dated range that covers a whole year selects every day of it
        ("2026 Jan 01-2026 Dec 31", 2026, (True, 400)),
        ("2026 Jan 01-2026 Dec 31 Mo", 2026, (None, 400)),
    ],
)
def test_what_a_stretch_is_known_to_be_exactly(
    text: str, year: Optional[int], expected: Tuple[Optional[bool], Optional[int]]
) -> None:
    """Weekdays of Easter days, ISO weeks of a date, the last weekday of February, whole dated years."""
    assert _stretch(text, year) == expected


@st.composite
def nth_ranges(draw: st.DrawFn) -> object:
    """A range between n-th weekdays (or a month day and an n-th weekday), with offsets."""
    from pageavail._selectors import NthDateRange

    def end(day_allowed: bool) -> Tuple[int, int, int, int, int]:
        month = draw(st.integers(1, 12))
        if day_allowed and draw(st.booleans()):
            return (month, draw(st.integers(1, 28)), 0, 0, 0)
        nth = draw(st.sampled_from([1, 2, 3, 4, 5, -1, -2, -5]))
        return (month, 0, draw(st.integers(1, 7)), nth, draw(st.integers(-6, 6)))

    start = end(True)
    return NthDateRange(start, end(not start[1]))


@settings(max_examples=60, deadline=None)
@given(item=nth_ranges(), day=st.integers(0, 366), weekday=st.integers(1, 7))
def test_a_ranges_options_are_those_of_every_year_of_the_cycle(item: object, day: int, weekday: int) -> None:
    """What the stretch summary takes a range between n-th weekdays to be able to do on a month,
    day and weekday (from 56 sample years) is what it does in the 400 years of the Gregorian
    cycle: the days it selects depend only on the calendar of the years around."""
    from pageavail._compile import _nth_range_options

    representative = date(2000, 1, 1) + timedelta(days=day) if day < 366 else date(2001, 3, 1)
    seen = set()
    for year in range(2000, 2400):
        try:
            moment = representative.replace(year=year)
        except ValueError:  # Feb 29 of a common year
            continue
        if moment.isoweekday() == weekday:
            seen.add(item.contains(moment))  # type: ignore[attr-defined]
    assert set(_nth_range_options(item, representative, weekday)) == (seen or {False})
