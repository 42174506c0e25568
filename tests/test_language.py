"""More of the opening_hours language: hours without minutes, the selector colon, n-th weekdays,
Easter, holiday offsets, ISO weeks, fallback rules (``||``) and school holidays (``SH``).

The examples come from the specification's own (the OpenStreetMap wiki and the test suite of
``opening_hours.js``, which evaluates in Europe/Berlin from 2012-10-01); each pins the exact
meaning, and every new form round-trips through ``str``.
"""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta, timezone
from typing import Any, List, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail._calendar import SchoolHolidays
from pageavail._selectors import EasterRange, WeekdayRange, WeekRange, easter_day

UTC = timezone.utc
BERLIN = pa.schedule.ZoneInfo("Europe/Berlin")


def spans(text: str, start: date, days: int, zone: Any = BERLIN, **kw: Any) -> List[Tuple[str, str]]:
    """The open intervals from *start* for *days* days, as wall-clock ``YYYY-MM-DD HH:MM`` pairs."""
    schedule = pa.Schedule.parse(text, zone=zone, **kw)
    first = datetime(start.year, start.month, start.day, tzinfo=schedule.zone)
    return [
        (i.start.strftime("%Y-%m-%d %H:%M"), i.end.strftime("%Y-%m-%d %H:%M"))
        for i in schedule.intervals(first, first + timedelta(days=days))
    ]


def days_open(text: str, start: date, days: int, hour: int = 10, **kw: Any) -> List[str]:
    """The dates from *start* on which *text* is open at *hour* (UTC)."""
    schedule = pa.Schedule.parse(text, zone="UTC", **kw)
    found = []
    for n in range(days):
        day = start + timedelta(days=n)
        if schedule.is_open(datetime(day.year, day.month, day.day, hour, tzinfo=UTC)):
            found.append(day.isoformat())
    return found


# -- hours without minutes and the selector colon ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("10-12", "10:00-12:00"),  # opening_hours.js test suite, 'Time intervals'
        ("Mo 7-18", "Mo 07:00-18:00"),  # 'Error tolerance: Time intervals, short time'
        ("22-2", "22:00-02:00"),  # 'Time ranges spanning midnight'
        ("10-14; 12-14 off", "10:00-14:00; 12:00-14:00 off"),  # 'dot as time separator'
        ("10-12,13-20", "10:00-12:00,13:00-20:00"),  # 'Correctly handle pm time'
        ("Mo 10:00-12, 14-16:30", "Mo 10:00-12:00,14:00-16:30"),  # mixed forms
        ("Sa 22-24", "Sa 22:00-24:00"),
        ("Sa 22-48", "Sa 22:00-48:00"),
        ("Apr: 08:00-12:00", "Apr 08:00-12:00"),  # the colon after wide selectors
        ("Mo-Fr: 09:00-17:00", "Mo-Fr 09:00-17:00"),  # and after weekdays
        ("2026 Dec 24: 10-12", "2026 Dec 24 10:00-12:00"),
        ("week 01-10: Mo 10-12", "week 01-10 Mo 10:00-12:00"),
        ("24/7: closed", "off"),  # 'Time zero intervals (always closed)'
        ("Dec 10-12", "Dec 10-12"),  # after a month a number is a day: Dec 10 to 12
        ("Dec 24 10-12", "Dec 24 10:00-12:00"),  # after a day, a span
    ],
)
def test_short_hours_and_colons_print_canonically(text: str, canonical: str) -> None:
    """Hours without minutes mean whole hours; the colon is dropped; str() gives the canonical form."""
    schedule = pa.Schedule.parse(text, zone="UTC")
    assert str(schedule) == canonical
    assert pa.Schedule.parse(canonical, zone="UTC") == schedule


def test_short_hours_mean_whole_hours() -> None:
    """'Mo 7-18' is open Monday 07:00 to 18:00 (the suite's week from 2012-10-01)."""
    assert spans("Mo 7-18", date(2012, 10, 1), 7) == [("2012-10-01 07:00", "2012-10-01 18:00")]
    assert spans("22-2", date(2012, 10, 1), 2) == [
        ("2012-10-01 00:00", "2012-10-01 02:00"),
        ("2012-10-01 22:00", "2012-10-02 02:00"),
        ("2012-10-02 22:00", "2012-10-03 00:00"),
    ]


# -- the n-th weekday of a month ----------------------------------------------------------------


def test_nth_weekdays_from_the_readme() -> None:
    """'Mo-Fr 12:00-18:00; We off; Sa,PH 12:00-17:00; Th[3],Th[-1] off' (opening_hours.js README):
    a library closed on the third and the last Thursday of each month."""
    text = "Mo-Fr 12:00-18:00; We off; Sa,PH 12:00-17:00; Th[3],Th[-1] off"
    thursdays = [
        d
        for d in days_open(text, date(2012, 10, 1), 31, hour=13, holidays=set())
        if date.fromisoformat(d).isoweekday() == 4
    ]
    assert thursdays == ["2012-10-04", "2012-10-11"]  # not the 18th (third) nor the 25th (last)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mo[1]", ["2026-03-02"]),
        ("Mo[-1]", ["2026-03-30"]),
        ("Mo[1,3]", ["2026-03-02", "2026-03-16"]),
        ("Mo[1-2]", ["2026-03-02", "2026-03-09"]),
        ("Mo[-2]", ["2026-03-23"]),
        ("Mo[5]", ["2026-03-30"]),  # a fifth Monday, in months that have one
        ("Mo[1-5]", ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30"]),
        ("Sa[-1] +1 day", ["2026-03-01", "2026-03-29"]),  # after the last Saturday (of February too)
        ("Mo[1] -1 day", ["2026-03-01"]),  # the day before the first Monday
        ("Su[2] -1 day", ["2026-03-07"]),  # the Saturday before the second Sunday
    ],
)
def test_nth_weekdays_in_march_2026(text: str, expected: List[str]) -> None:
    """March 2026 starts on a Sunday and has five Mondays (2, 9, 16, 23, 30)."""
    assert days_open(text, date(2026, 3, 1), 31) == expected


def test_the_last_weekday_of_february_depends_on_leap_years() -> None:
    """Mo[-1] in February: the 23rd in 2026, the 28th... and 2028-02-28 (leap year, 29th a Tuesday)."""
    assert days_open("Feb Mo[-1]", date(2026, 2, 1), 28) == ["2026-02-23"]
    assert days_open("Feb Mo[-1]", date(2028, 2, 1), 29) == ["2028-02-28"]
    assert days_open("Feb Mo[5]", date(2044, 2, 1), 29) == ["2044-02-29"]


def test_an_nth_weekday_spill_follows_its_day() -> None:
    """'Fr[-1] 22:00-02:00' is open into the Saturday after the last Friday only."""
    assert spans("Fr[-1] 22:00-02:00", date(2026, 3, 26), 4, zone="UTC") == [
        ("2026-03-27 22:00", "2026-03-28 02:00")
    ]


# -- Easter -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("easter", ["2012-04-08"]),  # the suite's 'Moving constant days (easter)': 2012-04-08
        ("easter +1 day", ["2012-04-09"]),  # Easter Monday
        ("easter -2 days", ["2012-04-06"]),  # Good Friday
        ("easter -2 days-easter +1 day", ["2012-04-06", "2012-04-07", "2012-04-08", "2012-04-09"]),
        ("easter +39 days", []),  # Ascension Day, 2012-05-17, after the stretch asked
        ("2012 easter", ["2012-04-08"]),
        ("2013 easter", []),
        ("Apr 07,easter", ["2012-04-07", "2012-04-08"]),
    ],
)
def test_easter_dates(text: str, expected: List[str]) -> None:
    """Easter is western (Gregorian) Easter Sunday, from dateutil; offsets move it by whole days."""
    assert days_open(text, date(2012, 3, 20), 40) == expected


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        # the suite's 'Calculations based on variable events' and a real-world value
        ("easter-Apr 20", "2026-04-05", "2026-04-20"),  # Easter 2026 is April 5th
        ("Apr 01-easter -1 day", "2026-04-01", "2026-04-04"),
        ("Dec 25-easter", "2025-12-25", "2026-04-05"),  # over New Year to the next Easter
        ("easter-Apr 02", "2026-04-05", "2027-04-02"),  # April 2nd comes first: the next year's
    ],
)
def test_easter_ranges_with_a_month_day(text: str, first: str, last: str) -> None:
    """A range between Easter and a day of the month runs to the end's next occurrence."""
    schedule = pa.Schedule.parse(text, zone="UTC")
    assert str(schedule) == text
    start = date.fromisoformat(first)
    before, after = start - timedelta(days=1), date.fromisoformat(last) + timedelta(days=1)
    noon = lambda day: datetime(day.year, day.month, day.day, 12, tzinfo=UTC)  # noqa: E731
    assert schedule.is_open(noon(start))
    assert schedule.is_open(noon(date.fromisoformat(last)))
    assert not schedule.is_open(noon(before))
    assert not schedule.is_open(noon(after))
    assert schedule.next_change(noon(start)) == noon(after).replace(hour=0)


def test_easter_comes_from_dateutil_and_moves_each_year() -> None:
    """The next Easter after 2026's is 2027-03-28, found by next_change."""
    schedule = pa.Schedule.parse("easter 10:00-12:00", zone="UTC")
    assert schedule.next_change(datetime(2026, 4, 6, tzinfo=UTC)) == datetime(2027, 3, 28, 10, tzinfo=UTC)
    assert easter_day(2027) == date(2027, 3, 28)
    assert EasterRange(-2, 1).contains(date(2027, 3, 26))
    assert not EasterRange(-2, 1).contains(date(2027, 3, 25))


def test_an_easter_range_may_cross_new_year() -> None:
    """A far offset reaches the next or the previous year: 'easter +200 days' in 2026 is 2026-10-22,
    'easter -200 days' of 2027 is 2026-09-09; offsets run up to 200 days, as in opening_hours.js."""
    late = easter_day(2026) + timedelta(days=200)
    early = easter_day(2027) - timedelta(days=200)
    assert (late, early) == (date(2026, 10, 22), date(2026, 9, 9))
    assert EasterRange(200).contains(late)
    assert EasterRange(-200).contains(early)
    assert days_open("easter -200 days", early - timedelta(days=1), 3) == [early.isoformat()]
    assert days_open("easter +200 days", late - timedelta(days=1), 3) == [late.isoformat()]
    with pytest.raises(pa.InvalidValueError):
        EasterRange(201)


# -- public holiday offsets --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PH", ["2026-12-25", "2026-12-26"]),
        ("PH +1 day", ["2026-12-26", "2026-12-27"]),  # the days after the holidays
        ("PH -1 day", ["2026-12-24", "2026-12-25"]),  # the days before
        ("PH,PH -1 day", ["2026-12-24", "2026-12-25", "2026-12-26"]),
        (
            "24/7; PH -1 day off",
            [
                "2026-12-20",
                "2026-12-21",
                "2026-12-22",
                "2026-12-23",
                "2026-12-26",
                "2026-12-27",
                "2026-12-28",
            ],
        ),
    ],
)
def test_holiday_offsets_around_christmas(text: str, expected: List[str]) -> None:
    """With Christmas Day and Boxing Day as holidays, offsets select the days around them."""
    calendar = {date(2026, 12, 25), date(2026, 12, 26)}
    assert days_open(text, date(2026, 12, 20), 9, holidays=calendar) == expected


def test_holiday_offsets_reach_over_new_year() -> None:
    """'PH -1 day' selects New Year's Eve for a New Year's Day holiday of the next year, and
    'PH +1 day' January 1st for one on December 31st."""
    assert days_open("PH -1 day", date(2026, 12, 30), 3, holidays={date(2027, 1, 1)}) == ["2026-12-31"]
    assert days_open("PH +1 day", date(2026, 12, 30), 3, holidays={date(2026, 12, 31)}) == ["2027-01-01"]


def test_holiday_offsets_with_a_country() -> None:
    """German holidays: the day after Easter Monday 2026 (April 6th) is April 7th."""
    assert days_open("PH +1 day", date(2026, 4, 1), 10, holidays="DE") == ["2026-04-04", "2026-04-07"]


def test_holiday_offsets_need_a_calendar() -> None:
    """'PH +1 day' uses PH: without a calendar it is an error, as for PH."""
    with pytest.raises(pa.HolidayCalendarError, match="holidays='DE-BE'"):
        pa.Schedule.parse("PH +1 day off", zone="UTC")


@pytest.mark.parametrize(
    ("text", "canonical", "expected"),
    [
        # the suite's 'PH: Only if PH is Wednesday': holidays on these weekdays, not holidays and weekdays
        ("PH We,Fr", "PH We,Fr", ["2026-12-25", "2026-12-30"]),
        ("PH: We,Fr", "PH We,Fr", ["2026-12-25", "2026-12-30"]),
        ("We,Fr: PH", "PH We,Fr", ["2026-12-25", "2026-12-30"]),
        ("PH -1 day Mo-We", "PH -1 day Mo-We", ["2026-12-29"]),  # the days before, if Monday to Wednesday
        ("Mo-We PH -1 day", "PH -1 day Mo-We", ["2026-12-29"]),
        ("We,Fr,PH", "We,Fr,PH", ["2026-12-23", "2026-12-25", "2026-12-26", "2026-12-30", "2027-01-01"]),
    ],
)
def test_holidays_narrowed_to_weekdays(text: str, canonical: str, expected: List[str]) -> None:
    """'PH We,Fr' selects the public holidays that fall on a Wednesday or a Friday; with ',' they add."""
    calendar = {date(2026, 12, 25), date(2026, 12, 26), date(2026, 12, 30)}
    schedule = pa.Schedule.parse(text, zone="UTC", holidays=calendar)
    assert str(schedule) == canonical
    assert days_open(text, date(2026, 12, 20), 13, holidays=calendar) == expected


def test_school_holidays_narrowed_to_weekdays() -> None:
    """'SH Mo-Fr' (the suite's 'SH' test): school holidays from Monday to Friday only."""
    school = [(date(2026, 7, 3), date(2026, 7, 7))]  # Friday to Tuesday
    assert days_open("SH Mo-Fr", date(2026, 7, 1), 10, school_holidays=school) == [
        "2026-07-03",
        "2026-07-06",
        "2026-07-07",
    ]
    assert str(pa.Schedule.parse("2026 SH: We", zone="UTC", school_holidays=school)) == "2026 SH We"


@pytest.mark.parametrize("text", ["SH PH -1 day Mo-We", "PH -1 day SH Mo-We", "Su,PH Mo", "Mo PH Tu"])
def test_unclear_holiday_and_weekday_mixtures_are_refused(text: str) -> None:
    """Two holiday lists, or holidays and weekdays on both sides, are refused with the fix."""
    with pytest.raises(pa.ScheduleSyntaxError):
        pa.Schedule.parse(text, zone="UTC", holidays="DE", school_holidays=SUMMER_EARLY)


SUMMER_EARLY = [(date(2026, 7, 3), date(2026, 7, 7))]


# -- ISO weeks -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("week 01", ["2026-12-28", "2026-12-29", "2026-12-30"]),  # 2026 has 53 weeks: not yet
        (
            "week 53",
            [
                "2026-12-28",
                "2026-12-29",
                "2026-12-30",
                "2026-12-31",
                "2027-01-01",
                "2027-01-02",
                "2027-01-03",
            ],
        ),
        ("week 53 Mo", ["2026-12-28"]),
        ("week 01-53/2 Mo", ["2026-12-28", "2027-01-04"]),  # weeks 53 and 1 are both odd
        ("week 02-52/2 Mo", ["2027-01-11"]),
    ],
)
def test_iso_weeks_around_new_year(text: str, expected: List[str]) -> None:
    """ISO weeks as in datetime.isocalendar(): 2026 has a week 53 (Dec 28 to Jan 3)."""
    found = days_open(text, date(2026, 12, 28), 15)
    if text == "week 01":
        assert found == [
            "2027-01-04",
            "2027-01-05",
            "2027-01-06",
            "2027-01-07",
            "2027-01-08",
            "2027-01-09",
            "2027-01-10",
        ]
    else:
        assert found == expected


def test_odd_and_even_weeks_from_the_wiki() -> None:
    """'week 01-53/2 Fr 09:00-12:00; week 02-52/2 We 09:00-12:00': Fridays of odd weeks, Wednesdays of even."""
    text = "week 01-53/2 Fr 09:00-12:00; week 02-52/2 We 09:00-12:00"
    assert days_open(text, date(2026, 3, 2), 14) == ["2026-03-04", "2026-03-13"]  # weeks 10 and 11


def test_week_ranges() -> None:
    """WeekRange selects ISO weeks from start to end in steps."""
    assert WeekRange(1, 10).contains(date(2026, 3, 8))  # week 10
    assert not WeekRange(1, 10).contains(date(2026, 3, 9))  # week 11
    assert WeekRange(1, 53, 2).contains(date(2026, 1, 1))  # week 1
    assert not WeekRange(1, 53, 2).contains(date(2026, 1, 5))  # week 2
    assert str(WeekRange(5, 5)) == "05"
    with pytest.raises(pa.InvalidValueError):
        WeekRange(5, 5, 2)
    with pytest.raises(pa.InvalidValueError):
        WeekRange(10, 5)


# -- fallback rules ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the fallback applies on days no earlier rule selects
        ("Mo-Fr 09:00-17:00 || Sa 10:00-14:00", [("Mo", "09-17"), ("Sa", "10-14")]),
        ("Mo 10:00-12:00 || 14:00-16:00", [("Mo", "10-12"), ("Tu-Su", "14-16")]),
        # an off rule selects its days too: Monday stays closed
        ("Mo off || 14:00-16:00", [("Mo", "closed"), ("Tu-Su", "14-16")]),
        # a later ';' rule still replaces whole days
        ("Mo 10:00-12:00 || 14:00-16:00; We 08:00-09:00", [("Mo", "10-12"), ("We", "08-09")]),
        # and a ',' rule after it adds
        ("Mo 10:00-12:00 || 14:00-16:00, Tu 18:00-19:00", [("Tu", "14-16,18-19")]),
        # a chain: each fallback after all earlier rules
        ("Mo 10:00-12:00 || Tu 14:00-16:00 || 18:00-19:00", [("Tu", "14-16"), ("We", "18-19")]),
    ],
)
def test_fallback_rules(text: str, expected: List[Tuple[str, str]]) -> None:
    """A rule after '||' applies only to days that no rule before it selects."""
    week = spans(text, date(2026, 3, 2), 7, zone="UTC")  # Monday 2026-03-02 to Sunday
    by_day = {}
    for start, end in week:
        by_day.setdefault(start[:10], []).append(f"{start[11:13]}-{end[11:13]}")
    names = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    for days, hours in expected:
        first, _, last = days.partition("-")
        for index in range(names.index(first), names.index(last or first) + 1):
            day = (date(2026, 3, 2) + timedelta(days=index)).isoformat()
            assert ",".join(by_day.get(day, ["closed"])) == hours, (text, day)


def test_fallback_rules_print_and_read_back() -> None:
    """'||' joins a fallback rule in str(); a first rule cannot fall back and is stored as plain."""
    schedule = pa.Schedule.parse("Mo-Fr 09:00-17:00; PH off || Sa 10-14", zone="UTC", holidays="DE")
    assert str(schedule) == "Mo-Fr 09:00-17:00; PH off || Sa 10:00-14:00"
    assert [r.fallback for r in schedule.rules] == [False, False, True]
    alone = pa.Schedule((pa.HoursRule(fallback=True),), "UTC")
    assert alone.rules[0].fallback is False
    with pytest.raises(pa.InvalidValueError):
        pa.HoursRule(additional=True, fallback=True)


def test_a_fallback_span_spills_from_its_own_days() -> None:
    """'Mo-Th 10:00-12:00 || 22:00-02:00': Friday to Sunday 22:00-02:00, and the spill into
    Monday survives (an earlier rule does not drop it), as for any rule."""
    week = spans("Mo-Th 10:00-12:00 || 22:00-02:00", date(2026, 3, 2), 8, zone="UTC")
    assert week[0] == ("2026-03-02 00:00", "2026-03-02 02:00")
    assert week[5:] == [
        ("2026-03-06 22:00", "2026-03-07 02:00"),
        ("2026-03-07 22:00", "2026-03-08 02:00"),
        ("2026-03-08 22:00", "2026-03-09 02:00"),
        ("2026-03-09 10:00", "2026-03-09 12:00"),
    ]


# -- school holidays ---------------------------------------------------------------------------

SUMMER = [(date(2026, 7, 9), date(2026, 8, 22))]


def test_school_holidays_from_the_caller() -> None:
    """'Mo-Fr 08:00-18:00; SH off': closed on the school holidays the caller gives."""
    text = "Mo-Fr 08:00-18:00; SH off"
    found = days_open(text, date(2026, 7, 6), 7, school_holidays=SUMMER)
    assert found == ["2026-07-06", "2026-07-07", "2026-07-08"]
    assert days_open(text, date(2026, 8, 21), 6, school_holidays=SUMMER) == [
        "2026-08-24",
        "2026-08-25",
        "2026-08-26",
    ]


def test_school_holidays_are_part_of_the_schedule() -> None:
    """They compare, print in repr, pickle, and single dates count as one-day ranges."""
    one = pa.Schedule.parse("SH 10:00-12:00", zone="UTC", school_holidays=SUMMER)
    two = pa.Schedule.parse("SH 10:00-12:00", zone="UTC", school_holidays=SchoolHolidays(SUMMER))
    assert one == two
    assert pickle.loads(pickle.dumps(one)) == one
    assert "school_holidays=" in repr(one)
    other = pa.Schedule.parse("SH 10:00-12:00", zone="UTC", school_holidays=[date(2026, 7, 9)])
    assert other != one
    assert SchoolHolidays([date(2026, 1, 2), (date(2026, 1, 1), date(2026, 1, 1))]).ranges == (
        (date(2026, 1, 1), date(2026, 1, 2)),
    )
    assert str(SchoolHolidays([(date(2026, 1, 1), date(2026, 1, 3)), date(2026, 2, 1)])) == (
        "2026-01-01/2026-01-03, 2026-02-01"
    )


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2026-07-09", "date pairs"),
        ([(date(2026, 8, 1), date(2026, 7, 1))], "end before they start"),
        ([("2026-07-09", "2026-08-22")], "pair of datetime.date"),
        ([(datetime(2026, 7, 9), date(2026, 8, 22))], "pair of datetime.date"),
        ([(date(2026, 7, 9),)], "pair of datetime.date"),
    ],
)
def test_bad_school_holidays(value: Any, fragment: str) -> None:
    """Bad school holidays raise the library's HolidayCalendarError saying what to pass."""
    with pytest.raises(pa.HolidayCalendarError, match=fragment):
        pa.Schedule.parse("SH off", zone="UTC", school_holidays=value)


def test_sh_needs_school_holidays() -> None:
    """Using SH without school holidays is an error rather than a silent 'never'."""
    with pytest.raises(pa.HolidayCalendarError, match="school_holidays="):
        pa.Schedule.parse("Mo-Fr 08:00-18:00; SH off", zone="UTC")


# -- selectors as values -------------------------------------------------------------------------


def test_selector_values_validate() -> None:
    """The new selector values refuse what cannot be written."""
    with pytest.raises(pa.InvalidValueError):
        WeekdayRange(1, 5, nth=(1,))  # an n-th weekday of a range
    with pytest.raises(pa.InvalidValueError):
        WeekdayRange(1, 1, offset=1)  # an offset without nth
    with pytest.raises(pa.InvalidValueError):
        WeekdayRange(1, 1, nth=(0,))
    with pytest.raises(pa.InvalidValueError):
        WeekdayRange(1, 1, nth=(1,), offset=366)
    with pytest.raises(pa.InvalidValueError):
        EasterRange(2, 1)
    with pytest.raises(pa.InvalidValueError):
        EasterRange(0, None, start_date=(12, 25))  # a month day must end at easter
    with pytest.raises(pa.InvalidValueError):
        EasterRange(0, 1, end_date=(4, 20))  # two ends
    with pytest.raises(pa.InvalidValueError):
        EasterRange(0, None, end_date=(2, 29))  # not a day of every year
    assert str(EasterRange(-2, None, end_date=(4, 20))) == "easter -2 days-Apr 20"
    with pytest.raises(pa.InvalidValueError):
        pa.HoursRule(holiday_offsets=(1,))  # offsets without PH
    with pytest.raises(pa.InvalidValueError):
        pa.HoursRule(holidays=True, holiday_offsets=(1, 1))
    with pytest.raises(pa.InvalidValueError):
        pa.HoursRule(dates=("easter",))  # type: ignore[arg-type]
    with pytest.raises(pa.InvalidValueError):
        pa.HoursRule(holidays=True, holiday_weekdays=True)  # no weekdays to narrow to
    with pytest.raises(pa.InvalidValueError):
        pa.HoursRule(weekdays=(WeekdayRange(1, 5),), holiday_weekdays=True)  # no holidays
    assert str(WeekdayRange(1, 1, nth=(3, 1, 2, -1))) == "Mo[1-3,-1]"
    assert str(WeekdayRange(6, 6, nth=(-1,), offset=-2)) == "Sa[-1] -2 days"


# -- round trips ------------------------------------------------------------------------------

NEW_SYNTAX = st.sampled_from(
    [
        "Mo[1]",
        "Mo[-1]",
        "Tu[1,3]",
        "We[1-2]",
        "Sa[-1] +1 day",
        "easter",
        "easter +1 day",
        "easter -2 days-easter +1 day",
        "week 01-53/2",
        "week 01-10",
        "week 05,20-30",
        "PH +1 day",
        "PH,PH -1 day",
        "SH",
        "Mo-Fr,SH",
        "2026 easter",
        "Dec 25,easter",
        "PH We,Fr",
        "SH Mo-Fr",
        "PH -1 day Mo[1]",
        "Dec 25-easter",
        "easter-Apr 20",
    ]
)


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(
            NEW_SYNTAX,
            st.sampled_from(["", " 10-12", " 22:00-02:00", " off"]),
            st.sampled_from(["; ", ", ", " || "]),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_new_syntax_round_trips(parts: List[Tuple[str, str, str]]) -> None:
    """parse(str(s)) == s for texts made of the new forms, and str() is a fixed point."""
    text = "".join(selector + times + sep for selector, times, sep in parts)[: -len(parts[-1][2])]
    schedule = pa.Schedule.parse(text, zone="UTC", holidays="DE", school_holidays=SUMMER)
    again = pa.Schedule.parse(str(schedule), zone="UTC", holidays="DE", school_holidays=SUMMER)
    assert again == schedule
    assert str(again) == str(schedule)
