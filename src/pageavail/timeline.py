"""A Page's status over a period: segments that tile it, totals, and when it is active.

>>> from datetime import datetime, timedelta, timezone
>>> import pageavail as pa
>>> page = pa.Page(id="acme", name="Acme", zone="UTC",
...                settings=pa.MessagingSettings(hours=pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="UTC")),
...                grants=[pa.Grant("anna", "acme", role="editor")])
>>> nine = datetime(2026, 11, 27, 9, tzinfo=timezone.utc)
>>> live = page.compile([pa.Session("anna", "web", nine, nine + timedelta(hours=2))])
>>> line = Timeline.build(live, nine - timedelta(hours=1), nine + timedelta(hours=12))
>>> for s in line.segments:
...     print(f"{s.start:%H:%M}-{s.end:%H:%M}", s.status.value, s.reason)
08:00-09:00 away within_response_hours
09:00-11:10 active active
11:10-17:00 offline someone_can_answer
17:00-21:00 away within_response_hours
>>> line.totals()[pa.Status.ACTIVE]
datetime.timedelta(seconds=7800)
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Dict, List, Tuple

import attrs

from ._time import utc_seconds
from .errors import InvalidValueError
from .rules import CompiledPage, Status

__all__ = ["MAX_SEGMENTS", "Segment", "Timeline"]

#: A timeline holds at most this many segments; a longer period raises an error.
MAX_SEGMENTS = 1_000_000

_UTC = timezone.utc


@attrs.frozen
class Segment:
    """A stretch ``[start, end)`` with one status and reason."""

    status: Status
    reason: str
    start: datetime
    end: datetime

    @property
    def duration(self) -> timedelta:
        """Elapsed time of the segment."""
        return self.end.astimezone(_UTC) - self.start.astimezone(_UTC)


@attrs.frozen
class Timeline:
    """A Page's status over ``[start, end)`` as segments that tile it, in order."""

    page: str
    start: datetime
    end: datetime
    segments: Tuple[Segment, ...]

    @classmethod
    def build(cls, page: CompiledPage, start: datetime, end: datetime) -> Timeline:
        """Walk the Page's state changes from *start* to *end*.

        Raises:
            InvalidValueError: *end* is before *start*, or the period holds more
                than :data:`MAX_SEGMENTS` segments.
        """
        utc_seconds(start, "start")
        utc_seconds(end, "end")
        if end.astimezone(_UTC) < start.astimezone(_UTC):
            raise InvalidValueError._for("end", f"at or after start ({start.isoformat()})", end)
        zone = page.page.zone
        segments: List[Segment] = []
        moment = start.astimezone(zone)
        stop = end.astimezone(zone)
        while moment.astimezone(_UTC) < stop.astimezone(_UTC):
            state = page.state(moment)
            change = page.next_change(moment, state)
            finish = stop if change is None or change.astimezone(_UTC) > stop.astimezone(_UTC) else change
            segments.append(Segment(state[0], state[1], moment, finish))
            if len(segments) > MAX_SEGMENTS:
                raise InvalidValueError(
                    f"the period holds more than {MAX_SEGMENTS:,} segments; ask for a shorter one"
                )
            moment = finish
        return cls(page.page.id, start.astimezone(zone), stop, tuple(segments))

    def totals(self) -> Dict[Status, timedelta]:
        """Elapsed time per status (every status present, zero when absent)."""
        totals = {status: timedelta(0) for status in Status}
        for segment in self.segments:
            totals[segment.status] += segment.duration
        return totals

    def active_hours_per_week(self) -> float:
        """Active hours per 7 days of the period."""
        length = self.end.astimezone(_UTC) - self.start.astimezone(_UTC)
        if length <= timedelta(0):
            return 0.0
        return self.totals()[Status.ACTIVE] / timedelta(hours=1) * (timedelta(days=7) / length)

    def weekday_hour_matrix(self) -> Tuple[Tuple[float, ...], ...]:
        """The share of each local weekday-hour the Page is active: 7 rows (Mo…Su) of 24.

        Each piece of time counts for the wall-clock hour it starts in, in the
        Page's zone; hours the period does not cover are 0.
        """
        observed = [[0.0] * 24 for _ in range(7)]
        active = [[0.0] * 24 for _ in range(7)]
        zone = self.start.tzinfo
        for segment in self.segments:
            piece = segment.start.astimezone(_UTC)
            finish = segment.end.astimezone(_UTC)
            while piece < finish:
                local = piece.astimezone(zone)
                into_hour = timedelta(
                    minutes=local.minute, seconds=local.second, microseconds=local.microsecond
                )
                boundary = min(piece + (timedelta(hours=1) - into_hour), finish)
                seconds = (boundary - piece).total_seconds()
                observed[local.weekday()][local.hour] += seconds
                if segment.status is Status.ACTIVE:
                    active[local.weekday()][local.hour] += seconds
                piece = boundary
        return tuple(
            tuple(round(a / o, 6) if o else 0.0 for a, o in zip(active[day], observed[day]))
            for day in range(7)
        )
