"""Rules → open wall-clock spans per day → sorted instants per bucket.

The day evaluation follows ``opening_hours.js``:

* a rule joined with ``;`` (or the first rule) that opens resets every day it
  selects before adding its spans ("a later rule replaces earlier ones for the
  whole days it selects"); a rule without day selectors selects every day;
* a rule joined with ``,`` adds its spans and never resets;
* an ``off`` rule removes its spans (the whole day when it has none), never more;
* the part of a span past midnight spills into the next day when the rule
  selected the day it starts on, at the rule's place in the order, so a later
  resetting rule that selects the next day drops it.

Instants are compiled per *bucket*, a fixed stretch of
:data:`BUCKET_SECONDS` of UTC, so that the bucket of an instant is one integer
division and a query is one binary search.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from typing import Callable, Dict, FrozenSet, List, Optional, Sequence, Tuple

import attrs

from ._calendar import HolidayCalendar, Recurrence
from ._selectors import MINUTES_PER_DAY, HoursRule, TimeSpan
from ._time import (
    DAY,
    EPOCH,
    MAX_YEAR,
    MIN_YEAR,
    local_seconds,
    merge_spans,
    offset_pieces,
    wall_to_instants,
)
from .errors import OutOfRangeError

__all__ = ["BUCKET_SECONDS", "FIRST_BUCKET", "LAST_BUCKET", "DayContext", "Program"]

#: One mean Gregorian year: the stretch of UTC compiled at a time.
BUCKET_SECONDS = 31_556_952

#: The first and last buckets that lie wholly within the supported local years.
FIRST_BUCKET = ((date(MIN_YEAR, 1, 3) - date(1970, 1, 1)).days * DAY) // BUCKET_SECONDS + 1
LAST_BUCKET = ((date(MAX_YEAR, 12, 29) - date(1970, 1, 1)).days * DAY) // BUCKET_SECONDS - 1

Span = Tuple[int, int]
_WHOLE_DAY: Tuple[Span, ...] = ((0, MINUTES_PER_DAY),)


def _union(spans: List[Span], parts: Sequence[Span]) -> List[Span]:
    return merge_spans([*spans, *parts])


def _subtract(spans: List[Span], parts: Sequence[Span]) -> List[Span]:
    result = spans
    for cut_start, cut_end in parts:
        kept: List[Span] = []
        for start, end in result:
            if end <= cut_start or start >= cut_end:
                kept.append((start, end))
                continue
            if start < cut_start:
                kept.append((start, cut_start))
            if end > cut_end:
                kept.append((cut_end, end))
        result = kept
    return result


class DayContext:
    """The day sets one evaluation needs: holidays and recurrence days."""

    __slots__ = ("holidays", "recurrences")

    def __init__(self, holidays: FrozenSet[date], recurrences: Tuple[FrozenSet[date], ...]) -> None:
        self.holidays = holidays
        self.recurrences = recurrences


class _Step:
    """One rule ready for evaluation."""

    __slots__ = ("closed", "resets", "selects", "spill", "today")

    def __init__(
        self,
        selects: Callable[[date, DayContext], bool],
        resets: bool,
        closed: bool,
        spans: Tuple[TimeSpan, ...],
    ) -> None:
        self.selects = selects
        self.resets = resets
        self.closed = closed
        if spans:
            self.today: Tuple[Span, ...] = tuple(s.today for s in spans if s.today)
            self.spill: Tuple[Span, ...] = tuple(s.spill for s in spans if s.spill)
        else:
            self.today, self.spill = _WHOLE_DAY, ()


def _rule_selector(rule: HoursRule) -> Callable[[date, DayContext], bool]:
    years = rule.years
    dates = rule.dates
    weekdays = frozenset().union(*(w.days for w in rule.weekdays)) if rule.weekdays else None
    holidays = rule.holidays

    def selects(day: date, context: DayContext) -> bool:
        if years and not any(day.year in y for y in years):
            return False
        if dates and not any(d.contains(day) for d in dates):
            return False
        if weekdays is None and not holidays:
            return True
        if weekdays is not None and day.isoweekday() in weekdays:
            return True
        return holidays and day in context.holidays

    return selects


def _recurrence_selector(index: int) -> Callable[[date, DayContext], bool]:
    def selects(day: date, context: DayContext) -> bool:
        return day in context.recurrences[index]

    return selects


class Program:
    """Rules (and recurrences) compiled for evaluation day by day."""

    def __init__(
        self,
        rules: Tuple[HoursRule, ...],
        recurrences: Tuple[Recurrence, ...],
        holidays: Optional[HolidayCalendar],
    ) -> None:
        self.holidays = holidays
        self.recurrences = recurrences
        steps = [
            _Step(_rule_selector(r), not r.additional and not r.closed, r.closed, r.spans) for r in rules
        ]
        steps += [
            _Step(_recurrence_selector(i), not r.hours.closed, r.hours.closed, r.hours.spans)
            for i, r in enumerate(recurrences)
        ]
        self.steps = tuple(steps)
        self.uses_holidays = any(r.holidays for r in rules)
        self.dated = bool(recurrences) or any(r.years or r.dates or r.holidays for r in rules)
        referenced = [y for r in rules for yr in r.years for y in (yr.start, yr.end)]
        referenced += [y for r in rules for d in r.dates for y in d.years]
        if holidays is not None and holidays.last_year is not None:
            referenced.append(holidays.last_year)
        self.last_year = max(referenced, default=None)
        self.rules = rules
        # Years at which the set of rules that can apply changes: between two of
        # them every year sees the same rules (see :meth:`quiet`).
        breaks: set[int] = set()
        for rule in rules:
            for years in rule.years:
                breaks.update((years.start, years.end + 1))
            for dated in rule.dates:
                if dated.year is not None:
                    breaks.update((dated.year, (dated.end_year or dated.year) + 2))
        self.breaks = tuple(sorted(breaks))
        self._quiet: Dict[Tuple[Optional[int], Optional[int]], bool] = {}

    def interval(self, year: int) -> Tuple[Optional[int], Optional[int]]:
        """The stretch of years ``[lo, hi)`` around *year* with one set of rules (None: open)."""
        index = bisect_right(self.breaks, year)
        lo = self.breaks[index - 1] if index else None
        hi = self.breaks[index] if index < len(self.breaks) else None
        return lo, hi

    def quiet(self, interval: Tuple[Optional[int], Optional[int]]) -> bool:
        """Whether nothing can change within the years of *interval*.

        True when the rules that apply there depend on weekdays only (no dates,
        holidays or recurrences) and are open always or never.
        """
        found = self._quiet.get(interval)
        if found is None:
            lo, hi = interval
            year = lo if lo is not None else (hi - 1 if hi is not None else 2000)
            found = not self.recurrences and self._weekly_constant(year)
            self._quiet[interval] = found
        return found

    def _weekly_constant(self, year: int) -> bool:
        """Whether the rules that apply in *year* depend on weekdays only and never change."""
        effective = []
        for rule in self.rules:
            if rule.years and not any(year in years for years in rule.years):
                continue
            if rule.holidays:
                return False
            if rule.dates:
                other_years = all(
                    d.year is not None and not d.year <= year <= (d.end_year or d.year) + 1
                    for d in rule.dates
                )
                if other_years:
                    continue  # only dated days of other years
                return False
            effective.append(attrs.evolve(rule, years=()))
        if not effective:
            return True
        return Program(tuple(effective), (), None).week_is_constant() is not None

    def context(self, first: date, last: date) -> DayContext:
        """The holidays and recurrence days from *first* to *last*."""
        days: FrozenSet[date] = frozenset()
        if self.uses_holidays and self.holidays is not None:
            days = self.holidays.dates_in(first.year, last.year)
        return DayContext(days, tuple(r.dates_between(first, last) for r in self.recurrences))

    def day(self, day: date, context: DayContext) -> List[Span]:
        """The open minutes ``[start, end)`` of one local date."""
        state: List[Span] = []
        previous = day - timedelta(days=1) if day.toordinal() > 1 else None
        for step in self.steps:
            today = step.selects(day, context)
            spill = bool(step.spill) and previous is not None and step.selects(previous, context)
            if not (today or spill):
                continue
            if today and step.resets:
                state = []
            parts = (step.today if today else ()) + (step.spill if spill else ())
            state = _subtract(state, parts) if step.closed else _union(state, parts)
        return state

    def decider(self, day: date, minute: int, context: DayContext) -> Optional[int]:
        """The index of the last step that decided the state of *minute* on *day*."""
        decided: Optional[int] = None
        previous = day - timedelta(days=1) if day.toordinal() > 1 else None
        for index, step in enumerate(self.steps):
            today = step.selects(day, context)
            spill = bool(step.spill) and previous is not None and step.selects(previous, context)
            if today and step.resets:
                decided = index
            parts = (step.today if today else ()) + (step.spill if spill else ())
            if any(start <= minute < end for start, end in parts):
                decided = index
        return decided

    def bucket(self, index: int, zone: object) -> List[int]:
        """The sorted bounds ``[s0, e0, s1, e1, ...]`` of open instants in a bucket."""
        if not FIRST_BUCKET <= index <= LAST_BUCKET:
            year = 1970 + index
            raise OutOfRangeError(
                f"the instant lies around the year {year}; pageavail answers for local years "
                f"{MIN_YEAR} to {MAX_YEAR}"
            )
        lo = index * BUCKET_SECONDS
        hi = lo + BUCKET_SECONDS
        first = (EPOCH + timedelta(seconds=lo - 2 * DAY)).date()
        last = (EPOCH + timedelta(seconds=hi + 2 * DAY)).date()
        context = self.context(first, last)
        walls: List[Span] = []
        day = first
        one = timedelta(days=1)
        while day <= last:
            base = local_seconds(day)
            for start, end in self.day(day, context):
                a, b = base + start * 60, base + end * 60
                if walls and walls[-1][1] == a:
                    walls[-1] = (walls[-1][0], b)
                else:
                    walls.append((a, b))
            day += one
        pieces = offset_pieces(zone, lo, hi)  # type: ignore[arg-type]
        return wall_to_instants(walls, pieces, lo, hi)

    def week_is_constant(self) -> Optional[bool]:
        """For schedules without dates: True/False if open always/never, else None."""
        if self.dated:
            return None
        context = DayContext(frozenset(), ())
        monday = date(2001, 1, 1)  # any week will do: nothing depends on the date
        days = [self.day(monday + timedelta(days=i), context) for i in range(7)]
        if all(d == [(0, MINUTES_PER_DAY)] for d in days):
            return True
        if all(not d for d in days):
            return False
        return None
