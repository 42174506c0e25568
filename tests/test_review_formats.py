"""Hostile inputs for the format readers and writers: each raises the library's error naming the fix."""

from __future__ import annotations

import importlib.util
from datetime import date, datetime, timezone
from typing import Any, Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail import formats
from pageavail.errors import InvalidValueError, PageAvailError

#: The iCalendar tests need the ical extra.
needs_ical = pytest.mark.skipif(importlib.util.find_spec("icalendar") is None, reason="needs the ical extra")


def _calendar(*lines: str, head: tuple = ()) -> str:
    event = ["BEGIN:VEVENT", "UID:1", "DTSTAMP:20260101T000000Z", *lines, "END:VEVENT"]
    return "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//EN", *head, *event, "END:VCALENDAR", ""]
    )


def _refused(call: Callable[[], Any], fragment: str) -> str:
    with pytest.raises(PageAvailError) as caught:
        call()
    message = str(caught.value)
    assert fragment in message, message
    assert "\n" not in message, message
    assert "could not be read" not in message, message
    return message


def test_a_json_number_too_long_to_read_is_the_librarys_error() -> None:
    text = '{"periods": [{"openDay": "MONDAY", "openTime": {"hours": ' + "9" * 5000 + "}}]}"
    with pytest.raises(InvalidValueError, match="'text' must be a JSON document"):
        formats.load_hours(text, "google", "UTC")


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(9996, 12, 1), date(9999, 12, 31)),
        (date(1, 1, 1), date(5, 1, 1)),
        (date(3, 12, 30), date(4, 1, 5)),
    ],
)
def test_a_period_past_the_supported_dates_is_refused_by_name(start: date, end: date) -> None:
    schedule = pa.Schedule.parse("Mo-Fr 09:00-17:00; PH off", zone="UTC", holidays="DE-BE")
    for write in (formats.to_google, formats.to_schema_org):
        _refused(lambda write=write: write(schedule, start, end), "0004-01-01")


def test_a_period_up_to_the_last_supported_instant_is_written() -> None:
    schedule = pa.Schedule.parse("Mo-Fr 09:00-17:00; Dec 25 off", zone="UTC")
    end = datetime(9997, 1, 1, tzinfo=timezone.utc)
    special = formats.to_google(schedule, datetime(9996, 12, 1, tzinfo=timezone.utc), end)["specialHours"]
    assert special["specialHourPeriods"] == [
        {"startDate": {"year": 9996, "month": 12, "day": 25}, "closed": True}
    ]
    assert formats.to_google(schedule, date(9996, 12, 1), date(9997, 1, 1))["specialHours"] == special
    first = formats.to_google(schedule, date(4, 1, 1), date(4, 1, 8))
    assert first["specialHours"] == {"specialHourPeriods": []}


def test_a_special_period_on_the_last_day_of_the_calendar_is_refused_by_name() -> None:
    period = {
        "startDate": {"year": 9999, "month": 12, "day": 31},
        "endDate": {"year": 9999, "month": 12, "day": 31},
        "openTime": "22:00",
        "closeTime": "24:00",
    }
    schedule = formats.from_google({"periods": []}, {"specialHourPeriods": [period]}, zone="UTC")
    assert str(schedule) == "9999 Dec 31 off, 9999 Dec 31 22:00-24:00"
    late = dict(period, endDate={"year": 10000 - 1, "month": 12, "day": 30})
    _refused(
        lambda: formats.from_google({"periods": []}, {"specialHourPeriods": [late]}, zone="UTC"),
        "specialHourPeriods[0].endDate",
    )


@pytest.mark.parametrize(
    "text", ["2026-01-01garbage", "20260101", "2026-W01-1", "2026-001", "２０２６-01-01"]
)
def test_schema_org_dates_are_iso_dates_on_every_python(text: str) -> None:
    spec = {"opens": "09:00", "closes": "17:00", "validFrom": text}
    _refused(lambda: formats.from_schema_org(spec, "UTC"), "validFrom")


@pytest.mark.parametrize("text", ["2026-01-01", "2026-01-01T10:00:00+05:00", "2026-01-01 10:00"])
def test_schema_org_dates_and_date_times_are_read(text: str) -> None:
    spec = {"opens": "09:00", "closes": "17:00", "validFrom": text, "validThrough": "2026-01-02"}
    assert str(formats.from_schema_org(spec, "UTC")).startswith("2026 Jan 01-2026 Jan 02")


_WEEKLY = ("DTSTART;TZID=Europe/Berlin:20260105T090000", "DTEND;TZID=Europe/Berlin:20260105T170000")


@needs_ical
@pytest.mark.parametrize(
    ("lines", "fragment"),
    [
        ((*_WEEKLY, "RRULE:FREQ=WEEKLY;INTERVAL=x"), "VEVENT[0].RRULE"),
        (("DTSTART:20260105T090000Z", "DURATION:P99999999W"), "VEVENT[0].DURATION"),
        (("DTSTART:", "DTEND:20260105T100000Z"), "VEVENT[0].DTSTART"),
        (("DTSTART:20260105T090000Z", "DTEND:"), "VEVENT[0].DTEND"),
        (("DTSTART;VALUE=DATE:99991231",), "VEVENT[0].DTSTART"),
        (("DTSTART;VALUE=DATE:00010101",), "VEVENT[0].DTSTART"),
    ],
)
def test_ical_values_the_library_cannot_take_are_named(lines: tuple, fragment: str) -> None:
    _refused(lambda: formats.from_ical(_calendar(*lines), "UTC"), fragment)


@needs_ical
def test_a_weekly_series_until_the_end_of_the_calendar_holds_to_the_end() -> None:
    text = _calendar(*_WEEKLY, "RRULE:FREQ=WEEKLY;UNTIL=99961231T235959Z")
    berlin = pa.schedule.ZoneInfo("Europe/Berlin")
    last_monday = datetime(9996, 12, 30, 10, tzinfo=berlin)
    assert formats.from_ical(text).is_open(last_monday)
    late = _calendar(*_WEEKLY, "RRULE:FREQ=WEEKLY;UNTIL=99991231T235959Z")
    assert formats.from_ical(late).is_open(last_monday)
    assert not formats.from_ical(late).is_open(datetime(2026, 1, 4, 10, tzinfo=berlin))


@needs_ical
def test_an_unreadable_calendar_is_told_on_one_line() -> None:
    text = _calendar("DTSTART:20260105T090000Z", "DTEND:20260105T100000Z")
    _refused(lambda: formats.from_ical(text + text, "UTC"), "'ical' must be an iCalendar text")


@needs_ical
def test_a_calendar_zone_not_in_the_database_says_where_it_came_from() -> None:
    lines = ("DTSTART;TZID=Mars/Olympus:20260105T090000", "DTEND;TZID=Mars/Olympus:20260105T170000")
    message = _refused(lambda: formats.from_ical(_calendar(*lines)), "VEVENT[0].DTSTART")
    assert "'Mars/Olympus'" in message
    assert "zone=" in message
    head = ("X-WR-TIMEZONE:Nope/Nope",)
    _refused(
        lambda: formats.from_ical(_calendar("DTSTART:20260105T090000Z", "DTEND:20260105T100000Z", head=head)),
        "X-WR-TIMEZONE",
    )
    # with the zone given, a time in a zone nobody defines is not read as a wall time of that zone
    _refused(lambda: formats.from_ical(_calendar(*lines), "UTC"), "'VEVENT[0].DTSTART' must be in a zone")
    weekly = (*lines, "RRULE:FREQ=WEEKLY")
    _refused(lambda: formats.from_ical(_calendar(*weekly), "UTC"), "'VEVENT[0].DTSTART' must be in a zone")


@needs_ical
def test_a_zone_the_calendar_defines_is_read_at_its_instants() -> None:
    head = (
        "BEGIN:VTIMEZONE",
        "TZID:Custom",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0300",
        "TZOFFSETTO:+0300",
        "END:STANDARD",
        "END:VTIMEZONE",
    )
    lines = ("DTSTART;TZID=Custom:20260105T090000", "DTEND;TZID=Custom:20260105T170000")
    assert str(formats.from_ical(_calendar(*lines, head=head), "UTC")) == "2026 Jan 05 06:00-14:00"


_ICAL_VALUES = st.sampled_from(
    [
        "DTSTART:20260105T090000Z",
        "DTSTART;TZID=Europe/Berlin:20260329T023000",
        "DTSTART;VALUE=DATE:20261224",
        "DTSTART;VALUE=DATE:99991231",
        "DTSTART:00010101T000000Z",
        "DTSTART:",
        "DTSTART;TZID=Nowhere:20260105T090000",
        "DTSTART;TZID=Australia/Lord_Howe:20261004T020000",
        "DTSTART;TZID=America/Santiago:20260906T000000",
        "DTEND:20260105T170000Z",
        "DTEND;VALUE=DATE:20261226",
        "DTEND:",
        "DTEND;TZID=Europe/Berlin:20261025T023000",
        "DTEND;TZID=America/New_York:20261101T013000",
        "DURATION:PT8H",
        "DURATION:-PT1H",
        "DURATION:P99999999W",
        "DURATION:x",
        "RRULE:FREQ=WEEKLY",
        "RRULE:FREQ=DAILY;UNTIL=99991231T235959Z",
        "RRULE:FREQ=WEEKLY;INTERVAL=x",
        "RRULE:FREQ=WEEKLY;BYDAY=MO,XX",
        "RRULE:FREQ=WEEKLY;UNTIL=00010101",
        "RRULE:FREQ=MONTHLY",
        "RRULE:",
        "RRULE:FREQ=WEEKLY;COUNT=2",
        "EXDATE:20260112T090000Z",
        "STATUS:CANCELLED",
        "X-WR-TIMEZONE:Mars/X",
    ]
)


@needs_ical
@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_ICAL_VALUES, max_size=5), zone=st.sampled_from([None, "UTC", "Europe/Berlin"]))
def test_any_ical_event_is_read_or_refused_on_one_line(lines: list, zone: Any) -> None:
    """Whatever the event holds, the reader gives a schedule or the library's one-line error."""
    try:
        schedule = formats.from_ical(_calendar(*lines), zone)
    except PageAvailError as error:
        assert "\n" not in str(error), str(error)
        assert "could not be read" not in str(error), str(error)
    else:
        start = datetime(2026, 1, 1, tzinfo=schedule.zone)
        schedule.intervals(start, datetime(2027, 1, 1, tzinfo=schedule.zone))


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(date(1, 1, 1), date(9999, 12, 31)),
    days=st.integers(-3, 4000),
    zone=st.sampled_from(["UTC", "Pacific/Kiritimati", "America/Santiago", "Australia/Lord_Howe"]),
)
def test_any_period_is_written_or_refused_by_name(start: date, days: int, zone: str) -> None:
    schedule = pa.Schedule.parse("Mo-Fr 09:00-17:00; Dec 25 off; easter off", zone=zone)
    try:
        end = date.fromordinal(min(max(start.toordinal() + days, 1), date.max.toordinal()))
    except ValueError:  # pragma: no cover
        return
    for write in (formats.to_google, formats.to_schema_org):
        try:
            write(schedule, start, end)
        except PageAvailError as error:
            assert "'start'" in str(error) or "'end'" in str(error), str(error)


@pytest.mark.parametrize(
    "texts",
    [["Mo-Fr 09:00-17:00", "We off"], ["Sa 10:00-12:00", "Mo-Fr 09:00-17:00; Mo 08:00-09:00"]],
)
def test_a_list_of_opening_hours_strings_adds_up_in_any_order(texts: list) -> None:
    """A string of a list that closes or replaces would make the order matter: refused, naming it."""
    for order in (texts, texts[::-1]):
        index = order.index(texts[1])
        _refused(lambda order=order: formats.from_schema_org(order, "UTC"), f"'openingHours[{index}]'")
    one = formats.from_schema_org("; ".join(texts), "UTC")  # one string: response-hours text
    assert str(one) == "; ".join(texts)


@given(
    st.permutations(
        ["Mo,We 09:00-12:00", "Mo 14:00-18:00, Tu 08:00-09:00", "Sa 22:00-02:00", "Su 01:00-05:00"]
    )
)
def test_the_strings_of_a_list_give_the_same_hours_in_any_order(texts: list) -> None:
    start = datetime(2026, 3, 23, tzinfo=timezone.utc)
    end = datetime(2026, 3, 30, tzinfo=timezone.utc)
    reference = formats.from_schema_org(sorted(texts), "UTC").intervals(start, end)
    assert formats.from_schema_org(texts, "UTC").intervals(start, end) == reference


@needs_ical
def test_a_calendar_of_many_long_events_is_refused_quickly() -> None:
    """Each day of each single event costs: a small file of long events must not take minutes."""

    events = []
    for index in range(40):
        events += [
            "BEGIN:VEVENT",
            f"UID:{index}",
            "DTSTAMP:20260101T000000Z",
            f"DTSTART:202001{index % 28 + 1:02d}T090000Z",
            "DTEND:20300101T000000Z",
            "END:VEVENT",
        ]
    text = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//EN", *events, "END:VCALENDAR", ""])
    _refused(lambda: formats.from_ical(text, "UTC"), "VEVENT[27]")
    one = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//EN", *events[:6], "END:VCALENDAR", ""])
    assert formats.from_ical(one, "UTC").is_open(datetime(2029, 12, 31, 23, tzinfo=timezone.utc))


def test_schema_org_days_in_json_ld_node_form_are_read() -> None:
    spec = {"dayOfWeek": {"@id": "https://schema.org/Monday"}, "opens": "09:00", "closes": "17:00"}
    assert str(formats.from_schema_org(spec, "UTC")) == "Mo 09:00-17:00"
    listed = dict(spec, dayOfWeek=[{"@id": "schema:Tuesday"}, "Wednesday"])
    assert str(formats.from_schema_org(listed, "UTC")) == "Tu-We 09:00-17:00"
    for bad in (5, {"name": "Monday"}, {"@id": "Funday"}):
        _refused(
            lambda bad=bad: formats.from_schema_org(dict(spec, dayOfWeek=bad), "UTC"),
            "'openingHoursSpecification.dayOfWeek' must be a day",
        )


def test_schema_org_json_ld_graph_and_objects_without_hours() -> None:
    business = {"@type": "Bakery", "openingHours": "Mo-Fr 09:00-17:00"}
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebSite"}, business]}
    assert str(formats.from_schema_org(graph, "UTC")) == "Mo-Fr 09:00-17:00"
    _refused(lambda: formats.from_schema_org({"@graph": [business, business]}, "UTC"), "'@graph'")
    _refused(lambda: formats.from_schema_org({"@graph": []}, "UTC"), "'@graph'")
    message = _refused(lambda: formats.from_schema_org({"@type": "Bakery"}, "UTC"), "LocalBusiness")
    assert "'@type'" in message
