"""Facebook Graph Page ``hours``: up to two ranges a day, weekly only."""

from __future__ import annotations

import re
from typing import Any, Dict, Mapping, Tuple

from ._fmt_common import (
    _DAY,
    _SCHEMA_DAYS,
    UnexpressibleError,
    _bad,
    _day_pieces,
    _guarded,
    _mapping,
    _minute_text,
    _schedule,
    _split,
    _text_minute,
    _weekly_rules,
)
from .schedule import Schedule

_FB_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FB_KEY = re.compile(r"(mon|tue|wed|thu|fri|sat|sun)_([12])_(open|close)\Z")


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
