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

import itertools
import math
import numbers
from datetime import date, datetime, timedelta, timezone
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import attrs

from . import wording
from ._i18n import Hours, babel_locale, normalize_locale
from ._time import MAX_INSTANT, MIN_INSTANT, offset_pieces, plain, utc_seconds
from ._validate import aware, collection_of, identifier
from .errors import InvalidValueError, OutOfRangeError
from .rules import CompiledPage, Page, Status

__all__ = [
    "MAX_HOURS",
    "MAX_SEGMENTS",
    "MAX_VISITS_PER_HOUR",
    "Comparison",
    "ComparisonRow",
    "HourForecast",
    "HourSlot",
    "LoadForecast",
    "Segment",
    "Timeline",
]

#: A timeline holds at most this many segments; a longer period raises an error,
#: before any segment is built.
MAX_SEGMENTS = 1_000_000
#: The hour-by-hour views (:meth:`Timeline.hour_slots`, the matrix, forecasts)
#: cover at most this many hours (about 11 years, a few seconds of work at most);
#: a longer period raises an error before any work.
MAX_HOURS = 100_000
#: The most page views per hour a forecast accepts (a trillion): more could
#: overflow the sums to infinity.
MAX_VISITS_PER_HOUR = 1e12

_UTC = timezone.utc

Validator = Callable[[Any, Any, Any], None]


def _instant(value: datetime) -> datetime:
    """The key that compares datetimes as instants: two of one zone compare by wall
    clock in Python, so 02:30 CEST and 02:30 CET on the fall-back day would be equal."""
    return value.astimezone(_UTC)


def _status(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, Status):
        raise InvalidValueError._for("status", "a Status", value)


def _reason(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not 1 <= len(value) <= 100:
        raise InvalidValueError._for("reason", "a check name of 1 to 100 characters", value)


def _amount(field: str, optional: bool = False) -> Validator:
    """A finite real number of at least 0 (None too when *optional*)."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if value is None and optional:
            return
        if not _is_real(value) or not math.isfinite(value) or value < 0:
            rule = "a finite number of at least 0"
            raise InvalidValueError._for(field, f"None or {rule}" if optional else rule, value)

    return check


def _local_hour(field: str) -> Validator:
    """An aware datetime within a day of the supported instants: the start of a
    local hour may lie just before the first of them."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        try:
            utc_seconds(value, field)
        except OutOfRangeError:
            if not MIN_INSTANT - timedelta(days=1) <= value < MAX_INSTANT + timedelta(days=1):
                raise

    return check


def _is_real(value: Any) -> bool:
    """A real number, not a truth value (numpy's too)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and type(value).__name__ != "bool_"


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
        slots: List[HourSlot] = []
        for hour, seconds, segment in self._pieces():
            active = seconds if segment.status is Status.ACTIVE else 0.0
            if slots and _instant(slots[-1].hour) == _instant(hour):
                last = slots[-1]
                slots[-1] = HourSlot(hour, last.observed + seconds, last.active + active)
            else:
                slots.append(HourSlot(hour, seconds, active))
        return tuple(slots)

    def _pieces(self) -> Iterator[Tuple[datetime, float, Segment]]:
        """The segments cut at local wall-clock hours: (the local hour, seconds, segment)."""
        length = _instant(self.end) - _instant(self.start)
        if length > timedelta(hours=MAX_HOURS):
            raise InvalidValueError(
                f"hour-by-hour views cover at most {MAX_HOURS:,} hours (MAX_HOURS, about 11 years); "
                f"this timeline covers {length / timedelta(hours=1):,.0f}: build a shorter one"
            )
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
                hour = local.replace(minute=0, second=0, microsecond=0)
                yield hour, (boundary - piece).total_seconds(), segment
                piece = boundary

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
        profile = _visit_profile(visits_per_hour, self.start.tzinfo)
        click_rate = _click_rate(click_rate)
        hours = []
        for slot in self.hour_slots():
            visits = profile[slot.hour.weekday()][slot.hour.hour] * slot.observed / 3600
            prompts = visits * (slot.active / slot.observed if slot.observed else 0.0)
            hours.append(HourForecast(slot.hour, visits, prompts, prompts * click_rate))
        return LoadForecast(tuple(hours))

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
        labels = _labels(labels)
        click_rate = _click_rate(click_rate)
        rows = []
        for line in (self, other):
            forecast = line.forecast(visits_per_hour, click_rate) if visits_per_hour is not None else None
            active = [[0.0] * 24 for _ in range(7)]
            for slot in line.hour_slots():
                active[slot.hour.weekday()][slot.hour.hour] += slot.active / 3600
            by_hour = None
            if forecast is not None:
                by_hour = [[0.0] * 24 for _ in range(7)]
                for hour in forecast.hours:
                    by_hour[hour.hour.weekday()][hour.hour.hour] += hour.conversations
            rows.append(
                ComparisonRow(
                    page=line.page,
                    active_hours=line.totals()[Status.ACTIVE] / timedelta(hours=1),
                    active_hours_per_week=line.active_hours_per_week(),
                    prompts=None if forecast is None else forecast.prompts,
                    conversations=None if forecast is None else forecast.conversations,
                    active_by_hour=active,
                    conversations_by_hour=by_hour,
                )
            )
        return Comparison(rows[0], rows[1], labels=labels)

    def summary(self, locale: str = "en") -> str:
        """One line for the reader in *locale*: the period, the segments, the active hours per week."""
        tag = normalize_locale(locale)
        return wording.timeline_summary(
            self.start, self.end, len(self.segments), self.active_hours_per_week()
        ).render(tag)

    def to_html(self, locale: str = "en") -> str:
        """A summary table in the reader's *locale*; notebooks show it in English."""
        from html import escape

        tag = normalize_locale(locale)
        totals = self.totals()
        cells = "".join(
            f"<tr><td>{escape(wording.status_word(status.value).render(tag))}</td>"
            f"<td>{escape(Hours(totals[status] / timedelta(hours=1)).format(tag))}</td></tr>"
            for status in Status
        )
        status, time = wording.TIMELINE_STATUS().render(tag), wording.TIMELINE_TIME().render(tag)
        title = self.page if self.name in (None, self.page) else f"{self.name} ({self.page})"
        return (
            f"<div><strong>{escape(title)}</strong> {escape(self.summary(tag))}"
            f"<table><tr><th>{escape(status)}</th><th>{escape(time)}</th></tr>{cells}</table></div>"
        )

    def _repr_html_(self) -> str:
        """A summary table for notebooks."""
        return self.to_html()

    def __repr__(self) -> str:
        """One short line: the Page, the period, the segments and the active hours per week."""
        return (
            f"<Timeline {self.page} {_short(self.start)} to {_short(self.end)} {_zone_name(self.start)}: "
            f"{len(self.segments)} segment{'' if len(self.segments) == 1 else 's'}, "
            f"{self.active_hours_per_week():.1f} active hours per week>"
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
        """A heatmap of the week: outside hours, in hours but nobody online, active.

        See :func:`pageavail.analysis.plot_matrix`; returns the matplotlib Axes.
        """
        from .analysis import plot_matrix

        return plot_matrix(self, ax)


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


@attrs.frozen
class HourForecast:
    """Expected visits, prompts shown and conversations started in one local hour."""

    hour: datetime = attrs.field(validator=_local_hour("hour"), eq=_instant)
    visits: float = attrs.field(validator=_amount("visits"))
    prompts: float = attrs.field(validator=_amount("prompts"))
    conversations: float = attrs.field(validator=_amount("conversations"))


def _hour_forecasts(value: Any) -> Tuple[HourForecast, ...]:
    return collection_of(value, HourForecast, "hours")


@attrs.frozen(repr=False)
class LoadForecast:
    """The load a prompt brings over a timeline: per hour, per day, in total.

    ``repr()`` is one short line; notebooks show a table per day (``_repr_html_``).
    """

    hours: Tuple[HourForecast, ...] = attrs.field(converter=_hour_forecasts)

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

    def __repr__(self) -> str:
        """One short line: the hours, the prompts and the conversations."""
        if not self.hours:
            return "<LoadForecast of no hours>"
        first = self.hours[0].hour
        return (
            f"<LoadForecast {len(self.hours)} hours from {_short(first)} {_zone_name(first)}: "
            f"{self.prompts:,.1f} prompts, {self.conversations:,.1f} conversations>"
        )

    def _repr_html_(self) -> str:
        """Visits, prompts and conversations per local day, for notebooks."""
        days: Dict[date, List[float]] = {}
        for hour in self.hours:
            day = days.setdefault(hour.hour.date(), [0.0, 0.0, 0.0])
            day[0] += hour.visits
            day[1] += hour.prompts
            day[2] += hour.conversations
        cells = "".join(
            f"<tr><td>{day:%a %Y-%m-%d}</td><td>{v:,.1f}</td><td>{p:,.1f}</td><td>{c:,.1f}</td></tr>"
            for day, (v, p, c) in days.items()
        )
        return (
            "<div><table><tr><th>day</th><th>visits</th><th>prompts shown</th>"
            f"<th>conversations started</th></tr>{cells}<tr><th>total</th><th></th>"
            f"<th>{self.prompts:,.1f}</th><th>{self.conversations:,.1f}</th></tr></table></div>"
        )


def _by_hour(field: str, value: Any) -> Optional[Tuple[Tuple[float, ...], ...]]:
    """None, or 7 rows (Mo…Su) of 24 finite numbers of at least 0, as tuples."""
    if value is None:
        return None
    rule = "None or 7 rows (Mo…Su) of 24 finite numbers of at least 0"
    if isinstance(value, (str, bytes)):
        raise InvalidValueError._for(field, rule, value)
    try:
        rows = [tuple(itertools.islice(iter(row), 25)) for row in itertools.islice(iter(value), 8)]
    except TypeError:
        raise InvalidValueError._for(field, rule, value) from None
    if len(rows) != 7 or any(len(row) != 24 for row in rows):
        raise InvalidValueError._for(field, rule, value)
    for row in rows:
        for item in row:
            if not _is_real(item) or not math.isfinite(item) or item < 0:
                raise InvalidValueError._for(field, rule, item)
    return tuple(tuple(float(item) for item in row) for row in rows)


def _active_by_hour(value: Any) -> Optional[Tuple[Tuple[float, ...], ...]]:
    return _by_hour("active_by_hour", value)


def _conversations_by_hour(value: Any) -> Optional[Tuple[Tuple[float, ...], ...]]:
    return _by_hour("conversations_by_hour", value)


@attrs.frozen
class ComparisonRow:
    """One configuration's figures in a comparison.

    *active_by_hour* holds the active hours of each local weekday-hour over the
    period (7 rows, Mo…Su, of 24), *conversations_by_hour* the conversations
    started (None without a forecast).
    """

    page: str = attrs.field(validator=identifier("page"))
    active_hours: float = attrs.field(validator=_amount("active_hours"))
    active_hours_per_week: float = attrs.field(validator=_amount("active_hours_per_week"))
    prompts: Optional[float] = attrs.field(validator=_amount("prompts", optional=True))
    conversations: Optional[float] = attrs.field(validator=_amount("conversations", optional=True))
    active_by_hour: Optional[Tuple[Tuple[float, ...], ...]] = attrs.field(
        default=None, converter=_active_by_hour
    )
    conversations_by_hour: Optional[Tuple[Tuple[float, ...], ...]] = attrs.field(
        default=None, converter=_conversations_by_hour
    )


def _row(field: str) -> Validator:
    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, ComparisonRow):
            raise InvalidValueError._for(field, "a ComparisonRow", value)

    return check


def _labels(value: Any) -> Optional[Tuple[str, str]]:
    """None, or two different texts of 1 to 60 characters (not "difference")."""
    if value is None:
        return None
    rule = 'None or two different texts of 1 to 60 characters, such as ("before", "after")'
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)) or len(value) != 2:
        raise InvalidValueError._for("labels", rule, value)
    first, second = value
    for label in value:
        if not isinstance(label, str) or not 1 <= len(label.strip()) <= 60 or label == "difference":
            raise InvalidValueError._for("labels", rule + ', not "difference"', label)
    if first == second:
        raise InvalidValueError._for("labels", rule, value)
    return (first, second)


@attrs.frozen(repr=False)
class Comparison:
    """Two configurations side by side over the same period.

    *labels* name the sides (None: "first" and "second"). ``repr()`` is one
    short line; notebooks show the table (``_repr_html_``); :meth:`to_frame`
    gives both sides and the difference as a DataFrame, :meth:`plot` the
    difference by weekday and hour.
    """

    first: ComparisonRow = attrs.field(validator=_row("first"))
    second: ComparisonRow = attrs.field(validator=_row("second"))
    labels: Optional[Tuple[str, str]] = attrs.field(default=None, kw_only=True, converter=_labels)

    @property
    def sides(self) -> Tuple[str, str]:
        """The names of the two sides: the labels, or ``("first", "second")``."""
        return self.labels if self.labels is not None else ("first", "second")

    def _figures(self) -> List[Tuple[str, Any, Optional[float], Optional[float]]]:
        """(key, wording, first, second) for each figure, in table order."""
        a, b = self.first, self.second
        return [
            ("active_hours", wording.TIMELINE_ACTIVE_HOURS, a.active_hours, b.active_hours),
            (
                "active_hours_per_week",
                wording.TIMELINE_ACTIVE_PER_WEEK,
                a.active_hours_per_week,
                b.active_hours_per_week,
            ),
            ("prompts", wording.TIMELINE_PROMPTS, a.prompts, b.prompts),
            ("conversations", wording.TIMELINE_CONVERSATIONS, a.conversations, b.conversations),
        ]

    def text(self, locale: str = "en") -> str:
        """The table in the reader's *locale*, numbers formatted by Babel."""
        from babel.numbers import format_decimal

        tag = normalize_locale(locale)
        babel = babel_locale(tag)

        def cell(value: Optional[float]) -> str:
            return "-" if value is None else str(format_decimal(value, "#,##0.0", locale=babel))

        figures = self._figures()
        names = [label().render(tag) for _, label, _, _ in figures]
        width = max(24, *(len(name) + 2 for name in names))
        if self.labels is None:
            first, second = wording.TIMELINE_FIRST().render(tag), wording.TIMELINE_SECOND().render(tag)
        else:
            first, second = self.labels
        column = max(14, len(first) + 2, len(second) + 2)
        rows = [f"{'':<{width}}{first:>{column}}{second:>{column}}"]
        for name, (_, _, a, b) in zip(names, figures):
            rows.append(f"{name:<{width}}{cell(a):>{column}}{cell(b):>{column}}")
        return "\n".join(rows)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        """One short line: the sides and their active hours (and conversations)."""
        first, second = self.sides
        line = (
            f"<Comparison {first!r} vs {second!r}: active hours {self.first.active_hours:,.1f} "
            f"vs {self.second.active_hours:,.1f}"
        )
        if self.first.conversations is not None and self.second.conversations is not None:
            line += f", conversations {self.first.conversations:,.1f} vs {self.second.conversations:,.1f}"
        return line + ">"

    def _repr_html_(self) -> str:
        """The table with the difference, for notebooks."""
        from html import escape

        def cell(value: Optional[float]) -> str:
            return "-" if value is None else f"{value:,.1f}"

        first, second = self.sides
        body = "".join(
            f"<tr><td>{escape(label().render('en'))}</td><td>{cell(a)}</td><td>{cell(b)}</td>"
            f"<td>{cell(None if a is None or b is None else b - a)}</td></tr>"
            for _, label, a, b in self._figures()
        )
        return (
            f"<div><table><tr><th></th><th>{escape(first)}</th><th>{escape(second)}</th>"
            f"<th>difference</th></tr>{body}</table></div>"
        )

    # -- the ``analysis`` extra ---------------------------------------------------

    def to_frame(self) -> Any:
        """Both sides and the difference as a DataFrame; see :func:`pageavail.analysis.comparison_frame`."""
        from .analysis import comparison_frame

        return comparison_frame(self)

    def plot(self, ax: Any = None, value: str = "active_hours") -> Any:
        """The difference by weekday and hour; see :func:`pageavail.analysis.plot_difference`."""
        from .analysis import plot_difference

        return plot_difference(self, ax, value)


def _short(moment: datetime) -> str:
    """A local time in a few characters: ``2026-11-23 00:00``."""
    return f"{moment:%Y-%m-%d %H:%M}"


def _zone_name(moment: datetime) -> str:
    zone = moment.tzinfo
    return str(getattr(zone, "key", None) or zone)


def _click_rate(value: Any) -> float:
    if not _is_real(value) or not 0 <= value <= 1:  # NaN fails the comparison too
        raise InvalidValueError._for("click_rate", "a number from 0 to 1", value)
    return float(value)


def _visits(value: Any) -> float:
    if not _is_real(value) or not 0 <= value <= MAX_VISITS_PER_HOUR:  # NaN and infinity fail too
        raise InvalidValueError._for(
            "visits_per_hour", f"finite numbers from 0 to {MAX_VISITS_PER_HOUR:g} (no NaN)", value
        )
    return float(value)


def _visit_profile(value: Any, zone: Any = None) -> List[List[float]]:
    """Visits per hour as 7 rows (Mo…Su) of 24 finite numbers: from one number, 7 rows of
    24 (lists, tuples, a numpy array), or a pandas value (see :meth:`Timeline.forecast`;
    read by :mod:`pageavail.analysis`, in *zone*). Only as much is read as the shape needs."""
    rule = "a number or 7 rows (Mo…Su) of 24 numbers"
    if _is_real(value):
        return [[_visits(value)] * 24 for _ in range(7)]
    if type(value).__module__.split(".")[0] == "pandas":
        from .analysis import visit_profile

        value = visit_profile(value, zone)
    if isinstance(value, (str, bytes, dict)) or value is None:
        raise InvalidValueError._for("visits_per_hour", rule, value)
    try:
        rows = [list(itertools.islice(iter(row), 25)) for row in itertools.islice(iter(value), 8)]
    except TypeError:
        raise InvalidValueError._for("visits_per_hour", rule, value) from None
    if len(rows) != 7 or any(len(row) != 24 for row in rows):
        raise InvalidValueError._for("visits_per_hour", rule, value)
    return [[_visits(item) for item in row] for row in rows]
