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

import calendar
import math
from array import array
from bisect import bisect_right
from datetime import date, timedelta
from itertools import product
from typing import Any, Callable, Dict, FrozenSet, List, Optional, Sequence, Set, Tuple, TypeVar

from ._calendar import HolidayCalendar, Recurrence, SchoolHolidays
from ._selectors import MINUTES_PER_DAY, DateRange, EasterRange, HoursRule, TimeSpan, shifted
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

__all__ = [
    "BUCKET_SECONDS",
    "WINDOW_SECONDS",
    "CYCLE_BUCKETS",
    "FIRST_BUCKET",
    "LAST_BUCKET",
    "ZONE_RULES_YEAR",
    "DayContext",
    "Program",
    "week_instants",
]

#: One mean Gregorian year: the stretch of UTC compiled at a time.
BUCKET_SECONDS = 31_556_952

#: The first and last buckets that lie wholly within the supported local years.
FIRST_BUCKET = ((date(MIN_YEAR, 1, 3) - date(1970, 1, 1)).days * DAY) // BUCKET_SECONDS + 1
LAST_BUCKET = ((date(MAX_YEAR, 12, 29) - date(1970, 1, 1)).days * DAY) // BUCKET_SECONDS - 1

#: One week: the stretch of UTC compiled for the first questions about an instant.
WINDOW_SECONDS = 7 * DAY

Span = Tuple[int, int]
#: How many years of holidays and recurrence days a program keeps (:meth:`Program.year_context`).
_KEPT_CONTEXTS = 16
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
    """The day sets one evaluation needs: holidays, recurrence days and school holidays."""

    __slots__ = ("holidays", "recurrences", "school")

    def __init__(
        self,
        holidays: FrozenSet[date],
        recurrences: Tuple[FrozenSet[date], ...],
        school: FrozenSet[date] = frozenset(),
    ) -> None:
        self.holidays = holidays
        self.recurrences = recurrences
        self.school = school


#: Kinds of the parts a rule paints (:attr:`_Step.paints`): a known part, an open end's
#: guessed part, and a guessed part that ends at the day's first change inside it.
_KNOWN, _GUESS, _CUT_GUESS = 0, 1, 2


class _Step:
    """One rule ready for evaluation.

    *today* and *spill* hold every part the rule sets, an open end's guessed
    part too. For three states, *paints* and *spill_paints* hold the same parts
    as ``(start, end, kind)`` in the order ``opening_hours.js`` evaluates them
    (an open end of ``10:00-12:00+`` before its span), the later winning.
    """

    __slots__ = ("closed", "paints", "resets", "selects", "spill", "spill_paints", "today", "unknown")

    def __init__(
        self,
        selects: Callable[[date, DayContext], bool],
        resets: bool,
        closed: bool,
        spans: Tuple[TimeSpan, ...],
        unknown: bool = False,
    ) -> None:
        self.selects = selects
        self.resets = resets
        self.closed = closed
        self.unknown = unknown
        self.today: Tuple[Span, ...] = _WHOLE_DAY
        self.spill: Tuple[Span, ...] = ()
        self.paints: Tuple[Tuple[int, int, int], ...] = ((0, MINUTES_PER_DAY, _KNOWN),)
        self.spill_paints: Tuple[Tuple[int, int, int], ...] = ()
        if not spans:
            return
        paints: List[Tuple[int, int, int]] = []
        spill_paints: List[Tuple[int, int, int]] = []
        for index, span in enumerate(spans):
            parts = []
            guess = span.guess
            if guess is not None:
                # opening_hours.js ends a guess at the day's first change inside it when
                # another time of the rule follows the open end (its own span, for '10:00-12:00+').
                cut = span.end > span.start or index < len(spans) - 1
                parts.append((guess, _CUT_GUESS if cut else _GUESS))
            if span.end > span.start:
                parts.append(((span.start, span.end), _KNOWN))
            for (a, b), kind in parts:
                if a < MINUTES_PER_DAY:
                    paints.append((a, min(b, MINUTES_PER_DAY), kind))
                if b > MINUTES_PER_DAY:
                    spill_paints.append((max(a - MINUTES_PER_DAY, 0), b - MINUTES_PER_DAY, min(kind, _GUESS)))
        self.paints, self.spill_paints = tuple(paints), tuple(spill_paints)
        self.today = tuple((a, b) for a, b, _ in paints)
        self.spill = tuple((a, b) for a, b, _ in spill_paints)


def _rule_selector(rule: HoursRule) -> Callable[[date, DayContext], bool]:
    years = rule.years
    dates = rule.dates
    weeks = rule.weeks
    plain = [w for w in rule.weekdays if not w.nth]
    nth = [w for w in rule.weekdays if w.nth]
    weekdays = _shared(_WEEKDAY_SETS, frozenset().union(*(w.days for w in plain))) if plain else None
    holidays = rule.holiday_offsets if rule.holidays else ()
    school = rule.school_holidays
    any_day = not (rule.weekdays or holidays or school)
    narrowed = rule.holiday_weekdays

    def selects(day: date, context: DayContext) -> bool:
        if years and not any(day.year in y for y in years):
            return False
        if dates and not any(d.contains(day) for d in dates):
            return False
        if weeks and not any(w.contains(day) for w in weeks):
            return False
        if any_day:
            return True
        weekday = (weekdays is not None and day.isoweekday() in weekdays) or any(
            w._contains_nth(day) for w in nth
        )
        if weekday != narrowed:  # a weekday of a plain rule, or no weekday of a narrowed one
            return weekday
        if any(shifted(day, offset) in context.holidays for offset in holidays):
            return True
        return school and day in context.school

    return selects


_Selector = Callable[[date, DayContext], bool]

#: What programs select on a day and the open minutes that follow, one value for all
#: programs: their tables of evaluated days hold these. At most this many of each.
_SHARED_VALUES = 4096
_SELECTIONS: Dict[Tuple[Tuple[bool, bool], ...], Tuple[Tuple[bool, bool], ...]] = {}
_DAY_SPANS: Dict[Tuple[Span, ...], Tuple[Span, ...]] = {}
_V = TypeVar("_V")
#: The sets of weekdays rules select (at most 127 of them), one value for all rules.
_WEEKDAY_SETS: Dict[FrozenSet[int], FrozenSet[int]] = {}
#: The table of a program that has not filled it yet: shared, never written.
_NONE_YET: Dict[Any, Any] = {}


def _shared(table: Dict[_V, _V], value: _V) -> _V:
    """The value in *table* equal to *value* (*value* itself, kept, if none is)."""
    found = table.get(value)
    if found is None:
        if len(table) >= _SHARED_VALUES:
            table.clear()
        table[value] = found = value
    return found


#: One value for each pair (selects the day, selects the day before and spills into it):
#: the keys of :meth:`Program.day`'s table of evaluated days hold these, not copies.
_PAIRS: Dict[Tuple[bool, bool], Tuple[bool, bool]] = {
    (today, before): (today, before) for today in (False, True) for before in (False, True)
}

#: The steps of rules without ``||`` (immutable: made from the rule alone), shared between
#: programs whose rules are equal; at most this many (the table starts afresh when full).
_SHARED_STEPS = 4096
_RULE_STEPS: Dict[HoursRule, _Step] = {}


def _fallback(selects: _Selector, earlier: Sequence[_Selector]) -> _Selector:
    """A rule after ``||``: it selects only days that no earlier rule selects."""
    before = tuple(earlier)

    def fallback(day: date, context: DayContext) -> bool:
        return selects(day, context) and not any(s(day, context) for s in before)

    return fallback


def _dated_state(dated: DateRange, year: int) -> str:
    """Whether a dated range selects ``"all"``, ``"none"`` or only ``"some"`` days of *year*."""
    first, last = dated.bounds
    if first > last or last < (year, 1, 1) or first > (year, 12, 31):
        return "none"
    if first <= (year, 1, 1) and last >= (year, 12, 31):
        return "all"
    return "some"


def _dated_breaks(dated: DateRange) -> Tuple[int, ...]:
    """The years at which a dated range starts or stops selecting whole years."""
    (first, *_), (last, *_) = dated.bounds
    return (first, first + 1, last, last + 1)


#: One representative of every (month, day, weekday) with the day before it:
#: ``(day, weekday, day before)``. Rules stripped of their years see nothing else
#: of a date, so these stand for all days of a stretch of years.
_REPRESENTATIVES: Tuple[Tuple[date, int, date], ...] = tuple(
    (day, weekday, day - timedelta(days=1))
    for day in [*(date(2000, 1, 1) + timedelta(days=n) for n in range(366)), date(2001, 3, 1)]
    for weekday in range(1, 8)
)

#: A rule as it applies throughout a stretch of years: whether it applies at all, its
#: yearly dates (None: any date), its easter ranges (and n-th weekday ranges), weeks, weekdays (None: none
#: named), n-th weekdays, holiday offsets, ``SH``, and whether it is a fallback.
_Part = Tuple[
    bool,
    Optional[Tuple[DateRange, ...]],
    Tuple[Any, ...],
    Tuple[Any, ...],
    Optional[FrozenSet[int]],
    Tuple[Any, ...],
    Tuple[int, ...],
    bool,
    bool,
    bool,
]
_UNKNOWN = object()
_BOTH = (False, True)
#: The most combinations of what the rules may select that one representative day tries.
_MAX_CHOICES = 256


class _Flags(Dict[Any, bool]):
    """Whether a day is a holiday (by offset) or a school holiday (``"SH"``); False for any other."""

    def __missing__(self, key: Any) -> bool:
        return False


def _year_parts(rule: HoursRule, year: int) -> Optional[_Part]:
    """*rule* as it applies to every day of *year*, or None if it selects only some dated days."""
    plain = [w for w in rule.weekdays if not w.nth]
    weekdays = frozenset().union(*(w.days for w in plain)) if plain else None
    nth = tuple(w for w in rule.weekdays if w.nth)
    holidays = rule.holiday_offsets if rule.holidays else ()
    rest = (rule.weeks, weekdays, nth, holidays, rule.school_holidays, rule.fallback, rule.holiday_weekdays)
    if rule.years and not any(year in y for y in rule.years):
        return (False, None, (), *rest)
    dates: Optional[Tuple[DateRange, ...]] = None
    easter: Tuple[Any, ...] = ()  # easter and n-th weekday ranges: their days differ from year to year
    if rule.dates:
        fixed = [d for d in rule.dates if isinstance(d, DateRange) and d.year is not None]
        states = {_dated_state(d, year) for d in fixed}
        if "all" not in states:
            if "some" in states:
                return None
            dates = tuple(d for d in rule.dates if isinstance(d, DateRange) and d.year is None)
            easter = tuple(d for d in rule.dates if not isinstance(d, DateRange))
            if not (dates or easter):
                return (False, None, (), *rest)
    return (True, dates, easter, *rest)


def _iso_weeks(day: date, weekday: int) -> Set[int]:
    """The ISO weeks a day of this month and day and this weekday may fall in, in any year."""
    ordinal = day.timetuple().tm_yday  # of a leap year (2000) or, for 2001-03-01, of another
    weeks: Set[int] = set()
    for number in {ordinal, ordinal - (day.month > 2)}:
        week = (number - weekday + 10) // 7
        weeks.update((52, 53) if week < 1 else (53, 1) if week == 53 else (week,))
    return weeks


def _nth_options(nth: Any, day: date, weekday: int) -> Tuple[bool, ...]:
    """Whether an n-th weekday range may select a day of this month and day and this weekday."""
    if nth.offset:
        return _BOTH if (weekday - nth.offset - nth.start) % 7 == 0 else (False,)
    if weekday != nth.start:
        return (False,)
    lengths = (28, 29) if day.month == 2 and day.day < 29 else (calendar.monthrange(2000, day.month)[1],)
    first = (day.day + 6) // 7 in nth.nth
    return tuple({first or -((length - day.day) // 7 + 1) in nth.nth for length in lengths})


def _in_weeks(weeks: Tuple[Any, ...], number: int) -> bool:
    return any(w.start <= number <= w.end and (number - w.start) % w.step == 0 for w in weeks)


def _easter_weekday(easter: Tuple[EasterRange, ...], weekday: int) -> bool:
    """Whether an easter range may select a day of this weekday (Easter is a Sunday)."""
    return any(
        e.mixed or any((weekday - k) % 7 == 0 for k in range(e.offset, min(e.last, e.offset + 6) + 1))
        for e in easter
    )


#: Years in which the calendar around a date takes each form it can take: a 28-year
#: solar cycle (every weekday of every date, with each leap pattern of the years
#: around it), and one across 2100, a century year that is not a leap year.
_CALENDAR_YEARS = (*range(2001, 2029), *range(2086, 2114))
#: The years whose ranges may reach a day of those years: an end's offset moves it at most
#: a few days, and a range runs at most to its end's next occurrence.
_RANGE_YEARS = sorted({year + step for year in _CALENDAR_YEARS for step in (-2, -1, 0, 1, 2)})
_YEARS_OF: Dict[Tuple[int, int, int], Tuple[int, ...]] = {}  # (month, day, ISO weekday) -> years
_RANGE_OPTIONS: Dict[Tuple[Any, int, int, int], Tuple[bool, ...]] = {}
_RANGE_BOUNDS: Dict[Any, Tuple[List[int], List[int]]] = {}


def _years_of(month: int, day: int, weekday: int) -> Tuple[int, ...]:
    """The years of :data:`_CALENDAR_YEARS` in which *month*/*day* exists and falls on *weekday*."""
    key = (month, day, weekday)
    found = _YEARS_OF.get(key)
    if found is None:
        found = tuple(
            year
            for year in _CALENDAR_YEARS
            if (day <= 28 or day <= calendar.monthrange(year, month)[1])
            and date(year, month, day).isoweekday() == weekday
        )
        _YEARS_OF[key] = found  # at most 367 × 7 entries; racing threads make equal values
    return found


def _nth_range_options(item: Any, day: date, weekday: int) -> Tuple[bool, ...]:
    """Whether a range between n-th weekdays may select, and may miss, a day of this month and
    day and this weekday, in some year: its days depend only on the calendar of the years around."""
    key = (item, day.month, day.day, weekday)
    found = _RANGE_OPTIONS.get(key)
    if found is None:
        bounds = _RANGE_BOUNDS.get(item)
        if bounds is None:
            firsts, lasts = [], []
            for year in _RANGE_YEARS:
                first, last = item._day(item.start, year), item._day(item.end, year)
                firsts.append(first)
                lasts.append(last if last >= first else item._day(item.end, year + 1))
            bounds = _RANGE_BOUNDS[item] = (firsts, lasts)
            if len(_RANGE_BOUNDS) > _SHARED_VALUES:
                _RANGE_BOUNDS.clear()
        firsts, lasts = bounds
        seen = set()
        for year in _years_of(day.month, day.day, weekday):
            ordinal = date(year, day.month, day.day).toordinal()
            seen.add(any(first <= ordinal <= last for first, last in zip(firsts, lasts)))
        found = tuple(sorted(seen)) if seen else (False,)  # as _BOTH: (False, True)
        if len(_RANGE_OPTIONS) > _SHARED_VALUES * 16:
            _RANGE_OPTIONS.clear()
        _RANGE_OPTIONS[key] = found
    return found


def _options(part: _Part, day: date, weekday: int, flags: Dict[Any, bool]) -> Tuple[bool, ...]:
    """Whether a rule reduced by :func:`_year_parts` may select a day (month and day from *day*).

    *flags* say whether the day is a holiday (by offset) and a school holiday
    (``"SH"``). Selectors that depend on the year (Easter, ISO weeks, the last
    weekday of February) may select the day in some years only: then both.
    """
    active, dates, easter, weeks, weekdays, nth, holidays, school, _, narrowed = part
    if not active:
        return (False,)
    choices: List[Tuple[bool, ...]] = []
    if dates is not None and not any(d.contains(day) for d in dates):
        # An easter range may select a day of its weekdays in some years; a range between
        # n-th weekdays only the days its ends can reach (not "Jan Su[1]-Jan Su[1]" in March).
        can_select, can_miss = False, True
        for item in easter:
            outcomes: Tuple[bool, ...]
            if isinstance(item, EasterRange):
                outcomes = _BOTH if _easter_weekday((item,), weekday) else (False,)
            else:
                outcomes = _nth_range_options(item, day, weekday)
            can_select = can_select or True in outcomes
            can_miss = can_miss and False in outcomes
        if not can_select:
            return (False,)
        choices.append(_BOTH if can_miss else (True,))
    if weeks:
        choices.append(tuple({_in_weeks(weeks, n) for n in _iso_weeks(day, weekday)}))
    if weekdays is not None or nth or holidays or school:
        holiday = any(flags[o] for o in holidays) or (school and flags["SH"])
        found = {value for w in nth for value in _nth_options(w, day, weekday)}
        if weekdays is not None and weekday in weekdays:
            found = {True}
        on_weekday = _BOTH if True in found and False in found else (True in found,)
        if narrowed:  # the holidays on these weekdays
            choices.append(on_weekday if holiday else (False,))
        elif not holiday:
            choices.append(on_weekday)
    can_select = all(True in c for c in choices)
    can_miss = any(False in c for c in choices)
    return _BOTH if can_select and can_miss else (can_select,)


def _effective(fallbacks: Sequence[bool], selected: Sequence[bool]) -> List[bool]:
    """What each rule selects once the fallback rules (``||``) step back for days selected before them."""
    result: List[bool] = []
    for fallback, value in zip(fallbacks, selected):
        result.append(value and not (fallback and any(result)))
    return result


def add_day_spans(bounds: List[int], base: int, spans: Sequence[Span]) -> None:
    """Add one day's spans (minutes) to a weekly pattern's *bounds* (seconds from Monday 00:00),
    the day starting at *base*; a span that starts where the last one ended extends it."""
    for start, end in spans:
        a, b = base + start * 60, base + end * 60
        if bounds and bounds[-1] == a:
            bounds[-1] = b
        else:
            bounds += (a, b)


def week_instants(week: Sequence[int], lo: int, hi: int, zone: object) -> List[int]:
    """The sorted bounds of open instants in ``[lo, hi)`` of a weekly pattern from :meth:`Program.week`."""
    first = (EPOCH + timedelta(seconds=lo - 2 * DAY)).date()
    last = (EPOCH + timedelta(seconds=hi + 2 * DAY)).date()
    walls: List[Span] = []
    pairs = list(zip(week[::2], week[1::2]))
    base = local_seconds(first) - first.weekday() * DAY  # the Monday before
    stop = local_seconds(last) + DAY
    while base < stop:
        for start, end in pairs:
            a, b = base + start, base + end
            if walls and walls[-1][1] == a:
                walls[-1] = (walls[-1][0], b)
            else:
                walls.append((a, b))
        base += 7 * DAY
    pieces = offset_pieces(zone, lo, hi)  # type: ignore[arg-type]
    return wall_to_instants(walls, pieces, lo, hi)


#: The Gregorian calendar repeats every 400 years: 146,097 days, a whole number of
#: weeks. Bucket ``i + 400`` holds the instants of bucket ``i`` shifted by one cycle.
CYCLE_BUCKETS = 400
CYCLE_DAYS = 146_097


def _lcm(a: int, b: int) -> int:
    return a * b // math.gcd(a, b)


#: From this local year on every zone of the tz database follows its yearly rule
#: (the TZif footer): explicit transitions end by 2087 (Africa/Casablanca), and a
#: yearly rule repeats with the Gregorian calendar, every 400 years.
ZONE_RULES_YEAR = 2100


def _recurrence_selector(index: int) -> Callable[[date, DayContext], bool]:
    def selects(day: date, context: DayContext) -> bool:
        return day in context.recurrences[index]

    return selects


class Program:
    """Rules (and recurrences) compiled for evaluation day by day.

    With *unknown* the program answers for the unknown times rather than the
    open ones (``10:00+``, ``unknown``, a comment alone): every method then
    speaks of unknown minutes where it says open.
    """

    def __init__(
        self,
        rules: Tuple[HoursRule, ...],
        recurrences: Tuple[Recurrence, ...],
        holidays: Optional[HolidayCalendar],
        school: Optional[SchoolHolidays] = None,
        unknown: bool = False,
    ) -> None:
        self.holidays = holidays
        self.school = school
        self.recurrences = recurrences
        selectors: List[Callable[[date, DayContext], bool]] = []
        steps: List[_Step] = []
        for rule in rules:
            resets = not rule.additional and not rule.closed
            step: Optional[_Step]
            if rule.fallback:  # selects what the rules before it do not: its own
                step = _Step(
                    _fallback(_rule_selector(rule), selectors), resets, rule.closed, rule.spans, rule.unknown
                )
            else:
                step = _RULE_STEPS.get(rule)  # made from the rule alone: shared by equal rules
                if step is None:
                    step = _Step(_rule_selector(rule), resets, rule.closed, rule.spans, rule.unknown)
                    if len(_RULE_STEPS) >= _SHARED_STEPS:
                        _RULE_STEPS.clear()
                    _RULE_STEPS[rule] = step
            selectors.append(step.selects)
            steps.append(step)
        steps += [
            _Step(_recurrence_selector(i), not r.hours.closed, r.hours.closed, r.hours.spans)
            for i, r in enumerate(recurrences)
        ]
        self.steps = tuple(steps)
        #: 0: two states; 1: three states, this program answers for the open times; 2: for the unknown ones.
        self.view = 2 if unknown else int(any(r.has_unknown for r in rules))
        self.uses_holidays = any(r.holidays for r in rules)
        self.uses_school = any(r.school_holidays for r in rules)
        #: Years around a day whose holidays can select it (``PH +1 day`` on January 1st).
        self.holiday_pad = int(any(offset for r in rules for offset in r.holiday_offsets))
        self.dated = bool(recurrences) or any(
            r.years or r.dates or r.holidays or r.weeks or r.school_holidays or any(w.nth for w in r.weekdays)
            for r in rules
        )
        self.rules = rules
        # Years at which what can decide a day changes: between two of them every
        # year sees the same rules, the same kind of holidays and recurrences (see
        # :meth:`stretch`).
        breaks: Set[int] = set()
        for rule in rules:
            for years in rule.years:
                breaks.update((years.start, years.end + 1))
            for dated in rule.dates:
                if isinstance(dated, DateRange) and dated.year is not None:
                    breaks.update(_dated_breaks(dated))
        # The stretches of years in which PH (and SH) can select a day (None: every year).
        self.holiday_years: Optional[Tuple[Tuple[int, int], ...]] = ()
        if self.uses_holidays and holidays is not None:
            pad = self.holiday_pad
            found = holidays.holiday_years
            self.holiday_years = None if found is None else tuple((a - pad, b + pad) for a, b in found)
            for first, last in self.holiday_years or ():
                breaks.update((first, last + 2))  # the day after a holiday may hold its spill
        self.school_years: Tuple[Tuple[int, int], ...] = ()
        if self.uses_school and school is not None:
            self.school_years = school.years
            for first, last in self.school_years:
                breaks.update((first, last + 2))
            for first, last in school.whole_years:  # SH selects every day of these years
                breaks.update((first, last + 1))
        self.windows: Tuple[Tuple[int, Optional[int]], ...] = tuple(
            r.active_years or (MAX_YEAR + 2, MAX_YEAR + 2) for r in recurrences
        )
        for start, end in self.windows:
            breaks.add(start)
            if end is not None:
                breaks.add(end + 2)
        self.breaks = tuple(sorted(breaks))
        # Filled when first asked: until then the one empty table _NONE_YET, never written.
        self._stretches: Dict[Tuple[Optional[int], Optional[int]], Tuple[Optional[bool], Optional[int]]] = (
            _NONE_YET
        )
        self._kinds: Dict[Tuple[Tuple[bool, bool], ...], Optional[bool]] = _NONE_YET
        # The open minutes of a day by what the steps select: few distinct keys.
        self._evaluated: Dict[Tuple[Tuple[bool, bool], ...], Tuple[Span, ...]] = {}
        # The contexts of the years asked (see :meth:`year_context`): at most _KEPT_CONTEXTS.
        self._contexts: Dict[int, DayContext] = _NONE_YET

    def interval(self, year: int) -> Tuple[Optional[int], Optional[int]]:
        """The stretch of years ``[lo, hi)`` around *year* with one set of rules (None: open)."""
        index = bisect_right(self.breaks, year)
        lo = self.breaks[index - 1] if index else None
        hi = self.breaks[index] if index < len(self.breaks) else None
        return lo, hi

    def stretch(self, interval: Tuple[Optional[int], Optional[int]]) -> Tuple[Optional[bool], Optional[int]]:
        """What is known of the days of a stretch of years ``[lo, hi)`` from :meth:`interval`.

        Returns:
            ``(constant, cycle)``: *constant* is True (False) when every day of
            the stretch whose day before also lies in it is open (closed) all day,
            whatever holidays and recurrence days fall there; None otherwise.
            *cycle* is the number of buckets after which the days of the stretch
            (from its second year on) repeat: 400 (the Gregorian calendar's cycle)
            or a multiple for recurrences with long intervals; None when holidays
            or a partly selected year make them irregular.
        """
        found = self._stretches.get(interval)
        if found is None:
            found = self._stretch(interval)
            if self._stretches is _NONE_YET:
                self._stretches = {}
            self._stretches[interval] = found
        return found

    def _stretch(self, interval: Tuple[Optional[int], Optional[int]]) -> Tuple[Optional[bool], Optional[int]]:
        lo, hi = interval
        year = lo if lo is not None else (hi - 1 if hi is not None else 2000)
        first = lo - 1 if lo is not None else MIN_YEAR - 1  # the day before the stretch's first day
        last = hi - 1 if hi is not None else MAX_YEAR + 1
        # Which flags a day may carry here: a holiday, a school holiday, a recurrence day.
        if self.holiday_years is None:
            holidays = True
        else:
            holidays = any(start <= last and end >= first for start, end in self.holiday_years)
        school = any(start <= last and end >= first for start, end in self.school_years)
        # Every day of the stretch a school holiday (so the day before each but the first): SH fixed.
        every_day = school and self._school_covers(lo, hi)
        active = [
            i
            for i, (start, end) in enumerate(self.windows)
            if start <= last and (end is None or end >= first)
        ]
        parts = []
        for rule in self.rules:
            part = _year_parts(rule, year)
            if part is None:
                return None, None  # a dated range selects part of the year: walk its days
            parts.append(part)
        # Easter's days repeat only after 5,700,000 years; n-th weekday ranges, like weekdays and
        # dates, with the Gregorian calendar every 400 years.
        easter = any(part[0] and any(isinstance(d, EasterRange) for d in part[2]) for part in parts)
        fallbacks = [part[8] for part in parts]
        cycle_days: Optional[int] = None if holidays or (school and not every_day) or easter else CYCLE_DAYS
        for index in active:
            period = self.recurrences[index].period_days
            cycle_days = None if period is None or cycle_days is None else _lcm(cycle_days, period)
        cycle = None if cycle_days is None else cycle_days // CYCLE_DAYS * CYCLE_BUCKETS
        free: List[Any] = sorted({o for part in parts for o in part[6]}) if holidays else []
        free += ["SH"] if school and not every_day else []
        fixed = {"SH": True} if every_day else {}
        if len(active) > 3:
            return None, cycle  # too many combinations to try: walk the days (they still repeat)
        if len(free) > 3:
            return None, cycle  # too many kinds of holidays to try: walk the days (holidays: no cycle)
        flags = [
            (_Flags(zip(free, bits[: len(free)]), **fixed), _Flags(zip(free, bits[len(free) :]), **fixed))
            for bits in product(_BOTH, repeat=2 * len(free))
        ]
        recurrence_flags = [
            tuple((mask >> (2 * k) & 1 == 1, mask >> (2 * k + 1) & 1 == 1) for k in range(len(active)))
            for mask in range(4 ** len(active))
        ]
        # Rules with the same selectors select the same days (``easter 10:00-12:00; easter off``):
        # one choice for each set of selectors, not one for each rule.
        groups: Dict[Any, int] = {}
        members = [groups.setdefault((*part[:8], part[9]), len(groups)) for part in parts]
        unique = [parts[members.index(group)] for group in range(len(groups))]
        count = len(unique)
        bases: Set[Tuple[Tuple[bool, bool], ...]] = set()  # what the rules select, without recurrences
        for day, weekday, before in _REPRESENTATIVES:
            before_weekday = weekday - 1 if weekday > 1 else 7
            for today_flags, before_flags in flags:
                options = [_options(part, day, weekday, today_flags) for part in unique]
                options += [_options(part, before, before_weekday, before_flags) for part in unique]
                if math.prod(map(len, options)) > _MAX_CHOICES:
                    return None, cycle  # too many combinations to try: walk the days instead
                for chosen in product(*options):
                    bases.add(
                        tuple(
                            zip(
                                _effective(fallbacks, [chosen[group] for group in members]),
                                _effective(fallbacks, [chosen[count + group] for group in members]),
                            )
                        )
                    )
        kinds: Set[Optional[bool]] = set()
        for base in bases:
            for recurring in recurrence_flags:
                chosen_steps = [(False, False)] * len(self.recurrences)
                for k, index in enumerate(active):
                    chosen_steps[index] = recurring[k]
                kinds.add(self._kind((*base, *chosen_steps)))
                if len(kinds) > 1:
                    return None, cycle
        (kind,) = kinds
        return kind, cycle

    def _school_covers(self, lo: Optional[int], hi: Optional[int]) -> bool:
        """Whether every day of the years ``[lo, hi)`` is a school holiday (False for an open end)."""
        if self.school is None or lo is None or hi is None or lo > 9999 or hi <= 1:
            return False
        return self.school.covers(date(max(lo, 1), 1, 1), date(min(hi - 1, 9999), 12, 31))

    def _kind(self, selections: Tuple[Tuple[bool, bool], ...]) -> Optional[bool]:
        """True (False) if a day with these selections is open (closed) all day, else None."""
        found = self._kinds.get(selections, _UNKNOWN)
        if found is _UNKNOWN:
            spans = self._evaluate(selections)
            found = True if spans == _WHOLE_DAY else False if not spans else None
            if self._kinds is _NONE_YET:
                self._kinds = {}
            self._kinds[selections] = found
        return found  # type: ignore[return-value]

    def context(self, first: date, last: date) -> DayContext:
        """The holidays and recurrence days from *first* to *last*."""
        days: FrozenSet[date] = frozenset()
        if self.uses_holidays and self.holidays is not None:
            pad = self.holiday_pad
            days = self.holidays.dates_in(max(first.year - pad, 1), min(last.year + pad, 9999))
        school: FrozenSet[date] = frozenset()
        if self.uses_school and self.school is not None:
            school = self.school.dates_between(first, last)
        return DayContext(days, tuple(r.dates_between(first, last) for r in self.recurrences), school)

    def year_context(self, year: int) -> DayContext:
        """:meth:`context` for the days of local *year* and the day before it, kept for a few years.

        Schedules with equal rules and calendars share one program, and so these
        day sets (see ``schedule._program``).
        """
        found = self._contexts.get(year)
        if found is None:
            found = self.context(date(year - 1, 12, 31), date(year, 12, 31))
            if self._contexts is _NONE_YET or len(self._contexts) >= _KEPT_CONTEXTS:  # bounded
                self._contexts = {}
            self._contexts[year] = found  # racing threads make equal values
        return found

    def day(self, day: date, context: DayContext) -> Tuple[Span, ...]:
        """The open minutes ``[start, end)`` of one local date."""
        previous = day - timedelta(days=1) if day.toordinal() > 1 else None
        selections = tuple(
            _PAIRS[
                step.selects(day, context),
                bool(step.spill) and previous is not None and step.selects(previous, context),
            ]
            for step in self.steps
        )
        found = self._evaluated.get(selections)
        if found is None:
            selections = _shared(_SELECTIONS, selections)
            found = _shared(_DAY_SPANS, self._evaluate(selections))
            self._evaluated[selections] = found
        return found

    def _evaluate(self, selections: Sequence[Tuple[bool, bool]]) -> Tuple[Span, ...]:
        """The open minutes of a day whose steps select it (and the day before) as given."""
        if self.view:
            return self._evaluate_states(selections)[self.view - 1]
        state: List[Span] = []
        for step, (today, before) in zip(self.steps, selections):
            spill = before and bool(step.spill)
            if not (today or spill):
                continue
            if today and step.resets:
                state = []
            parts = (step.today if today else ()) + (step.spill if spill else ())
            state = _subtract(state, parts) if step.closed else _union(state, parts)
        return tuple(state)

    def _evaluate_states(
        self, selections: Sequence[Tuple[bool, bool]]
    ) -> Tuple[Tuple[Span, ...], Tuple[Span, ...]]:
        """The open and the unknown minutes of a day, as :meth:`_evaluate` for three states.

        Each rule paints its parts over the earlier ones, in ``opening_hours.js``'s
        order (the parts on the day a rule selects, then its spill from the day
        before): an open rule's known parts open, an ``unknown`` rule's unknown, an
        ``off`` rule's closed, and an open end's guessed part unknown. A guess
        that another time of its rule follows is unknown only up to the first
        bound of the day's deciding rules inside it, and closed after it.
        """
        live = 0  # the rules that decide the day: from the last one that replaced it
        for index, (step, (today, _)) in enumerate(zip(self.steps, selections)):
            if today and step.resets:
                live = index
        bounds: Optional[List[int]] = None
        opened: List[Span] = []
        unknown: List[Span] = []
        for index, (step, (today, before)) in enumerate(zip(self.steps, selections)):
            spill = before and bool(step.spill)
            if not (today or spill):
                continue
            if today and step.resets:
                opened, unknown = [], []
            if step.closed:
                parts = (step.today if today else ()) + (step.spill if spill else ())
                opened, unknown = _subtract(opened, parts), _subtract(unknown, parts)
                continue
            paints = (step.paints if today else ()) + (step.spill_paints if spill else ())
            for a, b, kind in paints:
                part = ((a, b),)
                if kind == _KNOWN and not step.unknown:
                    opened, unknown = _union(opened, part), _subtract(unknown, part)
                    continue
                end: int = b
                if kind == _CUT_GUESS and index >= live:
                    if bounds is None:
                        bounds = self._bounds(selections, live)
                    end = next((x for x in bounds if a < x < b), b)
                opened, unknown = _subtract(opened, part), _union(unknown, ((a, end),))
                if end < b:
                    unknown = _subtract(unknown, ((end, b),))
        return tuple(opened), tuple(unknown)

    def _bounds(self, selections: Sequence[Tuple[bool, bool]], live: int) -> List[int]:
        """The sorted bounds of the parts of the rules that decide a day (from step *live* on)."""
        found: Set[int] = set()
        for step, (today, before) in list(zip(self.steps, selections))[live:]:
            if today:
                found.update(bound for span in step.today for bound in span)
            if before:
                found.update(end for _, end in step.spill)
        return sorted(found)

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
        return self.instants(lo, hi, zone, lambda year: context)

    def instants(self, lo: int, hi: int, zone: object, context: Callable[[int], DayContext]) -> List[int]:
        """The sorted bounds of open instants in ``[lo, hi)``, the rules evaluated day by day.

        Args:
            context: the holidays and recurrence days for the days of a local
                year (and the day before each).
        """
        first = (EPOCH + timedelta(seconds=lo - 2 * DAY)).date()
        last = (EPOCH + timedelta(seconds=hi + 2 * DAY)).date()
        walls: List[Span] = []
        day = first
        one = timedelta(days=1)
        base = local_seconds(day)
        while day <= last:
            for start, end in self.day(day, context(day.year)):
                a, b = base + start * 60, base + end * 60
                if walls and walls[-1][1] == a:
                    walls[-1] = (walls[-1][0], b)
                else:
                    walls.append((a, b))
            day += one
            base += DAY
        pieces = offset_pieces(zone, lo, hi)  # type: ignore[arg-type]
        return wall_to_instants(walls, pieces, lo, hi)

    def week(self) -> Optional[array[int]]:
        """For schedules without dates: the open wall-clock seconds of a week, else None.

        Returns:
            Sorted bounds ``[s0, e0, s1, e1, ...]`` (32-bit integers) in seconds from Monday
            00:00, within ``[0, 7 days]``: a wall time is open when an odd
            number of bounds lie at or before it (``bisect_right``).
        """
        if self.dated:
            return None
        # Without dates, holidays and recurrences a rule selects days by weekday alone.
        everyday = frozenset(range(1, 8))
        weekdays = [
            frozenset().union(*(w.days for w in r.weekdays)) if r.weekdays else everyday for r in self.rules
        ]
        bounds: List[int] = []
        evaluated: Dict[Tuple[Tuple[bool, bool], ...], Tuple[Span, ...]] = {}  # Mo-Fr alike: once
        fallbacks = [r.fallback for r in self.rules]
        for weekday in range(1, 8):
            before = weekday - 1 if weekday > 1 else 7
            today = _effective(fallbacks, [weekday in days for days in weekdays])
            previous = _effective(fallbacks, [before in days for days in weekdays])
            selections = tuple(
                (selected, bool(step.spill) and selected_before)
                for step, selected, selected_before in zip(self.steps, today, previous)
            )
            spans = evaluated.get(selections)
            if spans is None:
                spans = evaluated[selections] = self._evaluate(selections)
            add_day_spans(bounds, (weekday - 1) * DAY, spans)
        return array("i", bounds)
