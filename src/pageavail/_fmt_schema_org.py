"""schema.org ``openingHoursSpecification`` (weekly and dated) and the ``openingHours`` text form."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Dict, List, Mapping, Optional

import attrs

from ._fmt_common import (
    _DAY,
    _SCHEMA_DAYS,
    Span,
    _bad,
    _day_pieces,
    _day_range,
    _guarded,
    _list,
    _mapping,
    _minute_text,
    _schedule,
    _split,
    _text_minute,
    _weekday_ranges,
    _weekly_rules,
)
from ._parser import parse_rules
from ._selectors import HoursRule, TimeSpan
from .errors import InvalidValueError, PageAvailError
from .schedule import Schedule

#: An ISO date, alone or as the start of a date-time (``T`` or a space, then the time).
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ][0-9]{2}:[0-9]{2}\S*)?\Z", re.ASCII)


def _iso_date(value: Any, path: str) -> date:
    """``YYYY-MM-DD`` (or a date-time's date), the same on every Python (3.11 reads more spellings)."""
    match = _ISO_DATE.match(value) if isinstance(value, str) else None
    try:
        if match is None:
            raise ValueError
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise _bad(path, "an ISO date 'YYYY-MM-DD' (or a date-time starting with one)", value) from None


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


_HOURS_KEYS = ("openingHoursSpecification", "openingHours")
_SPEC_KEYS = ("opens", "closes", "dayOfWeek", "validFrom", "validThrough")


def _from_schema_org(data: Any, zone: Any) -> Schedule:
    if isinstance(data, Mapping) and "@graph" in data and not any(key in data for key in _HOURS_KEYS):
        graph = data["@graph"]  # JSON-LD's graph: the node that has the hours
        nodes = [
            n for n in _list(graph, "@graph") if isinstance(n, Mapping) and any(k in n for k in _HOURS_KEYS)
        ]
        if len(nodes) != 1:
            rule = "a graph with one node that has openingHoursSpecification or openingHours"
            raise _bad("@graph", rule, f"{len(nodes)} such nodes")
        data = nodes[0]
    if isinstance(data, Mapping) and not any(key in data for key in (*_HOURS_KEYS, *_SPEC_KEYS)):
        rule = "a LocalBusiness with openingHoursSpecification or openingHours, or specifications"
        raise _bad("openingHoursSpecification", rule, f"an object with keys {sorted(map(str, data))[:8]}")
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
        if len(texts) > 1:  # the strings of a list add up, in any order: each only opens
            for rule_ in parsed:
                if rule_.closed or (rule_ is not parsed[0] and not rule_.additional):
                    what = f"'{rule_}' closes" if rule_.closed else f"'{rule_}' replaces the hours before it"
                    raise _bad(
                        where,
                        f"opening times that add to the other strings ({what}); write the whole hours "
                        "as one string, where ';' and off mean what they do in response hours",
                        text,
                    )
        rules += [attrs.evolve(r, additional=True) for r in parsed[:1]]
        rules += list(parsed[1:])
    return rules


def _schema_day(value: Any, path: str) -> int:
    if isinstance(value, Mapping) and isinstance(value.get("@id"), str):
        value = value["@id"]  # JSON-LD's node form: {"@id": "https://schema.org/Monday"}
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
        elif isinstance(days_value, (str, Mapping)):
            days = [_schema_day(days_value, f"{where}.dayOfWeek")]
        else:
            if not isinstance(days_value, (list, tuple)):
                raise _bad(f"{where}.dayOfWeek", "a day such as 'Monday', or a list of days", days_value)
            items = days_value
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
