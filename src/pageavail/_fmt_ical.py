"""iCalendar (RFC 5545): a period's open intervals as events, and weekly or single events read back.

Needs the ``ical`` extra (the ``icalendar`` package), imported only when a
calendar is read or written.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone
from typing import Any, Dict, List, Tuple

import attrs

from ._fmt_common import (
    _DAY,
    _END_DATE,
    _FIRST_DATE,
    _WEEK,
    MAX_SPECIAL_DAYS,
    Span,
    _bad,
    _day_range,
    _guarded,
    _merge,
    _refuse_unknown,
    _schedule,
    _weekly_rules,
)
from ._selectors import HoursRule, TimeSpan
from ._time import ZoneInfo, offset_pieces, resolve_zone, utc_seconds
from .errors import InvalidValueError, PageAvailError, UnknownZoneError
from .schedule import Schedule

_ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _icalendar() -> Any:
    """The ``icalendar`` module, or the library's error naming the extra that brings it."""
    try:
        import icalendar
    except ImportError:
        raise PageAvailError(
            "calendar files need the icalendar package: pip install 'pageavail[ical]'"
        ) from None
    return icalendar


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def to_ical(schedule: Schedule, start: datetime, end: datetime, summary: str = "Response hours") -> str:
    """The open intervals of ``[start, end)`` as an iCalendar (RFC 5545) text, one event each.

    Each ``VEVENT`` has ``DTSTART`` and ``DTEND`` with the schedule's ``TZID``
    (a ``VTIMEZONE`` lists the zone's offsets over the period), or in UTC where
    the wall time is repeated by a DST fold and would be ambiguous (and for
    schedules in UTC). ``UID`` is
    made from the zone and the interval and ``DTSTAMP`` is *start*, so exporting
    the same period again gives the same text. Needs the ``ical`` extra.

    Raises:
        NaiveDatetimeError: *start* or *end* has no zone.
        InvalidValueError: as :meth:`~pageavail.Schedule.intervals`, or *summary* is not text.
        PageAvailError: the ``icalendar`` package is not installed.
        UnexpressibleError: the schedule has unknown times (``10:00+``, ``unknown``,
            a comment alone): an event is open time, nothing else.

    Examples:
        >>> from datetime import datetime
        >>> berlin = ZoneInfo("Europe/Berlin")
        >>> text = to_ical(Schedule.parse("Mo-Fr 09:00-17:00", zone=berlin),
        ...                datetime(2026, 11, 30, tzinfo=berlin), datetime(2026, 12, 1, tzinfo=berlin))
        >>> [line for line in text.splitlines() if line.startswith("DTSTART;")]
        ['DTSTART;TZID=Europe/Berlin:20261130T090000']
    """
    ical = _icalendar()
    if not isinstance(schedule, Schedule):
        raise _bad("schedule", "a Schedule", schedule)
    if not isinstance(summary, str) or not summary.strip() or len(summary) > 1000:
        raise _bad("summary", "a short, non-empty text", summary)
    _refuse_unknown(schedule, "an iCalendar export")
    intervals = schedule.intervals(start, end)
    zone = schedule.zone
    key = str(zone.key)
    calendar = ical.Calendar()
    calendar.add("prodid", "-//pageavail//response hours//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-timezone", key)
    stamp = start.astimezone(timezone.utc).replace(microsecond=0)
    if intervals and key != "UTC":
        calendar.add_component(_vtimezone(ical, zone, intervals[0].start, intervals[-1].end))
    for interval in intervals:
        first = interval.start.astimezone(timezone.utc).replace(microsecond=0)
        last = interval.end.astimezone(timezone.utc).replace(microsecond=0)
        event = ical.Event()
        digest = hashlib.sha256(f"{key} {first.isoformat()} {last.isoformat()}".encode()).hexdigest()
        event.add("uid", f"{digest[:32]}@pageavail")
        event.add("dtstamp", stamp)
        _add_time(event, "dtstart", interval.start.astimezone(zone), key)
        _add_time(event, "dtend", interval.end.astimezone(zone), key)
        event.add("summary", summary)
        calendar.add_component(event)
    return str(calendar.to_ical().decode("utf-8"))


def _add_time(event: Any, name: str, local: datetime, key: str) -> None:
    """A date-time in the zone's wall clock, or in UTC when that wall time happens twice."""
    if key != "UTC" and local.replace(fold=1 - local.fold).utcoffset() == local.utcoffset():
        event.add(name, local.replace(tzinfo=None, microsecond=0), parameters={"TZID": key})
    else:
        event.add(name, local.astimezone(timezone.utc).replace(microsecond=0))


def _vtimezone(ical: Any, zone: ZoneInfo, first: datetime, last: datetime) -> Any:
    """A ``VTIMEZONE`` with one observance per offset the zone has from *first* to *last*."""
    component = ical.Timezone()
    component.add("tzid", str(zone.key))
    lo = utc_seconds(first) - 86_400
    hi = utc_seconds(last, end=True) + 86_400
    pieces = offset_pieces(zone, lo, hi)
    for index, (instant, offset) in enumerate(pieces):
        before = pieces[index - 1][1] if index else offset
        at = (_EPOCH + timedelta(seconds=instant)).astimezone(zone)
        observance = ical.TimezoneDaylight() if at.dst() else ical.TimezoneStandard()
        wall = (_EPOCH + timedelta(seconds=instant + before)).replace(tzinfo=None)
        observance.add("dtstart", wall)
        observance.add("tzoffsetfrom", timedelta(seconds=before))
        observance.add("tzoffsetto", timedelta(seconds=offset))
        name = at.tzname()
        if name:
            observance.add("tzname", name)
        component.add_component(observance)
    return component


def from_ical(text: Any, zone: Any = None) -> Schedule:
    """Response hours from an iCalendar (RFC 5545) text: weekly availability and single events.

    * An event with ``RRULE:FREQ=WEEKLY`` (or ``DAILY``), ``INTERVAL`` 1, with
      or without ``BYDAY``, becomes weekly hours from its ``DTSTART`` wall time
      for the length from ``DTSTART`` to ``DTEND`` (or ``DURATION``), in wall-clock
      time. Without ``UNTIL`` the hours hold every week (before ``DTSTART`` too);
      with ``UNTIL`` they hold from the date of ``DTSTART`` to that of ``UNTIL``.
      ``COUNT``, other ``BY…`` parts, ``RDATE``, ``EXDATE`` and
      ``RECURRENCE-ID`` are refused.
    * An event without ``RRULE`` opens the wall times its instants have, on its
      dates (an all-day event opens whole days). This reads back what
      :func:`to_ical` writes.

    Events add up; cancelled events (``STATUS:CANCELLED``) are left out. Times
    are taken to the minute (starts rounded down, ends up). Needs the ``ical``
    extra.

    Args:
        text: the ``.ics`` text (or its UTF-8 bytes).
        zone: the schedule's zone; None takes ``X-WR-TIMEZONE``, else the first
            ``TZID`` of an event, else UTC for UTC times. Weekly events must be in
            this zone (or floating).

    Raises:
        InvalidValueError: the text is not iCalendar, or an event cannot be read
            as response hours (the message names it: ``VEVENT[2].RRULE.COUNT``).
        UnknownZoneError: the zone is not an IANA zone.
        PageAvailError: the ``icalendar`` package is not installed.

    Examples:
        >>> ics = "\\r\\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//EN", "BEGIN:VEVENT",
        ...     "UID:1", "DTSTAMP:20260101T000000Z", "DTSTART;TZID=Europe/Berlin:20260105T090000",
        ...     "DTEND;TZID=Europe/Berlin:20260105T170000", "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        ...     "END:VEVENT", "END:VCALENDAR", ""])
        >>> str(from_ical(ics))
        'Mo-Fr 09:00-17:00'
    """
    ical = _icalendar()
    return _guarded("ical", lambda: _from_ical(ical, text, zone))


def _from_ical(ical: Any, text: Any, zone: Any) -> Schedule:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise _bad("ical", "UTF-8 text", text) from None
    if not isinstance(text, str) or not text.strip():
        raise _bad("ical", "the text of an iCalendar file", text)
    try:
        calendar = ical.Calendar.from_ical(text)
        events = list(calendar.walk("VEVENT"))
    except Exception as error:  # the parser raises ValueError and others for text it cannot read
        said = " ".join(str(error).split())  # one line: the parser quotes the text it stopped at
        said = said if len(said) <= 200 else said[:200] + "…"
        raise InvalidValueError(f"'ical' must be an iCalendar text: {said} (got {text[:60]!r})") from None
    for index, event in enumerate(events):
        _readable(event, f"VEVENT[{index}]")
    if zone is None:
        zone, where = _ical_zone(calendar, events)
        try:
            tz = resolve_zone(zone)
        except UnknownZoneError:
            raise UnknownZoneError(
                f"the calendar's zone {zone[:80]!r} ({where}) is not an IANA zone name; "
                f"pass the zone its times are in, e.g. zone='Europe/Berlin'"
            ) from None
    else:
        tz = resolve_zone(zone)
    weekly: List[Span] = []
    bounded: List[HoursRule] = []
    dated: Dict[date, List[Span]] = {}
    spent = [0]  # days opened by single events so far
    for index, event in enumerate(events):
        path = f"VEVENT[{index}]"
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        for name in _REFUSED:
            if name in event:
                raise _bad(f"{path}.{name}", "absent (only whole weekly series are read)", str(event[name]))
        if "DTSTART" not in event:
            raise _bad(f"{path}.DTSTART", "given", None)
        start = event["DTSTART"].dt
        if not isinstance(start, (date, datetime)):
            raise _bad(f"{path}.DTSTART", "a date or a date-time", str(start))
        if not isinstance(start, datetime) and not _FIRST_DATE <= start < _END_DATE:
            rule = f"a date from {_FIRST_DATE} up to, not including, {_END_DATE} (the supported dates)"
            raise _bad(f"{path}.DTSTART", rule, str(start))
        for name in ("DTSTART", "DTEND"):
            _known_zone(event, name, tz, path)
        if "RRULE" in event:
            _ical_weekly(event, start, tz, path, weekly, bounded)
        else:
            _ical_single(event, start, tz, path, dated, spent)
    rules = _weekly_rules(weekly) + bounded + _dated_adds(dated)
    return _schedule(rules, tz)


#: The properties read from an event, and what each must be.
_READ = {
    "DTSTART": "a date or a date-time",
    "DTEND": "a date or a date-time",
    "DURATION": "a duration such as PT8H",
    "RRULE": "a recurrence rule such as FREQ=WEEKLY;BYDAY=MO,TU",
}


#: The properties whose presence makes an event unreadable here.
_REFUSED = ("RDATE", "EXDATE", "RECURRENCE-ID")


def _readable(event: Any, path: str) -> None:
    """Refuse a property the parser could not read: ``icalendar`` 7 keeps it as text
    (``vBroken``); 6 and earlier leave it out and list it in the event's ``errors``."""
    for name, message in getattr(event, "errors", None) or ():
        name = str(name).upper()
        if name not in _READ and name not in _REFUSED:
            continue  # a property the reader never reads (DTSTAMP, SUMMARY, …)
        rule = _READ.get(name, "absent (only whole weekly series are read)")
        reason = " ".join(str(message).split())[:120]
        raise InvalidValueError(f"'{path}.{name}' must be {rule} (the parser said: {reason})")
    for name, rule in _READ.items():
        value = event.get(name)
        if isinstance(value, list):  # the property given more than once
            raise _bad(f"{path}.{name}", "given once", ", ".join(str(item) for item in value)[:120])
        if value is not None and type(value).__name__ == "vBroken":
            reason = " ".join(str(getattr(value, "parse_error", "")).split())[:120]
            raise _bad(f"{path}.{name}", f"{rule} ({reason})" if reason else rule, str(value))


def _known_zone(event: Any, name: str, tz: ZoneInfo, path: str) -> None:
    """Refuse a time whose TZID neither the zone database nor a VTIMEZONE of the calendar defines
    (the parser leaves it without a zone, and it would silently read as a wall time of *tz*)."""
    prop = event.get(name)
    value = getattr(prop, "dt", None)
    tzid = prop.params.get("TZID") if prop is not None else None
    if isinstance(value, datetime) and value.tzinfo is None and tzid is not None and str(tzid) != tz.key:
        raise _bad(
            f"{path}.{name}",
            "in a zone of the IANA database or one a VTIMEZONE of the calendar defines",
            f"TZID={str(tzid)[:80]}",
        )


def _ical_zone(calendar: Any, events: List[Any]) -> Tuple[str, str]:
    """The zone the calendar names, and where it names it."""
    if "X-WR-TIMEZONE" in calendar:
        return str(calendar["X-WR-TIMEZONE"]), "X-WR-TIMEZONE"
    for index, event in enumerate(events):
        if "DTSTART" in event and "TZID" in event["DTSTART"].params:
            return str(event["DTSTART"].params["TZID"]), f"the TZID of VEVENT[{index}].DTSTART"
    for event in events:
        start = event["DTSTART"].dt if "DTSTART" in event else None
        if isinstance(start, datetime) and start.tzinfo is not None and start.utcoffset() == timedelta(0):
            return "UTC", "UTC times"
    raise _bad("zone", "an IANA zone name: the calendar names none (no X-WR-TIMEZONE or TZID)", None)


def _ical_end(event: Any, start: Any, path: str) -> Any:
    """The event's end: ``DTEND``, or ``DTSTART`` plus ``DURATION``, or the next day for an all-day event."""
    if "DTEND" in event:
        end = event["DTEND"].dt
        if isinstance(end, datetime) != isinstance(start, datetime):
            raise _bad(f"{path}.DTEND", "of the same kind as DTSTART (a date or a date-time)", str(end))
        return end
    if "DURATION" in event:
        duration = event["DURATION"].dt
        if not isinstance(duration, timedelta):
            raise _bad(f"{path}.DURATION", "a duration", duration)
        try:
            return start + duration
        except OverflowError:
            raise _bad(
                f"{path}.DURATION", f"a duration of at most {MAX_SPECIAL_DAYS} days", str(duration)
            ) from None
    if isinstance(start, datetime):
        raise _bad(f"{path}.DTEND", "given (or DURATION): an event without an end opens no time", None)
    return start + timedelta(days=1)


def _wall(value: Any, tz: ZoneInfo, path: str, params: Any = None) -> datetime:
    """A date-time's wall clock in the schedule's zone, for weekly events (which must be in that zone)."""
    if value.tzinfo is None:
        return value  # type: ignore[no-any-return]
    key = getattr(value.tzinfo, "key", None)
    tzid = params.get("TZID") if params is not None else None
    if tz.key in (key, None if tzid is None else str(tzid)) or (
        tz.key == "UTC" and value.utcoffset() == timedelta(0)
    ):
        return value.replace(tzinfo=None)  # type: ignore[no-any-return]
    raise _bad(
        path, f"a time in the schedule's zone {tz.key!r} (weekly hours are wall times of one zone)", value
    )


def _ical_weekly(
    event: Any, start: Any, tz: ZoneInfo, path: str, weekly: List[Span], bounded: List[HoursRule]
) -> None:
    rule = event["RRULE"]
    for part in rule:
        if part not in ("FREQ", "INTERVAL", "BYDAY", "UNTIL", "WKST"):
            raise _bad(
                f"{path}.RRULE.{part}",
                "absent (weekly hours have FREQ, INTERVAL 1, BYDAY, UNTIL)",
                rule[part],
            )
    freq = [str(f).upper() for f in rule.get("FREQ", [])]
    if freq not in (["WEEKLY"], ["DAILY"]):
        raise _bad(f"{path}.RRULE.FREQ", "WEEKLY or DAILY", rule.get("FREQ"))
    if [int(i) for i in rule.get("INTERVAL", [1])] != [1]:
        raise _bad(
            f"{path}.RRULE.INTERVAL", "1 (every week: week numbers are not supported)", rule["INTERVAL"]
        )
    end = _ical_end(event, start, path)
    if isinstance(start, datetime):
        first = _wall(start, tz, f"{path}.DTSTART", event["DTSTART"].params)
        last = _wall(end, tz, f"{path}.DTEND", event["DTEND"].params if "DTEND" in event else None)
        begin = first.hour * 60 + first.minute
        length = -(-((last - first) // timedelta(seconds=1) + first.second) // 60)
        day = first.date()
    else:
        begin, length, day = 0, (end - start).days * _DAY, start
    if not 0 < length <= _WEEK:
        raise _bad(f"{path}.DTEND", "after DTSTART, within a week of it", str(end))
    days: List[int] = []
    for item in rule.get("BYDAY", []):
        name = str(item).upper()
        if name not in _ICAL_DAYS:
            raise _bad(f"{path}.RRULE.BYDAY", "days such as MO or SU (no ordinals)", str(item))
        days.append(_ICAL_DAYS.index(name) + 1)
    if not days:
        days = list(range(1, 8)) if freq == ["DAILY"] else [day.isoweekday()]
    if "UNTIL" not in rule:
        weekly += [((d - 1) * _DAY + begin, (d - 1) * _DAY + begin + length) for d in days]
        return
    until = rule["UNTIL"][0]
    if isinstance(until, datetime):
        try:
            until = until.astimezone(tz).date() if until.tzinfo is not None else until.date()
        except OverflowError:  # past the calendar's end in the zone: the series holds to the end
            until = until.date()
    if not isinstance(until, date) or until < day:
        raise _bad(f"{path}.RRULE.UNTIL", f"a date on or after DTSTART ({day})", until)
    intervals = [((d - 1) * _DAY + begin, (d - 1) * _DAY + begin + length) for d in days]
    for rule_ in _weekly_rules(intervals):
        bounded.append(attrs.evolve(rule_, dates=(_day_range(day, until),)))


#: The most days single events may open in all (each day of each event counts), so that a
#: calendar of many long events is refused rather than read for minutes.
MAX_EVENT_DAYS = 100_000


def _spend(spent: List[int], days: int, path: str) -> None:
    spent[0] += days
    if spent[0] > MAX_EVENT_DAYS:
        raise _bad(
            path,
            f"within {MAX_EVENT_DAYS:,} days of single events in all (each day of each event counts); "
            "split the calendar, or give weekly hours as recurring events",
            f"{spent[0]:,} days so far",
        )


def _ical_single(
    event: Any, start: Any, tz: ZoneInfo, path: str, dated: Dict[date, List[Span]], spent: List[int]
) -> None:
    end = _ical_end(event, start, path)
    if not isinstance(start, datetime):
        days = (end - start).days
        if not 0 < days <= MAX_SPECIAL_DAYS:
            raise _bad(f"{path}.DTEND", f"after DTSTART, at most {MAX_SPECIAL_DAYS} days", str(end))
        _spend(spent, days, path)
        for offset in range(days):
            dated.setdefault(start + timedelta(days=offset), []).append((0, _DAY))
        return
    if start.tzinfo is None:
        start = start.replace(tzinfo=tz)
    if end.tzinfo is None:
        end = end.replace(tzinfo=tz)
    lo, hi = utc_seconds(start, f"{path}.DTSTART"), utc_seconds(end, f"{path}.DTEND", end=True)
    if not lo < hi <= lo + MAX_SPECIAL_DAYS * 86_400:
        raise _bad(f"{path}.DTEND", f"after DTSTART, at most {MAX_SPECIAL_DAYS} days", str(end))
    _spend(spent, (hi - lo) // 86_400 + 1, path)
    pieces = offset_pieces(tz, lo, hi)
    for index, (a, offset) in enumerate(pieces):
        b = pieces[index + 1][0] if index + 1 < len(pieces) else hi
        wall_start, wall_end = (a + offset) // 60, -(-(b + offset) // 60)  # minutes, rounded outwards
        while wall_start < wall_end:
            midnight = (wall_start // _DAY + 1) * _DAY
            local = (_EPOCH + timedelta(minutes=wall_start)).date()
            dated.setdefault(local, []).append(
                (wall_start % _DAY, min(wall_end, midnight) - wall_start + wall_start % _DAY)
            )
            wall_start = midnight


def _dated_adds(dated: Dict[date, List[Span]]) -> List[HoursRule]:
    """Additional rules opening each date's spans; dates with the same spans share a rule."""
    groups: Dict[Tuple[Span, ...], List[date]] = {}
    for day in sorted(dated):
        groups.setdefault(tuple(_merge(dated[day])), []).append(day)
    rules = []
    for spans, days in sorted(groups.items(), key=lambda item: item[1][0]):
        runs: List[List[date]] = []
        for day in days:
            if runs and day == runs[-1][1] + timedelta(days=1):
                runs[-1][1] = day
            else:
                runs.append([day, day])
        rules.append(
            HoursRule(
                dates=tuple(_day_range(a, b) for a, b in runs),
                spans=tuple(TimeSpan(a, b) for a, b in spans),
                additional=True,
            )
        )
    return rules
