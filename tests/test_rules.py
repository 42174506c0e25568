"""How rules combine: each documented case of the opening_hours.js semantics."""

from __future__ import annotations

import pickle
from datetime import date, datetime
from typing import List, Tuple

import pytest

import pageavail as pa
from pageavail._time import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def opened(text: str, first: Tuple[int, ...], last: Tuple[int, ...], **kw: object) -> List[str]:
    """The open intervals between two local dates, as 'Sat 28 00:00-Sat 28 02:00' strings."""
    schedule = pa.Schedule.parse(text, zone="Europe/Berlin", **kw)  # type: ignore[arg-type]
    found = schedule.intervals(datetime(*first, tzinfo=BERLIN), datetime(*last, tzinfo=BERLIN))
    return [f"{i.start:%a %d %H:%M}-{i.end:%a %d %H:%M}" for i in found]


CASES = [
    # A later ';' rule replaces earlier ones for the whole days it selects.
    (
        "Mo-Fr 09:00-17:00; We 10:00-12:00",
        (2026, 11, 24),
        (2026, 11, 26),
        ["Tue 24 09:00-Tue 24 17:00", "Wed 25 10:00-Wed 25 12:00"],
    ),
    # An 'off' rule with times subtracts only those times.
    (
        "Mo-Su 10:00-14:00; Mo-Su 12:00-14:00 off",
        (2026, 11, 23),
        (2026, 11, 24),
        ["Mon 23 10:00-Mon 23 12:00"],
    ),
    # An 'off' rule without times closes the whole day.
    (
        "Mo-Fr 09:00-17:00; Dec 24 off",
        (2026, 12, 23),
        (2026, 12, 26),
        ["Wed 23 09:00-Wed 23 17:00", "Fri 25 09:00-Fri 25 17:00"],
    ),
    # ',' adds and never wipes a day.
    (
        "Mo-Fr 09:00-12:00, We 14:00-16:00",
        (2026, 11, 25),
        (2026, 11, 26),
        ["Wed 25 09:00-Wed 25 12:00", "Wed 25 14:00-Wed 25 16:00"],
    ),
    # An added 'off' rule subtracts.
    (
        "Mo-Fr 08:00-12:00, We 10:00-11:00 off",
        (2026, 11, 25),
        (2026, 11, 26),
        ["Wed 25 08:00-Wed 25 10:00", "Wed 25 11:00-Wed 25 12:00"],
    ),
    # A span past midnight spills into the next day ...
    ("Fr 22:00-02:00", (2026, 11, 27), (2026, 11, 29), ["Fri 27 22:00-Sat 28 02:00"]),
    # ... and the spill is dropped when a later normal rule selects the next day ...
    (
        "Fr 22:00-02:00; Sa 10:00-14:00",
        (2026, 11, 27),
        (2026, 11, 29),
        ["Fri 27 22:00-Sat 28 00:00", "Sat 28 10:00-Sat 28 14:00"],
    ),
    # ... but kept when the later rule is added with ','.
    (
        "Fr 22:00-02:00, Sa 10:00-14:00",
        (2026, 11, 27),
        (2026, 11, 29),
        ["Fri 27 22:00-Sat 28 02:00", "Sat 28 10:00-Sat 28 14:00"],
    ),
    # 'Sa off' loses Sat 00:00-02:00 and keeps Sun 00:00-02:00.
    (
        "Mo-Su 22:00-02:00; Sa off",
        (2026, 11, 28),
        (2026, 11, 30),
        ["Sun 29 00:00-Sun 29 02:00", "Sun 29 22:00-Mon 30 00:00"],
    ),
    # A spill survives an earlier rule that selected the next day.
    (
        "Mo-Su 10:00-12:00; Fr 22:00-02:00",
        (2026, 11, 27),
        (2026, 11, 29),
        ["Fri 27 22:00-Sat 28 02:00", "Sat 28 10:00-Sat 28 12:00"],
    ),
    # 22:00-02:00 is 22:00-26:00.
    ("Fr 22:00-26:00", (2026, 11, 27), (2026, 11, 29), ["Fri 27 22:00-Sat 28 02:00"]),
    # Tu 23:59-48:00 is the longest span.
    ("Tu 23:59-48:00", (2026, 11, 24), (2026, 11, 28), ["Tue 24 23:59-Thu 26 00:00"]),
    # We 22:00-22:00 is 24 hours.
    ("We 22:00-22:00", (2026, 11, 25), (2026, 11, 27), ["Wed 25 22:00-Thu 26 22:00"]),
    # Weekday ranges wrap.
    (
        "Su-Mo 10:00-12:00",
        (2026, 11, 28),
        (2026, 12, 1),
        ["Sun 29 10:00-Sun 29 12:00", "Mon 30 10:00-Mon 30 12:00"],
    ),
    # A rule without day selectors selects every day, so it replaces earlier rules.
    ("Mo 10:00-12:00; 14:00-16:00", (2026, 11, 23), (2026, 11, 24), ["Mon 23 14:00-Mon 23 16:00"]),
    # A day without times is open all day; consecutive open days merge.
    ("Sa-Su", (2026, 11, 27), (2026, 12, 1), ["Sat 28 00:00-Mon 30 00:00"]),
    # Date ranges wrap over the year end.
    (
        "Dec 31-Jan 01 10:00-12:00",
        (2026, 12, 30),
        (2027, 1, 3),
        ["Thu 31 10:00-Thu 31 12:00", "Fri 01 10:00-Fri 01 12:00"],
    ),
    # A dated rule applies to that year only.
    ("2026 Dec 31 10:00-12:00", (2026, 12, 30), (2027, 1, 1), ["Thu 31 10:00-Thu 31 12:00"]),
    ("2027 Dec 31 10:00-12:00", (2026, 12, 30), (2027, 1, 1), []),
    # A dated range without an end year runs into the next year when it must.
    (
        "2026 Dec 30-Jan 01 10:00-11:00",
        (2026, 12, 31),
        (2027, 1, 3),
        ["Thu 31 10:00-Thu 31 11:00", "Fri 01 10:00-Fri 01 11:00"],
    ),
    # Year ranges combine with weekdays.
    ("2027-2028 Mo 10:00-11:00", (2026, 12, 28), (2027, 1, 5), ["Mon 04 10:00-Mon 04 11:00"]),
    # Month ranges.
    ("Jun-Aug Mo-Fr 08:00-14:00", (2026, 5, 29), (2026, 6, 2), ["Mon 01 08:00-Mon 01 14:00"]),
    # Feb 29 only exists in leap years.
    ("Feb 29 10:00-11:00", (2027, 2, 27), (2028, 3, 1), ["Tue 29 10:00-Tue 29 11:00"]),
    # A 24/7 schedule with a closed weekday.
    ("24/7; Sa off", (2026, 11, 27), (2026, 11, 29), ["Fri 27 00:00-Sat 28 00:00"]),
]


@pytest.mark.parametrize(("text", "first", "last", "expected"), CASES)
def test_rule_combination(
    text: str, first: Tuple[int, ...], last: Tuple[int, ...], expected: List[str]
) -> None:
    """Rules combine as opening_hours.js combines them (REFERENCE.md, Opening hours)."""
    assert opened(text, first, last) == expected


def test_public_holidays_from_a_code() -> None:
    """PH selects the public holidays of the given country and subdivision."""
    text = "Mo-Fr 09:00-17:00; PH off"
    # 2026-12-25 and 26 are holidays in Berlin; 2026-12-24 is not.
    assert opened(text, (2026, 12, 24), (2026, 12, 28), holidays="DE-BE") == ["Thu 24 09:00-Thu 24 17:00"]
    # 2026-03-08 (Women's Day, a Sunday) is a holiday in Berlin only; check a weekday one:
    # Reformation Day 2026-10-31 is a Saturday, so use Corpus Christi 2026-06-04 (Bavaria, not Berlin).
    assert opened(text, (2026, 6, 4), (2026, 6, 5), holidays="DE-BY") == []
    assert opened(text, (2026, 6, 4), (2026, 6, 5), holidays="DE-BE") == ["Thu 04 09:00-Thu 04 17:00"]


def test_public_holidays_from_dates() -> None:
    """PH accepts any collection of dates as the calendar."""
    text = "Mo-Fr 09:00-17:00; PH 10:00-12:00"
    assert opened(text, (2026, 11, 27), (2026, 11, 28), holidays={date(2026, 11, 27)}) == [
        "Fri 27 10:00-Fri 27 12:00"
    ]


def test_holidays_object_is_accepted() -> None:
    """A `holidays` package calendar is taken as its country and subdivision."""
    from pageavail._calendar import import_holidays

    holidays = import_holidays()
    schedule = pa.Schedule.parse("PH off", zone="UTC", holidays=holidays.country_holidays("DE", subdiv="BE"))
    assert schedule.holidays == pa.HolidayCalendar.from_code("DE-BE")


def test_holidays_object_custom_dates_count() -> None:
    """Dates added to a `holidays` object are holidays of the schedule; later changes to it are not."""
    from pageavail._calendar import import_holidays

    calendar = import_holidays().country_holidays("DE", subdiv="BE")
    calendar.append({date(2027, 3, 3): "Founders' Day"})
    schedule = pa.Schedule.parse("Mo-Fr 09:00-17:00; PH off", zone="Europe/Berlin", holidays=calendar)
    calendar.append({date(2027, 3, 4): "added after the schedule was made"})
    assert not schedule.is_open(datetime(2027, 3, 3, 10, tzinfo=BERLIN))  # the custom date
    assert schedule.is_open(datetime(2027, 3, 4, 10, tzinfo=BERLIN))  # added later: not seen
    assert schedule.is_open(datetime(2027, 12, 27, 10, tzinfo=BERLIN))  # an ordinary Monday
    assert not schedule.is_open(datetime(2030, 12, 25, 10, tzinfo=BERLIN))  # the country's own, any year


def test_holidays_object_observed_false_is_kept() -> None:
    """observed=False holds: 2026-07-03, the Friday observed for the 4th of July, is no holiday then."""
    from pageavail._calendar import import_holidays

    text = "Mo-Fr 09:00-17:00; PH off"
    plain = pa.Schedule.parse(text, zone="America/New_York", holidays="US")
    unobserved = pa.Schedule.parse(
        text, zone="America/New_York", holidays=import_holidays().country_holidays("US", observed=False)
    )
    friday = datetime(2026, 7, 3, 10, tzinfo=ZoneInfo("America/New_York"))
    assert not plain.is_open(friday)
    assert unobserved.is_open(friday)
    assert unobserved != plain
    copy = pickle.loads(pickle.dumps(unobserved))
    assert copy == unobserved
    assert hash(copy) == hash(unobserved)
    assert copy.is_open(friday)


def test_holidays_object_without_expansion_knows_only_its_years() -> None:
    """An expand=False `holidays` object gives holidays only in the years it holds: taken as fixed dates."""
    from pageavail._calendar import import_holidays

    calendar = import_holidays().country_holidays("DE", years=2026, expand=False)
    schedule = pa.Schedule.parse("Mo-Fr 09:00-17:00; PH off", zone="Europe/Berlin", holidays=calendar)
    assert not schedule.is_open(datetime(2026, 12, 25, 10, tzinfo=BERLIN))
    assert schedule.is_open(datetime(2028, 12, 25, 10, tzinfo=BERLIN))  # the object does not know 2028
    assert schedule.holidays == pa.HolidayCalendar.from_dates(calendar.keys())


def test_recurrence_closes_first_monday() -> None:
    """An RRULE recurrence closes the days it picks ("closed every first Monday")."""
    schedule = pa.Schedule.parse(
        "Mo-Fr 09:00-17:00", zone="Europe/Berlin", recurrences=[pa.Recurrence.parse("FREQ=MONTHLY;BYDAY=1MO")]
    )
    mondays = [
        i.start.day
        for i in schedule.intervals(datetime(2026, 12, 1, tzinfo=BERLIN), datetime(2027, 1, 1, tzinfo=BERLIN))
        if i.start.weekday() == 0
    ]
    assert mondays == [14, 21, 28]  # Dec 7 is the first Monday of December 2026


def test_recurrence_with_hours_replaces_the_day() -> None:
    """A recurrence with times sets the day's hours, like a later ';' rule."""
    recurrence = pa.Recurrence.parse("DTSTART:20260102\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "10:00-12:00")
    schedule = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin", recurrences=[recurrence])
    fridays = [
        str(i)
        for i in schedule.intervals(datetime(2026, 1, 2, tzinfo=BERLIN), datetime(2026, 1, 10, tzinfo=BERLIN))
        if i.start.weekday() == 4
    ]
    assert fridays == [
        "2026-01-02T10:00:00+01:00 – 2026-01-02T12:00:00+01:00",
        "2026-01-09T09:00:00+01:00 – 2026-01-09T17:00:00+01:00",
    ]


@pytest.mark.parametrize(
    ("rule", "hours", "fragment"),
    [
        ("FREQ=HOURLY", "off", "YEARLY, MONTHLY, WEEKLY or DAILY"),  # finer than days
        ("FREQ=MONTHLY;BYDAY=9XX", "off", "invalid recurrence"),  # bad BYDAY
        ("DTSTART;TZID=Europe/Berlin:20260101T000000\nRRULE:FREQ=DAILY", "off", "zone"),  # zones clash
        ("", "off", "RRULE text"),  # empty
        ("FREQ=DAILY", "Mo 10:00-12:00", "plain times"),  # day selectors in hours
        ("FREQ=DAILY", "10:00", "'hours' of the recurrence"),  # bad hours text
    ],
)
def test_bad_recurrence(rule: str, hours: str, fragment: str) -> None:
    """Invalid recurrences raise RecurrenceError saying what is wrong."""
    with pytest.raises(pa.RecurrenceError, match=fragment):
        pa.Recurrence.parse(rule, hours)


def test_check_names_the_deciding_rule() -> None:
    """check() names the rule that decided, or says that no rule selects the day."""
    schedule = pa.Schedule.parse("Mo-Fr 09:00-17:00; Dec 24 off", zone="Europe/Berlin")
    at = datetime(2026, 12, 24, 10, tzinfo=BERLIN)
    status = schedule.check(at)
    assert (status.is_open, status.rule_number, str(status.rule)) == (False, 2, "Dec 24 off")
    assert status.next_change == datetime(2026, 12, 25, 9, tzinfo=BERLIN)
    weekend = schedule.check(datetime(2026, 12, 26, 10, tzinfo=BERLIN))
    assert weekend.rule is None
    assert weekend.reason == "closed: no rule selects Saturday, 26 December 2026"
    evening = schedule.check(datetime(2026, 12, 23, 18, tzinfo=BERLIN))
    assert (evening.is_open, evening.rule_number) == (False, 1)


def test_check_names_a_spill() -> None:
    """The rule whose span spilled past midnight decides the early hours of the next day."""
    schedule = pa.Schedule.parse("Mo-Su 10:00-12:00; Fr 22:00-02:00", zone="Europe/Berlin")
    status = schedule.check(datetime(2026, 11, 28, 1, tzinfo=BERLIN))
    assert status.is_open
    assert status.rule_number == 2


def test_next_change_none_for_constant_schedules() -> None:
    """next_change is None when the answer never changes."""
    at = datetime(2026, 11, 27, tzinfo=BERLIN)
    assert pa.Schedule.parse("24/7", zone="Europe/Berlin").next_change(at) is None
    assert pa.Schedule.parse("off", zone="Europe/Berlin").next_change(at) is None
    assert pa.Schedule.parse("2025 Dec 31 10:00-12:00", zone="UTC").next_change(at) is None


def test_next_change_far_ahead() -> None:
    """next_change finds a change years ahead (Feb 29 on a Monday, next in 2044)."""
    schedule = pa.Schedule.parse("Feb 29 Mo 10:00-11:00", zone="UTC")
    found = schedule.next_change(datetime(2026, 1, 1, tzinfo=BERLIN))
    assert found is not None
    assert (found.year, found.month, found.day, found.hour) == (2044, 2, 29, 10)


def test_intervals_merge_across_year_end() -> None:
    """An open stretch over New Year is one interval, though compiled in two buckets."""
    schedule = pa.Schedule.parse("Dec 31 20:00-04:00", zone="Europe/Berlin")
    found = schedule.intervals(datetime(2026, 12, 1, tzinfo=BERLIN), datetime(2027, 2, 1, tzinfo=BERLIN))
    assert [str(i) for i in found] == ["2026-12-31T20:00:00+01:00 – 2027-01-01T04:00:00+01:00"]
    assert schedule.next_change(datetime(2026, 12, 31, 21, tzinfo=BERLIN)) == datetime(
        2027, 1, 1, 4, tzinfo=BERLIN
    )


def test_intervals_are_clipped() -> None:
    """intervals() clips the first and last interval to the window, keeping microseconds."""
    schedule = pa.Schedule.parse("24/7", zone="Europe/Berlin")
    start = datetime(2026, 1, 1, 12, 0, 0, 1, tzinfo=BERLIN)
    end = datetime(2026, 1, 2, 12, 0, 0, 2, tzinfo=BERLIN)
    assert [(i.start, i.end) for i in schedule.intervals(start, end)] == [(start, end)]
    assert schedule.intervals(start, start) == ()
    with pytest.raises(pa.InvalidValueError, match="'end' must be at or after start"):
        schedule.intervals(end, start)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mo 10:00-11:00; 2027-9000 off", datetime(9001, 1, 5, 10, tzinfo=pa.schedule.ZoneInfo("UTC"))),
        ("24/7; 9000 Dec 25 off", datetime(9000, 12, 25, tzinfo=pa.schedule.ZoneInfo("UTC"))),
        ("Mo 10:00-11:00; 2027-9998 off", pa.OutOfRangeError),  # Mondays open again in 9999
        ("9000 Dec 25 off; 24/7", None),
        ("Dec 25 Mo 10:00-11:00; Dec off", None),  # dated rules that never show
    ],
)
def test_next_change_skips_years_where_nothing_can_change(text: str, expected: object) -> None:
    """Stretches of years whose rules cannot change the answer are skipped, not compiled year by year."""
    schedule = pa.Schedule.parse(text, zone="UTC")
    at = datetime(2027, 3, 1, tzinfo=pa.schedule.ZoneInfo("UTC"))
    if expected is pa.OutOfRangeError:
        with pytest.raises(pa.OutOfRangeError, match="up to 9997-01-01T00:00:00"):
            schedule.next_change(at)
    else:
        assert schedule.next_change(at) == expected
    assert len(schedule._buckets) <= 8  # a handful of buckets, not thousands of years
