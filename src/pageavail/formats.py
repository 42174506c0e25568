"""Response hours in the formats where Pages already keep them: import, and export where possible.

Four foreign formats, each read into a :class:`~pageavail.Schedule` and, where the
format can say what the schedule says, written back:

* **Facebook Graph Page** ``hours`` (``{"mon_1_open": "09:00", "mon_1_close": "17:00"}``):
  up to two ranges a day, weekly only.
* **Google Business Profile** ``regularHours`` (weekly periods, overnight ones too)
  and ``specialHours`` (dated periods and closed days).
* **schema.org** ``openingHoursSpecification`` (weekly and dated) and the
  ``openingHours`` text form.
* **iCalendar** (RFC 5545): the open intervals of a period as events, and weekly
  (or daily) recurring events read back as weekly rules. Needs the ``ical`` extra.

Every import checks the foreign data and raises
:class:`~pageavail.InvalidValueError` naming the key path of the first bad value
(``regularHours.periods[3].closeTime``); no other exception escapes. An export
that cannot say what the schedule says either writes it out for the dates a
caller names (``start``, ``end``) or raises :class:`UnexpressibleError` naming
what cannot be said.

Examples:
    >>> from pageavail import Schedule
    >>> hours = from_facebook({"mon_1_open": "09:00", "mon_1_close": "17:00",
    ...                        "fri_1_open": "22:00", "fri_1_close": "02:00"}, zone="Europe/Berlin")
    >>> str(hours)
    'Mo 09:00-17:00, Fr 22:00-02:00'
    >>> to_facebook(Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin"))["fri_1_close"]
    '17:00'
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, TypeVar

import attrs

from ._parser import parse_rules
from ._selectors import DateRange, HoursRule, TimeSpan, WeekdayRange
from ._time import ZoneInfo, offset_pieces, resolve_zone, utc_seconds
from .errors import InvalidValueError, PageAvailError
from .schedule import Schedule

__all__ = [
    "FORMATS",
    "UnexpressibleError",
    "dump_hours",
    "from_facebook",
    "from_google",
    "from_ical",
    "from_schema_org",
    "load_hours",
    "to_facebook",
    "to_google",
    "to_ical",
    "to_schema_org",
]

#: The format names :func:`load_hours` and :func:`dump_hours` accept.
FORMATS = ("facebook", "google", "schema-org", "ical")

#: The most days an export writes out as dated hours (about ten years).
MAX_SPECIAL_DAYS = 3660

_DAY = 1440  # minutes
_WEEK = 7 * _DAY
_FB_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_GOOGLE_DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
_SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_FB_KEY = re.compile(r"(mon|tue|wed|thu|fri|sat|sun)_([12])_(open|close)\Z")
_HHMM = re.compile(r"([01][0-9]|2[0-4]):([0-5][0-9])(?::([0-5][0-9]))?\Z")

_T = TypeVar("_T")
Span = Tuple[int, int]
#: A week as seven tuples of open minutes ``[start, end)`` within each day, Monday first.
Week = Tuple[Tuple[Span, ...], ...]


class UnexpressibleError(PageAvailError):
    """A schedule holds something the chosen format cannot say (the message says what, and what to do)."""


# -- reading foreign values -----------------------------------------------------------


def _bad(path: str, rule: str, value: Any) -> InvalidValueError:
    return InvalidValueError._for(path, rule, value)


def _mapping(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _bad(path, "a JSON object", value)
    return value


def _list(value: Any, path: str) -> Sequence[Any]:
    if not isinstance(value, (list, tuple)):
        raise _bad(path, "a JSON array", value)
    return value


def _text_minute(value: Any, path: str, *, end: bool) -> int:
    """``"HH:MM"`` (or ``"HH:MM:SS"`` with zero seconds) as minutes; ``24:00`` only for an end."""
    match = _HHMM.match(value) if isinstance(value, str) else None
    if match is None:
        raise _bad(path, "a time 'HH:MM'", value)
    hours, minutes, seconds = int(match.group(1)), int(match.group(2)), match.group(3)
    minute = hours * 60 + minutes
    if end and (hours, minutes, seconds) == (23, 59, "59"):
        return _DAY  # "23:59:59" is the end of the day, to the minute
    if (seconds is not None and seconds != "00") or minute > (_DAY if end else _DAY - 1):
        limit = "00:00 to 24:00" if end else "00:00 to 23:59"
        raise _bad(path, f"a time from {limit} in whole minutes", value)
    return minute


def _minute_text(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


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


def _iso_date(value: Any, path: str) -> date:
    text = value if isinstance(value, str) else None
    try:
        if text is None:
            raise ValueError
        return date.fromisoformat(text[:10])
    except ValueError:
        raise _bad(path, "an ISO date 'YYYY-MM-DD'", value) from None


def _guarded(where: str, read: Callable[[], _T]) -> _T:
    """Run an import; a slip the checks did not foresee still becomes the library's error."""
    try:
        return read()
    except PageAvailError:
        raise
    except (KeyError, TypeError, AttributeError, IndexError, ValueError, OverflowError) as error:
        raise InvalidValueError(f"{where!r} could not be read: {type(error).__name__}: {error}") from None


# -- weeks and rules ------------------------------------------------------------------


def _week_intervals(days: Week) -> List[Span]:
    """The open minutes of a week ``[start, end)`` from Monday 00:00, merged; one may wrap past Sunday."""
    bounds: List[List[int]] = []
    for index, spans in enumerate(days):
        for start, end in sorted(spans):
            a, b = index * _DAY + start, index * _DAY + end
            if bounds and a <= bounds[-1][1]:
                bounds[-1][1] = max(bounds[-1][1], b)
            else:
                bounds.append([a, b])
    if len(bounds) > 1 and bounds[0][0] == 0 and bounds[-1][1] == _WEEK:
        first = bounds.pop(0)
        bounds[-1][1] = _WEEK + first[1]  # open over Sunday midnight
    return [(a, b) for a, b in bounds]


def _pieces(start: int, end: int) -> List[Span]:
    """Open minutes cut into pieces of at most a day that cross midnight at most once."""
    pieces = []
    while start < end:
        midnight = (start // _DAY + 1) * _DAY
        if end - start <= _DAY and end <= midnight + _DAY:
            pieces.append((start, end))
            break
        pieces.append((start, min(end, midnight)))
        start = midnight
    return pieces


def _day_pieces(days: Week) -> List[List[Span]]:
    """The week's open stretches as pieces by the day they start on (minutes of that day, end up to 48:00)."""
    per_day: List[List[Span]] = [[] for _ in range(7)]
    for start, end in _week_intervals(days):
        for a, b in _pieces(start, end):
            day = (a // _DAY) % 7
            offset = a - a % _DAY
            per_day[day].append((a - offset, b - offset))
    return [sorted(pieces) for pieces in per_day]


def _weekday_ranges(days: Iterable[int]) -> Tuple[WeekdayRange, ...]:
    """ISO weekdays as ranges of consecutive days (``Mo-Fr``)."""
    ranges: List[List[int]] = []
    for day in sorted(set(days)):
        if ranges and day == ranges[-1][1] + 1:
            ranges[-1][1] = day
        else:
            ranges.append([day, day])
    return tuple(WeekdayRange(a, b) for a, b in ranges)


def _weekly_rules(intervals: Iterable[Span]) -> List[HoursRule]:
    """Additional rules for open minutes of the week (``[start, end)`` from Monday 00:00, may wrap)."""
    per_day: List[List[Span]] = [[] for _ in range(7)]
    for start, end in intervals:
        for a, b in _pieces(start, end):
            offset = a - a % _DAY
            per_day[(a // _DAY) % 7].append((a - offset, b - offset))
    groups: Dict[Tuple[Span, ...], List[int]] = {}
    for index, found in enumerate(per_day):
        if found:
            groups.setdefault(tuple(_merge(found)), []).append(index + 1)
    rules = []
    for spans, days in sorted(groups.items(), key=lambda item: item[1][0]):
        rules.append(
            HoursRule(
                weekdays=_weekday_ranges(days),
                spans=tuple(TimeSpan(a, b) for a, b in spans),
                additional=True,
            )
        )
    return rules


def _merge(spans: Iterable[Span]) -> List[Span]:
    merged: List[List[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _day_range(first: date, last: date) -> DateRange:
    if first == last:
        return DateRange(first.month, first.day, first.year)
    return DateRange(first.month, first.day, first.year, last.month, last.day, last.year)


def _schedule(rules: List[HoursRule], zone: Any) -> Schedule:
    """A schedule of *rules* (closed all the time when there are none)."""
    return Schedule(rules or [HoursRule(closed=True)], zone)


def _dated_rules(days: Dict[date, List[Span]]) -> List[HoursRule]:
    """Rules that replace the hours of each date in *days* by its spans (none: closed)."""
    if not days:
        return []
    dates = tuple(_day_range(day, day) for day in sorted(days))
    rules = [HoursRule(dates=dates, closed=True)]  # a normal rule: wipes each day, spills into it too
    for day in sorted(days):
        spans = _merge(days[day])
        if spans:
            rules.append(
                HoursRule(
                    dates=(_day_range(day, day),),
                    spans=tuple(TimeSpan(a, b) for a, b in spans),
                    additional=True,
                )
            )
    return rules


# -- what a schedule says ---------------------------------------------------------------


def _day_spans(schedule: Schedule, day: date) -> Tuple[Span, ...]:
    """The open minutes of one local date (a spill from the day before included)."""
    return tuple(schedule._get_program().day(day, schedule._context(day.year)))


def _dated(rule: HoursRule) -> bool:
    """Whether a rule selects days by more than their weekday (dates, years, weeks, holidays, n-th days)."""
    return bool(
        rule.years
        or rule.dates
        or rule.weeks
        or rule.holidays
        or rule.school_holidays
        or any(w.nth for w in rule.weekdays)
    )


def _not_weekly(schedule: Schedule) -> List[str]:
    """What keeps the schedule from being the same every week: its dated and holiday rules, recurrences."""
    found = [f"rule {index} ({rule})" for index, rule in enumerate(schedule.rules, 1) if _dated(rule)]
    found += [f"the recurrence {r.rule!r}" for r in schedule.recurrences]
    if not found and schedule._get_program().dated:  # pragma: no cover - a kind of day the list misses
        found.append("rules that do not repeat every week")
    return found


_MONDAY = date(2001, 1, 1)  # a Monday; any week serves for weekly rules


def _week(schedule: Schedule) -> Week:
    return tuple(_day_spans(schedule, _MONDAY + timedelta(days=i)) for i in range(7))


def _base(schedule: Schedule) -> Schedule:
    """The weekly part of a schedule: its rules without dates, years, weeks and holidays, no recurrences."""
    rules = []
    for rule in schedule.rules:
        plain = any(not w.nth for w in rule.weekdays)
        if rule.years or rule.dates or rule.weeks or any(w.nth for w in rule.weekdays):
            continue
        if (rule.holidays or rule.school_holidays) and (not plain or rule.holiday_weekdays):
            continue  # a rule of holidays only (on some weekdays, with 'PH We,Fr')
        try:
            rules.append(attrs.evolve(rule, holidays=False, holiday_offsets=(0,), school_holidays=False))
        except PageAvailError:  # pragma: no cover - a rule that means nothing without its holidays
            continue
    base = _schedule(rules, schedule.zone)
    # Any base is right (the dates that differ from it are written out); a weekly one is needed.
    return base if not base._get_program().dated else _schedule([], schedule.zone)


def _local_date(value: Any, field: str, zone: ZoneInfo) -> date:
    if isinstance(value, datetime):
        utc_seconds(value, field)
        return value.astimezone(zone).date()
    if not isinstance(value, date):
        raise _bad(field, "a datetime.date (or an aware datetime)", value)
    return value


_DATED_WAY_OUT = "pass start and end to write the days they change as dated hours"


def _split(
    schedule: Schedule, start: Any, end: Any, what: str, way_out: str = _DATED_WAY_OUT
) -> Tuple[Week, Dict[date, Tuple[Span, ...]]]:
    """The weekly hours of *schedule* and, for the dates ``[start, end)``, the days that differ from them."""
    if not isinstance(schedule, Schedule):
        raise _bad("schedule", "a Schedule", schedule)
    blockers = _not_weekly(schedule)
    if start is None and end is None:
        if blockers:
            raise UnexpressibleError(
                f"{what} cannot say {', '.join(blockers)}: they do not repeat every week; {way_out}"
            )
        return _week(schedule), {}
    first = _local_date(start, "start", schedule.zone)
    last = _local_date(end, "end", schedule.zone)
    if not first <= last <= first + timedelta(days=MAX_SPECIAL_DAYS):
        raise _bad("end", f"a date from start ({first}) to {MAX_SPECIAL_DAYS} days after it", end)
    if not blockers:
        return _week(schedule), {}
    base = _base(schedule)
    special = {}
    day = first
    while day < last:
        spans = _day_spans(schedule, day)
        if spans != _day_spans(base, day):
            special[day] = spans
        day += timedelta(days=1)
    return _week(base), special


# -- Facebook ---------------------------------------------------------------------------


def from_facebook(data: Any, zone: Any) -> Schedule:
    """Response hours from a Facebook Graph Page's ``hours`` field.

    Keys are ``<day>_<1|2>_<open|close>`` with ``mon`` … ``sun``; times are
    ``"HH:MM"`` in the Page's zone. A close earlier than its open runs past
    midnight, a close equal to its open means 24 hours, and ``"24:00"`` is
    read as midnight. ``{"hours": {...}}`` (a Page object) is read too.

    Args:
        data: the ``hours`` mapping.
        zone: the Page's IANA zone.

    Raises:
        InvalidValueError: a key or time is not what Facebook writes (the message names it).
        UnknownZoneError: *zone* is not an IANA zone.

    Examples:
        >>> str(from_facebook({"sat_1_open": "10:00", "sat_1_close": "14:00"}, zone="UTC"))
        'Sa 10:00-14:00'
    """
    return _guarded("hours", lambda: _from_facebook(data, zone))


def _from_facebook(data: Any, zone: Any) -> Schedule:
    path = "hours"
    if isinstance(data, Mapping) and "hours" in data:
        data = data["hours"]
    hours = _mapping(data, path)
    times: Dict[Tuple[int, int], Dict[str, int]] = {}
    for key, value in hours.items():
        match = _FB_KEY.match(key) if isinstance(key, str) else None
        if match is None:
            raise _bad(f"{path}.{key}", "absent (keys are like 'mon_1_open' or 'sun_2_close')", value)
        day, slot, kind = _FB_DAYS.index(match.group(1)), int(match.group(2)), match.group(3)
        minute = _text_minute(value, f"{path}.{key}", end=kind == "close")
        times.setdefault((day, slot), {})[kind] = minute
    intervals = []
    for (day, slot), pair in sorted(times.items()):
        for kind, other in (("open", "close"), ("close", "open")):
            if kind not in pair:
                name = f"{_FB_DAYS[day]}_{slot}_{kind}"
                raise _bad(f"{path}.{name}", f"given with {_FB_DAYS[day]}_{slot}_{other}", None)
        opens, closes = pair["open"], pair["close"] % _DAY
        length = (closes - opens) % _DAY or _DAY  # earlier: overnight; equal: 24 hours
        intervals.append((day * _DAY + opens, day * _DAY + opens + length))
    return _schedule(_weekly_rules(intervals), zone)


def to_facebook(schedule: Schedule) -> Dict[str, str]:
    """A Facebook Graph Page ``hours`` mapping for a weekly schedule.

    A stretch that runs past midnight is one range of the day it starts on
    (``fri_1_open 22:00``, ``fri_1_close 02:00``); a whole day is ``00:00`` to
    ``00:00``; a stretch of more than a day is cut at midnight.

    Raises:
        UnexpressibleError: the schedule has dated or holiday rules or
            recurrences (Facebook hours are weekly), or more than two ranges on
            a day.

    Examples:
        >>> to_facebook(Schedule.parse("Sa 10:00-14:00", zone="UTC"))
        {'sat_1_open': '10:00', 'sat_1_close': '14:00'}
    """
    week, _ = _split(schedule, None, None, "Facebook Page hours", "Facebook hours have no dated hours")
    hours: Dict[str, str] = {}
    for day, pieces in enumerate(_day_pieces(week)):
        if len(pieces) > 2:
            shown = ", ".join(f"{_minute_text(a)}-{_minute_text(b % _DAY)}" for a, b in pieces)
            raise UnexpressibleError(
                f"Facebook Page hours hold at most two ranges a day; {_SCHEMA_DAYS[day]} has "
                f"{len(pieces)} ({shown})"
            )
        for slot, (start, end) in enumerate(pieces, 1):
            hours[f"{_FB_DAYS[day]}_{slot}_open"] = _minute_text(start)
            hours[f"{_FB_DAYS[day]}_{slot}_close"] = _minute_text(end % _DAY)
    return hours


# -- Google Business Profile -------------------------------------------------------------


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
            if last not in (first, first + timedelta(days=1)):
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


# -- schema.org ---------------------------------------------------------------------------


def from_schema_org(data: Any, zone: Any) -> Schedule:
    """Response hours from schema.org ``openingHoursSpecification`` or ``openingHours``.

    *data* is a ``LocalBusiness``-like object with either key, a list of
    ``OpeningHoursSpecification`` objects (or one), or the ``openingHours``
    text form (``"Mo-Fr 09:00-17:00"``, a string or a list of strings, read as
    response-hours text whose rules add up).

    A specification has ``dayOfWeek`` (``"Monday"`` or
    ``"https://schema.org/Monday"``, one or a list; absent: every day),
    ``opens`` and ``closes`` (``"09:00"`` or ``"09:00:00"``; ``closes`` earlier
    than ``opens`` runs past midnight; ``00:00`` to ``23:59`` or ``23:59:59`` is
    the whole day; ``00:00`` to ``00:00`` is closed), and optionally
    ``validFrom`` and ``validThrough`` (ISO dates): a specification with dates
    replaces the weekly hours of the days it selects.

    Raises:
        InvalidValueError: a value is not what schema.org allows (the message names its key path).
        UnknownZoneError: *zone* is not an IANA zone.

    Examples:
        >>> spec = {"@type": "OpeningHoursSpecification", "dayOfWeek": ["Monday", "Tuesday"],
        ...         "opens": "09:00", "closes": "17:00"}
        >>> str(from_schema_org({"openingHoursSpecification": [spec]}, zone="UTC"))
        'Mo-Tu 09:00-17:00'
        >>> str(from_schema_org({"openingHours": ["Mo-Fr 09:00-17:00", "Sa 10:00-14:00"]}, zone="UTC"))
        'Mo-Fr 09:00-17:00, Sa 10:00-14:00'
    """
    return _guarded("openingHoursSpecification", lambda: _from_schema_org(data, zone))


def _from_schema_org(data: Any, zone: Any) -> Schedule:
    if isinstance(data, Mapping) and ("openingHoursSpecification" in data or "openingHours" in data):
        rules: List[HoursRule] = []
        if "openingHours" in data:
            rules += _schema_text(data["openingHours"], "openingHours")
        if "openingHoursSpecification" in data:
            rules += _schema_specs(data["openingHoursSpecification"], "openingHoursSpecification")
        return _schedule(rules, zone)
    if isinstance(data, str) or (
        isinstance(data, (list, tuple)) and data and all(isinstance(item, str) for item in data)
    ):
        return _schedule(_schema_text(data, "openingHours"), zone)
    return _schedule(_schema_specs(data, "openingHoursSpecification"), zone)


def _schema_text(value: Any, path: str) -> List[HoursRule]:
    texts = [value] if isinstance(value, str) else _list(value, path)
    rules: List[HoursRule] = []
    for index, text in enumerate(texts):
        where = path if isinstance(value, str) else f"{path}[{index}]"
        if not isinstance(text, str):
            raise _bad(where, "text such as 'Mo-Fr 09:00-17:00'", text)
        try:
            parsed = parse_rules(text)
        except PageAvailError as error:
            reason = getattr(error, "reason", str(error))
            raise InvalidValueError(
                f"{where!r} must be opening hours such as 'Mo-Fr 09:00-17:00': {reason} (got {text[:80]!r})"
            ) from None
        if any(rule.holidays or rule.school_holidays for rule in parsed):
            rule = "opening hours without PH and SH (no holiday calendar comes with schema.org)"
            raise _bad(where, rule, text)
        rules += [attrs.evolve(r, additional=True) for r in parsed[:1]]
        rules += list(parsed[1:])
    return rules


def _schema_day(value: Any, path: str) -> int:
    name = value.rsplit("/", 1)[-1].rsplit(":", 1)[-1] if isinstance(value, str) else None
    if name not in _SCHEMA_DAYS:
        raise _bad(path, "a day such as 'Monday' or 'https://schema.org/Monday'", value)
    return _SCHEMA_DAYS.index(name) + 1


def _schema_specs(value: Any, path: str) -> List[HoursRule]:
    specs = [value] if isinstance(value, Mapping) else _list(value, path)
    weekly: List[Span] = []
    wipes: List[HoursRule] = []
    adds: List[HoursRule] = []
    for index, item in enumerate(specs):
        where = path if isinstance(value, Mapping) else f"{path}[{index}]"
        spec = _mapping(item, where)
        days_value = spec.get("dayOfWeek")
        if days_value is None:
            days = list(range(1, 8))
        elif isinstance(days_value, str):
            days = [_schema_day(days_value, f"{where}.dayOfWeek")]
        else:
            items = _list(days_value, f"{where}.dayOfWeek")
            days = [_schema_day(d, f"{where}.dayOfWeek[{i}]") for i, d in enumerate(items)]
            if not days:
                raise _bad(f"{where}.dayOfWeek", "a day or a non-empty list of days", days_value)
        opens = _text_minute(spec.get("opens"), f"{where}.opens", end=False)
        closes = _text_minute(spec.get("closes"), f"{where}.closes", end=True)
        if opens == 0 and closes in (_DAY - 1, _DAY):
            span: Optional[Span] = (0, _DAY)  # schema.org's "open 24 hours"
        elif opens == closes == 0:
            span = None  # schema.org's "closed all day"
        else:
            span = (opens, closes if closes > opens else closes + _DAY)
        first = _iso_date(spec["validFrom"], f"{where}.validFrom") if "validFrom" in spec else None
        last = _iso_date(spec["validThrough"], f"{where}.validThrough") if "validThrough" in spec else None
        if first is None and last is None:
            if span is not None:
                weekly += [((day - 1) * _DAY + span[0], (day - 1) * _DAY + span[1]) for day in days]
            continue
        first, last = first or date(1, 1, 1), last or date(9999, 12, 31)
        if last < first:
            raise _bad(f"{where}.validThrough", f"on or after validFrom ({first})", spec["validThrough"])
        dates, weekdays = (_day_range(first, last),), _weekday_ranges(days)
        wipes.append(HoursRule(dates=dates, weekdays=weekdays, closed=True))
        if span is not None:
            adds.append(HoursRule(dates=dates, weekdays=weekdays, spans=(TimeSpan(*span),), additional=True))
    return _weekly_rules(weekly) + wipes + adds


def to_schema_org(schedule: Schedule, start: Any = None, end: Any = None) -> Dict[str, Any]:
    """A schema.org ``openingHoursSpecification`` for a schedule.

    Weekly hours become specifications without dates (days with the same hours
    share one, a stretch past midnight closes earlier than it opens, a whole day
    is ``00:00`` to ``23:59``). Dated and holiday rules and recurrences need
    *start* and *end* (dates, ``[start, end)``): each date whose hours differ
    from the weekly ones gets specifications with ``validFrom`` and
    ``validThrough`` set to it (``00:00`` to ``00:00`` when closed).

    Raises:
        UnexpressibleError: dated or holiday rules or recurrences, without *start* and *end*.
        InvalidValueError: *start* or *end* is not a date, or the period is longer than ten years.

    Examples:
        >>> spec = to_schema_org(Schedule.parse("Mo-Fr 09:00-17:00", zone="UTC"))
        >>> spec["openingHoursSpecification"][0]["opens"]
        '09:00'
    """
    week, special = _split(schedule, start, end, "schema.org weekly hours")
    grouped: Dict[Span, List[int]] = {}
    for day, pieces in enumerate(_day_pieces(week)):
        for piece in pieces:
            for part in _schema_parts(piece):
                grouped.setdefault(part, []).append(day)
    specs = []
    for (a, b), days in sorted(grouped.items(), key=lambda item: (item[1][0], item[0])):
        names = [_SCHEMA_DAYS[d] for d in days]
        specs.append(_schema_spec(a, b, {"dayOfWeek": names if len(names) > 1 else names[0]}))
    for when, spans in sorted(special.items()):
        valid = {"validFrom": when.isoformat(), "validThrough": when.isoformat()}
        if not spans:
            specs.append({"@type": "OpeningHoursSpecification", "opens": "00:00", "closes": "00:00", **valid})
        for span in spans:
            for a, b in _schema_parts(span):
                specs.append(_schema_spec(a, b, valid))
    return {"openingHoursSpecification": specs}


def _schema_parts(span: Span) -> List[Span]:
    """A span as specifications say it; ``00:00-23:59`` would read as the whole day, so it is cut in two."""
    return [(0, 720), (720, _DAY - 1)] if span == (0, _DAY - 1) else [span]


def _schema_spec(a: int, b: int, extra: Dict[str, Any]) -> Dict[str, Any]:
    closes = "23:59" if (a, b) == (0, _DAY) else _minute_text(b % _DAY)
    return {"@type": "OpeningHoursSpecification", **extra, "opens": _minute_text(a), "closes": closes}


# -- iCalendar ------------------------------------------------------------------------------


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
        raise InvalidValueError(f"'ical' must be an iCalendar text: {error} (got {text[:60]!r})") from None
    if zone is None:
        zone = _ical_zone(calendar, events)
    tz = resolve_zone(zone)
    weekly: List[Span] = []
    bounded: List[HoursRule] = []
    dated: Dict[date, List[Span]] = {}
    for index, event in enumerate(events):
        path = f"VEVENT[{index}]"
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        for name in ("RDATE", "EXDATE", "RECURRENCE-ID"):
            if name in event:
                raise _bad(f"{path}.{name}", "absent (only whole weekly series are read)", str(event[name]))
        if "DTSTART" not in event:
            raise _bad(f"{path}.DTSTART", "given", None)
        start = event["DTSTART"].dt
        if "RRULE" in event:
            _ical_weekly(event, start, tz, path, weekly, bounded)
        else:
            _ical_single(event, start, tz, path, dated)
    rules = _weekly_rules(weekly) + bounded + _dated_adds(dated)
    return _schedule(rules, tz)


def _ical_zone(calendar: Any, events: List[Any]) -> str:
    if "X-WR-TIMEZONE" in calendar:
        return str(calendar["X-WR-TIMEZONE"])
    for event in events:
        if "DTSTART" in event and "TZID" in event["DTSTART"].params:
            return str(event["DTSTART"].params["TZID"])
    for event in events:
        start = event["DTSTART"].dt if "DTSTART" in event else None
        if isinstance(start, datetime) and start.tzinfo is not None and start.utcoffset() == timedelta(0):
            return "UTC"
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
        return start + duration
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
        until = until.astimezone(tz).date() if until.tzinfo is not None else until.date()
    if not isinstance(until, date) or until < day:
        raise _bad(f"{path}.RRULE.UNTIL", f"a date on or after DTSTART ({day})", until)
    intervals = [((d - 1) * _DAY + begin, (d - 1) * _DAY + begin + length) for d in days]
    for rule_ in _weekly_rules(intervals):
        bounded.append(attrs.evolve(rule_, dates=(_day_range(day, until),)))


def _ical_single(event: Any, start: Any, tz: ZoneInfo, path: str, dated: Dict[date, List[Span]]) -> None:
    end = _ical_end(event, start, path)
    if not isinstance(start, datetime):
        days = (end - start).days
        if not 0 < days <= MAX_SPECIAL_DAYS:
            raise _bad(f"{path}.DTEND", f"after DTSTART, at most {MAX_SPECIAL_DAYS} days", str(end))
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


# -- text in, text out (for the command line) -----------------------------------------------


def load_hours(text: str, format: str, zone: Any = None) -> Schedule:
    """Response hours from the text of a foreign document.

    Args:
        text: JSON for ``"facebook"`` (the ``hours`` object, or a Page object with
            it), ``"google"`` (a Location with ``regularHours`` and
            ``specialHours``, or the ``regularHours`` object) and ``"schema-org"``
            (JSON-LD, see :func:`from_schema_org`); the ``.ics`` text for ``"ical"``.
        format: one of :data:`FORMATS`.
        zone: the schedule's IANA zone (required but for ``"ical"``, which may name it).

    Raises:
        InvalidValueError: an unknown format, text that is not JSON (with line and
            column), or a document the format's reader refuses.
        UnknownZoneError: *zone* is not an IANA zone.

    Examples:
        >>> str(load_hours('{"mon_1_open": "09:00", "mon_1_close": "17:00"}', "facebook", "UTC"))
        'Mo 09:00-17:00'
    """
    if format not in FORMATS:
        raise _bad("format", f"one of {', '.join(map(repr, FORMATS))}", format)
    if format == "ical":
        return from_ical(text, zone)
    if not isinstance(text, str):
        raise _bad("text", "the text of a JSON document", text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidValueError(
            f"'text' must be a JSON document: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise _bad("text", "a JSON document nested less deeply", text) from None
    if zone is None:
        raise _bad("zone", f"an IANA zone name (a {format} document names none)", zone)
    if format == "facebook":
        return from_facebook(data, zone)
    if format == "google":
        return from_google(data, None, zone)  # a Location, or the regularHours object
    return from_schema_org(data, zone)


def dump_hours(schedule: Schedule, format: str, start: Any = None, end: Any = None) -> str:
    """The text of a foreign document saying *schedule*'s hours.

    Args:
        schedule: the response hours.
        format: one of :data:`FORMATS`.
        start, end: the period: for ``"google"`` and ``"schema-org"`` the dates
            whose hours dated and holiday rules change (optional for weekly hours);
            for ``"ical"`` the period whose open intervals become events
            (required; a date means its midnight in the schedule's zone). Not for
            ``"facebook"``.

    Returns:
        Indented JSON (a Location fragment for Google, JSON-LD with
        ``@context`` for schema.org), or the ``.ics`` text.

    Raises:
        UnexpressibleError: the format cannot say what the schedule says.
        InvalidValueError: an unknown format, or a period the format does not take.

    Examples:
        >>> print(dump_hours(Schedule.parse("Sa 10:00-14:00", zone="UTC"), "facebook"))
        {
          "sat_1_open": "10:00",
          "sat_1_close": "14:00"
        }
    """
    if format not in FORMATS:
        raise _bad("format", f"one of {', '.join(map(repr, FORMATS))}", format)
    if not isinstance(schedule, Schedule):
        raise _bad("schedule", "a Schedule", schedule)
    document: Any
    if format == "facebook":
        for name, value in (("start", start), ("end", end)):
            if value is not None:
                raise _bad(name, "None for Facebook hours, which are weekly", value)
        document = to_facebook(schedule)
    elif format == "google":
        document = to_google(schedule, start, end)
    elif format == "schema-org":
        document = {"@context": "https://schema.org", **to_schema_org(schedule, start, end)}
    else:
        if start is None or end is None:
            raise _bad(
                "start" if start is None else "end", "an aware datetime or a date for iCalendar events", None
            )
        return to_ical(schedule, _instant(start, schedule.zone), _instant(end, schedule.zone))
    return json.dumps(document, indent=2, ensure_ascii=False)


def _instant(value: Any, zone: ZoneInfo) -> Any:
    """A date as its midnight in *zone*; anything else as it is (``intervals`` checks it)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    return value
