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

from datetime import datetime, timedelta
from typing import Any, Dict, Iterator, List, Optional, Tuple

import attrs

from . import _timeline_compare, _timeline_forecast, _timeline_hours, _timeline_repr
from ._time import offset_pieces, plain, utc_seconds
from ._timeline_common import _instant
from ._timeline_compare import Comparison, ComparisonRow
from ._timeline_forecast import MAX_VISITS_PER_HOUR as MAX_VISITS_PER_HOUR  # a forecast's limit
from ._timeline_forecast import HourForecast, LoadForecast
from ._timeline_hours import MAX_HOURS as MAX_HOURS  # the hour-by-hour views' limit
from ._timeline_hours import HourSlot
from ._validate import aware, collection_of, identifier
from .errors import InvalidValueError, OutOfRangeError
from .rules import CompiledPage, Page, Status

__all__ = [
    # the timeline
    "Segment",
    "Timeline",
    "MAX_SEGMENTS",
    # hour by hour
    "HourSlot",
    "MAX_HOURS",
    # forecasts
    "HourForecast",
    "LoadForecast",
    "MAX_VISITS_PER_HOUR",
    # comparisons
    "ComparisonRow",
    "Comparison",
]

#: A timeline holds at most this many segments; a longer period raises an error,
#: before any segment is built.
MAX_SEGMENTS = 1_000_000

# Their public home, as pickles and tracebacks name them.
HourSlot.__module__ = HourForecast.__module__ = LoadForecast.__module__ = __name__
ComparisonRow.__module__ = Comparison.__module__ = __name__


def _status(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, Status):
        raise InvalidValueError._for("status", "a Status", value)


def _reason(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not 1 <= len(value) <= 100:
        raise InvalidValueError._for("reason", "a check name of 1 to 100 characters", value)


@attrs.frozen
class Segment:
    """A stretch ``[start, end)`` with one status and reason.

    Segments compare by instants: 02:30 CEST and 02:30 CET are different starts.

    Raises:
        InvalidValueError: a field of the wrong kind, or *end* not after *start*.
    """

    status: Status = attrs.field(validator=_status)
    reason: str = attrs.field(validator=_reason)
    start: datetime = attrs.field(validator=aware("start"), eq=_instant)
    end: datetime = attrs.field(validator=aware("end", end=True), eq=_instant)

    def __attrs_post_init__(self) -> None:
        if _instant(self.end) <= _instant(self.start):
            raise InvalidValueError._for("end", f"after start ({self.start.isoformat()})", self.end)

    @classmethod
    def _trusted(cls, status: Status, reason: str, start: datetime, end: datetime) -> Segment:
        """A segment from :meth:`Timeline.build`, valid by construction."""
        segment = object.__new__(cls)
        for name, value in (("status", status), ("reason", reason), ("start", start), ("end", end)):
            object.__setattr__(segment, name, value)
        return segment

    @property
    def duration(self) -> timedelta:
        """Elapsed time of the segment."""
        return _instant(self.end) - _instant(self.start)


def _too_many(per_day: Optional[int] = None) -> InvalidValueError:
    hours = "" if not per_day else f" (its response hours may change up to {per_day} times a day)"
    return InvalidValueError(
        f"the period may hold more than {MAX_SEGMENTS:,} segments (MAX_SEGMENTS){hours}; "
        f"ask for a shorter period"
    )


def _next_change(page: CompiledPage, at: datetime, state: Tuple[Status, str]) -> Optional[datetime]:
    """The Page's next change after *at*, or None when there is none before the end
    of the supported instants (every period ends before it)."""
    try:
        return page.next_change(at, state)
    except OutOfRangeError:  # *at* is valid: only the answer lies beyond the range
        return None


def _hours_change(page: CompiledPage, at: datetime) -> Optional[datetime]:
    """The hours' next change after *at*, or None (none, or none within the range)."""
    hours = page.page.settings.hours
    if hours is None:
        return None
    try:
        return hours.next_change(at)
    except OutOfRangeError:
        return None


def _bounds_per_day(page: CompiledPage) -> int:
    """At most how many changes of the response hours one local day holds.

    A day's open time is the spans of the rules that select it, cut by ``off``
    spans (each cut adds at most one piece), joined with the spill-over of the
    day before (all of it starts at midnight, so at most one more piece): at
    most *spans* + 2 pieces, each with two ends.
    """
    hours = page.page.settings.hours
    if hours is None:
        return 0
    rules = [*hours.rules, *(recurrence.hours for recurrence in hours.recurrences)]
    return 2 * (sum(max(1, len(rule.spans)) for rule in rules) + 2)


def _refuse_oversized(page: CompiledPage, start: datetime, end: datetime) -> None:
    """Refuse, before any work, a period that may hold more than MAX_SEGMENTS segments.

    Every segment after the first begins at a change of the away setting, of the
    hours or of presence, so the segments are at most ``1 + 1 (away) + 2 ×
    presence stretches in the period + (local days + 2 × zone transitions) ×
    changes per day``: a zone transition may shorten a day (one more day in the
    period) or repeat an hour (each piece of the day twice). All of it is cheap:
    presence is a binary search, the days are arithmetic, and the transitions
    are counted only when they decide, over at most ``MAX_SEGMENTS / 6`` days.
    """
    settings = page.page.settings
    away = settings.away
    if not settings.enabled or away is True or start == end:
        return  # one status all the time
    low, segments = start, 1
    if isinstance(away, datetime) and start < _instant(away):
        low, segments = min(_instant(away), end), 2
    segments += 2 * len(page.presence.intervals(start, end))
    hours = settings.hours
    first = _hours_change(page, low) if low < end else None
    if first is None or _instant(first) >= end:
        bound = segments  # the hours never change in the period
    else:
        per_day = _bounds_per_day(page)
        days = (end - _instant(first)) // timedelta(days=1) + 2
        if segments + 3 * days * per_day <= MAX_SEGMENTS:
            return  # even with a zone transition every day
        if segments + days * per_day > MAX_SEGMENTS:
            raise _too_many(per_day)
        transitions = len(offset_pieces(page.page.zone, utc_seconds(first), utc_seconds(end))) - 1
        bound = segments + (days + 2 * transitions) * per_day
    if bound > MAX_SEGMENTS:
        raise _too_many(None if hours is None else _bounds_per_day(page))


def _segments(value: Any) -> Tuple[Segment, ...]:
    return collection_of(value, Segment, "segments")


def _optional_name(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and (not isinstance(value, str) or not 1 <= len(value) <= 200):
        raise InvalidValueError._for("name", "None or a Page name of 1 to 200 characters", value)


@attrs.frozen(repr=False)
class Timeline:
    """A Page's status over ``[start, end)`` as segments that tile it, in order.

    Timelines compare by instants (see :class:`Segment`). Make one with
    :meth:`build`; the constructor checks that the segments tile the period.
    *name* is the Page's name for titles (:meth:`build` fills it in); it does
    not take part in comparisons. ``repr()`` is one short line; notebooks show
    a summary table (``_repr_html_``).

    Raises:
        InvalidValueError: a field of the wrong kind, or segments that do not
            tile ``[start, end)`` in order.
    """

    page: str = attrs.field(validator=identifier("page"))
    start: datetime = attrs.field(validator=aware("start"), eq=_instant)
    end: datetime = attrs.field(validator=aware("end", end=True), eq=_instant)
    segments: Tuple[Segment, ...] = attrs.field(converter=_segments)
    name: Optional[str] = attrs.field(default=None, kw_only=True, validator=_optional_name, eq=False)

    def __attrs_post_init__(self) -> None:
        if _instant(self.end) < _instant(self.start):
            raise InvalidValueError._for("end", f"at or after start ({self.start.isoformat()})", self.end)
        edge = _instant(self.start)
        for segment in self.segments:
            if _instant(segment.start) != edge:
                raise InvalidValueError._for(
                    "segments", f"segments that tile the period from {self.start.isoformat()}", segment
                )
            edge = _instant(segment.end)
        if edge != _instant(self.end):
            raise InvalidValueError._for(
                "segments", f"segments that tile the period up to {self.end.isoformat()}", self.segments
            )

    @classmethod
    def _trusted(
        cls, page: str, start: datetime, end: datetime, segments: Tuple[Segment, ...], name: Optional[str]
    ) -> Timeline:
        """A timeline from :meth:`build`, whose segments tile the period by construction."""
        line = object.__new__(cls)
        fields = (("page", page), ("start", start), ("end", end), ("segments", segments), ("name", name))
        for field, value in fields:
            object.__setattr__(line, field, value)
        return line

    @classmethod
    def build(cls, page: CompiledPage, start: datetime, end: datetime) -> Timeline:
        """Walk the Page's state changes from *start* to *end*.

        Args:
            page: the compiled Page; a :class:`~pageavail.rules.Page` is compiled
                with no sessions (nobody online), the obvious intent.
            start: the period's start (an aware datetime).
            end: its end, at or after *start*.

        The size is bounded before any work: a segment begins only at a change
        of the away setting, the hours or presence; presence stretches in the
        period are counted by binary search, and the hours change at most
        ``2 × (spans in all rules + 2)`` times a local day, twice on a day with
        a zone transition. A period whose bound passes :data:`MAX_SEGMENTS` is
        refused at once (a week of 48 spans a day is about 700 segments; the
        bound allows such hours for about 27 years).

        Raises:
            InvalidValueError: a wrong argument, *end* before *start*, or a period
                that may hold more than :data:`MAX_SEGMENTS` segments.
            OutOfRangeError: *start* or *end* outside the supported instants.
        """
        if isinstance(page, Page):
            page = page.compile()
        if not isinstance(page, CompiledPage):
            raise InvalidValueError._for("page", "a CompiledPage (Page.compile()) or a Page", page)
        utc_seconds(start, "start")
        utc_seconds(end, "end", end=True)
        start, end = plain(start), plain(end)
        if _instant(end) < _instant(start):
            raise InvalidValueError._for("end", f"at or after start ({start.isoformat()})", end)
        _refuse_oversized(page, _instant(start), _instant(end))
        zone = page.page.zone
        segments: List[Segment] = []
        moment = start.astimezone(zone)
        stop = end.astimezone(zone)
        make = Segment._trusted
        while _instant(moment) < _instant(stop):
            state = page.state(moment)
            change = _next_change(page, moment, state)
            finish = stop if change is None or _instant(change) > _instant(stop) else change
            segments.append(make(state[0], state[1], moment, finish))
            if len(segments) > MAX_SEGMENTS:  # only presence beyond the bound: work bounded by the limit
                raise _too_many()
            moment = finish
        return cls._trusted(page.page.id, start.astimezone(zone), stop, tuple(segments), page.page.name)

    def totals(self) -> Dict[Status, timedelta]:
        """Elapsed time per status (every status present, zero when absent)."""
        totals = {status: timedelta(0) for status in Status}
        for segment in self.segments:
            totals[segment.status] += segment.duration
        return totals

    def active_hours_per_week(self) -> float:
        """Active hours per 7 days of the period."""
        length = _instant(self.end) - _instant(self.start)
        if length <= timedelta(0):
            return 0.0
        return self.totals()[Status.ACTIVE] / timedelta(hours=1) * (timedelta(days=7) / length)

    def hour_slots(self) -> Tuple[HourSlot, ...]:
        """The period cut at local wall-clock hours, with the active seconds of each.

        Each piece of time counts for the wall-clock hour it starts in, in the
        Page's zone. Where a fall-back repeats a whole hour (Europe/Berlin), that
        hour is two slots; where it repeats half an hour (Australia/Lord_Howe),
        the hour is one slot that holds the time of both occurrences, so it can
        be longer than an hour.

        Raises:
            InvalidValueError: the period is longer than :data:`MAX_HOURS` hours.
        """
        return _timeline_hours.hour_slots(self)

    def _pieces(self) -> Iterator[Tuple[datetime, float, Segment]]:
        """The segments cut at local wall-clock hours: (the local hour, seconds, segment)."""
        return _timeline_hours.pieces(self)

    def weekday_hour_matrix(self) -> Tuple[Tuple[float, ...], ...]:
        """The share of each local weekday-hour the Page is active: 7 rows (Mo…Su) of 24.

        Hours the period does not cover are 0.
        """
        return _timeline_hours.weekday_hour_matrix(self)

    def forecast(self, visits_per_hour: Any, click_rate: float) -> LoadForecast:
        """Conversations the prompt is expected to start, per hour and per day.

        Args:
            visits_per_hour: page views per hour, in any of these forms:

                - one number for every hour;
                - 7 rows (Mo…Su) of 24 numbers by local weekday and hour: lists,
                  tuples or a numpy array;
                - a pandas DataFrame of 7 rows by 24 columns (rows and columns
                  are matched by weekday and hour labels when they are such
                  labels, e.g. :meth:`matrix_to_pandas`, else taken in order);
                - a pandas Series indexed by (weekday, hour) pairs, 168 of them;
                - a pandas Series of visits over time: numbers indexed by time
                  (counts), or the times of single visits; they are summed per
                  hour in the Page's zone and averaged by weekday and hour, so
                  they must cover every weekday-hour (a week or more).
                  Naive times are read as UTC.
            click_rate: the share of prompts that start a conversation, 0 to 1.

        Each hour's visits see the prompt in proportion to the share of the hour
        the Page is active.

        Raises:
            InvalidValueError: visits that are not finite numbers from 0 to
                :data:`MAX_VISITS_PER_HOUR` (NaN, infinity, negative, text …), a
                shape or labels other than the above, a click rate outside 0 to
                1, or a period over :data:`MAX_HOURS` hours.
        """
        return _timeline_forecast.forecast(self, visits_per_hour, click_rate)

    def compare(
        self,
        other: Timeline,
        visits_per_hour: Any = None,
        click_rate: float = 0.0,
        labels: Optional[Tuple[str, str]] = None,
    ) -> Comparison:
        """This configuration side by side with *other* over the same period.

        The periods must be the same instants (02:30 CEST is not 02:30 CET).

        Args:
            other: the other configuration's timeline.
            visits_per_hour: page views per hour (see :meth:`forecast`); None
                compares active hours only.
            click_rate: the share of prompts that start a conversation.
            labels: names for the two sides, e.g. ``("office hours", "evenings")``:
                the table's headers and the DataFrame's columns
                (:meth:`Comparison.to_frame`). None: "first" and "second".

        Raises:
            InvalidValueError: *other* is not a Timeline of the same period,
                the labels are not two different short texts, or the
                forecast's arguments are bad (see :meth:`forecast`).
        """
        if not isinstance(other, Timeline):
            raise InvalidValueError._for("other", "a Timeline", other)
        if (_instant(self.start), _instant(self.end)) != (_instant(other.start), _instant(other.end)):
            raise InvalidValueError(
                "compare timelines over the same period (build both with the same start and end)"
            )
        return _timeline_compare.compare(self, other, visits_per_hour, click_rate, labels)

    def summary(self, locale: str = "en") -> str:
        """One line for the reader in *locale*: the period, the segments, the active hours per week."""
        return _timeline_repr.timeline_summary(self, locale)

    def to_html(self, locale: str = "en") -> str:
        """A summary table in the reader's *locale*; notebooks show it in English."""
        return _timeline_repr.timeline_html(self, locale)

    def _repr_html_(self) -> str:
        """A summary table for notebooks."""
        return self.to_html()

    def __repr__(self) -> str:
        """One short line: the Page, the period, the segments and the active hours per week."""
        return _timeline_repr.timeline_repr(self)

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
        """A heatmap of the week: outside hours, in hours but nobody online, active.

        See :func:`pageavail.analysis.plot_matrix`; returns the matplotlib Axes.
        """
        from .analysis import plot_matrix

        return plot_matrix(self, ax)
