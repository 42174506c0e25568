"""Instants, zones and wall clocks: the one place that resolves local times.

Instants are handled as whole seconds since 1970-01-01 UTC (``int``), wall
clock times as whole seconds since 1970-01-01 00:00 *local* (also ``int``).
Integers keep every comparison exact, for any year, where float timestamps
lose microseconds.
"""

from __future__ import annotations

import functools
import pkgutil
import sys
from bisect import bisect_right
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any, FrozenSet, Iterable, List, Optional, Sequence, Tuple, TypeVar

from .errors import InvalidInstantError, NaiveDatetimeError, OutOfRangeError, UnknownZoneError

if sys.version_info >= (3, 9):
    from zoneinfo import ZoneInfo
else:  # pragma: no cover - exercised on Python 3.8 only
    from backports.zoneinfo import ZoneInfo

__all__ = [
    "EPOCH",
    "MAX_INSTANT",
    "MAX_SECONDS",
    "MAX_YEAR",
    "MIN_INSTANT",
    "MIN_SECONDS",
    "MIN_YEAR",
    "ZoneInfo",
    "instant_key",
    "instant_to_datetime",
    "local_seconds",
    "merge_spans",
    "offset_pieces",
    "out_of_range",
    "plain",
    "resolve_zone",
    "utc_seconds",
    "wall_to_instants",
]

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
DAY = 86_400

#: The supported instants, the one range every entry point enforces: from
#: ``MIN_INSTANT`` up to, not including, ``MAX_INSTANT``. Three years of margin on
#: each side keep every derived instant (the local date in any zone, the day
#: before it, a presence timeout, the next change found just past the end) clear
#: of ``datetime.min`` and ``datetime.max``.
MIN_INSTANT = datetime(4, 1, 1, tzinfo=timezone.utc)
MAX_INSTANT = datetime(9997, 1, 1, tzinfo=timezone.utc)
MIN_SECONDS = (MIN_INSTANT - EPOCH).days * DAY
MAX_SECONDS = (MAX_INSTANT - EPOCH).days * DAY

#: The local years whose days a schedule compiles: the supported instants in any
#: zone, with room for the day before and the day after.
MIN_YEAR = 2
MAX_YEAR = 9998

#: Offsets are sampled this often when looking for zone transitions, then each
#: change is pinned to the second by bisection. No zone in the tz database changes
#: its offset and changes it back within one day.
_SAMPLE_STEP = DAY


def utc_seconds(at: Any, field: str = "at", *, end: bool = False) -> int:
    """Whole seconds since the epoch (the floor) of an aware datetime.

    Raises:
        NaiveDatetimeError: *at* is a naive datetime.
        InvalidInstantError: *at* is not a datetime at all.
        OutOfRangeError: *at* lies outside the supported instants
            (:data:`MIN_INSTANT` up to, not including, :data:`MAX_INSTANT`; with
            *end*, :data:`MAX_INSTANT` itself is allowed too, as the end of a
            period or a change at the end of the range).
    """
    try:
        delta = at - EPOCH
        seconds = delta.days * DAY + delta.seconds
    except Exception:  # TypeError, AttributeError, OverflowError, or an odd tzinfo's own error
        raise _bad_instant(at, field) from None
    if type(seconds) is not int:  # pandas NaT and other datetime look-alikes
        raise _bad_instant(at, field)
    # The end of a period, or a next change, may be the end of the range itself.
    at_the_end = end and seconds == MAX_SECONDS and delta.microseconds == 0
    if not MIN_SECONDS <= seconds < MAX_SECONDS and not at_the_end:
        raise out_of_range(field, at, end)
    return seconds


def plain(value: datetime) -> datetime:
    """*value* as a plain :class:`datetime` (a pandas ``Timestamp`` is a subclass whose
    zone arithmetic differs with some zone implementations); call after validating."""
    if type(value) is datetime:
        return value
    return datetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        value.tzinfo,
        fold=value.fold,
    )


def instant_key(value: Any) -> Any:
    """What equality and hashing use for a datetime field: the instant, not the wall clock.

    Python compares two datetimes of one zone by wall clock, so 02:30 CEST and
    02:30 CET on the fall-back day would be equal; in UTC they are not. Other
    values (None, True, False) are themselves.
    """
    return value.astimezone(timezone.utc) if isinstance(value, datetime) else value


def out_of_range(field: str, at: Any, end: bool = False) -> OutOfRangeError:
    """The one error for an instant outside the supported range (*end*: the end of a
    period, which may be :data:`MAX_INSTANT` itself)."""
    upto = "up to and including" if end else "up to, not including,"
    return OutOfRangeError(
        f"{field!r} must lie from {MIN_INSTANT.isoformat()} {upto} "
        f"{MAX_INSTANT.isoformat()} (got {_show(at)}); pageavail answers for these instants only"
    )


def _show(at: Any) -> str:
    try:
        return str(at.isoformat())
    except Exception:
        return repr(at)


def _bad_instant(at: Any, field: str) -> InvalidInstantError:
    if type(at).__name__ == "NaTType":
        return InvalidInstantError(f"{field!r} must be an aware datetime (got NaT, a missing time)")
    if isinstance(at, datetime) and (at.tzinfo is None or _offset_or_none(at) is None):
        return NaiveDatetimeError._for(field, "an aware datetime", at)
    if isinstance(at, datetime):
        return InvalidInstantError._for(field, "an aware datetime with a usable offset", at)
    return InvalidInstantError(
        f"{field!r} must be an aware datetime (got {at!r} of type {type(at).__name__}); "
        f"parse texts with datetime.fromisoformat('2026-11-27T10:00:00+01:00')"
    )


def _offset_or_none(at: datetime) -> Optional[timedelta]:
    try:
        return at.utcoffset()
    except Exception:
        return None


def instant_to_datetime(seconds: int, zone: tzinfo) -> datetime:
    """The aware datetime in *zone* for whole seconds since the epoch."""
    if seconds >= 0:  # the fast path; some platforms reject negative timestamps
        return datetime.fromtimestamp(seconds, zone)
    return (EPOCH + timedelta(seconds=seconds)).astimezone(zone)


def local_seconds(day: date, minute: int = 0) -> int:
    """Wall-clock seconds since 1970-01-01 00:00 local for a date and minute of day."""
    return (day.toordinal() - EPOCH_ORDINAL) * DAY + minute * 60


def resolve_zone(zone: Any, field: str = "zone") -> ZoneInfo:
    """A :class:`ZoneInfo` for an IANA name (or a ZoneInfo, returned as is).

    Raises:
        UnknownZoneError: the name is not in the time zone database.
    """
    if isinstance(zone, ZoneInfo):
        if zone.key is None:
            raise UnknownZoneError(
                f"{field!r} must be a named IANA zone (got a ZoneInfo made from a file); "
                f"use ZoneInfo('Europe/Berlin') or the name itself"
            )
        return zone
    if not isinstance(zone, str):
        raise UnknownZoneError(
            f"{field!r} must be an IANA zone name such as 'Europe/Berlin' "
            f"(got {_short(zone)} of type {type(zone).__name__})"
        )
    if zone not in _zone_names():
        raise UnknownZoneError._for(_short(zone))
    try:
        return ZoneInfo(zone)
    except Exception:  # ZoneInfoNotFoundError, ValueError, OSError, ...: all mean "no such zone"
        raise UnknownZoneError._for(_short(zone)) from None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


@functools.lru_cache(maxsize=None)
def _zone_names() -> FrozenSet[str]:
    """The zone names of the packaged tz database (the ``tzdata`` dependency).

    Only these are accepted, so that a Page means the same on every host: names
    that only some hosts have (``localtime``, ``posixrules``, ``right/…``,
    ``posix/…``) are refused.
    """
    data = pkgutil.get_data("tzdata", "zones")
    if data is None:  # pragma: no cover - tzdata always ships its list
        raise RuntimeError("the tzdata package has no list of zones")
    return frozenset(data.decode("utf-8").split())


def _offset_at(zone: tzinfo, seconds: int) -> int:
    offset = instant_to_datetime(seconds, zone).utcoffset()
    return 0 if offset is None else offset.days * DAY + offset.seconds


def offset_pieces(zone: tzinfo, lo: int, hi: int) -> List[Tuple[int, int]]:
    """The zone's UTC offsets over the instants ``[lo, hi)``.

    Returns:
        ``[(start, offset), ...]``: the offset *offset* (seconds east of UTC) holds
        from instant *start* until the next piece's start (the first piece starts
        at *lo*).
    """
    pieces = [(lo, _offset_at(zone, lo))]
    previous = lo
    current = pieces[0][1]
    probe = lo + _SAMPLE_STEP
    while previous < hi:
        probe = min(probe, hi)
        offset = _offset_at(zone, probe)
        if offset != current:
            # The first second with the new offset lies in (previous, probe].
            low, high = previous, probe
            while high - low > 1:
                middle = (low + high) // 2
                if _offset_at(zone, middle) == current:
                    low = middle
                else:
                    high = middle
            pieces.append((high, offset))
            current = offset
        previous = probe
        probe += _SAMPLE_STEP
    return pieces


def wall_to_instants(
    walls: Sequence[Tuple[int, int]], pieces: Sequence[Tuple[int, int]], lo: int, hi: int
) -> List[int]:
    """The instants in ``[lo, hi)`` whose wall-clock time falls in *walls*.

    Args:
        walls: sorted, disjoint, non-touching wall-clock spans ``[a, b)`` in local seconds.
        pieces: the zone's offsets over ``[lo, hi)``, from :func:`offset_pieces`.

    Returns:
        Sorted bounds ``[s0, e0, s1, e1, ...]`` of the maximal instants intervals
        ``[s, e)``. Wall times skipped by a jump forward have no instants; wall
        times repeated by a jump back have two. No interval is empty.
    """
    starts = [a for a, _ in walls]
    bounds: List[int] = []
    for index, (piece_start, offset) in enumerate(pieces):
        piece_end = pieces[index + 1][0] if index + 1 < len(pieces) else hi
        first_wall = piece_start + offset
        last_wall = piece_end + offset
        k = max(bisect_right(starts, first_wall) - 1, 0)
        while k < len(walls) and walls[k][0] < last_wall:
            a, b = walls[k]
            k += 1
            start = max(a - offset, piece_start, lo)
            end = min(b - offset, piece_end, hi)
            if start >= end:
                continue
            if bounds and bounds[-1] == start:
                bounds[-1] = end  # touches the previous interval across a transition
            else:
                bounds.append(start)
                bounds.append(end)
    return bounds


_T = TypeVar("_T", int, datetime)


def merge_spans(spans: Iterable[Tuple[_T, _T]]) -> List[Tuple[_T, _T]]:
    """Spans ``[start, end)`` sorted and merged where they overlap or touch; empty ones dropped."""
    merged: List[Tuple[_T, _T]] = []
    for start, end in sorted(spans):
        if not start < end:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
