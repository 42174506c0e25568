"""A timeline hour by hour: its segments cut at local wall-clock hours, the hour slots and
the weekday-hour matrix.

:class:`HourSlot` and :data:`MAX_HOURS` are public in :mod:`pageavail.timeline`;
:class:`~pageavail.timeline.Timeline` answers ``hour_slots()`` and
``weekday_hour_matrix()`` with the functions below.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Iterator, List, Tuple

import attrs

from ._timeline_common import _UTC, _amount, _instant, _local_hour
from .errors import InvalidValueError
from .rules import Status

if TYPE_CHECKING:
    from .timeline import Segment, Timeline

#: The hour-by-hour views (:meth:`Timeline.hour_slots`, the matrix, forecasts)
#: cover at most this many hours (about 11 years, a few seconds of work at most);
#: a longer period raises an error before any work.
MAX_HOURS = 100_000


@attrs.frozen
class HourSlot:
    """One local wall-clock hour of a timeline: seconds observed and active.

    Slots compare by instants: the two 02:00 hours of a fall-back differ.
    """

    hour: datetime = attrs.field(validator=_local_hour("hour"), eq=_instant)
    observed: float = attrs.field(validator=_amount("observed"))
    active: float = attrs.field(validator=_amount("active"))

    def __attrs_post_init__(self) -> None:
        if self.active > self.observed:
            raise InvalidValueError._for(
                "active", f"at most the observed seconds ({self.observed})", self.active
            )


def hour_slots(line: Timeline) -> Tuple[HourSlot, ...]:
    """The slots of :meth:`Timeline.hour_slots`: the pieces of one local hour summed."""
    slots: List[HourSlot] = []
    for hour, seconds, segment in line._pieces():
        active = seconds if segment.status is Status.ACTIVE else 0.0
        if slots and _instant(slots[-1].hour) == _instant(hour):
            last = slots[-1]
            slots[-1] = HourSlot(hour, last.observed + seconds, last.active + active)
        else:
            slots.append(HourSlot(hour, seconds, active))
    return tuple(slots)


def pieces(line: Timeline) -> Iterator[Tuple[datetime, float, Segment]]:
    """The segments cut at local wall-clock hours: (the local hour, seconds, segment).

    Raises:
        InvalidValueError: the period is longer than :data:`MAX_HOURS` hours.
    """
    length = _instant(line.end) - _instant(line.start)
    if length > timedelta(hours=MAX_HOURS):
        raise InvalidValueError(
            f"hour-by-hour views cover at most {MAX_HOURS:,} hours (MAX_HOURS, about 11 years); "
            f"this timeline covers {length / timedelta(hours=1):,.0f}: build a shorter one"
        )
    zone = line.start.tzinfo
    for segment in line.segments:
        piece = segment.start.astimezone(_UTC)
        finish = segment.end.astimezone(_UTC)
        while piece < finish:
            local = piece.astimezone(zone)
            into_hour = timedelta(minutes=local.minute, seconds=local.second, microseconds=local.microsecond)
            boundary = min(piece + (timedelta(hours=1) - into_hour), finish)
            hour = local.replace(minute=0, second=0, microsecond=0)
            yield hour, (boundary - piece).total_seconds(), segment
            piece = boundary


def weekday_hour_matrix(line: Timeline) -> Tuple[Tuple[float, ...], ...]:
    """The active share of each local weekday-hour, 7 rows (Mo…Su) of 24; 0 where not covered."""
    observed = [[0.0] * 24 for _ in range(7)]
    active = [[0.0] * 24 for _ in range(7)]
    for slot in line.hour_slots():
        observed[slot.hour.weekday()][slot.hour.hour] += slot.observed
        active[slot.hour.weekday()][slot.hour.hour] += slot.active
    return tuple(
        tuple(round(a / o, 6) if o else 0.0 for a, o in zip(active[day], observed[day])) for day in range(7)
    )
