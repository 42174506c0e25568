"""Response hours in foreign formats: round trips, real-looking documents, refusals."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any, Callable, Dict, Tuple

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail import formats, testing
from pageavail._time import ZoneInfo

pytest.importorskip("icalendar")

BERLIN = ZoneInfo("Europe/Berlin")
UTC = timezone.utc
#: Periods holding the DST changes of every hard zone: New York (Mar 8, Nov 1), Berlin and
#: Dublin (Mar 29, Oct 25), Lord Howe and Santiago (Apr 5; Sep 6, Oct 4).
PERIODS = [(date(2026, 3, 1), date(2026, 4, 15)), (date(2026, 9, 1), date(2026, 11, 5))]
HOLIDAYS = pa.HolidayCalendar.from_dates(
    [date(2026, 3, 29), date(2026, 4, 3), date(2026, 10, 25), date(2026, 11, 1)]
)


def _span(schedule: pa.Schedule, period: Tuple[date, date]) -> Tuple[datetime, datetime]:
    first, last = period
    zone = schedule.zone
    return datetime(first.year, first.month, first.day, tzinfo=zone), datetime(
        last.year, last.month, last.day, tzinfo=zone
    )


def _same_hours(a: pa.Schedule, b: pa.Schedule, period: Tuple[date, date]) -> None:
    start, end = _span(a, period)
    assert a.intervals(start, end) == b.intervals(start, end)


def _at(text: str) -> datetime:
    return testing.instant(text)


weekly = testing.schedules(max_rules=4, dates=False)
periods = st.sampled_from(PERIODS)


# -- round trips ----------------------------------------------------------------------------


@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(schedule=testing.schedules(max_rules=3, dates=False, step=15), period=periods)
@example(
    schedule=pa.Schedule.parse("Fr 22:00-02:00; Su 00:00-24:00", zone="Europe/Dublin"), period=PERIODS[0]
)
def test_facebook_round_trip(schedule: pa.Schedule, period: Tuple[date, date]) -> None:
    """A weekly schedule with at most two ranges a day reads back from its Facebook hours unchanged."""
    try:
        hours = formats.to_facebook(schedule)
    except formats.UnexpressibleError:
        assume(False)
    _same_hours(schedule, formats.from_facebook(hours, zone=schedule.zone), period)


@given(schedule=weekly, period=periods)
@example(schedule=pa.Schedule.parse("Mo-Su 00:00-24:00", zone="Australia/Lord_Howe"), period=PERIODS[0])
@example(
    schedule=pa.Schedule.parse("Sa 23:30-24:00; Su 00:00-00:30", zone="America/Santiago"), period=PERIODS[1]
)
def test_google_regular_round_trip(schedule: pa.Schedule, period: Tuple[date, date]) -> None:
    """Any weekly schedule reads back from its Google regularHours unchanged."""
    document = formats.to_google(schedule)
    assert set(document) == {"regularHours"}
    _same_hours(schedule, formats.from_google(document["regularHours"], zone=schedule.zone), period)


@given(schedule=testing.schedules(max_rules=4, holidays=HOLIDAYS), period=periods)
@example(
    schedule=pa.Schedule.parse("Mo-Su 22:00-02:00; PH off", zone="Europe/Berlin", holidays=HOLIDAYS),
    period=PERIODS[1],
)
@example(
    schedule=pa.Schedule.parse(
        "Mo-Fr 09:00-17:00; PH Su,Mo 10:00-12:00; SH Mo-Fr off",
        zone="Europe/Berlin",
        holidays=HOLIDAYS,
        school_holidays=[(date(2026, 3, 30), date(2026, 4, 10))],
    ),
    period=PERIODS[0],
)
@example(
    schedule=pa.Schedule.parse(
        "Mo-Fr 09:00-17:00; Mo[1] off; easter -2 days-easter +1 day off; week 10-12 Sa 10:00-12:00",
        zone="Europe/Berlin",
    ),
    period=PERIODS[0],
)
def test_google_special_round_trip(schedule: pa.Schedule, period: Tuple[date, date]) -> None:
    """Any schedule reads back from regularHours plus the specialHours of a period, within that period."""
    document = formats.to_google(schedule, *period)
    back = formats.from_google(document["regularHours"], document["specialHours"], zone=schedule.zone)
    _same_hours(schedule, back, period)


@given(schedule=weekly, period=periods)
@example(
    schedule=pa.Schedule.parse("Mo 00:00-23:59; Tu 00:00-24:00", zone="Europe/Berlin"), period=PERIODS[0]
)
def test_schema_org_weekly_round_trip(schedule: pa.Schedule, period: Tuple[date, date]) -> None:
    """Any weekly schedule reads back from its openingHoursSpecification unchanged."""
    document = formats.to_schema_org(schedule)
    assert all("validFrom" not in spec for spec in document["openingHoursSpecification"])
    _same_hours(schedule, formats.from_schema_org(document, zone=schedule.zone), period)


@given(schedule=testing.schedules(max_rules=4, holidays=HOLIDAYS), period=periods)
@example(
    schedule=pa.Schedule.parse(
        "Mo-Fr 09:00-17:00; Mo[1] off; easter -2 days-easter +1 day off; week 10-12 Sa 10:00-12:00",
        zone="Europe/Berlin",
    ),
    period=PERIODS[0],
)
def test_schema_org_dated_round_trip(schedule: pa.Schedule, period: Tuple[date, date]) -> None:
    """Any schedule reads back from specifications with validFrom/validThrough for a period, within it."""
    document = formats.to_schema_org(schedule, *period)
    _same_hours(schedule, formats.from_schema_org(document, zone=schedule.zone), period)


@settings(max_examples=30)
@given(schedule=testing.schedules(max_rules=3, holidays=HOLIDAYS), period=periods)
@example(schedule=pa.Schedule.parse("Su 01:30-02:30", zone="Europe/Berlin"), period=PERIODS[1])
@example(schedule=pa.Schedule.parse("Su 02:30-04:00", zone="Europe/Berlin"), period=PERIODS[1])
@example(schedule=pa.Schedule.parse("Sa 23:00-01:00", zone="America/Santiago"), period=PERIODS[0])
@example(
    schedule=pa.Schedule.parse(
        "Mo-Fr 09:00-17:00; Mo[1] off; easter -2 days-easter +1 day off; week 10-12 Sa 10:00-12:00",
        zone="Europe/Berlin",
    ),
    period=PERIODS[0],
)
def test_ical_round_trip(schedule: pa.Schedule, period: Tuple[date, date]) -> None:
    """The events of a period read back as the same open intervals in that period, for any schedule."""
    start, end = _span(schedule, period)
    back = formats.from_ical(formats.to_ical(schedule, start, end))
    assert back.zone == schedule.zone
    assert back.intervals(start, end) == schedule.intervals(start, end)


@settings(max_examples=30)
@given(schedule=weekly, period=periods, format=st.sampled_from(["facebook", "google", "schema-org", "ical"]))
def test_text_round_trip(schedule: pa.Schedule, period: Tuple[date, date], format: str) -> None:
    """dump_hours and load_hours, the command line's pair, round-trip every format through text."""
    try:
        text = formats.dump_hours(schedule, format, *(period if format == "ical" else (None, None)))
    except formats.UnexpressibleError:
        assume(False)
    _same_hours(schedule, formats.load_hours(text, format, schedule.zone), period)


# -- real-looking documents -------------------------------------------------------------------


def test_facebook_page_hours() -> None:
    """Two ranges a day, an overnight range, a 24-hour day and a closed day read as Facebook means them."""
    page = {
        "hours": {
            "mon_1_open": "08:30",
            "mon_1_close": "12:00",
            "mon_2_open": "13:00",
            "mon_2_close": "18:00",
            "fri_1_open": "18:00",
            "fri_1_close": "02:00",
            "sat_1_open": "00:00",
            "sat_1_close": "00:00",
            "sun_1_open": "20:00",
            "sun_1_close": "24:00",
        }
    }
    hours = formats.from_facebook(page, zone="Europe/Berlin")
    assert str(hours) == "Mo 08:30-12:00,13:00-18:00, Fr 18:00-02:00, Sa 00:00-24:00, Su 20:00-24:00"
    assert hours.is_open(_at("2026-11-30T12:30:00+01:00")) is False  # Monday lunch
    assert hours.is_open(_at("2026-12-05T01:30:00+01:00"))  # Friday night, on Saturday
    assert hours.is_open(_at("2026-12-05T23:59:00+01:00"))  # Saturday all day
    assert not hours.is_open(_at("2026-12-01T10:00:00+01:00"))  # Tuesday: closed


def test_google_location_hours() -> None:
    """A Location's regular and special hours: TimeOfDay and text times, overnight, 24:00, closed days."""
    location = {
        "regularHours": {
            "periods": [
                {
                    "openDay": "MONDAY",
                    "openTime": {"hours": 9},
                    "closeDay": "MONDAY",
                    "closeTime": {"hours": 17, "minutes": 30},
                },
                {"openDay": "TUESDAY", "openTime": "09:00", "closeDay": "TUESDAY", "closeTime": "17:30"},
                {
                    "openDay": "FRIDAY",
                    "openTime": {"hours": 20},
                    "closeDay": "SATURDAY",
                    "closeTime": {"hours": 3},
                },
                {"openDay": "SUNDAY", "openTime": {}, "closeDay": "SUNDAY", "closeTime": {"hours": 24}},
            ]
        },
        "specialHours": {
            "specialHourPeriods": [
                {"startDate": {"year": 2026, "month": 12, "day": 7}, "closed": True},
                {
                    "startDate": {"year": 2026, "month": 12, "day": 8},
                    "openTime": {"hours": 22},
                    "endDate": {"year": 2026, "month": 12, "day": 9},
                    "closeTime": {"hours": 2},
                },
            ]
        },
    }
    hours = formats.from_google(location, zone="America/New_York")
    assert hours.is_open(_at("2026-11-30T17:00:00-05:00"))  # Monday
    assert not hours.is_open(_at("2026-12-07T10:00:00-05:00"))  # a closed Monday
    assert not hours.is_open(_at("2026-12-08T10:00:00-05:00"))  # a special Tuesday: only at night
    assert hours.is_open(_at("2026-12-09T01:00:00-05:00"))  # its night
    assert hours.is_open(_at("2026-12-05T02:59:00-05:00"))  # Friday night, on Saturday
    assert hours.is_open(_at("2026-12-06T23:59:00-05:00"))  # Sunday, to midnight
    assert hours.is_open(_at("2026-12-06T00:00:00-05:00"))  # the 24-hour Sunday starts at 00:00
    assert hours.next_change(_at("2026-12-06T12:00:00-05:00")) == _at("2026-12-07T00:00:00-05:00")


def test_schema_org_json_ld() -> None:
    """A LocalBusiness's specifications: full URLs, overnight, 24 hours, a closed holiday, the text form."""
    business = {
        "@context": "https://schema.org",
        "@type": "Restaurant",
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": ["https://schema.org/Monday", "Tuesday"],
                "opens": "11:00:00",
                "closes": "14:30:00",
            },
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": "Friday",
                "opens": "18:00",
                "closes": "01:00",
            },
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": "http://schema.org/Saturday",
                "opens": "00:00",
                "closes": "23:59",
            },
            {
                "@type": "OpeningHoursSpecification",
                "opens": "00:00",
                "closes": "00:00",
                "validFrom": "2026-12-25",
                "validThrough": "2026-12-26",
            },
            {
                "@type": "OpeningHoursSpecification",
                "opens": "10:00",
                "closes": "12:00",
                "validFrom": "2026-12-31T00:00:00+01:00",
                "validThrough": "2026-12-31",
            },
        ],
        "openingHours": "Su 16:00-20:00",
    }
    hours = formats.from_schema_org(business, zone="Europe/Berlin")
    assert hours.is_open(_at("2026-12-01T11:00:00+01:00"))  # Tuesday
    assert hours.is_open(_at("2026-12-05T00:30:00+01:00"))  # Friday night, on Saturday
    assert hours.is_open(_at("2026-12-05T23:59:30+01:00"))  # Saturday, "23:59" meaning the whole day
    assert hours.is_open(_at("2026-12-06T17:00:00+01:00"))  # the text form's Sunday
    assert not hours.is_open(_at("2026-12-26T00:30:00+01:00"))  # Christmas Friday night: closed
    assert hours.is_open(_at("2026-12-31T11:30:00+01:00"))  # New Year's Eve, a Thursday, 10-12


def test_schema_org_text_form() -> None:
    """The openingHours text form, a string or a list of strings, adds up its rules."""
    assert str(formats.from_schema_org("Mo-Fr 09:00-17:00", zone="UTC")) == "Mo-Fr 09:00-17:00"
    listed = formats.from_schema_org(["Mo,We 09:00-12:00", "Mo 14:00-18:00"], zone="UTC")
    assert str(listed) == "Mo,We 09:00-12:00, Mo 14:00-18:00"


CALENDAR_APP = "\r\n".join(
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Example Corp//Calendar 1.0//EN",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Berlin",
        "BEGIN:STANDARD",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "UID:office@example.com",
        "DTSTAMP:20260101T000000Z",
        "SUMMARY:Office hours",
        "DTSTART;TZID=Europe/Berlin:20260105T090000",
        "DTEND;TZID=Europe/Berlin:20260105T170000",
        "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;WKST=MO",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:late@example.com",
        "DTSTAMP:20260101T000000Z",
        "DTSTART;TZID=Europe/Berlin:20260102T220000",
        "DURATION:PT4H",
        "RRULE:FREQ=WEEKLY",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:winter-saturdays@example.com",
        "DTSTAMP:20260101T000000Z",
        "DTSTART;TZID=Europe/Berlin:20261107T100000",
        "DTEND;TZID=Europe/Berlin:20261107T140000",
        "RRULE:FREQ=WEEKLY;UNTIL=20261219T230000Z",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:cancelled@example.com",
        "DTSTAMP:20260101T000000Z",
        "STATUS:CANCELLED",
        "DTSTART;TZID=Europe/Berlin:20260104T100000",
        "DTEND;TZID=Europe/Berlin:20260104T120000",
        "RRULE:FREQ=WEEKLY",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:open-day@example.com",
        "DTSTAMP:20260101T000000Z",
        "DTSTART;VALUE=DATE:20261129",
        "DTEND;VALUE=DATE:20261130",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
)


def test_ical_weekly_availability() -> None:
    """A calendar app's weekly series become weekly rules; UNTIL bounds them, cancelled events drop out."""
    hours = formats.from_ical(CALENDAR_APP)
    assert hours.zone == BERLIN
    assert hours.is_open(_at("2026-07-01T09:00:00+02:00"))  # a Wednesday in summer
    assert hours.is_open(_at("2026-12-05T01:00:00+01:00"))  # Friday 22:00 for four hours
    assert hours.is_open(_at("2026-12-19T13:00:00+01:00"))  # a Saturday in the series
    assert not hours.is_open(_at("2026-12-26T13:00:00+01:00"))  # after UNTIL
    assert not hours.is_open(_at("2026-10-31T13:00:00+01:00"))  # before DTSTART of a bounded series
    assert not hours.is_open(_at("2026-12-06T11:00:00+01:00"))  # the cancelled Sunday series
    assert hours.is_open(_at("2026-11-29T11:00:00+01:00"))  # the all-day event


def test_ical_export_is_stable_and_valid() -> None:
    """Exporting twice gives the same text; each event has a distinct UID, a DTSTAMP, a TZID'd start."""
    import icalendar

    hours = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone=BERLIN)
    start, end = datetime(2026, 10, 19, tzinfo=BERLIN), datetime(2026, 11, 2, tzinfo=BERLIN)
    text = formats.to_ical(hours, start, end)
    assert text == formats.to_ical(hours, start, end)
    calendar = icalendar.Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    assert len(events) == 10
    assert len({str(e["UID"]) for e in events}) == 10
    assert all(e["DTSTART"].params["TZID"] == "Europe/Berlin" and "DTSTAMP" in e for e in events)
    assert [c["TZOFFSETTO"].to_ical() for c in calendar.walk("STANDARD")][-1] in ("+0100", b"+0100")


def test_ical_repeated_wall_time_is_written_in_utc() -> None:
    """An interval edge in the hour a fall-back repeats is written in UTC, so it names one instant."""
    hours = pa.Schedule.parse("Su 01:00-02:30", zone=BERLIN)
    start, end = datetime(2026, 10, 25, tzinfo=BERLIN), datetime(2026, 10, 26, tzinfo=BERLIN)
    text = formats.to_ical(hours, start, end)
    assert "DTSTART;TZID=Europe/Berlin:20261025T010000" in text
    assert "DTEND:20261025T013000Z" in text  # 02:30 CET, the second time it is 02:30


def test_ical_needs_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the icalendar package, iCalendar calls raise the library's error naming the extra."""
    import sys

    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(pa.PageAvailError, match=r"pageavail\[ical\]"):
        formats.from_ical(CALENDAR_APP)


# -- what export cannot say -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: formats.to_facebook(s), r"rule 2 \(PH off\)"),
        (lambda s: formats.to_google(s), r"regularHours cannot say rule 2 \(PH off\).*pass start and end"),
        (lambda s: formats.to_schema_org(s), r"rule 2 \(PH off\)"),
    ],
)
def test_export_names_what_it_cannot_say(call: Callable[[pa.Schedule], Any], message: str) -> None:
    """A holiday rule cannot be said in weekly hours: the error names the rule and the way out."""
    hours = pa.Schedule.parse("Mo-Fr 09:00-17:00; PH off", zone=BERLIN, holidays="DE-BE")
    with pytest.raises(formats.UnexpressibleError, match=message):
        call(hours)


def test_facebook_refuses_three_ranges() -> None:
    """Facebook holds two ranges a day; a third is named, with the day."""
    hours = pa.Schedule.parse("Mo 08:00-09:00,10:00-11:00,12:00-13:00", zone=BERLIN)
    with pytest.raises(
        formats.UnexpressibleError, match=r"Monday has 3 \(08:00-09:00, 10:00-11:00, 12:00-13:00\)"
    ):
        formats.to_facebook(hours)


def test_facebook_refuses_dated_rules_even_with_a_period() -> None:
    """Facebook hours are weekly: dump_hours takes no period for them."""
    hours = pa.Schedule.parse("Mo-Fr 09:00-17:00; Dec 24 off", zone=BERLIN)
    with pytest.raises(formats.UnexpressibleError, match=r"rule 2 \(Dec 24 off\)"):
        formats.dump_hours(hours, "facebook")
    with pytest.raises(pa.InvalidValueError, match="'start' must be None"):
        formats.dump_hours(hours, "facebook", date(2026, 1, 1), date(2026, 2, 1))


def test_google_expands_holidays_for_a_period() -> None:
    """PH off becomes closed specialHours on the holidays within start and end, and only those."""
    hours = pa.Schedule.parse("Mo-Fr 09:00-17:00; PH off", zone=BERLIN, holidays="DE-BE")
    document = formats.to_google(hours, date(2026, 12, 1), date(2027, 1, 1))
    assert document["specialHours"]["specialHourPeriods"] == [
        {"startDate": {"year": 2026, "month": 12, "day": 25}, "closed": True},
    ]  # Dec 26 is a Saturday: closed anyway


# -- refusals of malformed documents ------------------------------------------------------------

GOOD_PERIOD = {
    "openDay": "MONDAY",
    "openTime": {"hours": 9},
    "closeDay": "MONDAY",
    "closeTime": {"hours": 17},
}

#: (reader, document, the key path the message must name): each entry says why it is bad.
MALFORMED: Dict[str, Tuple[Callable[[Any], pa.Schedule], Any, str]] = {
    "facebook: not an object": (lambda d: formats.from_facebook(d, "UTC"), ["mon_1_open"], "'hours'"),
    "facebook: unknown key": (
        lambda d: formats.from_facebook(d, "UTC"),
        {"monday_open": "09:00"},
        "'hours.monday_open'",
    ),
    "facebook: third range": (
        lambda d: formats.from_facebook(d, "UTC"),
        {"mon_3_open": "09:00"},
        "'hours.mon_3_open'",
    ),
    "facebook: open without close": (
        lambda d: formats.from_facebook(d, "UTC"),
        {"tue_1_open": "09:00"},
        "'hours.tue_1_close'",
    ),
    "facebook: time without colon": (
        lambda d: formats.from_facebook(d, "UTC"),
        {"mon_1_open": "0900", "mon_1_close": "17:00"},
        "'hours.mon_1_open'",
    ),
    "facebook: hour 25": (
        lambda d: formats.from_facebook(d, "UTC"),
        {"mon_1_open": "09:00", "mon_1_close": "25:00"},
        "'hours.mon_1_close'",
    ),
    "facebook: open at 24:00": (
        lambda d: formats.from_facebook(d, "UTC"),
        {"mon_1_open": "24:00", "mon_1_close": "02:00"},
        "'hours.mon_1_open'",
    ),
    "facebook: a number": (
        lambda d: formats.from_facebook(d, "UTC"),
        {"mon_1_open": 900, "mon_1_close": "17:00"},
        "'hours.mon_1_open'",
    ),
    "google: periods not a list": (
        lambda d: formats.from_google(d, zone="UTC"),
        {"periods": {}},
        "'regularHours.periods'",
    ),
    "google: unknown field": (
        lambda d: formats.from_google(d, zone="UTC"),
        {"periods": [], "hours": 1},
        "'regularHours.hours'",
    ),
    "google: period not an object": (
        lambda d: formats.from_google(d, zone="UTC"),
        {"periods": [GOOD_PERIOD, "MONDAY"]},
        "'regularHours.periods[1]'",
    ),
    "google: day name": (
        lambda d: formats.from_google(d, zone="UTC"),
        {"periods": [{**GOOD_PERIOD, "openDay": "Monday"}]},
        "'regularHours.periods[0].openDay'",
    ),
    "google: unspecified day": (
        lambda d: formats.from_google(d, zone="UTC"),
        {"periods": [{**GOOD_PERIOD, "closeDay": "DAY_OF_WEEK_UNSPECIFIED"}]},
        "'regularHours.periods[0].closeDay'",
    ),
    "google: missing closeTime": (
        lambda d: formats.from_google(d, zone="UTC"),
        {
            "periods": [
                GOOD_PERIOD,
                GOOD_PERIOD,
                GOOD_PERIOD,
                {k: v for k, v in GOOD_PERIOD.items() if k != "closeTime"},
            ]
        },
        "'regularHours.periods[3].closeTime'",
    ),
    "google: hours 25": (
        lambda d: formats.from_google(d, zone="UTC"),
        {"periods": [{**GOOD_PERIOD, "closeTime": {"hours": 25}}]},
        "'regularHours.periods[0].closeTime.hours'",
    ),
    "google: 24:30": (
        lambda d: formats.from_google(d, zone="UTC"),
        {"periods": [{**GOOD_PERIOD, "closeTime": {"hours": 24, "minutes": 30}}]},
        "'regularHours.periods[0].closeTime.minutes'",
    ),
    "google: opens at 24:00": (
        lambda d: formats.from_google(d, zone="UTC"),
        {"periods": [{**GOOD_PERIOD, "openTime": {"hours": 24}}]},
        "'regularHours.periods[0].openTime.hours'",
    ),
    "google: seconds": (
        lambda d: formats.from_google(d, zone="UTC"),
        {"periods": [{**GOOD_PERIOD, "openTime": {"hours": 9, "seconds": 30}}]},
        "'regularHours.periods[0].openTime.seconds'",
    ),
    "google: minutes as text": (
        lambda d: formats.from_google(d, zone="UTC"),
        {"periods": [{**GOOD_PERIOD, "openTime": {"hours": 9, "minutes": "30"}}]},
        "'regularHours.periods[0].openTime.minutes'",
    ),
    "google: close before open, same day": (
        lambda d: formats.from_google(d, zone="UTC"),
        {"periods": [{**GOOD_PERIOD, "openTime": {"hours": 22}, "closeTime": {"hours": 2}}]},
        "'regularHours.periods[0].closeTime'",
    ),
    "google: special not an object": (
        lambda d: formats.from_google({"periods": []}, d, zone="UTC"),
        [],
        "'specialHours'",
    ),
    "google: special date missing": (
        lambda d: formats.from_google({"periods": []}, d, zone="UTC"),
        {"specialHourPeriods": [{"closed": True}]},
        "'specialHours.specialHourPeriods[0].startDate'",
    ),
    "google: special date not a day": (
        lambda d: formats.from_google({"periods": []}, d, zone="UTC"),
        {"specialHourPeriods": [{"startDate": {"year": 2026, "month": 2, "day": 30}, "closed": True}]},
        "'specialHours.specialHourPeriods[0].startDate'",
    ),
    "google: special closed as text": (
        lambda d: formats.from_google({"periods": []}, d, zone="UTC"),
        {"specialHourPeriods": [{"startDate": {"year": 2026, "month": 2, "day": 3}, "closed": "yes"}]},
        "'specialHours.specialHourPeriods[0].closed'",
    ),
    "google: special without times": (
        lambda d: formats.from_google({"periods": []}, d, zone="UTC"),
        {"specialHourPeriods": [{"startDate": {"year": 2026, "month": 2, "day": 3}}]},
        "'specialHours.specialHourPeriods[0].openTime'",
    ),
    "google: special two days long": (
        lambda d: formats.from_google({"periods": []}, d, zone="UTC"),
        {
            "specialHourPeriods": [
                {
                    "startDate": {"year": 2026, "month": 2, "day": 3},
                    "endDate": {"year": 2026, "month": 2, "day": 5},
                    "openTime": "09:00",
                    "closeTime": "10:00",
                }
            ]
        },
        "'specialHours.specialHourPeriods[0].endDate'",
    ),
    "schema.org: day name": (
        lambda d: formats.from_schema_org(d, "UTC"),
        [{"dayOfWeek": "Mon", "opens": "09:00", "closes": "17:00"}],
        "'openingHoursSpecification[0].dayOfWeek'",
    ),
    "schema.org: day in a list": (
        lambda d: formats.from_schema_org(d, "UTC"),
        {"openingHoursSpecification": [{"dayOfWeek": ["Monday", 2], "opens": "09:00", "closes": "17:00"}]},
        "'openingHoursSpecification[0].dayOfWeek[1]'",
    ),
    "schema.org: missing closes": (
        lambda d: formats.from_schema_org(d, "UTC"),
        {"dayOfWeek": "Monday", "opens": "09:00"},
        "'openingHoursSpecification.closes'",
    ),
    "schema.org: bad validFrom": (
        lambda d: formats.from_schema_org(d, "UTC"),
        [{"opens": "09:00", "closes": "10:00", "validFrom": "24.12.2026"}],
        "'openingHoursSpecification[0].validFrom'",
    ),
    "schema.org: validThrough before validFrom": (
        lambda d: formats.from_schema_org(d, "UTC"),
        [{"opens": "09:00", "closes": "10:00", "validFrom": "2026-12-24", "validThrough": "2026-12-23"}],
        "'openingHoursSpecification[0].validThrough'",
    ),
    "schema.org: text form": (
        lambda d: formats.from_schema_org(d, "UTC"),
        {"openingHours": ["Mo-Fr 09:00-17:00", "Sa 10-14 o'clock"]},
        "'openingHours[1]'",
    ),
    "schema.org: text with PH": (
        lambda d: formats.from_schema_org(d, "UTC"),
        {"openingHours": "PH off"},
        "'openingHours'",
    ),
    "schema.org: a number": (lambda d: formats.from_schema_org(d, "UTC"), 42, "'openingHoursSpecification'"),
    "ical: not a calendar": (lambda d: formats.from_ical(d, "UTC"), "hello", "'ical'"),
    "ical: biweekly": (
        lambda d: formats.from_ical(d),
        CALENDAR_APP.replace("FREQ=WEEKLY;UNTIL", "FREQ=WEEKLY;INTERVAL=2;UNTIL"),
        "'VEVENT[2].RRULE.INTERVAL'",
    ),
    "ical: count": (
        lambda d: formats.from_ical(d),
        CALENDAR_APP.replace("RRULE:FREQ=WEEKLY\r\n", "RRULE:FREQ=WEEKLY;COUNT=5\r\n", 1),
        "'VEVENT[1].RRULE.COUNT'",
    ),
    "ical: monthly": (
        lambda d: formats.from_ical(d),
        CALENDAR_APP.replace("RRULE:FREQ=WEEKLY\r\n", "RRULE:FREQ=MONTHLY\r\n", 1),
        "'VEVENT[1].RRULE.FREQ'",
    ),
    "ical: nth weekday": (
        lambda d: formats.from_ical(d),
        CALENDAR_APP.replace("BYDAY=MO,TU", "BYDAY=1MO,TU"),
        "'VEVENT[0].RRULE.BYDAY'",
    ),
    "ical: exdate": (
        lambda d: formats.from_ical(d),
        CALENDAR_APP.replace("DURATION:PT4H", "DURATION:PT4H\r\nEXDATE;TZID=Europe/Berlin:20260109T220000"),
        "'VEVENT[1].EXDATE'",
    ),
    "ical: another zone": (
        lambda d: formats.from_ical(d, "America/New_York"),
        CALENDAR_APP,
        "'VEVENT[0].DTSTART'",
    ),
    "ical: no end": (
        lambda d: formats.from_ical(d),
        CALENDAR_APP.replace("DURATION:PT4H\r\n", ""),
        "'VEVENT[1].DTEND'",
    ),
    "ical: no zone anywhere": (
        lambda d: formats.from_ical(d),
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260105T090000\r\nDTEND:20260105T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "'zone'",
    ),
    "json: not json": (lambda d: formats.load_hours(d, "google", "UTC"), '{"periods": [', "line 1, column"),
    "json: unknown format": (lambda d: formats.load_hours(d, "yelp", "UTC"), "{}", "'format'"),
    "json: not text": (lambda d: formats.load_hours(d, "facebook", "UTC"), b"{}", "'text'"),
    "json: no zone": (lambda d: formats.load_hours(d, "facebook", None), "{}", "'zone'"),
    "google: TimeOfDay field": (
        lambda d: formats.from_google(d, zone="UTC"),
        {"periods": [{**GOOD_PERIOD, "openTime": {"hours": 9, "millis": 1}}]},
        "'regularHours.periods[0].openTime.millis'",
    ),
    "google: date without year": (
        lambda d: formats.from_google({"periods": []}, d, zone="UTC"),
        {"specialHourPeriods": [{"startDate": {"month": 2, "day": 3}, "closed": True}]},
        "'specialHours.specialHourPeriods[0].startDate.year'",
    ),
    "google: special field": (
        lambda d: formats.from_google({"periods": []}, d, zone="UTC"),
        {"specialHourPeriods": [], "periods": []},
        "'specialHours.periods'",
    ),
    "google: special period field": (
        lambda d: formats.from_google({"periods": []}, d, zone="UTC"),
        {"specialHourPeriods": [{"startDate": {"year": 2026, "month": 2, "day": 3}, "isClosed": True}]},
        "'specialHours.specialHourPeriods[0].isClosed'",
    ),
    "google: special closes before it opens": (
        lambda d: formats.from_google({"periods": []}, d, zone="UTC"),
        {
            "specialHourPeriods": [
                {"startDate": {"year": 2026, "month": 2, "day": 3}, "openTime": "22:00", "closeTime": "02:00"}
            ]
        },
        "'specialHours.specialHourPeriods[0].closeTime'",
    ),
    "schema.org: no days": (
        lambda d: formats.from_schema_org(d, "UTC"),
        [{"dayOfWeek": [], "opens": "09:00", "closes": "17:00"}],
        "'openingHoursSpecification[0].dayOfWeek'",
    ),
    "schema.org: seconds": (
        lambda d: formats.from_schema_org(d, "UTC"),
        [{"dayOfWeek": "Monday", "opens": "09:00:30", "closes": "17:00"}],
        "'openingHoursSpecification[0].opens'",
    ),
    "ical: no DTSTART": (
        lambda d: formats.from_ical(d, "UTC"),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTEND:20260105T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "'VEVENT[0].DTSTART'",
    ),
    "ical: date and date-time": (
        lambda d: formats.from_ical(d, "UTC"),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260105\r\nDTEND:20260105T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "'VEVENT[0].DTEND'",
    ),
    "ical: end before start": (
        lambda d: formats.from_ical(d, "UTC"),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20260105T100000Z\r\nDTEND:20260105T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "'VEVENT[0].DTEND'",
    ),
    "ical: all-day end before start": (
        lambda d: formats.from_ical(d, "UTC"),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260105\r\nDTEND;VALUE=DATE:20260104\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "'VEVENT[0].DTEND'",
    ),
    "ical: weekly end before start": (
        lambda d: formats.from_ical(d, "UTC"),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20260105T100000Z\r\nDTEND:20260105T090000Z\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "'VEVENT[0].DTEND'",
    ),
    "ical: until before start": (
        lambda d: formats.from_ical(d, "UTC"),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20260105T100000Z\r\nDTEND:20260105T110000Z\r\nRRULE:FREQ=WEEKLY;UNTIL=20260101T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "'VEVENT[0].RRULE.UNTIL'",
    ),
    "ical: not UTF-8": (lambda d: formats.from_ical(d, "UTC"), b"\xff\xfe", "'ical'"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_documents_name_the_key(case: str) -> None:
    """A malformed document raises InvalidValueError whose message names the bad key path."""
    read, document, path = MALFORMED[case]
    with pytest.raises(pa.InvalidValueError) as caught:
        read(document)
    assert path in str(caught.value)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 30)
    | st.sampled_from(["", "MONDAY", "09:00", "24:00", "mon_1_open", "Monday", "x"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "periods",
                    "openDay",
                    "openTime",
                    "closeDay",
                    "closeTime",
                    "hours",
                    "minutes",
                    "mon_1_open",
                    "mon_1_close",
                    "dayOfWeek",
                    "opens",
                    "closes",
                    "validFrom",
                    "specialHourPeriods",
                    "startDate",
                    "year",
                    "month",
                    "day",
                    "closed",
                    "regularHours",
                    "openingHours",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@given(document=JSON_VALUES, reader=st.sampled_from(["facebook", "google", "schema-org"]))
def test_any_json_answers_or_raises_the_library_error(document: Any, reader: str) -> None:
    """Whatever JSON arrives, a reader answers or raises a PageAvailError, never KeyError or TypeError."""
    try:
        formats.load_hours(json.dumps(document), reader, "UTC")
    except pa.PageAvailError as error:
        assert str(error)


@given(
    text=st.text(max_size=200) | st.sampled_from([CALENDAR_APP[:n] for n in range(0, len(CALENDAR_APP), 97)])
)
def test_any_ical_text_answers_or_raises_the_library_error(text: str) -> None:
    """Whatever text arrives as a calendar, from_ical answers or raises a PageAvailError."""
    try:
        formats.from_ical(text, "UTC")
    except pa.PageAvailError as error:
        assert str(error)


def test_facebook_24_hours_and_midnight() -> None:
    """Equal open and close mean 24 hours; a close at 00:00 or 24:00 means midnight."""
    hours = formats.from_facebook(
        {"wed_1_open": "22:00", "wed_1_close": "22:00", "fri_1_open": "10:00", "fri_1_close": "00:00"}, "UTC"
    )
    assert str(hours) == "We 22:00-22:00, Fr 10:00-24:00"
    assert formats.to_facebook(pa.Schedule.parse("Mo 00:00-24:00", zone="UTC")) == {
        "mon_1_open": "00:00",
        "mon_1_close": "00:00",
    }


def test_google_exports_overnight_and_24_hours() -> None:
    """A stretch past midnight is one period closing the next day; a whole day closes at 24:00."""
    periods = formats.to_google(pa.Schedule.parse("Sa 22:00-02:00; We 00:00-24:00", zone="UTC"))[
        "regularHours"
    ]["periods"]
    assert periods == [
        {
            "openDay": "WEDNESDAY",
            "openTime": {"hours": 0, "minutes": 0},
            "closeDay": "WEDNESDAY",
            "closeTime": {"hours": 24, "minutes": 0},
        },
        {
            "openDay": "SATURDAY",
            "openTime": {"hours": 22, "minutes": 0},
            "closeDay": "SUNDAY",
            "closeTime": {"hours": 2, "minutes": 0},
        },
    ]


def test_ical_in_utc_writes_utc_times() -> None:
    """A schedule in UTC is written with UTC times and no VTIMEZONE, and reads back in UTC."""
    hours = pa.Schedule.parse("Mo 09:00-17:00", zone="UTC")
    start, end = datetime(2026, 11, 30, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
    text = formats.to_ical(hours, start, end)
    assert "DTSTART:20261130T090000Z" in text
    assert "VTIMEZONE" not in text
    back = formats.from_ical(text)
    assert str(back.zone) == "UTC"
    assert back.intervals(start, end) == hours.intervals(start, end)


def test_ical_kinds_of_time() -> None:
    """All-day weekly events open whole days, floating times take the zone, UTC times make a UTC schedule."""
    allday = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260103\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    assert str(formats.from_ical(allday, "Europe/Berlin")) == "Sa 00:00-24:00"
    floating = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20261130T090000\r\nDTEND:20261130T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    assert str(formats.from_ical(floating.encode(), "Europe/Berlin")) == "2026 Nov 30 09:00-10:00"
    utc = floating.replace("090000", "090000Z").replace("100000", "100000Z")
    assert str(formats.from_ical(utc).zone) == "UTC"
    daily = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20261130T090000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=DAILY;BYDAY=SA,SU\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    assert str(formats.from_ical(daily)) == "Sa-Su 09:00-10:00"


def test_schema_org_end_of_day_forms() -> None:
    """closes "23:59:59" and "24:00" end at midnight; 00:00 to 23:59 is the whole day."""
    for closes in ("23:59:59", "24:00", "23:59"):
        hours = formats.from_schema_org({"dayOfWeek": "Monday", "opens": "00:00", "closes": closes}, "UTC")
        assert str(hours) == "Mo 00:00-24:00"
    assert (
        str(formats.from_schema_org({"dayOfWeek": "Monday", "opens": "20:00", "closes": "23:59:59"}, "UTC"))
        == "Mo 20:00-24:00"
    )


def test_export_checks_its_arguments() -> None:
    """Exports refuse what is not a schedule, a bad period, a bad summary or format, each by name."""
    hours = pa.Schedule.parse("Mo-Fr 09:00-17:00; Dec 24 off", zone=BERLIN)
    start, end = datetime(2026, 12, 1, tzinfo=BERLIN), datetime(2026, 12, 8, tzinfo=BERLIN)
    with pytest.raises(pa.InvalidValueError, match="'end' must be a date from start"):
        formats.to_google(hours, date(2026, 1, 1), date(2040, 1, 1))
    with pytest.raises(pa.InvalidValueError, match="'summary'"):
        formats.to_ical(hours, start, end, summary="")
    with pytest.raises(pa.InvalidValueError, match="'schedule'"):
        formats.to_ical("Mo 10:00-12:00", start, end)  # type: ignore[arg-type]
    with pytest.raises(pa.InvalidValueError, match="'schedule'"):
        formats.dump_hours("Mo 10:00-12:00", "google")  # type: ignore[arg-type]
    with pytest.raises(pa.InvalidValueError, match="'format'"):
        formats.dump_hours(hours, "yelp")
    with pytest.raises(pa.InvalidValueError, match="'end' must be an aware datetime or a date"):
        formats.dump_hours(hours, "ical", start)
    # a period in aware datetimes is read as the local dates they fall on
    by_instants = formats.to_schema_org(hours, start, end)
    assert by_instants == formats.to_schema_org(hours, date(2026, 12, 1), date(2026, 12, 8))
    assert formats.dump_hours(hours, "ical", start, end) == formats.dump_hours(
        hours, "ical", date(2026, 12, 1), date(2026, 12, 8)
    )
