"""A Page's response hours: :class:`Schedule` and the values it answers with.

Examples:
    >>> from datetime import datetime
    >>> s = Schedule.parse("Mo-Fr 09:00-17:00; Dec 24 off", zone="Europe/Berlin")
    >>> berlin = ZoneInfo("Europe/Berlin")
    >>> s.is_open(datetime(2026, 12, 23, 10, 0, tzinfo=berlin))
    True
    >>> s.is_open(datetime(2026, 12, 24, 10, 0, tzinfo=berlin))
    False
    >>> s.next_change(datetime(2026, 12, 23, 10, 0, tzinfo=berlin)).isoformat()
    '2026-12-23T17:00:00+01:00'
"""

from __future__ import annotations

import enum
from array import array
from bisect import bisect_right
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import attrs

from ._calendar import HolidayCalendar, Recurrence, SchoolHolidays
from ._compile import (
    BUCKET_SECONDS,
    FIRST_BUCKET,
    LAST_BUCKET,
    WINDOW_SECONDS,
    ZONE_RULES_YEAR,
    DayContext,
    Program,
    _subtract,
    _union,
    add_day_spans,
    week_instants,
)
from ._parser import MAX_TEXT_LENGTH, parse_rules
from ._selectors import MINUTES_PER_DAY, HoursRule, Weekday, WeekdayRange
from ._time import (
    EPOCH,
    MAX_INSTANT,
    MAX_SECONDS,
    MIN_SECONDS,
    ZoneInfo,
    instant_key,
    instant_to_datetime,
    merge_spans,
    out_of_range,
    resolve_zone,
    utc_seconds,
)
from .errors import (
    HolidayCalendarError,
    InvalidInstantError,
    InvalidValueError,
    OutOfRangeError,
    RecurrenceError,
)

__all__ = [
    "MAX_INTERVALS",
    "MAX_INTERVAL_DAYS",
    "MAX_RULE_DAYS",
    "MAX_TEXT_LENGTH",
    "HoursState",
    "HoursStatus",
    "Interval",
    "Schedule",
]


#: The longest period :meth:`Schedule.intervals` answers for: one Gregorian cycle.
MAX_INTERVAL_DAYS = 146_097
#: The most intervals one call of :meth:`Schedule.intervals` returns.
MAX_INTERVALS = 1_000_000
#: For rules with dates (evaluated day by day), the days of one ``intervals`` call
#: times the number of rules is at most this: about ten seconds of work at worst.
MAX_RULE_DAYS = 1_500_000

#: How many compiled years and weeks a schedule keeps; past that it forgets them
#: all and compiles again what is asked, so memory stays bounded.
_KEPT_BUCKETS = 16
_KEPT_WINDOWS = 256


class _Walk:
    """Which bucket ``next_change`` looks at next, skipping years where nothing changes.

    Exact, with no cap: a stretch of years whose every day is open (or closed)
    all day is skipped at once; in a stretch whose days repeat with the
    Gregorian calendar (:meth:`Program.stretch`), 400 buckets in a row without
    a change (one whole cycle, once every zone follows its yearly rule) prove
    that the rest of the stretch has none either.
    """

    __slots__ = ("program", "run")

    def __init__(self, program: Program) -> None:
        self.program = program
        self.run: Optional[Tuple[Tuple[Optional[int], Optional[int]], int]] = None

    def skip(self, index: int, is_open: bool) -> Optional[int]:
        """The last bucket up to which the answer stays *is_open* after bucket *index*.

        Returns *index* itself when nothing is known, and None when the answer
        never changes again.
        """
        following = index + 1
        first, last = _bucket_years(following)
        interval = self.program.interval(first)
        if interval != self.program.interval(last):
            self.run = None
            return index  # the bucket straddles two stretches of years: look at it
        constant, cycle = self.program.stretch(interval)
        if constant is is_open or (cycle is not None and self._cycle_seen(interval, following, first, cycle)):
            hi = interval[1]
            return None if hi is None else max(index, _last_bucket_before(hi))
        return index

    def _cycle_seen(
        self, interval: Tuple[Optional[int], Optional[int]], following: int, year: int, cycle: int
    ) -> bool:
        """Whether a whole cycle of buckets of *interval* before *following* held no change.

        The cycle counts from the stretch's second year (a recurrence repeats
        from its DTSTART on) and once every zone follows its yearly rule.
        """
        lo = interval[0]
        if year < ZONE_RULES_YEAR or (lo is not None and year <= lo):
            self.run = None
            return False
        if self.run is None or self.run[0] != interval:
            self.run = (interval, following)
            return False
        return following - self.run[1] >= cycle


def _bucket_years(index: int) -> Tuple[int, int]:
    """The first and last local years a bucket's compilation touches (2 days of margin)."""
    first = (EPOCH + timedelta(seconds=index * BUCKET_SECONDS - 2 * 86_400)).year
    last = (EPOCH + timedelta(seconds=(index + 1) * BUCKET_SECONDS + 2 * 86_400)).year
    return first, last


def _last_bucket_before(year: int) -> int:
    """The last bucket whose compilation touches no day of *year* or later."""
    limit = (datetime(year, 1, 1, tzinfo=timezone.utc) - EPOCH) // timedelta(seconds=1) - 2 * 86_400
    return min(limit // BUCKET_SECONDS - 1, LAST_BUCKET)


#: Parses and compiled rules shared between schedules: immutable values, or
#: caches filled race-safely. Each table holds at most this many entries (it
#: starts afresh when full), and only texts this short are kept.
_SHARED_ENTRIES = 4096
_SHARED_TEXT_LENGTH = 1000
_PARSED: Dict[str, Tuple[HoursRule, ...]] = {}
_Compiled = Tuple[Optional[Program], Optional["array[int]"], Optional[bool]]
_PROGRAMS: Dict[Tuple[Any, ...], _Compiled] = {}


_NO_DAYS = DayContext(frozenset(), ())
_new = object.__new__
_set = object.__setattr__
#: The compiled weeks and years of a schedule that has compiled none yet: shared, never written.
_NOTHING: Dict[Any, Any] = {}
_WEEK = 7 * 86_400


def _share(table: Dict[Any, Any], key: Any, value: Any) -> None:
    if len(table) >= _SHARED_ENTRIES:
        table.clear()
    table[key] = value


def _weekday_bits(rule: HoursRule) -> Optional[int]:
    """Bit w set for each weekday w (0 is Monday) *rule* selects, or None for n-th weekdays."""
    if not rule.weekdays:
        return _EVERY_DAY
    days = 0
    for weekdays in rule.weekdays:
        if weekdays.nth:
            return None
        days |= _DAY_BITS[weekdays.start, weekdays.end]
    return days


def _plain_week(rules: Tuple[HoursRule, ...]) -> Optional[array[int]]:
    """:meth:`Program.week` for rules that select days by weekday alone and have no fallback, else None.

    The same evaluation, without compiling the rules for dated days first: the
    common schedule's weekly pattern, the first thing its first question needs.
    """
    steps = []
    selected_on = [0] * 7  # bit n of weekday w (0 is Monday): rule n selects w
    spilled_on = [0] * 7  # bit n of weekday w: rule n selects the day before w and spills into w
    bit = 1
    for rule in rules:
        if rule.fallback or rule.years or rule.dates or rule.weeks or rule.holidays or rule.school_holidays:
            return None
        if rule.has_unknown:
            return None  # three states: the compiler's evaluation
        days = _weekday_bits(rule)
        if days is None:
            return None
        if rule.spans:
            today_list: List[Tuple[int, int]] = []
            spill_list: List[Tuple[int, int]] = []
            for span in rule.spans:
                end = span.end
                if end > MINUTES_PER_DAY:
                    today_list.append((span.start, MINUTES_PER_DAY))
                    spill_list.append((0, end - MINUTES_PER_DAY))
                else:
                    today_list.append((span.start, end))
            today, spill = tuple(today_list), tuple(spill_list)
        else:
            today, spill = _WHOLE_DAY_SPANS, ()
        for weekday in _WEEKDAYS_OF[days]:
            selected_on[weekday] |= bit
        if spill:
            for weekday in _FOLLOWING_OF[days]:
                spilled_on[weekday] |= bit
        closed = rule.closed
        steps.append((bit, not rule.additional and not closed, closed, today, spill))
        bit <<= 1
    bounds: List[int] = []
    evaluated: Dict[Tuple[int, int], Sequence[Tuple[int, int]]] = {}  # Mo-Fr alike: once
    for weekday in range(7):
        selecting, spilling = selected_on[weekday], spilled_on[weekday]
        state = evaluated.get((selecting, spilling))
        if state is None:
            state = ()
            for step, resets, closed, today, spill in steps:
                selected, spilled = selecting & step, spilling & step
                if not (selected or spilled):
                    continue
                if selected and resets:
                    state = ()
                if not state and not spilled and not closed:
                    state = merge_spans(today)  # what uniting the spans with nothing makes
                    continue
                parts = (today if selected else ()) + (spill if spilled else ())
                state = _subtract(list(state), parts) if closed else _union(list(state), parts)
            evaluated[selecting, spilling] = state
        add_day_spans(bounds, weekday * 86_400, state)
    return array("i", bounds)


def _plain_open(rules: Tuple[HoursRule, ...], weekday: int, second: int) -> Optional[bool]:
    """Whether :func:`_plain_week`'s pattern is open at *second* of weekday *weekday* (0 is Monday),
    or None when :func:`_plain_week` makes no pattern for *rules*.

    The same evaluation as :func:`_plain_week`'s, for one instant of one day
    without making the pattern: the first question about a schedule needs no
    more. A rule's spans are united with (or, ``off``, cut from) the day's open
    times, so the answer at one instant follows the rules that hold it: the last
    that resets the day or whose spans (or spill from the day before) hold it.
    """
    bit = 1 << weekday
    before = bit >> 1 if weekday else 1 << 6
    minute = second // 60
    spilled_minute = minute + MINUTES_PER_DAY
    is_open = False
    for rule in rules:
        if rule.fallback or rule.years or rule.dates or rule.weeks or rule.holidays or rule.school_holidays:
            return None
        days = _weekday_bits(rule)
        if days is None:
            return None
        if not days & (bit | before):
            continue
        spans = rule.spans
        if rule.unknown or any(span.open_end for span in spans):
            return None  # unknown times on the day: the compiler's evaluation of three states
        holds = False
        if days & bit:
            if not rule.additional and not rule.closed:
                is_open = False  # the rule replaces what earlier rules said of the day
            if not spans:
                holds = True
            for span in spans:
                if span.start <= minute < span.end:
                    holds = True
                    break
        if days & before and not holds:
            for span in spans:
                if spilled_minute < span.end:  # spills into the day, up to span.end - 24:00
                    holds = True
                    break
        if holds:
            is_open = not rule.closed
    return is_open


_EVERY_DAY = 0b1111111
#: The weekdays (0 is Monday) of each 7-bit set of them, and the weekdays that follow them.
_WEEKDAYS_OF = tuple(tuple(w for w in range(7) if days >> w & 1) for days in range(128))
_FOLLOWING_OF = tuple(tuple((w + 1) % 7 for w in range(7) if days >> w & 1) for days in range(128))
_DAY_BITS = {
    (first, last): sum(1 << (day - 1) for day in WeekdayRange(first, last).days)
    for first in Weekday
    for last in Weekday
}
_WHOLE_DAY_SPANS = ((0, MINUTES_PER_DAY),)


def _program(
    rules: Tuple[HoursRule, ...],
    recurrences: Tuple[Recurrence, ...],
    holidays: Optional[HolidayCalendar],
    school: Optional[SchoolHolidays] = None,
) -> _Compiled:
    """The compiled rules (None when a weekly pattern stands for them), the pattern, its constant answer.

    Shared between schedules with the same rules, recurrences and calendars,
    unless the holiday calendar asks a ``holidays`` object (whose copy expands
    as years are asked): a program keeps the holidays of the years asked, the
    same for equal calendars.
    """
    shared = holidays is None or holidays.source is None
    key: Any = (
        (rules, recurrences)
        if holidays is None and school is None
        else (rules, recurrences, holidays, school)
    )
    found = _PROGRAMS.get(key) if shared else None
    if found is None:
        program: Optional[Program] = None
        week = None if recurrences else _plain_week(rules)
        if week is None:
            program = Program(rules, recurrences, holidays, school)
            week = program.week()
        constant = None
        if week is not None and len(week) < 3:
            constant = True if list(week) == [0, 7 * 86_400] else False if not week else None
        # A weekly pattern answers every question but check() and long walks:
        # the program is made again, should one of them come.
        found = (None if week is not None else program, week, constant)
        if shared:
            _share(_PROGRAMS, key, found)
    return found


def _clip(bounds: List[int], lo: int, hi: int) -> List[int]:
    """The bounds of open instants within ``[lo, hi)`` out of *bounds* that cover it."""
    first = bisect_right(bounds, lo)
    last = bisect_right(bounds, hi - 1)
    clipped = bounds[first:last]
    if first & 1:
        clipped.insert(0, lo)
    if last & 1:
        clipped.append(hi)
    return clipped


def _beyond(at: datetime) -> OutOfRangeError:
    return OutOfRangeError(
        f"the response hours do not change from {at.isoformat()} up to {MAX_INSTANT.isoformat()}, "
        f"the end of the supported instants; whether they change after it cannot be answered"
    )


def _aware(field: str, end: bool = False) -> Any:
    def check(instance: object, attribute: object, value: Any) -> None:
        utc_seconds(value, field, end=end)
        if not isinstance(value, datetime):  # pragma: no cover - utc_seconds rejects these
            raise InvalidInstantError._for(field, "an aware datetime", value)

    return check


def _optional_aware(field: str, end: bool = False) -> Any:
    check = _aware(field, end)

    def optional(instance: object, attribute: object, value: Any) -> None:
        if value is not None:
            check(instance, attribute, value)

    return optional


def _instance(field: str, kind: Any, rule: str) -> Any:
    def check(instance: object, attribute: object, value: Any) -> None:
        if not isinstance(value, kind):
            raise InvalidValueError._for(field, rule, value)

    return check


def _rule_number(instance: object, attribute: object, value: Any) -> None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
        raise InvalidValueError._for("rule_number", "None or a whole number from 1", value)


def _as_utc(value: datetime) -> datetime:
    return value.astimezone(timezone.utc)


@attrs.frozen
class Interval:
    """A stretch of time ``[start, end)``: it includes its start, not its end.

    Intervals compare, hash and measure by the instants they hold, never by wall
    time, so they stay right across DST folds (where Python compares two datetimes
    of the same zone by their wall clocks and ignores ``fold``).

    Examples:
        >>> utc = timezone.utc
        >>> i = Interval(datetime(2026, 1, 1, 9, tzinfo=utc), datetime(2026, 1, 1, 17, tzinfo=utc))
        >>> i.duration
        datetime.timedelta(seconds=28800)
    """

    start: datetime = attrs.field(validator=_aware("start"), eq=_as_utc)
    end: datetime = attrs.field(validator=_aware("end", end=True), eq=_as_utc)

    def __attrs_post_init__(self) -> None:
        if not _as_utc(self.end) > _as_utc(self.start):
            raise InvalidValueError._for("end", f"after start ({self.start.isoformat()})", self.end)

    @classmethod
    def _trusted(cls, start: datetime, end: datetime) -> Interval:
        """An interval from values already known to be valid (compiled bounds)."""
        interval = object.__new__(cls)
        object.__setattr__(interval, "start", start)
        object.__setattr__(interval, "end", end)
        return interval

    @property
    def duration(self) -> timedelta:
        """The elapsed time from start to end (DST shifts included)."""
        return _as_utc(self.end) - _as_utc(self.start)

    def __contains__(self, at: object) -> bool:
        utc_seconds(at)
        return _as_utc(self.start) <= _as_utc(at) < _as_utc(self.end)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


class HoursState(str, enum.Enum):
    """What response hours say of an instant: open, closed, or unknown.

    ``UNKNOWN`` comes from an open end (``10:00+``: open from 10:00, closing time
    unknown), the ``unknown`` modifier (``Mo 10:00-12:00 unknown``) and rules of a
    comment alone (``"by appointment"``, ``Mo "on request"``).
    :meth:`Schedule.is_open` is True only for ``OPEN``: it says "known to be open".
    """

    OPEN = "open"
    CLOSED = "closed"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def _missing_(cls, value: object) -> None:
        raise InvalidValueError._for("state", "'open', 'closed' or 'unknown'", value)


def _default_state(status: HoursStatus) -> HoursState:
    return HoursState.OPEN if status.is_open else HoursState.CLOSED


@attrs.frozen
class HoursStatus:
    """What a schedule says at one instant, and why.

    Attributes:
        at: the instant asked about, in the schedule's zone.
        is_open: whether the instant is within response hours.
        rule: the rule that decided, or None when no rule selects the day
            (closed by default).
        rule_number: the 1-based position of that rule (recurrences count on
            after the text's rules), or None.
        next_change: the next instant the answer flips, or None if it never does.
        state: open, closed or unknown (``is_open`` is True only for open); the
            default follows ``is_open``.
    """

    at: datetime = attrs.field(validator=_aware("at"), eq=instant_key)
    is_open: bool = attrs.field(validator=_instance("is_open", bool, "True or False"))
    rule: Optional[HoursRule] = attrs.field(
        validator=_instance("rule", (HoursRule, type(None)), "None or an HoursRule")
    )
    rule_number: Optional[int] = attrs.field(validator=_rule_number)
    next_change: Optional[datetime] = attrs.field(
        validator=_optional_aware("next_change", end=True), eq=instant_key
    )
    state: HoursState = attrs.field(default=attrs.Factory(_default_state, takes_self=True))

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.state, HoursState) or (self.state is HoursState.OPEN) != self.is_open:
            raise InvalidValueError._for(
                "state", f"an HoursState, OPEN exactly when is_open (is_open={self.is_open})", self.state
            )

    @property
    def reason(self) -> str:
        """A sentence for the Page's team: which rule decided, or that none did."""
        state = self.state.value
        if self.rule is None:
            return f"{state}: no rule selects {self.at:%A, %d %B %Y}"
        return f"{state}: rule {self.rule_number} ({self.rule}) decides"

    def __str__(self) -> str:
        if self.state is HoursState.UNKNOWN:  # next_change tells when the hours open, not when they are known
            if self.next_change is None:
                return f"{self.reason}; not known to be open again"
            return f"{self.reason}; not known to be open until {self.next_change.isoformat()}"
        until = f" until {self.next_change.isoformat()}" if self.next_change else " for good"
        return f"{self.reason}; {self.state.value}{until}"


def _zone_key(zone: ZoneInfo) -> str:
    return str(zone.key)


def _calendar(value: Any) -> Optional[HolidayCalendar]:
    return HolidayCalendar.coerce(value)


def _school(value: Any) -> Optional[SchoolHolidays]:
    return SchoolHolidays.coerce(value)


def _tuple_of_rules(value: Any) -> Tuple[HoursRule, ...]:
    rules = tuple(value) if isinstance(value, (list, tuple)) else None
    if not rules or not all(isinstance(r, HoursRule) for r in rules):
        raise InvalidValueError._for("rules", "a non-empty tuple of HoursRule", value)
    if rules[0].additional or rules[0].fallback:  # nothing to add to or fall back from: a plain rule
        rules = (attrs.evolve(rules[0], additional=False, fallback=False), *rules[1:])
    return rules


def _tuple_of_recurrences(value: Any) -> Tuple[Recurrence, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise RecurrenceError(f"'recurrences' must be a tuple of Recurrence (got {value!r})")
    items = tuple(value)
    for item in items:
        if not isinstance(item, Recurrence):
            raise RecurrenceError(
                f"'recurrences' must hold Recurrence values (got {item!r}); "
                f"make them with Recurrence.parse('FREQ=MONTHLY;BYDAY=1MO')"
            )
    return items


@attrs.frozen(repr=False)
class Schedule:
    """Response hours in an IANA zone: when a Page's team answers messages.

    Make one with :meth:`parse`. A schedule is immutable, hashable, picklable and
    safe to share between threads. It compiles lazily: the first question about
    a week is answered from the rules of the day (a weekly pattern when the rules
    name no dates, compiled once and shared by schedules with the same rules); a
    second one compiles the week into sorted instants that later queries
    binary-search; :meth:`intervals` and long :meth:`next_change` walks compile
    year-long buckets.

    Attributes:
        rules: the parsed rules, in order.
        zone: the zone whose wall clock the rules speak of.
        holidays: the calendar behind ``PH``, or None.
        recurrences: RRULE-chosen days applied after the rules.
        school_holidays: the school holidays behind ``SH``, or None.
    """

    rules: Tuple[HoursRule, ...] = attrs.field(converter=_tuple_of_rules)
    zone: ZoneInfo = attrs.field(converter=resolve_zone, eq=_zone_key)
    holidays: Optional[HolidayCalendar] = attrs.field(default=None, converter=_calendar)
    recurrences: Tuple[Recurrence, ...] = attrs.field(default=(), converter=_tuple_of_recurrences)
    school_holidays: Optional[SchoolHolidays] = attrs.field(default=None, converter=_school)
    _program: Optional[Program] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _buckets: Dict[int, List[int]] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _intervals: Dict[int, Tuple[Interval, ...]] = attrs.field(init=False, eq=False, hash=False, repr=False)
    #: What :func:`_program` gives for these rules, made when first needed (None until then).
    _compiled: Optional[_Compiled] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _windows: Dict[int, array[int]] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _last_miss: int = attrs.field(init=False, eq=False, hash=False, repr=False)
    #: The schedule of this one's unknown times (see :meth:`_unknown`), made when first needed.
    _unknown_view: Optional[Schedule] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        holidays = school = False
        for rule in self.rules:
            holidays = holidays or rule.holidays
            school = school or rule.school_holidays
        if self.holidays is None and holidays:
            raise HolidayCalendarError(
                f"the response hours {str(self)!r} use PH but no holiday calendar was given; "
                f"pass holidays='DE-BE' (a country[-subdivision] code) or a set of dates"
            )
        if self.school_holidays is None and school:
            raise HolidayCalendarError(
                f"the response hours {str(self)!r} use SH but no school holidays were given; "
                f"pass school_holidays=[(date(2026, 7, 9), date(2026, 8, 22)), ...] (first and last day)"
            )
        _put_program(self, None)
        _put_buckets(self, _NOTHING)
        _put_intervals(self, _NOTHING)
        _put_compiled(self, None)
        _put_windows(self, _NOTHING)
        _put_last_miss(self, -1 << 62)
        _put_unknown_view(self, None)

    @classmethod
    def _plain(cls, rules: Tuple[HoursRule, ...], zone: Any) -> Schedule:
        """``cls(rules, zone)`` for parsed *rules* (a non-empty tuple of HoursRule), without converters."""
        if rules[0].additional or rules[0].fallback:
            return cls(rules, zone)
        schedule: Schedule = _new(cls)
        _put_rules(schedule, rules)
        _put_zone(schedule, resolve_zone(zone))
        _put_holidays(schedule, None)
        _put_recurrences(schedule, ())
        _put_school_holidays(schedule, None)
        schedule.__attrs_post_init__()
        return schedule

    def _shape(self) -> _Compiled:
        """What :func:`_program` gives for the rules: made on the first question that needs it."""
        compiled = self._compiled
        if compiled is None:
            compiled = _program(self.rules, self.recurrences, self.holidays, self.school_holidays)
            if self._program is None and compiled[0] is not None:
                _set(self, "_program", compiled[0])
            _set(self, "_compiled", compiled)  # racing threads make equal values
        return compiled

    @property
    def _week(self) -> Optional[array[int]]:
        """The weekly pattern (seconds from Monday 00:00 wall time), or None when the rules name dates."""
        return self._shape()[1]

    @property
    def _constant(self) -> Optional[bool]:
        """True (False) when the schedule is always open (closed), else None."""
        return self._shape()[2]

    @classmethod
    def parse(
        cls,
        text: str,
        zone: Any,
        holidays: Any = None,
        recurrences: Iterable[Recurrence] = (),
        school_holidays: Any = None,
    ) -> Schedule:
        """Parse response hours written in the ``opening_hours`` subset.

        Args:
            text: e.g. ``"Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00; PH off"``.
            zone: an IANA zone name (``"Europe/Berlin"``) or a ``ZoneInfo``.
            holidays: what ``PH`` means: a code such as ``"DE-BE"``, a
                :class:`HolidayCalendar`, a ``holidays`` object or dates.
            recurrences: :class:`Recurrence` values applied after the rules.
            school_holidays: what ``SH`` means: ``(first, last)`` date pairs
                (both days included) or single dates, or a :class:`SchoolHolidays`.

        Raises:
            ScheduleSyntaxError: the text is invalid (``.column`` says where).
            UnknownZoneError: *zone* is not an IANA zone.
            HolidayCalendarError: a bad calendar, or ``PH`` (``SH``) without one.

        Examples:
            >>> str(Schedule.parse("mo-fr 9:00-17:00 ; sa 10:00-14:00", zone="UTC"))
            'Mo-Fr 09:00-17:00; Sa 10:00-14:00'
        """
        rules = _PARSED.get(text) if type(text) is str else None
        if rules is None:
            rules = parse_rules(text)
            if len(text) <= _SHARED_TEXT_LENGTH:
                if len(_PARSED) >= _SHARED_ENTRIES:
                    _PARSED.clear()
                _PARSED[text] = rules
        if holidays is None and recurrences == () and school_holidays is None:
            return cls._plain(rules, zone)
        return cls(rules, zone, holidays, recurrences, school_holidays)

    # -- text ------------------------------------------------------------------

    def __str__(self) -> str:
        parts: List[str] = []
        for index, rule in enumerate(self.rules):
            if index:
                previous = self.rules[index - 1]
                if (
                    rule.additional
                    and not rule.has_day_selector
                    and rule.spans
                    and previous.spans
                    and not previous.closed
                    and not previous.unknown
                    and previous.comment is None
                ):
                    parts.append(" open")  # else ', 14:00-16:00' would continue the times
                parts.append(", " if rule.additional else " || " if rule.fallback else "; ")
            parts.append(str(rule))
        return "".join(parts)

    def __repr__(self) -> str:
        extra = ""
        if self.holidays is not None:
            extra += f", holidays={self.holidays!r}"
        if self.recurrences:
            extra += f", recurrences={self.recurrences!r}"
        if self.school_holidays is not None:
            extra += f", school_holidays={self.school_holidays.ranges!r}"
        return f"Schedule.parse({str(self)!r}, zone={self.zone.key!r}{extra})"

    def __reduce__(self) -> Any:
        arguments = (self.rules, self.zone.key, self.holidays, self.recurrences, self.school_holidays)
        return (type(self), arguments)

    # -- queries ---------------------------------------------------------------

    def _get_program(self) -> Program:
        """The rules compiled for day-by-day evaluation (made when first needed for a weekly pattern)."""
        program = self._program
        if program is None:
            program = self._shape()[0]
        if program is None:
            program = Program(self.rules, self.recurrences, self.holidays, self.school_holidays)
            object.__setattr__(self, "_program", program)  # racing threads make equal programs
        return program

    def _bucket(self, index: int) -> List[int]:
        bounds = self._buckets.get(index)
        if bounds is None:
            week = self._week
            if week is not None and FIRST_BUCKET <= index <= LAST_BUCKET:
                lo = index * BUCKET_SECONDS
                bounds = week_instants(week, lo, lo + BUCKET_SECONDS, self.zone)
            else:
                bounds = self._get_program().bucket(index, self.zone)
            buckets = self._buckets
            if buckets is _NOTHING or len(buckets) >= _KEPT_BUCKETS:  # bounded however many years are asked
                if buckets is not _NOTHING:
                    _set(self, "_intervals", _NOTHING)
                buckets = {}
                _set(self, "_buckets", buckets)
            buckets[index] = bounds
        return bounds

    def _window(self, index: int) -> array[int]:
        """The sorted bounds of open instants in the week-long window *index* of UTC."""
        bounds = self._windows.get(index)
        if bounds is None:
            year = self._buckets.get(index * WINDOW_SECONDS // BUCKET_SECONDS)
            lo = index * WINDOW_SECONDS
            hi = lo + WINDOW_SECONDS
            if (
                year is not None
                and (index + 1) * WINDOW_SECONDS <= (lo // BUCKET_SECONDS + 1) * BUCKET_SECONDS
            ):
                bounds = array("q", _clip(year, lo, hi))  # the window lies in a compiled bucket
            else:
                week = self._week
                if week is not None:
                    bounds = array("q", week_instants(week, lo, hi, self.zone))
                else:
                    bounds = array("q", self._get_program().instants(lo, hi, self.zone, self._context))
            windows = self._windows
            if windows is _NOTHING or len(windows) >= _KEPT_WINDOWS:  # bounded however many weeks are asked
                windows = {}
                _set(self, "_windows", windows)
            windows[index] = bounds
        return bounds

    def _context(self, year: int) -> DayContext:
        """The holidays and recurrence days of *year* and of the day before it."""
        if self.holidays is None and not self.recurrences and self.school_holidays is None:
            return _NO_DAYS
        return self._get_program().year_context(year)

    def is_open(self, at: datetime) -> bool:
        """Whether *at* falls within response hours.

        The first question about a week is answered from the rules of the local
        day alone (a weekly pattern when the rules name no dates); a second one
        compiles the week's instants, and later ones binary-search them.

        Args:
            at: an aware datetime in any zone.

        Raises:
            NaiveDatetimeError: *at* has no zone.
            OutOfRangeError: *at* is outside the supported years.
        """
        try:
            delta = at - EPOCH
            seconds = delta.days * 86_400 + delta.seconds
            if not MIN_SECONDS <= seconds < MAX_SECONDS:
                raise out_of_range("at", at)
            windows = self._windows
            if windows is not _NOTHING:  # else nothing is compiled yet
                return bisect_right(windows[seconds // WINDOW_SECONDS], seconds) & 1 == 1
        except KeyError:
            pass  # the week is not compiled yet
        except (TypeError, AttributeError):
            utc_seconds(at)  # raises the library's error for what *at* is
            raise  # pragma: no cover - utc_seconds always raises here
        return self._is_open_cold(at, seconds)

    def _is_open_cold(self, at: datetime, seconds: int) -> bool:
        """:meth:`is_open` for an instant whose week is not compiled yet."""
        index = seconds // WINDOW_SECONDS
        if self._last_miss == index:  # asked about this week again: compile it
            return bisect_right(self._window(index), seconds) & 1 == 1
        _set(self, "_last_miss", index)
        local = at.astimezone(self.zone)
        second = local.hour * 3600 + local.minute * 60 + local.second
        compiled = self._compiled
        if compiled is None:
            if not self.recurrences:
                found = _plain_open(self.rules, local.weekday(), second)
                if found is not None:  # the weekly pattern's answer, without making the pattern
                    return found
            compiled = self._shape()
        week = compiled[1]
        if week is not None:
            return bisect_right(week, local.weekday() * 86_400 + second) & 1 == 1
        day = local.date()
        return any(
            start * 60 <= second < end * 60
            for start, end in self._get_program().day(day, self._context(day.year))
        )

    def next_change(self, at: datetime) -> Optional[datetime]:
        """The first instant after *at* at which :meth:`is_open` answers differently.

        Returns None only if the answer never changes again. The look-ahead has
        no cap: it follows from the rules (the last year they name, the last date
        of a holiday set, a recurrence's DTSTART and end, the 400-year cycle of
        the calendar), so a change centuries ahead is found.

        Raises:
            NaiveDatetimeError: *at* has no zone.
            OutOfRangeError: *at* is outside the supported instants, or the answer
                stays the same up to the end of them (9997-01-01T00:00:00Z) and may
                change only after it.
        """
        seconds = utc_seconds(at)
        if self._constant is not None:
            return None
        bound = None
        if self._week is not None and seconds // WINDOW_SECONDS not in self._windows:
            bound = self._next_weekly(at, seconds)
        if bound is None:
            bound = self._next_nearby(seconds)
        if bound is None:
            found = self._next_bound(seconds, at)
            if found is None:
                return None
            index, position = found
            bound = self._bucket(index)[position]
        if bound >= MAX_SECONDS:
            raise _beyond(at)
        return instant_to_datetime(bound, self.zone)

    def _next_weekly(self, at: datetime, seconds: int) -> Optional[int]:
        """The next change from the weekly pattern, when the zone's offset holds until it (else None).

        The pattern's next bound after the wall time of *at* is the next change
        unless the offset changes before it; the offset is checked once a day
        and at the bound (no zone changes its offset and back within a day).
        """
        week = self._week
        if week is None:  # pragma: no cover - called for weekly patterns only
            return None
        local = at.astimezone(self.zone)
        offset = local.utcoffset()
        wall = local.weekday() * 86_400 + local.hour * 3600 + local.minute * 60 + local.second
        position = bisect_right(week, wall)
        if position < len(week):
            bound = week[position]
            if bound == _WEEK and week[0] == 0:  # open over Sunday midnight: no change there
                bound = _WEEK + week[1]
        else:
            bound = _WEEK + week[0]
        change = seconds + bound - wall
        if change >= MAX_SECONDS:
            return None
        zone = self.zone
        probe = seconds + 86_400
        while probe < change:
            if instant_to_datetime(probe, zone).utcoffset() != offset:
                return None
            probe += 86_400
        if instant_to_datetime(change, zone).utcoffset() != offset:
            return None
        return change

    def _next_nearby(self, seconds: int) -> Optional[int]:
        """The first bound after *seconds* that flips the answer, if it lies within about two weeks."""
        index = seconds // WINDOW_SECONDS
        bounds = self._window(index)
        position = bisect_right(bounds, seconds)
        for following in (index + 1, index + 2):
            window_end = following * WINDOW_SECONDS
            if position < len(bounds) and (bounds[position] != window_end or position % 2 == 0):
                return bounds[position]
            is_open = position < len(bounds)  # an open interval reaches the end of the window
            if window_end >= MAX_SECONDS:
                return None
            candidate = self._window(following)
            if is_open and not (candidate and candidate[0] == window_end):
                return window_end  # the open interval ends with the window
            bounds, position = candidate, 1 if is_open else 0
        if position < len(bounds) and (bounds[position] != (index + 3) * WINDOW_SECONDS or position % 2 == 0):
            return bounds[position]
        return None

    def _next_bound(
        self, seconds: int, at: Optional[datetime], last: Optional[int] = None
    ) -> Optional[Tuple[int, int]]:
        """The bucket and position of the first bound after *seconds* that flips the answer.

        With *last*, no bucket after that one is compiled: None when the answer holds
        to its end (and *at*, for the error past the supported instants, is not read).
        """
        index = seconds // BUCKET_SECONDS
        bounds = self._buckets.get(index)
        if bounds is None:
            bounds = self._bucket(index)
        position = bisect_right(bounds, seconds)
        walk = _Walk(self._get_program())
        while True:
            bucket_end = (index + 1) * BUCKET_SECONDS
            if position < len(bounds) and (bounds[position] != bucket_end or position % 2 == 0):
                return index, position
            if last is not None and index >= last:
                return None  # the answer holds to the end of the last bucket asked about
            is_open = position < len(bounds)  # an open interval reaches the end of the bucket
            target = walk.skip(index, is_open)
            if target is None:
                return None
            if last is not None:
                target = min(target, last)
            elif (target + 1) * BUCKET_SECONDS >= MAX_SECONDS:
                assert at is not None  # given when last is not
                raise _beyond(at)
            if target != index:  # jump over years where nothing can change (always as expected)
                candidate = self._bucket(target)
                start = target * BUCKET_SECONDS
                if candidate == ([start, start + BUCKET_SECONDS] if is_open else []):
                    index, bounds, position = target, candidate, 1 if is_open else 0
                    continue
            following = index + 1
            candidate = self._bucket(following)
            if is_open and not (candidate and candidate[0] == bucket_end):
                return index, position  # the open interval ends with the bucket
            index, bounds, position = following, candidate, 1 if is_open else 0

    def intervals(self, start: datetime, end: datetime) -> Tuple[Interval, ...]:
        """The maximal open intervals, clipped to ``[start, end)``, in the schedule's zone.

        Raises:
            NaiveDatetimeError: *start* or *end* has no zone.
            OutOfRangeError: *start* or *end* is outside the supported instants.
            InvalidValueError: *end* is before *start*, more than
                :data:`MAX_INTERVAL_DAYS` days after it, or the period holds more
                than :data:`MAX_INTERVALS` intervals.

        Examples:
            >>> s = Schedule.parse("Fr 22:00-02:00", zone="Europe/Berlin")
            >>> berlin = ZoneInfo("Europe/Berlin")
            >>> start, end = datetime(2026, 11, 27, tzinfo=berlin), datetime(2026, 11, 29, tzinfo=berlin)
            >>> [str(i) for i in s.intervals(start, end)]
            ['2026-11-27T22:00:00+01:00 – 2026-11-28T02:00:00+01:00']
        """
        first = utc_seconds(start, "start")
        last = utc_seconds(end, "end", end=True)
        if _as_utc(end) < _as_utc(start):
            raise InvalidValueError._for("end", f"at or after start ({start.isoformat()})", end)
        if last - first > MAX_INTERVAL_DAYS * 86_400:
            raise InvalidValueError._for(
                "end",
                f"at most {MAX_INTERVAL_DAYS:,} days (400 years) after start ({start.isoformat()}); "
                f"ask for a shorter period, or walk on with next_change",
                end,
            )
        rules = len(self.rules) + len(self.recurrences)
        if self._week is None and (last - first) // 86_400 * rules > MAX_RULE_DAYS:
            # Rules with dates are evaluated day by day: refuse before the work, not after.
            days = MAX_RULE_DAYS // max(rules, 1)
            raise InvalidValueError._for(
                "end",
                f"at most {days:,} days after start ({start.isoformat()}) for response hours of "
                f"{rules} dated rules (days × rules at most {MAX_RULE_DAYS:,}); ask for a shorter period",
                end,
            )
        last_ceiling = last + (1 if (end - EPOCH).microseconds else 0)  # first whole second >= end
        if first == last_ceiling or _as_utc(end) == _as_utc(start):
            return ()
        result: List[Interval] = []
        result_end = None  # the end of the last interval in result, in seconds
        first_index = first // BUCKET_SECONDS
        for index in range(first_index, last // BUCKET_SECONDS + 1):
            spans = self._bucket_intervals(index)
            bounds = self._bucket(index)
            skip = bisect_right(bounds, first) // 2 if index == first_index else 0
            for position in range(skip, len(spans)):
                if bounds[2 * position] >= last_ceiling:
                    break
                if result_end == bounds[2 * position]:  # continues across buckets
                    result[-1] = Interval._trusted(result[-1].start, spans[position].end)
                else:
                    result.append(spans[position])
                result_end = bounds[2 * position + 1]
            if len(result) > MAX_INTERVALS:
                raise InvalidValueError._for(
                    "end",
                    f"a period with at most {MAX_INTERVALS:,} intervals (these response hours have "
                    f"more than that from {start.isoformat()}); ask for a shorter period",
                    end,
                )
        if result and _as_utc(result[0].start) < _as_utc(start):
            result[0] = Interval._trusted(start.astimezone(self.zone), result[0].end)
        if result and _as_utc(result[-1].end) > _as_utc(end):
            result[-1] = Interval._trusted(result[-1].start, end.astimezone(self.zone))
        return tuple(result)

    def _bucket_intervals(self, index: int) -> Tuple[Interval, ...]:
        spans = self._intervals.get(index)
        if spans is None:
            bounds = self._bucket(index)
            zone = self.zone
            make = Interval._trusted
            spans = tuple(
                make(instant_to_datetime(bounds[i], zone), instant_to_datetime(bounds[i + 1], zone))
                for i in range(0, len(bounds), 2)
            )
            intervals = self._intervals
            if intervals is _NOTHING:
                intervals = {}
                _set(self, "_intervals", intervals)
            intervals[index] = spans
        return spans

    def check(self, at: datetime) -> HoursStatus:
        """Whether *at* is open, the rule that decided, and the next change.

        When the answer could change only after the supported instants (see
        :meth:`next_change`), ``next_change`` is their end, 9997-01-01T00:00:00Z,
        in the schedule's zone: the change cannot be told exactly there.

        Raises:
            NaiveDatetimeError: *at* has no zone.
            OutOfRangeError: *at* is outside the supported instants.

        Examples:
            >>> s = Schedule.parse("Mo-Fr 09:00-17:00; Dec 24 off", zone="Europe/Berlin")
            >>> s.check(datetime(2026, 12, 24, 10, tzinfo=ZoneInfo("Europe/Berlin"))).reason
            'closed: rule 2 (Dec 24 off) decides'
        """
        is_open = self.is_open(at)  # validates *at* and its year first
        state = self._state(is_open, at)
        local = at.astimezone(self.zone)
        day = local.date()
        index = self._get_program().decider(day, local.hour * 60 + local.minute, self._context(day.year))
        rule: Optional[HoursRule] = None
        if index is not None:
            if index < len(self.rules):
                rule = self.rules[index]
            else:
                rule = self.recurrences[index - len(self.rules)].hours
        return HoursStatus(
            at=local,
            is_open=is_open,
            rule=rule,
            rule_number=None if index is None else index + 1,
            next_change=self._next_change_or_end(at),
            state=state,
        )

    def _next_change_or_end(self, at: datetime) -> Optional[datetime]:
        try:
            return self.next_change(at)
        except OutOfRangeError:
            return MAX_INSTANT.astimezone(self.zone)

    # -- the third state: unknown --------------------------------------------------

    @property
    def has_unknown(self) -> bool:
        """Whether some rule can make times unknown: an open end, ``unknown``, or a comment alone
        (an ``off`` rule with an open end, ``10:00+ off``, closes its times: it makes none unknown)."""
        return any(rule.has_unknown and not rule.closed for rule in self.rules)

    def _unknown(self) -> Optional[Schedule]:
        """A schedule whose open times are this one's unknown times (None when it has none)."""
        if not self.has_unknown:
            return None
        view = self._unknown_view
        if view is None:
            view = Schedule(self.rules, self.zone, self.holidays, self.recurrences, self.school_holidays)
            program = Program(self.rules, self.recurrences, self.holidays, self.school_holidays, unknown=True)
            week = program.week()
            constant = None
            if week is not None and len(week) < 3:
                constant = True if list(week) == [0, _WEEK] else False if not week else None
            _set(view, "_program", program)  # never shared: the programs of _program() answer for open times
            _set(view, "_compiled", (program, week, constant))
            _set(self, "_unknown_view", view)  # racing threads make equal views
        return view

    def state(self, at: datetime) -> HoursState:
        """Whether *at* is open, closed, or unknown (see :class:`HoursState`).

        ``is_open(at)`` is True exactly when this is ``HoursState.OPEN``.

        Raises:
            NaiveDatetimeError: *at* has no zone.
            OutOfRangeError: *at* is outside the supported instants.

        Examples:
            >>> s = Schedule.parse("Mo-Fr 10:00-12:00+", zone="Europe/Berlin")
            >>> berlin = ZoneInfo("Europe/Berlin")
            >>> [str(s.state(datetime(2026, 11, 30, h, tzinfo=berlin))) for h in (9, 11, 15)]
            ['closed', 'open', 'unknown']
        """
        return self._state(self.is_open(at), at)

    def _state(self, is_open: bool, at: datetime) -> HoursState:
        if is_open:
            return HoursState.OPEN
        view = self._unknown()
        if view is not None and view.is_open(at):
            return HoursState.UNKNOWN
        return HoursState.CLOSED

    def next_state_change(self, at: datetime) -> Optional[datetime]:
        """The first instant after *at* at which :meth:`state` answers differently.

        The same as :meth:`next_change` for a schedule without unknown times; with
        them it also stops where unknown times begin or end (``next_change`` steps
        over a change from closed to unknown, since ``is_open`` stays False).

        Open and unknown times never overlap, so every change of :meth:`is_open`
        changes the state, and the unknown times matter only while the schedule
        is closed: they are looked for up to the next change of ``is_open``, and
        further only when ``is_open`` stays False for good.

        Raises:
            NaiveDatetimeError: *at* has no zone.
            OutOfRangeError: as for :meth:`next_change`: *at* is outside the
                supported instants, or the state stays the same up to the end of
                them and may change only after it.
        """
        view = self._unknown()
        if view is None:
            return self.next_change(at)
        seconds = utc_seconds(at)  # validates *at* first
        beyond: Optional[OutOfRangeError] = None
        try:
            change = self.next_change(at)
        except OutOfRangeError as error:  # the answer stays the same up to the end of the instants
            change, beyond = None, error
        if self.is_open(at):
            # Open up to the change (unknown times are closed meanwhile): it changes the state.
            if beyond is not None:
                raise beyond
            return change
        if change is not None:
            # Closed up to the change: the unknown times can change the state only before it.
            bound = view._next_change_before(seconds, utc_seconds(change))
            return change if bound is None else instant_to_datetime(bound, self.zone)
        # Closed for good (or up to the end of the supported instants): the unknown times decide.
        found = view.next_change(at)
        if found is None and beyond is not None:
            raise beyond  # the unknown times never change, is_open may after the supported instants
        return found

    def _next_change_before(self, seconds: int, limit: int) -> Optional[int]:
        """The first bound after *seconds* and before *limit* that flips :meth:`is_open`, else None.

        As :meth:`next_change` from the UTC second *seconds* (which must be a
        supported instant), but it compiles no bucket past the one holding
        ``limit - 1``: a question about the next few days stays cheap however
        far the unbounded walk would go.
        """
        if self._constant is not None or limit <= seconds + 1:
            return None
        bound = self._next_nearby(seconds)
        if bound is not None:
            return bound if bound < limit else None
        if (seconds // WINDOW_SECONDS + 3) * WINDOW_SECONDS >= limit:
            return None  # _next_nearby looked at every window up to the limit
        found = self._next_bound(seconds, None, (limit - 1) // BUCKET_SECONDS)  # up to *limit*'s bucket
        if found is None:
            return None
        index, position = found
        bound = self._bucket(index)[position]
        return bound if bound < limit else None

    def state_intervals(self, start: datetime, end: datetime) -> Tuple[Tuple[Interval, HoursState], ...]:
        """The period ``[start, end)`` cut into maximal intervals of one state each, in order.

        The intervals tile the period without gaps or overlaps; the open ones are
        :meth:`intervals`, and each agrees with :meth:`state` everywhere inside it.

        Raises:
            as :meth:`intervals`.

        Examples:
            >>> s = Schedule.parse("Mo 10:00-12:00+", zone="Europe/Berlin")
            >>> berlin = ZoneInfo("Europe/Berlin")
            >>> start = datetime(2026, 11, 30, 9, tzinfo=berlin)
            >>> end = datetime(2026, 11, 30, 13, tzinfo=berlin)
            >>> [(i.start.hour, i.end.hour, str(state)) for i, state in s.state_intervals(start, end)]
            [(9, 10, 'closed'), (10, 12, 'open'), (12, 13, 'unknown')]
        """
        opened = self.intervals(start, end)  # validates the period first
        view = self._unknown()
        unknown = view.intervals(start, end) if view is not None else ()
        if _as_utc(end) == _as_utc(start):
            return ()
        marked = sorted(
            [(i, HoursState.OPEN) for i in opened] + [(i, HoursState.UNKNOWN) for i in unknown],
            key=lambda item: _as_utc(item[0].start),
        )
        result: List[Tuple[Interval, HoursState]] = []
        cursor = start.astimezone(self.zone)
        for interval, state in marked:
            if _as_utc(interval.start) > _as_utc(cursor):
                result.append((Interval._trusted(cursor, interval.start), HoursState.CLOSED))
            result.append((interval, state))
            cursor = interval.end
        if _as_utc(cursor) < _as_utc(end):
            result.append((Interval._trusted(cursor, end.astimezone(self.zone)), HoursState.CLOSED))
        return tuple(result)

    # -- foreign formats (pageavail.formats) -------------------------------------

    @classmethod
    def from_facebook(cls, data: Any, zone: Any) -> Schedule:
        """Response hours from a Facebook Page's ``hours``: see :func:`pageavail.formats.from_facebook`."""
        from .formats import from_facebook

        return from_facebook(data, zone)

    @classmethod
    def from_google(cls, regular: Any, special: Any = None, zone: Any = None) -> Schedule:
        """Response hours from Google's business hours: see :func:`pageavail.formats.from_google`."""
        from .formats import from_google

        return from_google(regular, special, zone)

    @classmethod
    def from_schema_org(cls, data: Any, zone: Any) -> Schedule:
        """Response hours from schema.org opening hours: see :func:`pageavail.formats.from_schema_org`."""
        from .formats import from_schema_org

        return from_schema_org(data, zone)

    @classmethod
    def from_ical(cls, text: Any, zone: Any = None) -> Schedule:
        """Response hours from an iCalendar text: see :func:`pageavail.formats.from_ical`."""
        from .formats import from_ical

        return from_ical(text, zone)

    def to_facebook(self) -> Dict[str, str]:
        """These hours as a Facebook Page's ``hours``: see :func:`pageavail.formats.to_facebook`."""
        from .formats import to_facebook

        return to_facebook(self)

    def to_google(self, start: Any = None, end: Any = None) -> Dict[str, Any]:
        """These hours as Google's regular (and special) hours: see :func:`pageavail.formats.to_google`."""
        from .formats import to_google

        return to_google(self, start, end)

    def to_schema_org(self, start: Any = None, end: Any = None) -> Dict[str, Any]:
        """These hours as schema.org opening hours: see :func:`pageavail.formats.to_schema_org`."""
        from .formats import to_schema_org

        return to_schema_org(self, start, end)

    def to_ical(self, start: datetime, end: datetime, summary: str = "Response hours") -> str:
        """The open intervals of a period as iCalendar events: see :func:`pageavail.formats.to_ical`."""
        from .formats import to_ical

        return to_ical(self, start, end, summary)


# The slots of a new schedule, set through their descriptors (about twice as fast as
# object.__setattr__, which looks each name up): a schedule is made on every parse.
(
    _put_rules,
    _put_zone,
    _put_holidays,
    _put_recurrences,
    _put_school_holidays,
    _put_program,
    _put_buckets,
    _put_intervals,
    _put_compiled,
    _put_windows,
    _put_last_miss,
    _put_unknown_view,
) = (
    Schedule.__dict__[name].__set__
    for name in (
        "rules",
        "zone",
        "holidays",
        "recurrences",
        "school_holidays",
        "_program",
        "_buckets",
        "_intervals",
        "_compiled",
        "_windows",
        "_last_miss",
        "_unknown_view",
    )
)
