"""The parsed form of response hours: selectors, time spans and rules.

These values are what :func:`pageavail.Schedule.parse` builds and what
``str(schedule)`` prints back. Each knows how to test a date and how to print
itself canonically, so that ``parse(str(rules)) == rules``.
"""

from __future__ import annotations

import calendar
import enum
from datetime import date
from functools import lru_cache
from typing import Any, Callable, FrozenSet, Optional, Tuple, Union

import attrs
from dateutil.easter import easter as _western_easter

from .errors import InvalidValueError

__all__ = [
    "DateRange",
    "EasterRange",
    "HoursRule",
    "Month",
    "NthDateRange",
    "TimeSpan",
    "WeekRange",
    "Weekday",
    "WeekdayRange",
    "YearRange",
]

MINUTES_PER_DAY = 1440
#: ``48:00``: the latest end a time span may have (the end of the next day).
MAX_END_MINUTE = 2 * MINUTES_PER_DAY


class Weekday(enum.IntEnum):
    """ISO weekdays, Monday = 1 … Sunday = 7, printed as ``Mo`` … ``Su``."""

    MO = 1
    TU = 2
    WE = 3
    TH = 4
    FR = 5
    SA = 6
    SU = 7

    @property
    def abbr(self) -> str:
        """The two-letter name used in response-hours text (``Mo``)."""
        return self.name.capitalize()

    @classmethod
    def _missing_(cls, value: object) -> None:
        raise InvalidValueError._for(
            cls.__name__.lower(), f"a {cls.__name__} (1 to {len(cls)}) such as {cls(1)!r}", value
        )


class Month(enum.IntEnum):
    """Months, January = 1 … December = 12, printed as ``Jan`` … ``Dec``."""

    JAN = 1
    FEB = 2
    MAR = 3
    APR = 4
    MAY = 5
    JUN = 6
    JUL = 7
    AUG = 8
    SEP = 9
    OCT = 10
    NOV = 11
    DEC = 12

    @property
    def abbr(self) -> str:
        """The three-letter name used in response-hours text (``Jan``)."""
        return self.name.capitalize()

    @classmethod
    def _missing_(cls, value: object) -> None:
        raise InvalidValueError._for(
            cls.__name__.lower(), f"a {cls.__name__} (1 to {len(cls)}) such as {cls(1)!r}", value
        )


def _minute_text(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _check_minute(name: str, lo: int, hi: int):  # type: ignore[no-untyped-def]
    def check(instance: object, attribute: object, value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
            raise InvalidValueError._for(name, f"a minute from {lo} to {hi}", value)

    return check


def _int_in(name: str, lo: int, hi: int) -> Callable[[Any, Any, Any], None]:
    def check(instance: object, attribute: object, value: object) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
            raise InvalidValueError._for(name, f"a whole number from {lo} to {hi}", value)

    return check


def _optional_int(name: str, lo: int, hi: int) -> Callable[[Any, Any, Any], None]:
    def check(instance: object, attribute: object, value: object) -> None:
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi
        ):
            raise InvalidValueError._for(name, f"None or a whole number from {lo} to {hi}", value)

    return check


def _flag(name: str) -> Callable[[Any, Any, Any], None]:
    def check(instance: object, attribute: object, value: object) -> None:
        if not isinstance(value, bool):
            raise InvalidValueError._for(name, "True or False", value)

    return check


def _optional_text(name: str) -> Callable[[Any, Any, Any], None]:
    def check(instance: object, attribute: object, value: object) -> None:
        if value is not None and not isinstance(value, str):
            raise InvalidValueError._for(name, "None or text", value)

    return check


_new = object.__new__
_set = object.__setattr__


def _tuple_of(name: str, kind: Union[type, Tuple[type, ...]], value: Any) -> Tuple[Any, ...]:
    items = tuple(value) if isinstance(value, (list, tuple)) else None
    if items is None or not all(isinstance(item, kind) for item in items):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise InvalidValueError._for(name, f"a tuple of {names}", value)
    return items


def guessed_end(minute: int) -> int:
    """Where ``opening_hours.js`` lets an open end from *minute* stop, in minutes of the same day.

    From 22:00 on eight hours later, from 17:00 on ten hours later, else at the
    end of the day: ``10:00+`` runs to 24:00, ``17:00+`` to 03:00 and ``22:00+``
    to 06:00 of the next day.
    """
    if minute >= 22 * 60:  # and any end past midnight
        return minute + 8 * 60
    if minute >= 17 * 60:
        return minute + 10 * 60
    return MINUTES_PER_DAY


@attrs.frozen
class TimeSpan:
    """Wall-clock minutes ``[start, end)`` of a day; *end* may run into the next day.

    ``start`` is 0 (00:00) to 1439 (23:59); ``end`` is after ``start`` and at most
    2880 (``48:00``). ``22:00-02:00`` is ``TimeSpan(1320, 1560)``.

    With ``open_end`` the span goes on after *end* for a time nobody knows
    (``10:00-12:00+``); *end* may then equal *start* (``10:00+`` is
    ``TimeSpan(600, 600, open_end=True)``) and is at most 40:00, so that the
    guessed part (:attr:`guess`) ends by the second midnight, as
    ``opening_hours.js`` requires.
    """

    start: int = attrs.field(validator=_check_minute("start", 0, MINUTES_PER_DAY - 1))
    end: int = attrs.field(validator=_check_minute("end", 0, MAX_END_MINUTE))
    open_end: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.open_end, bool):
            raise InvalidValueError._for("open_end", "True or False", self.open_end)
        if self.end < self.start or (self.end == self.start and not self.open_end):
            raise InvalidValueError._for("end", f"after start ({self.start})", self.end)
        if self.open_end and guessed_end(self.end) > MAX_END_MINUTE:
            raise InvalidValueError._for("end", "at most 40:00 (2400) before an open end", self.end)
        if self.end - self.start > MAX_END_MINUTE:  # pragma: no cover - bounded by validators
            raise InvalidValueError._for("end", "at most 48:00", self.end)

    def __str__(self) -> str:
        if self.open_end and self.end == self.start:
            return f"{_minute_text(self.start)}+"
        end = self.end
        if end > MINUTES_PER_DAY and end - MINUTES_PER_DAY <= self.start:
            end -= MINUTES_PER_DAY  # 22:00-02:00 rather than 22:00-26:00
        return f"{_minute_text(self.start)}-{_minute_text(end)}{'+' if self.open_end else ''}"

    @property
    def guess(self) -> Optional[Tuple[int, int]]:
        """The open end's unknown part ``[end, guessed end)`` in minutes of the start day, or None.

        The guess follows ``opening_hours.js`` (see :func:`guessed_end`) and may
        run into the next day: ``17:00+`` is ``(1020, 1620)``, ``22:00-04:00+``
        is ``(1680, 2160)``.
        """
        if not self.open_end:
            return None
        return (self.end, guessed_end(self.end))

    @property
    def today(self) -> Optional[Tuple[int, int]]:
        """The known part on the day the span starts, in minutes of that day (None for ``10:00+``)."""
        if self.end == self.start:
            return None
        return (self.start, min(self.end, MINUTES_PER_DAY))

    @property
    def spill(self) -> Optional[Tuple[int, int]]:
        """The part past midnight, in minutes of the next day, or None."""
        if self.end <= MINUTES_PER_DAY:
            return None
        return (0, self.end - MINUTES_PER_DAY)


#: The largest day offset after an n-th weekday (``Mo[1] -2 days``), in days.
MAX_DAY_OFFSET = 365
#: The largest offset from Easter (``easter +39 days``): ``opening_hours.js`` allows 200 days.
MAX_EASTER_OFFSET = 200
#: The largest offset from a public holiday: ``opening_hours.js`` allows one day (``PH +1 day``).
MAX_HOLIDAY_OFFSET = 1
#: The first and last ordinal of ``datetime.date``.
_FIRST_ORDINAL, _LAST_ORDINAL = date.min.toordinal(), date.max.toordinal()


def offset_text(offset: int) -> str:
    """A day offset as written after a selector: ``+1 day``, ``-2 days``."""
    return f"{offset:+d} day{'' if abs(offset) == 1 else 's'}"


def shifted(day: date, offset: int) -> Optional[date]:
    """*day* moved back by *offset* days (the day whose selection *day* takes over), or None."""
    ordinal = day.toordinal() - offset
    if not _FIRST_ORDINAL <= ordinal <= _LAST_ORDINAL:
        return None
    return date.fromordinal(ordinal)


def _check_offset(name: str, largest: int = MAX_DAY_OFFSET) -> Callable[[Any, Any, Any], None]:
    def check(instance: object, attribute: object, value: object) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) > largest:
            limits = f"-{largest} to {largest}"
            raise InvalidValueError._for(name, f"a whole number of days from {limits}", value)

    return check


def _nth_items(value: Any) -> Tuple[int, ...]:
    items = tuple(value) if isinstance(value, (list, tuple)) else None
    if items is None or not all(
        isinstance(n, int) and not isinstance(n, bool) and 1 <= abs(n) <= 5 for n in items
    ):
        raise InvalidValueError._for("nth", "a tuple of 1 to 5 or -1 to -5", value)
    return tuple(sorted(set(items), key=lambda n: (n < 0, abs(n))))


def _nth_text(nth: Tuple[int, ...]) -> str:
    """``1,3`` or ``1-3`` (runs of consecutive positive numbers as ranges), negatives one by one."""
    parts = []
    index = 0
    while index < len(nth):
        first = last = nth[index]
        while first > 0 and index + 1 < len(nth) and nth[index + 1] == last + 1:
            index += 1
            last = nth[index]
        parts.append(str(first) if first == last else f"{first}-{last}")
        index += 1
    return ",".join(parts)


@attrs.frozen
class WeekdayRange:
    """``Mo``, ``Mo-Fr``, a range that wraps over the week end (``Su-Mo``), or the n-th weekday of a month.

    With *nth* (``Mo[1]``: the first Monday of the month, ``Mo[-1]``: the last,
    ``Mo[1,3]``, ``Mo[1-2]``) the range names one weekday, and *offset* moves the
    selected day by whole days (``Sa[-1] +1 day``: the day after the last Saturday).
    """

    start: Weekday = attrs.field(converter=Weekday)
    end: Weekday = attrs.field(converter=Weekday)
    nth: Tuple[int, ...] = attrs.field(default=(), converter=_nth_items)
    offset: int = attrs.field(default=0, validator=_check_offset("offset"))

    def __attrs_post_init__(self) -> None:
        if self.nth and self.start != self.end:
            raise InvalidValueError._for("end", f"the start ({self.start.abbr}) when nth is given", self.end)
        if self.offset and not self.nth:
            raise InvalidValueError._for("offset", "0 without nth", self.offset)

    @property
    def days(self) -> FrozenSet[int]:
        """The ISO weekday numbers the range selects (for n-th weekdays: the weekday, in some weeks)."""
        first, last = int(self.start), int(self.end)
        if first <= last:
            return frozenset(range(first, last + 1))
        return frozenset(list(range(first, 8)) + list(range(1, last + 1)))

    def _contains_nth(self, day: date) -> bool:
        """For an n-th weekday range: whether it selects *day* (offset included)."""
        moved = shifted(day, self.offset)
        if moved is None or moved.isoweekday() != self.start:
            return False
        last = _month_days(moved.month, moved.year)
        return (moved.day + 6) // 7 in self.nth or -((last - moved.day) // 7 + 1) in self.nth

    def __str__(self) -> str:
        if self.nth:
            text = f"{self.start.abbr}[{_nth_text(self.nth)}]"
            return f"{text} {offset_text(self.offset)}" if self.offset else text
        if self.start == self.end:
            return self.start.abbr
        return f"{self.start.abbr}-{self.end.abbr}"


@attrs.frozen
class WeekRange:
    """ISO weeks: ``week 05``, ``week 01-10``, ``week 01-53/2`` (every other week from week 1).

    A step runs from 2 to 26, as in ``opening_hours.js`` (a larger one would
    select one week a year: write that week).
    """

    start: int = attrs.field(validator=_int_in("start", 1, 53))
    end: int = attrs.field(validator=_int_in("end", 1, 53))
    step: int = attrs.field(default=1, validator=_int_in("step", 1, 26))

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValueError._for("end", f"at least the start week {self.start:02d}", self.end)
        if self.step > 1 and self.start == self.end:
            raise InvalidValueError._for("step", "1 for a single week", self.step)

    def contains(self, day: date) -> bool:
        """Whether the ISO week of *day* is one of the range's weeks."""
        week = day.isocalendar()[1]
        return self.start <= week <= self.end and (week - self.start) % self.step == 0

    def __str__(self) -> str:
        text = f"{self.start:02d}" if self.start == self.end else f"{self.start:02d}-{self.end:02d}"
        return f"{text}/{self.step}" if self.step > 1 else text


@lru_cache(maxsize=1024)
def easter_day(year: int) -> date:
    """Western (Gregorian) Easter Sunday of *year*, by ``dateutil.easter``."""
    return _western_easter(year)


def _month_day(name: str) -> Callable[[Any, Any, Any], None]:
    def check(instance: object, attribute: object, value: object) -> None:
        if value is None:
            return
        if (
            not isinstance(value, tuple)
            or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            or not 1 <= value[0] <= 12
            or not 1 <= value[1] <= _MONTH_DAYS[value[0] - 1]
        ):
            raise InvalidValueError._for(
                name, "None or a (month, day) of every year, such as (12, 25)", value
            )

    return check


@attrs.frozen
class EasterRange:
    """Western Easter Sunday, moved by whole days, or a range of such days.

    ``easter``, ``easter +1 day`` (Easter Monday), ``easter -2 days`` (Good
    Friday), ``easter -2 days-easter +1 day`` (Good Friday to Easter Monday).
    One end may be a day of the month: ``Dec 25-easter`` (*start_date*) runs
    from December 25th to the next Easter, ``easter-Apr 20`` (*end_date*) from
    Easter to April 20th, of the next year when that comes first. Dates come
    from ``dateutil.easter`` (the Gregorian computus).
    """

    offset: int = attrs.field(default=0, validator=_check_offset("offset", MAX_EASTER_OFFSET))
    end_offset: Optional[int] = attrs.field(
        default=None, validator=attrs.validators.optional(_check_offset("end_offset", MAX_EASTER_OFFSET))
    )
    start_date: Optional[Tuple[int, int]] = attrs.field(default=None, validator=_month_day("start_date"))
    end_date: Optional[Tuple[int, int]] = attrs.field(default=None, validator=_month_day("end_date"))

    def __attrs_post_init__(self) -> None:
        if self.start_date is not None:
            if self.offset or self.end_offset is None or self.end_date is not None:
                raise InvalidValueError._for(
                    "start_date",
                    "None unless the range ends at easter (offset 0, end_offset set)",
                    self.start_date,
                )
        elif self.end_date is not None:
            if self.end_offset is not None:
                raise InvalidValueError._for("end_date", "None when end_offset is set", self.end_date)
        elif self.end_offset is not None and self.end_offset < self.offset:
            raise InvalidValueError._for(
                "end_offset", f"at least the start offset {self.offset}", self.end_offset
            )

    @property
    def last(self) -> int:
        """The offset of the last day selected (of a range between Easter days)."""
        return self.offset if self.end_offset is None else self.end_offset

    @property
    def mixed(self) -> bool:
        """Whether one end is a day of the month."""
        return self.start_date is not None or self.end_date is not None

    def _bounds(self, year: int) -> Tuple[int, int]:
        """The first and last ordinal of the range that starts in *year*."""
        sunday = easter_day(year).toordinal()
        if self.start_date is not None:
            first = date(year, *self.start_date).toordinal()
        else:
            first = sunday + self.offset
        if self.end_date is not None:
            last = date(year, *self.end_date).toordinal()
            if last < first:
                last = date(year + 1, *self.end_date).toordinal()
        else:
            last = sunday + self.last
            if last < first:
                last = easter_day(year + 1).toordinal() + self.last
        return first, last

    def contains(self, day: date) -> bool:
        """Whether the range selects *day* (a range starting in the day's year or a year next to it)."""
        if not isinstance(day, date):
            raise InvalidValueError._for("day", "a datetime.date", day)
        ordinal = day.toordinal()
        for year in (day.year - 1, day.year, day.year + 1):
            if 1 <= year <= 9998:
                first, last = self._bounds(year)
                if first <= ordinal <= last:
                    return True
        return False

    def __str__(self) -> str:
        if self.start_date is not None:
            start = f"{Month(self.start_date[0]).abbr} {self.start_date[1]:02d}"
        else:
            start = "easter" + (f" {offset_text(self.offset)}" if self.offset else "")
        if self.end_date is not None:
            return f"{start}-{Month(self.end_date[0]).abbr} {self.end_date[1]:02d}"
        if self.end_offset is None:
            return start
        return start + "-easter" + (f" {offset_text(self.end_offset)}" if self.end_offset else "")


#: The largest day offset after an n-th weekday at a range's end (``Dec Su[-1] +4 days``), as in
#: ``opening_hours.js``.
MAX_END_OFFSET = 6


def _good_end(value: object) -> bool:
    if not (isinstance(value, tuple) and len(value) == 5):
        return False
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return False
    month, day, weekday, nth, offset = (int(v) for v in value)
    if not 1 <= month <= 12:
        return False
    if day:
        return 1 <= day <= _MONTH_DAYS[month - 1] and not (weekday or nth or offset)
    return 1 <= weekday <= 7 and 1 <= abs(nth) <= 5 and abs(offset) <= MAX_END_OFFSET


def _range_end(name: str) -> Callable[[Any, Any, Any], None]:
    def check(instance: object, attribute: object, value: object) -> None:
        if not _good_end(value):
            raise InvalidValueError._for(
                name,
                "(month, day, 0, 0, 0) for a day of every year such as (12, 25, 0, 0, 0), or (month, 0, "
                f"weekday, n-th, offset) such as (3, 0, 7, -1, 0) for Mar Su[-1] (offset at most "
                f"{MAX_END_OFFSET} days)",
                value,
            )

    return check


@attrs.frozen
class NthDateRange:
    """A range of days whose ends are days of a month or n-th weekdays of a month.

    ``Mar Su[-1]-Oct Su[-1]`` runs from the last Sunday of March to the last Sunday
    of October, ``Jan Su[2]-Jan 15`` from the second Sunday of January to January
    15th, ``Dec 20-Dec Su[-1] +4 days`` from December 20th to four days after
    December's last Sunday. Each end is ``(month, day, weekday, nth, offset)``:
    ``(month, day, 0, 0, 0)`` for a day, ``(month, 0, weekday, nth, offset)`` for
    an n-th weekday moved by *offset* days. The range runs from its start to the
    end's next occurrence, over New Year when the end comes first
    (``Oct Su[-1]-Mar Su[-1]``); as in ``opening_hours.js`` a fifth weekday that
    a month lacks falls into the next month (``Jan Su[5]`` may be in February).
    """

    start: Tuple[int, int, int, int, int] = attrs.field(validator=_range_end("start"))
    end: Tuple[int, int, int, int, int] = attrs.field(validator=_range_end("end"))

    def __attrs_post_init__(self) -> None:
        if self.start[1] and self.end[1]:
            raise InvalidValueError._for(
                "end", "an n-th weekday when start is a day (else a DateRange)", self.end
            )

    @property
    def mixed(self) -> bool:
        """Always True: whether a day is selected depends on its year (as for a mixed easter range)."""
        return True

    @staticmethod
    def _day(end: Tuple[int, int, int, int, int], year: int) -> int:
        month, day, weekday, nth, offset = end
        if day:
            return date(year, month, day).toordinal()
        # opening_hours.js: the weekday on or after the 1st (of the next month for counts from the end)
        first = date(year + month // 12, month % 12 + 1, 1) if nth < 0 else date(year, month, 1)
        ordinal = first.toordinal() + (weekday - first.isoweekday()) % 7
        return ordinal + (nth - 1 if nth > 0 else nth) * 7 + offset

    def contains(self, day: date) -> bool:
        """Whether a range that starts near the day's year selects *day*."""
        if not isinstance(day, date):
            raise InvalidValueError._for("day", "a datetime.date", day)
        ordinal = day.toordinal()
        for year in (day.year - 1, day.year, day.year + 1):  # an offset may move a start over New Year
            if 2 <= year <= 9997:
                first = self._day(self.start, year)
                last = self._day(self.end, year)
                if last < first:
                    last = self._day(self.end, year + 1)  # the end's next occurrence
                if first <= ordinal <= last:
                    return True
        return False

    def __str__(self) -> str:
        return f"{_end_text(self.start)}-{_end_text(self.end)}"


def _end_text(end: Tuple[int, int, int, int, int]) -> str:
    month, day, weekday, nth, offset = end
    if day:
        return f"{Month(month).abbr} {day:02d}"
    text = f"{Month(month).abbr} {Weekday(weekday).abbr}[{nth}]"
    return f"{text} {offset_text(offset)}" if offset else text


@attrs.frozen
class YearRange:
    """``2026`` or ``2026-2028``."""

    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        _check_year("start", self.start)
        _check_year("end", self.end)
        if self.end < self.start:
            raise InvalidValueError._for("end", f"at least {self.start}", self.end)

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.start <= year <= self.end

    def __str__(self) -> str:
        return f"{self.start:04d}" if self.start == self.end else f"{self.start:04d}-{self.end:04d}"


def _check_year(field: str, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 9999:
        raise InvalidValueError._for(field, "a year from 0001 to 9999", value)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_days(month: int, year: Optional[int]) -> int:
    """Days in a month; February has 29 unless a non-leap year is named."""
    if month == 2 and (year is None or calendar.isleap(year)):
        return 29
    return _MONTH_DAYS[month - 1]


@attrs.frozen
class DateRange:
    """A month, a day of a month, or a range of them, optionally with years.

    Written forms: ``Dec``, ``Jun-Aug``, ``Dec 24``, ``Dec 24-26``,
    ``Dec 24-Jan 02``, ``2026 Dec 31``, ``2026 Dec 24-2027 Jan 02``. Without a
    year the range recurs every year and may wrap over the year end; with a year
    it is a fixed stretch of dates (an end without a year inherits the start's,
    moving to the next year when it would end before it starts). An end day is
    checked in the year it falls in: ``2027 Dec 01-Feb 29`` ends on 2028-02-29,
    while ``2028 Dec 01-Feb 29`` would end on a day 2029 does not have.
    """

    month: Month = attrs.field(converter=Month)
    day: Optional[int] = attrs.field(default=None, validator=_optional_int("day", 1, 31))
    year: Optional[int] = attrs.field(default=None, validator=_optional_int("year", 1, 9999))
    end_month: Optional[Month] = attrs.field(default=None, converter=attrs.converters.optional(Month))
    end_day: Optional[int] = attrs.field(default=None, validator=_optional_int("end_day", 1, 31))
    end_year: Optional[int] = attrs.field(default=None, validator=_optional_int("end_year", 1, 9999))

    def __attrs_post_init__(self) -> None:
        for name, year in (("year", self.year), ("end_year", self.end_year)):
            if year is not None:
                _check_year(name, year)
        if (
            self.day is not None
            and self.end_day is not None
            and self.end_month is None
            and self.end_day < self.day
        ):
            raise InvalidValueError._for(
                "end_day",
                f"at least the start day {self.day} within one month "
                f"(write '{self.month.abbr} {self.day:02d}-{self.month.abbr} {self.end_day:02d}' "
                f"for a range over the year end)",
                self.end_day,
            )
        if self.day is None and self.end_day is not None:
            raise InvalidValueError._for("end_day", "absent when the start has no day", self.end_day)
        if self.day is not None and self.end_month is not None and self.end_day is None:
            raise InvalidValueError._for("end_day", "given when the range starts on a day", None)
        if self.end_year is not None and self.end_month is None:
            raise InvalidValueError._for("end_month", "given with end_year", None)
        for name, day, month, year in (
            ("day", self.day, self.month, self.year),
            ("end_day", self.end_day, self.end_month or self.month, self._end_year()),
        ):
            if day is not None and not 1 <= day <= _month_days(month, year):
                limit = _month_days(month, year)
                where = Month(month).abbr if year is None else f"{Month(month).abbr} {year:04d}"
                raise InvalidValueError._for(name, f"a day of {where} (1 to {limit})", day)

    def _end_year(self) -> Optional[int]:
        """The year the range ends in: written, or the start's, or the next when it wraps (None: yearly)."""
        if self.end_year is not None or self.year is None:
            return self.end_year
        start, end = self._bounds()
        return self.year + 1 if end < start else self.year

    @property
    def is_range(self) -> bool:
        """Whether an end was written."""
        return self.end_month is not None or self.end_day is not None

    def _bounds(self) -> Tuple[Tuple[int, int], Tuple[int, int]]:
        start = (int(self.month), self.day or 1)
        end_month = int(self.end_month or self.month)
        if self.day is None:
            end = (end_month, 31)
        else:
            end = (end_month, self.end_day if self.end_day is not None else self.day)
        return start, end

    def contains(self, day: date) -> bool:
        """Whether the range selects *day*.

        Raises:
            InvalidValueError: *day* is not a ``datetime.date``.
        """
        if not isinstance(day, date):
            raise InvalidValueError._for("day", "a datetime.date", day)
        start, end = self._bounds()
        if self.year is None:
            key = (day.month, day.day)
            if start <= end:
                return start <= key <= end
            return key >= start or key <= end
        first, last = self.bounds
        return first <= (day.year, day.month, day.day) <= last

    @property
    def bounds(self) -> Tuple[Tuple[int, int, int], Tuple[int, int, int]]:
        """The first and last ``(year, month, day)`` a dated range selects.

        A range without an end year that would end before it starts ends in the
        next year; with an end year before its start it selects nothing (the
        last day then comes before the first). Only for ranges with a year.
        """
        start, end = self._bounds()
        year = self.year if self.year is not None else 1
        end_year = self.end_year if self.end_year is not None else year
        first = (year, *start)
        last = (end_year, *end)
        if self.end_year is None and last < first:
            last = (end_year + 1, *end)
        return first, last

    @property
    def years(self) -> Tuple[int, ...]:
        """The years written in the range (for the look-ahead horizon)."""
        return tuple(y for y in (self.year, self.end_year) if y is not None)

    def __str__(self) -> str:
        text = f"{self.year:04d} " if self.year is not None else ""
        text += self.month.abbr
        if self.day is not None:
            text += f" {self.day:02d}"
        if not self.is_range:
            return text
        end = []
        if self.end_year is not None:
            end.append(f"{self.end_year:04d}")
        if self.end_month is not None:
            end.append(self.end_month.abbr)
        if self.end_day is not None:
            end.append(f"{self.end_day:02d}")
        return f"{text}-{' '.join(end)}"


def _years(value: Any) -> Tuple[YearRange, ...]:
    return _tuple_of("years", YearRange, value)


#: What a rule's dates may hold.
DateSelector = Union[DateRange, EasterRange, NthDateRange]


def _date_ranges(value: Any) -> Tuple[DateSelector, ...]:
    return _tuple_of("dates", (DateRange, EasterRange, NthDateRange), value)


def _week_ranges(value: Any) -> Tuple[WeekRange, ...]:
    return _tuple_of("weeks", WeekRange, value)


def _holiday_offsets(value: Any) -> Tuple[int, ...]:
    items = tuple(value) if isinstance(value, (list, tuple)) else None
    if (
        not items
        or len(set(items)) != len(items)
        or not all(
            isinstance(n, int) and not isinstance(n, bool) and abs(n) <= MAX_HOLIDAY_OFFSET for n in items
        )
    ):
        raise InvalidValueError._for(
            "holiday_offsets",
            f"a non-empty tuple of distinct day offsets (-{MAX_HOLIDAY_OFFSET} to {MAX_HOLIDAY_OFFSET})",
            value,
        )
    return tuple(sorted(items, key=lambda n: (n != 0, n)))


def _weekday_ranges(value: Any) -> Tuple[WeekdayRange, ...]:
    return _tuple_of("weekdays", WeekdayRange, value)


def _spans(value: Any) -> Tuple[TimeSpan, ...]:
    return _tuple_of("spans", TimeSpan, value)


@attrs.frozen
class HoursRule:
    """One rule of response hours, such as ``Mo-Fr 09:00-12:00,13:00-17:00``.

    A rule selects days (years, dates, weeks, weekdays, ``PH`` and ``SH``: each
    present kind must match, weekdays, ``PH`` and ``SH`` counting as one kind;
    within a kind any item may) and sets times on them: open spans, or with
    ``closed`` the spans it removes. No spans means the whole day.

    Attributes:
        additional: joined to the previous rule with ``,`` (adds to it) rather
            than ``;`` (replaces it for the days it selects).
        holiday_offsets: with ``holidays``, the days the rule selects counted
            from each public holiday: ``(0,)`` is ``PH``, ``(1,)`` is
            ``PH +1 day`` (the day after), ``(0, -1)`` is ``PH,PH -1 day``.
        school_holidays: the rule names ``SH``, the school holidays the
            schedule is given.
        fallback: joined with ``||``: the rule applies only to days that no
            earlier rule selects.
        holiday_weekdays: the weekdays narrow the holidays rather than add to
            them: ``PH We,Fr`` selects public holidays that fall on a Wednesday
            or a Friday, ``SH Mo-Fr`` school holidays from Monday to Friday.
        unknown: the rule makes its times unknown rather than open: the
            ``unknown`` modifier, or a comment with neither times nor a modifier
            (``"by appointment"``, ``Mo "on request"``).
    """

    years: Tuple[YearRange, ...] = attrs.field(default=(), converter=_years)
    dates: Tuple[DateSelector, ...] = attrs.field(default=(), converter=_date_ranges)
    weekdays: Tuple[WeekdayRange, ...] = attrs.field(default=(), converter=_weekday_ranges)
    holidays: bool = attrs.field(default=False, validator=_flag("holidays"))
    spans: Tuple[TimeSpan, ...] = attrs.field(default=(), converter=_spans)
    closed: bool = attrs.field(default=False, validator=_flag("closed"))
    comment: Optional[str] = attrs.field(default=None, validator=_optional_text("comment"))
    additional: bool = attrs.field(default=False, validator=_flag("additional"))
    weeks: Tuple[WeekRange, ...] = attrs.field(default=(), converter=_week_ranges)
    holiday_offsets: Tuple[int, ...] = attrs.field(default=(0,), converter=_holiday_offsets)
    school_holidays: bool = attrs.field(default=False, validator=_flag("school_holidays"))
    fallback: bool = attrs.field(default=False, validator=_flag("fallback"))
    holiday_weekdays: bool = attrs.field(default=False, validator=_flag("holiday_weekdays"))
    unknown: bool = attrs.field(default=False, validator=_flag("unknown"))

    def __attrs_post_init__(self) -> None:
        if self.comment is not None and '"' in self.comment:
            raise InvalidValueError._for("comment", "text without double quotes", self.comment)
        if self.unknown and self.closed:
            raise InvalidValueError._for("unknown", "False for a closed rule", self.unknown)
        if self.additional and self.fallback:
            raise InvalidValueError._for("fallback", "False for an additional rule", self.fallback)
        if self.holiday_weekdays and not (self.weekdays and (self.holidays or self.school_holidays)):
            raise InvalidValueError._for(
                "holiday_weekdays", "True only with weekdays and PH or SH", self.holiday_weekdays
            )
        if not self.holidays and self.holiday_offsets != (0,):
            raise InvalidValueError._for(
                "holiday_offsets", "(0,) when holidays is False", self.holiday_offsets
            )

    @classmethod
    def _trusted(
        cls,
        weekdays: Tuple[WeekdayRange, ...],
        spans: Tuple[TimeSpan, ...],
        closed: bool = False,
        additional: bool = False,
        years: Tuple[YearRange, ...] = (),
        dates: Tuple[DateSelector, ...] = (),
        holidays: bool = False,
        comment: Optional[str] = None,
        weeks: Tuple[WeekRange, ...] = (),
        holiday_offsets: Tuple[int, ...] = (0,),
        school_holidays: bool = False,
        fallback: bool = False,
        holiday_weekdays: bool = False,
        unknown: bool = False,
    ) -> HoursRule:
        """A rule from values the parser's grammar has already checked, in canonical form.

        Skips the converters and validators: the rule is equal (in ``==``,
        ``hash``, ``repr``, ``str`` and pickling) to the one the constructor makes.
        """
        rule = _new(cls)
        _set(rule, "years", years)
        _set(rule, "dates", dates)
        _set(rule, "weekdays", weekdays)
        _set(rule, "holidays", holidays)
        _set(rule, "spans", spans)
        _set(rule, "closed", closed)
        _set(rule, "comment", comment)
        _set(rule, "additional", additional)
        _set(rule, "weeks", weeks)
        _set(rule, "holiday_offsets", holiday_offsets)
        _set(rule, "school_holidays", school_holidays)
        _set(rule, "fallback", fallback)
        _set(rule, "holiday_weekdays", holiday_weekdays)
        _set(rule, "unknown", unknown)
        return rule

    @property
    def has_day_selector(self) -> bool:
        """Whether the rule names any years, dates, weeks, weekdays or holidays."""
        return bool(
            self.years or self.dates or self.weeks or self.weekdays or self.holidays or self.school_holidays
        )

    def selector_text(self) -> str:
        """The day selectors as written in canonical form (``2026 Dec 24``)."""
        parts = []
        if self.years:
            years = [str(y) for y in self.years]
            first = self.dates[0] if self.dates else None
            if (
                len(self.years) == 1
                and ((isinstance(first, DateRange) and first.year is None) or isinstance(first, NthDateRange))
                and self.years[0].start == self.years[0].end
            ):
                # "2026 Dec 24" would read as one dated day; "2026-2026 Dec 24" is the
                # year selector followed by a yearly date, which is what this rule holds
                # (and a year in a range between n-th weekdays is refused: the same form).
                years[-1] = f"{self.years[-1].start:04d}-{self.years[-1].end:04d}"
            parts.append(",".join(years))
        if self.dates:
            parts.append(",".join(map(str, self.dates)))
        if self.weeks:
            parts.append("week " + ",".join(map(str, self.weeks)))
        days = [str(w) for w in self.weekdays]
        holidays = []
        if self.holidays:
            holidays += [
                "PH" if offset == 0 else f"PH {offset_text(offset)}" for offset in self.holiday_offsets
            ]
        if self.school_holidays:
            holidays.append("SH")
        if self.holiday_weekdays:
            parts += [",".join(holidays), ",".join(days)]  # 'PH We,Fr': holidays on these weekdays
        elif days or holidays:
            parts.append(",".join(days + holidays))
        return " ".join(parts)

    @property
    def has_unknown(self) -> bool:
        """Whether the rule makes some times unknown: ``unknown``, a comment alone, or an open end."""
        return self.unknown or any(span.open_end for span in self.spans)

    def __str__(self) -> str:
        parts = [self.selector_text()] if self.has_day_selector else []
        if self.spans:
            parts.append(",".join(map(str, self.spans)))
        elif not parts and not self.closed and not self.unknown:
            parts.append("24/7")
        elif parts and not self.closed and not self.unknown and self.comment is not None:
            parts.append("open")  # 'Mo "on request"' alone would mean unknown
        if self.closed:
            parts.append("off")
        if self.unknown and (self.spans or self.comment is None):
            parts.append("unknown")  # else the comment alone says it: 'Mo "on request"'
        if self.comment is not None:
            parts.append(f'"{self.comment}"')
        return " ".join(parts)
