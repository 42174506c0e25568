"""Google Business Profile ``regularHours`` (weekly periods) and ``specialHours`` (dated periods)."""

from __future__ import annotations

from datetime import date
from typing import Any, Dict, List, Mapping

from ._fmt_common import (
    _DAY,
    _WEEK,
    Span,
    _bad,
    _dated_rules,
    _day_pieces,
    _guarded,
    _list,
    _mapping,
    _schedule,
    _split,
    _text_minute,
    _weekly_rules,
)
from .schedule import Schedule

_GOOGLE_DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")


def _whole(value: Any, lo: int, hi: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and lo <= value <= hi


def _google_time(value: Any, path: str, *, end: bool) -> int:
    """A Google ``TimeOfDay`` (``{"hours": 9, "minutes": 30}``, zero fields omitted) or ``"09:30"``."""
    if isinstance(value, str):
        return _text_minute(value, path, end=end)
    time = _mapping(value, path)
    for key in time:
        if key not in ("hours", "minutes", "seconds", "nanos"):
            raise _bad(f"{path}.{key}", "absent (a TimeOfDay has hours, minutes, seconds, nanos)", time[key])
    hours, minutes = time.get("hours", 0), time.get("minutes", 0)
    if not _whole(hours, 0, 24 if end else 23):
        raise _bad(f"{path}.hours", f"a whole number from 0 to {24 if end else 23}", hours)
    if not _whole(minutes, 0, 59) or (hours == 24 and minutes):
        raise _bad(f"{path}.minutes", "a whole number from 0 to 59 (0 with hours 24)", minutes)
    for key in ("seconds", "nanos"):
        if time.get(key, 0) != 0 or isinstance(time.get(key, 0), bool):
            raise _bad(f"{path}.{key}", "0 or absent (hours are kept to the minute)", time[key])
    return int(hours) * 60 + int(minutes)


def _google_date(value: Any, path: str) -> date:
    parts = _mapping(value, path)
    for key in ("year", "month", "day"):
        if not _whole(parts.get(key), 1, 9999):
            raise _bad(f"{path}.{key}", "a whole number (a Date needs year, month and day)", parts.get(key))
    try:
        return date(parts["year"], parts["month"], parts["day"])
    except ValueError:
        raise _bad(path, "a day of the calendar", dict(parts)) from None


def from_google(regular: Any, special: Any = None, zone: Any = None) -> Schedule:
    """Response hours from a Google Business Profile's ``regularHours`` and ``specialHours``.

    *regular* is ``{"periods": [...]}``: each period has ``openDay``,
    ``openTime``, ``closeDay`` and ``closeTime``, with days ``"MONDAY"`` …
    ``"SUNDAY"`` and times as a ``TimeOfDay`` (``{"hours": 9, "minutes": 30}``,
    zero fields omitted) or ``"09:30"``; ``closeTime`` may be ``24:00``, and a
    period may close on a later day (overnight). *special* is
    ``{"specialHourPeriods": [...]}``: each has a ``startDate``
    (``{"year": 2026, "month": 12, "day": 24}``), and either ``"closed": true``
    or ``openTime`` and ``closeTime`` (with ``endDate`` the next day for a
    period past midnight). A special date replaces that date's regular hours,
    the part of an overnight period that runs into it included. A whole
    Location object (with ``regularHours`` and ``specialHours``) is read too.

    Raises:
        InvalidValueError: a value is not what the API writes (the message names its key path).
        UnknownZoneError: *zone* is not an IANA zone.

    Examples:
        >>> period = {"openDay": "FRIDAY", "openTime": {"hours": 22}, "closeDay": "SATURDAY",
        ...           "closeTime": {"hours": 2}}
        >>> str(from_google({"periods": [period]}, zone="Europe/Berlin"))
        'Fr 22:00-02:00'
    """
    return _guarded("regularHours", lambda: _from_google(regular, special, zone))


def _from_google(regular: Any, special: Any, zone: Any) -> Schedule:
    if isinstance(regular, Mapping) and ("regularHours" in regular or "specialHours" in regular):
        if special is None:
            special = regular.get("specialHours")
        regular = regular.get("regularHours", {"periods": []})
    hours = _mapping(regular, "regularHours")
    for key in hours:
        if key != "periods":
            raise _bad(f"regularHours.{key}", "absent (regularHours has 'periods')", hours[key])
    intervals = []
    for index, item in enumerate(_list(hours.get("periods", []), "regularHours.periods")):
        path = f"regularHours.periods[{index}]"
        period = _mapping(item, path)
        opens = _google_day(period.get("openDay"), f"{path}.openDay")
        closes = _google_day(period.get("closeDay"), f"{path}.closeDay")
        start = opens * _DAY + _google_time(period.get("openTime"), f"{path}.openTime", end=False)
        end = closes * _DAY + _google_time(period.get("closeTime"), f"{path}.closeTime", end=True)
        if end <= start and closes == opens:
            rule = "after openTime on the same day (set closeDay to the next day for a period past midnight)"
            raise _bad(f"{path}.closeTime", rule, period.get("closeTime"))
        if end <= start:
            end += _WEEK  # closes on a day of the next week (SATURDAY to MONDAY)
        intervals.append((start, end))
    rules = _weekly_rules(intervals)
    if special is not None:
        rules += _dated_rules(_google_special(special))
    return _schedule(rules, zone)


def _google_day(value: Any, path: str) -> int:
    if value not in _GOOGLE_DAYS:
        raise _bad(path, "a day of the week from 'MONDAY' to 'SUNDAY'", value)
    return _GOOGLE_DAYS.index(value)


def _google_special(special: Any) -> Dict[date, List[Span]]:
    hours = _mapping(special, "specialHours")
    for key in hours:
        if key != "specialHourPeriods":
            raise _bad(f"specialHours.{key}", "absent (specialHours has 'specialHourPeriods')", hours[key])
    days: Dict[date, List[Span]] = {}
    periods = _list(hours.get("specialHourPeriods", []), "specialHours.specialHourPeriods")
    for index, item in enumerate(periods):
        path = f"specialHours.specialHourPeriods[{index}]"
        period = _mapping(item, path)
        for key in period:
            if key not in ("startDate", "endDate", "openTime", "closeTime", "closed"):
                raise _bad(
                    f"{path}.{key}",
                    "absent (a period has startDate, endDate, openTime, closeTime, closed)",
                    period[key],
                )
        first = _google_date(period.get("startDate"), f"{path}.startDate")
        closed = period.get("closed", False)
        if not isinstance(closed, bool):
            raise _bad(f"{path}.closed", "true or false", closed)
        spans = days.setdefault(first, [])
        if closed:
            continue  # the day is closed unless another period of it opens it
        last = first
        if "endDate" in period:
            last = _google_date(period["endDate"], f"{path}.endDate")
            if (last - first).days not in (0, 1):
                raise _bad(f"{path}.endDate", f"startDate ({first}) or the day after it", period["endDate"])
        start = _google_time(period.get("openTime"), f"{path}.openTime", end=False)
        end = (
            _google_time(period.get("closeTime"), f"{path}.closeTime", end=True) + (last - first).days * _DAY
        )
        if end <= start:
            rule = "after openTime (set endDate to the next day for a period past midnight)"
            raise _bad(f"{path}.closeTime", rule, period.get("closeTime"))
        spans.append((start, end))
    return days


def _google_time_of_day(minute: int) -> Dict[str, int]:
    return {"hours": minute // 60, "minutes": minute % 60}


def _google_date_of(day: date) -> Dict[str, int]:
    return {"year": day.year, "month": day.month, "day": day.day}


def to_google(schedule: Schedule, start: Any = None, end: Any = None) -> Dict[str, Any]:
    """A Google Business Profile ``regularHours`` (and ``specialHours``) for a schedule.

    The weekly rules become ``regularHours.periods``; a stretch past midnight is
    one period that closes the next day, a whole day closes at ``24:00``. Dated
    and holiday rules and recurrences cannot be said in ``regularHours``: with
    *start* and *end* (dates, ``[start, end)``) each date whose hours differ
    from the weekly ones becomes a ``specialHours`` period (``closed`` or its
    open times).

    Returns:
        ``{"regularHours": {"periods": [...]}}``, with ``"specialHours":
        {"specialHourPeriods": [...]}`` when *start* and *end* are given.

    Raises:
        UnexpressibleError: dated or holiday rules or recurrences, without *start* and *end*.
        InvalidValueError: *start* or *end* is not a date, or the period is longer than ten years.

    Examples:
        >>> to_google(Schedule.parse("Mo 09:00-17:00", zone="UTC"))["regularHours"]["periods"]
        [{'openDay': 'MONDAY', 'openTime': {'hours': 9, 'minutes': 0},
          'closeDay': 'MONDAY', 'closeTime': {'hours': 17, 'minutes': 0}}]
    """
    week, special = _split(schedule, start, end, "Google's regularHours")
    periods = []
    for day, pieces in enumerate(_day_pieces(week)):
        for a, b in pieces:
            close_day = day if b <= _DAY else (day + 1) % 7
            periods.append(
                {
                    "openDay": _GOOGLE_DAYS[day],
                    "openTime": _google_time_of_day(a),
                    "closeDay": _GOOGLE_DAYS[close_day],
                    "closeTime": _google_time_of_day(b if b <= _DAY else b - _DAY),
                }
            )
    result: Dict[str, Any] = {"regularHours": {"periods": periods}}
    if start is not None or end is not None:
        specials: List[Dict[str, Any]] = []
        for when, spans in sorted(special.items()):
            if not spans:
                specials.append({"startDate": _google_date_of(when), "closed": True})
            for a, b in spans:
                specials.append(
                    {
                        "startDate": _google_date_of(when),
                        "openTime": _google_time_of_day(a),
                        "endDate": _google_date_of(when),
                        "closeTime": _google_time_of_day(b),
                    }
                )
        result["specialHours"] = {"specialHourPeriods": specials}
    return result
