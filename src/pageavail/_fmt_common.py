"""What the format readers and writers share: reading foreign values, weeks as rules, a schedule's weeks.

The readers check each foreign value with the helpers here (which raise
:class:`~pageavail.InvalidValueError` naming the key path), turn open minutes
of the week into :class:`HoursRule` values, and the writers ask what a schedule
says each week (and on the dates that differ) with :func:`_split`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any, Callable, Dict, Iterable, List, Mapping, Sequence, Tuple, TypeVar

import attrs

from ._selectors import DateRange, HoursRule, TimeSpan, WeekdayRange
from ._time import MAX_INSTANT, MIN_INSTANT, ZoneInfo, utc_seconds
from .errors import InvalidValueError, PageAvailError
from .schedule import Schedule

#: The most days an export writes out as dated hours (about ten years).
MAX_SPECIAL_DAYS = 3660

_DAY = 1440  # minutes
_WEEK = 7 * _DAY
_SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_HHMM = re.compile(r"([01][0-9]|2[0-4]):([0-5][0-9])(?::([0-5][0-9]))?\Z")

_T = TypeVar("_T")
Span = Tuple[int, int]
#: A week as seven tuples of open minutes ``[start, end)`` within each day, Monday first.
Week = Tuple[Tuple[Span, ...], ...]


class UnexpressibleError(PageAvailError):
    """A schedule holds something the chosen format cannot say (the message says what, and what to do)."""


# -- reading foreign values -----------------------------------------------------------


def _bad(path: str, rule: str, value: Any) -> InvalidValueError:
    try:
        return InvalidValueError._for(path, rule, value)
    except RecursionError:  # a value nested deeper than repr() can follow
        return InvalidValueError(f"{path!r} must be {rule} (got a value nested too deeply to show)")


#: What a plain reading of JSON steps over: strings (whose brackets are text), and brackets.
_JSON_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|[\[\]{}]')


def _too_deep(text: str) -> InvalidValueError:
    """The error for a JSON *text* nested deeper than Python can follow: how deep, and where."""
    depth, deepest, at = 0, 0, 0
    for found in _JSON_TOKEN.finditer(text):
        token = found.group()
        if token in ("[", "{"):
            depth += 1
            if depth > deepest:
                deepest, at = depth, found.start()
        elif token in ("]", "}"):
            depth = max(0, depth - 1)
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return InvalidValueError(
        f"'text' must be a JSON document nested less deeply (got {deepest} levels of arrays and objects, "
        f"the deepest at line {line}, column {column})"
    )


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


def _guarded(where: str, read: Callable[[], _T]) -> _T:
    """Run an import; a slip the checks did not foresee still becomes the library's error."""
    try:
        return read()
    except PageAvailError:
        raise
    except (KeyError, TypeError, AttributeError, IndexError, ValueError, OverflowError) as error:
        raise InvalidValueError(f"{where!r} could not be read: {type(error).__name__}: {error}") from None
    except RecursionError:
        raise InvalidValueError(
            f"{where!r} could not be read: it holds values nested too deeply; nest them less deeply"
        ) from None


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


#: The local dates a period of dated hours may cover: those of the supported instants.
_FIRST_DATE = MIN_INSTANT.date()
_END_DATE = MAX_INSTANT.date()


def _local_date(value: Any, field: str, zone: ZoneInfo) -> date:
    if isinstance(value, datetime):
        utc_seconds(value, field, end=field == "end")
        return value.astimezone(zone).date()
    if not isinstance(value, date):
        raise _bad(field, "a datetime.date (or an aware datetime)", value)
    if not _FIRST_DATE <= value <= _END_DATE:
        raise _bad(field, f"a date from {_FIRST_DATE} up to {_END_DATE} (the supported dates)", value)
    return value


_DATED_WAY_OUT = "pass start and end to write the days they change as dated hours"


def _refuse_unknown(schedule: Schedule, what: str) -> None:
    """Refuse a schedule with unknown times (:class:`UnexpressibleError`): formats know open and closed."""
    found = [
        f"rule {index} ({rule})"
        for index, rule in enumerate(schedule.rules, 1)
        if rule.has_unknown and not rule.closed
    ]
    if found:
        raise UnexpressibleError(
            f"{what} cannot say {', '.join(found)}: {'it makes' if len(found) == 1 else 'they make'} "
            f"times unknown (an open end, 'unknown' "
            f"or a comment alone), and the format knows only open and closed; give a closing time, "
            f"or write open or off"
        )


def _split(
    schedule: Schedule, start: Any, end: Any, what: str, way_out: str = _DATED_WAY_OUT
) -> Tuple[Week, Dict[date, Tuple[Span, ...]]]:
    """The weekly hours of *schedule* and, for the dates ``[start, end)``, the days that differ from them."""
    if not isinstance(schedule, Schedule):
        raise _bad("schedule", "a Schedule", schedule)
    _refuse_unknown(schedule, what)
    blockers = _not_weekly(schedule)
    if start is None and end is None:
        if blockers:
            raise UnexpressibleError(
                f"{what} cannot say {', '.join(blockers)}: they do not repeat every week; {way_out}"
            )
        return _week(schedule), {}
    first = _local_date(start, "start", schedule.zone)
    last = _local_date(end, "end", schedule.zone)
    if not 0 <= (last - first).days <= MAX_SPECIAL_DAYS:
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
