"""A Page's status over a period: segments that tile it, totals, and when it is active.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> import pageavail as pa
    >>> hours = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="UTC")
    >>> page = pa.Page(id="acme", name="Acme", zone="UTC",
    ...                settings=pa.MessagingSettings(hours=hours),
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

from datetime import date, datetime, timedelta, timezone
from typing import Any, Dict, List, Optional, Tuple

import attrs

from ._time import utc_seconds
from .errors import InvalidValueError
from .rules import CompiledPage, Status

__all__ = [
    "MAX_SEGMENTS",
    "Comparison",
    "ComparisonRow",
    "HourForecast",
    "HourSlot",
    "LoadForecast",
    "Segment",
    "Timeline",
]

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

    def hour_slots(self) -> Tuple[HourSlot, ...]:
        """The period cut at local wall-clock hours, with the active seconds of each.

        Each piece of time counts for the wall-clock hour it starts in, in the
        Page's zone (a repeated hour at a fall-back is two slots).
        """
        slots: List[HourSlot] = []
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
                active = seconds if segment.status is Status.ACTIVE else 0.0
                hour = local.replace(minute=0, second=0, microsecond=0)
                if slots and slots[-1].hour == hour and slots[-1].hour.utcoffset() == hour.utcoffset():
                    last = slots[-1]
                    slots[-1] = HourSlot(hour, last.observed + seconds, last.active + active)
                else:
                    slots.append(HourSlot(hour, seconds, active))
                piece = boundary
        return tuple(slots)

    def weekday_hour_matrix(self) -> Tuple[Tuple[float, ...], ...]:
        """The share of each local weekday-hour the Page is active: 7 rows (Mo…Su) of 24.

        Hours the period does not cover are 0.
        """
        observed = [[0.0] * 24 for _ in range(7)]
        active = [[0.0] * 24 for _ in range(7)]
        for slot in self.hour_slots():
            observed[slot.hour.weekday()][slot.hour.hour] += slot.observed
            active[slot.hour.weekday()][slot.hour.hour] += slot.active
        return tuple(
            tuple(round(a / o, 6) if o else 0.0 for a, o in zip(active[day], observed[day]))
            for day in range(7)
        )

    def forecast(self, visits_per_hour: Any, click_rate: float) -> LoadForecast:
        """Conversations the prompt is expected to start, per hour and per day.

        Args:
            visits_per_hour: page views per hour: one number for every hour, or
                7 rows (Mo…Su) of 24 numbers by local weekday and hour.
            click_rate: the share of prompts that start a conversation, 0 to 1.

        Each hour's visits see the prompt in proportion to the share of the hour
        the Page is active.
        """
        profile = _visit_profile(visits_per_hour)
        if (
            isinstance(click_rate, bool)
            or not isinstance(click_rate, (int, float))
            or not 0 <= click_rate <= 1
        ):
            raise InvalidValueError._for("click_rate", "a number from 0 to 1", click_rate)
        hours = []
        for slot in self.hour_slots():
            visits = profile[slot.hour.weekday()][slot.hour.hour] * slot.observed / 3600
            prompts = visits * (slot.active / slot.observed if slot.observed else 0.0)
            hours.append(HourForecast(slot.hour, visits, prompts, prompts * click_rate))
        return LoadForecast(tuple(hours))

    def compare(self, other: Timeline, visits_per_hour: Any = None, click_rate: float = 0.0) -> Comparison:
        """This configuration side by side with *other* over the same period."""
        if not isinstance(other, Timeline):
            raise InvalidValueError._for("other", "a Timeline", other)
        if (self.start, self.end) != (other.start, other.end):
            raise InvalidValueError(
                "compare timelines over the same period (build both with the same start and end)"
            )
        rows = []
        for line in (self, other):
            forecast = line.forecast(visits_per_hour, click_rate) if visits_per_hour is not None else None
            rows.append(
                ComparisonRow(
                    page=line.page,
                    active_hours=line.totals()[Status.ACTIVE] / timedelta(hours=1),
                    active_hours_per_week=line.active_hours_per_week(),
                    prompts=None if forecast is None else forecast.prompts,
                    conversations=None if forecast is None else forecast.conversations,
                )
            )
        return Comparison(rows[0], rows[1])

    def _repr_html_(self) -> str:
        """A summary table for notebooks."""
        from html import escape

        totals = self.totals()
        cells = "".join(
            f"<tr><td>{escape(status.value)}</td><td>{totals[status] / timedelta(hours=1):.2f} h</td></tr>"
            for status in Status
        )
        return (
            f"<div><strong>{escape(self.page)}</strong> {escape(self.start.isoformat())} – "
            f"{escape(self.end.isoformat())}: {len(self.segments)} segments, "
            f"{self.active_hours_per_week():.1f} active hours per week"
            f"<table><tr><th>status</th><th>time</th></tr>{cells}</table></div>"
        )

    # -- arrays (the ``analysis`` extra: numpy, pandas, matplotlib) -------------------

    def status_codes(self, instants: Any, unit: Optional[str] = None) -> Any:
        """Status codes for an array of instants; see :func:`pageavail.analysis.status_codes`."""
        from .analysis import status_codes

        return status_codes(self, instants, unit)

    def to_pandas(self) -> Any:
        """The segments as a pandas DataFrame (``status, reason, start, end, hours``)."""
        from .analysis import segments_frame

        return segments_frame(self)

    def matrix_to_pandas(self) -> Any:
        """The weekday-by-hour matrix as a pandas DataFrame (rows Mo…Su, columns 0…23)."""
        from .analysis import matrix_frame

        return matrix_frame(self)

    def plot(self, ax: Any = None) -> Any:
        """A heatmap of the weekday-by-hour matrix with matplotlib; returns the Axes."""
        from .analysis import plot_matrix

        return plot_matrix(self, ax)


@attrs.frozen
class HourSlot:
    """One local wall-clock hour of a timeline: seconds observed and active."""

    hour: datetime
    observed: float
    active: float


@attrs.frozen
class HourForecast:
    """Expected visits, prompts shown and conversations started in one local hour."""

    hour: datetime
    visits: float
    prompts: float
    conversations: float


@attrs.frozen
class LoadForecast:
    """The load a prompt brings over a timeline: per hour, per day, in total."""

    hours: Tuple[HourForecast, ...]

    @property
    def prompts(self) -> float:
        """Prompts shown over the whole period."""
        return sum(h.prompts for h in self.hours)

    @property
    def conversations(self) -> float:
        """Conversations started over the whole period."""
        return sum(h.conversations for h in self.hours)

    def per_day(self) -> Dict[date, float]:
        """Conversations started per local date."""
        days: Dict[date, float] = {}
        for hour in self.hours:
            days[hour.hour.date()] = days.get(hour.hour.date(), 0.0) + hour.conversations
        return days

    @property
    def busiest_hour(self) -> Optional[HourForecast]:
        """The hour with the most conversations, or None for an empty period."""
        return max(self.hours, key=lambda h: h.conversations, default=None)


@attrs.frozen
class ComparisonRow:
    """One configuration's figures in a comparison."""

    page: str
    active_hours: float
    active_hours_per_week: float
    prompts: Optional[float]
    conversations: Optional[float]


@attrs.frozen
class Comparison:
    """Two configurations side by side over the same period."""

    first: ComparisonRow
    second: ComparisonRow

    def __str__(self) -> str:
        def cell(value: Optional[float]) -> str:
            return "-" if value is None else f"{value:,.1f}"

        rows = [f"{'':<24}{'first':>14}{'second':>14}"]
        for label, a, b in (
            ("active hours", self.first.active_hours, self.second.active_hours),
            ("active hours per week", self.first.active_hours_per_week, self.second.active_hours_per_week),
            ("prompts shown", self.first.prompts, self.second.prompts),
            ("conversations started", self.first.conversations, self.second.conversations),
        ):
            rows.append(f"{label:<24}{cell(a):>14}{cell(b):>14}")
        return "\n".join(rows)


def _visit_profile(value: Any) -> List[List[float]]:
    if isinstance(value, bool):
        raise InvalidValueError._for("visits_per_hour", "a number or 7 rows of 24 numbers", value)
    if isinstance(value, (int, float)):
        if value < 0:
            raise InvalidValueError._for("visits_per_hour", "at least 0", value)
        return [[float(value)] * 24 for _ in range(7)]
    try:
        rows = [list(row) for row in value]
    except TypeError:
        raise InvalidValueError._for("visits_per_hour", "a number or 7 rows of 24 numbers", value) from None
    if len(rows) != 7 or any(len(row) != 24 for row in rows):
        raise InvalidValueError._for("visits_per_hour", "a number or 7 rows (Mo…Su) of 24 numbers", value)
    profile = []
    for row in rows:
        numbers = []
        for item in row:
            if isinstance(item, bool) or not isinstance(item, (int, float)) or item < 0 or item != item:
                raise InvalidValueError._for("visits_per_hour", "numbers of at least 0", item)
            numbers.append(float(item))
        profile.append(numbers)
    return profile
