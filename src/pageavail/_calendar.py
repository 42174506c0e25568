"""Day sets from outside the response-hours text: public holidays and RRULEs."""

from __future__ import annotations

import copy
import functools
import math
import re
import threading
from bisect import bisect_left, bisect_right
from datetime import date, datetime, timedelta
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Tuple

import attrs

from ._selectors import HoursRule, TimeSpan
from ._time import MAX_YEAR, MIN_YEAR
from .errors import HolidayCalendarError, InvalidValueError, RecurrenceError, ScheduleSyntaxError

__all__ = ["HolidayCalendar", "Recurrence", "SchoolHolidays"]

_CODE = re.compile(r"^([A-Za-z]{2,3})(?:-([A-Za-z0-9]{1,10}))?$")
#: Calendars made from a code (:meth:`HolidayCalendar.from_code`), shared: at most this many.
_SHARED_CODES = 256
_BY_CODE: Dict[str, HolidayCalendar] = {}


def _dates(value: Iterable[Any]) -> FrozenSet[date]:
    if isinstance(value, (str, bytes, bytearray, date)) or not hasattr(value, "__iter__"):
        raise HolidayCalendarError(
            f"'dates' must be an iterable of datetime.date (got {_short(value)}); "
            f"use {{date(2026, 12, 24)}} or HolidayCalendar.from_code('DE-BE') for a country"
        )
    days = []
    for item in value:
        if isinstance(item, datetime) or not isinstance(item, date):
            raise HolidayCalendarError(
                f"holiday dates must be datetime.date values (got {_short(item)} of type "
                f"{type(item).__name__}); use date(2026, 12, 24) or date.fromisoformat('2026-12-24')"
            )
        days.append(item)
    return frozenset(days) if days else _NO_DATES


_NO_DATES: FrozenSet[date] = frozenset()


#: The most years :meth:`HolidayCalendar.dates_in` answers for in one call.
MAX_HOLIDAY_YEARS = 1_000
_OBJECT_LOCK = threading.Lock()


class _HolidaysObject:
    """A private copy of a ``holidays`` object, asked for the dates of each year it is needed for.

    Two are equal when they are of the same class, with the same settings and the
    same dates so far (custom dates included).
    """

    __slots__ = ("_calendar", "_key", "years")

    def __init__(self, calendar: Any) -> None:
        self._calendar = copy.deepcopy(calendar)
        spans = [(d.year, d.year) for d in calendar if isinstance(d, date)]
        package = _package_years(calendar)
        self.years: Optional[Tuple[Tuple[int, int], ...]] = (
            None if package is None else _merge_years([*spans, package])
        )
        settings = tuple(
            repr(getattr(calendar, name, None)) for name in ("country", "subdiv", "observed", "language")
        )
        categories = tuple(sorted(map(str, getattr(calendar, "categories", None) or ())))
        entries = tuple(sorted((d, str(name)) for d, name in calendar.items()))
        self._key = (type(calendar).__module__, type(calendar).__qualname__, settings, categories, entries)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _HolidaysObject) and self._key == other._key

    def __hash__(self) -> int:
        return hash(self._key)

    def __reduce__(self) -> Any:
        return (_restore, (self._calendar, self._key, self.years))

    def __repr__(self) -> str:
        calendar = self._calendar
        country, subdivision = getattr(calendar, "country", None), getattr(calendar, "subdiv", None)
        code = type(calendar).__name__ if not isinstance(country, str) else country
        code += f"-{subdivision}" if isinstance(subdivision, str) else ""
        return f"<holidays object {code}, observed={getattr(calendar, 'observed', None)!r}>"

    def dates_in(self, first_year: int, last_year: int) -> FrozenSet[date]:
        """The object's own holidays in these years (it expands a year when first asked)."""
        with _OBJECT_LOCK:  # asking a year may expand the object: one thread at a time
            calendar = self._calendar
            for year in range(first_year, last_year + 1):
                calendar.get(date(year, 1, 1))  # expands the year if the object expands at all
            days = list(calendar)
        return frozenset(d for d in days if isinstance(d, date) and first_year <= d.year <= last_year)


def _restore(calendar: Any, key: Any, years: Optional[Tuple[Tuple[int, int], ...]]) -> _HolidaysObject:
    """Unpickle a :class:`_HolidaysObject` with the key and years it was made with."""
    made = object.__new__(_HolidaysObject)
    made._calendar, made._key, made.years = calendar, key, years
    return made


def _optional_code(pattern: str, field: str) -> Any:
    def check(instance: object, attribute: object, value: Any) -> None:
        if value is not None and not (isinstance(value, str) and re.match(pattern, value)):
            raise HolidayCalendarError(
                f"{field!r} must be None or a code such as 'DE' or 'BE' (got {_short(value)}); "
                f"make calendars with HolidayCalendar.from_code('DE-BE')"
            )

    return check


def _check_source(instance: HolidayCalendar, attribute: object, value: Any) -> None:
    if value is not None and not isinstance(value, _HolidaysObject):
        raise HolidayCalendarError(
            f"'source' must be None (got {_short(value)}); pass a holidays object to "
            f"HolidayCalendar.coerce(...) or as Schedule.parse(..., holidays=obj)"
        )
    if instance.subdivision is not None and instance.country is None:
        raise HolidayCalendarError(f"'subdivision' {instance.subdivision!r} needs a country")


@attrs.frozen(repr=False)
class HolidayCalendar:
    """The days ``PH`` selects: a country's public holidays, fixed dates, or a ``holidays`` object's.

    Make one with :meth:`from_code` (``"DE-BE"``: Germany, Berlin; any country and
    subdivision of the ``holidays`` package), :meth:`from_dates` or :meth:`coerce`
    (which also takes a ``holidays`` object). The value is immutable; holiday
    dates are computed per year when a schedule compiles.

    Examples:
        >>> HolidayCalendar.from_code("DE-BE")
        HolidayCalendar(country='DE', subdivision='BE', dates=frozenset())
        >>> from datetime import date
        >>> date(2026, 12, 25) in HolidayCalendar.from_code("DE").dates_in(2026, 2026)
        True
    """

    country: Optional[str] = attrs.field(default=None, validator=_optional_code(r"^[A-Z]{2,3}\Z", "country"))
    subdivision: Optional[str] = attrs.field(
        default=None, validator=_optional_code(r"^[A-Za-z0-9]{1,10}\Z", "subdivision")
    )
    dates: FrozenSet[date] = attrs.field(default=frozenset(), converter=_dates)
    source: Optional[_HolidaysObject] = attrs.field(default=None, validator=_check_source)

    @classmethod
    def from_code(cls, code: str) -> HolidayCalendar:
        """A country's holidays from a code ``CC`` or ``CC-SUB`` (``"DE-BE"``).

        Raises:
            HolidayCalendarError: unknown country or subdivision; the message lists
                the known subdivisions.
        """
        shared = cls is HolidayCalendar and type(code) is str
        found = _BY_CODE.get(code) if shared else None
        if found is not None:
            return found
        match = _CODE.match(code) if isinstance(code, str) else None
        if match is None:
            raise HolidayCalendarError(
                f"holiday calendar code must look like 'DE' or 'DE-BE' (got {_short(code)})"
            )
        country, subdivision = match.group(1).upper(), match.group(2)
        supported = _supported()
        if country not in supported:
            raise HolidayCalendarError(
                f"unknown holiday country {country!r} in {code!r}; use an ISO 3166 code "
                f"such as 'DE', 'AT', 'US' or 'GB'"
            )
        if subdivision is not None:
            known = {s.upper(): s for s in supported[country]}
            if subdivision.upper() not in known:
                listed = ", ".join(sorted(supported[country])) or "none"
                raise HolidayCalendarError(
                    f"unknown subdivision {subdivision!r} of {country} in {code!r}; known: {listed}"
                )
            subdivision = known[subdivision.upper()]
        calendar = cls(country=country, subdivision=subdivision)
        if shared:  # a memo of immutable values, bounded
            if len(_BY_CODE) >= _SHARED_CODES:
                _BY_CODE.clear()
            _BY_CODE[code] = calendar
        return calendar

    @classmethod
    def from_dates(cls, dates: Iterable[date]) -> HolidayCalendar:
        """A calendar of exactly these dates."""
        if isinstance(dates, (str, bytes, bytearray, date)):
            raise HolidayCalendarError(
                f"holiday dates must be an iterable of datetime.date (got {_short(dates)})"
            )
        try:
            return cls(dates=frozenset(dates))
        except TypeError:
            raise HolidayCalendarError(
                f"holiday dates must be an iterable of datetime.date (got {_short(dates)})"
            ) from None

    @classmethod
    def from_holidays(cls, calendar: Any) -> HolidayCalendar:
        """The holidays of a ``holidays`` package object, as the object itself gives them.

        Custom dates (``calendar.append({date: "Founders' Day"})``), ``observed=False``,
        categories and subclasses all count: for every year a schedule needs, the
        calendar asks a private copy of the object (later changes to *calendar*
        do not reach the schedule). An object made with ``expand=False`` knows
        only the years it was given, so its dates are taken as fixed dates. A
        plain country object (default settings, no custom dates) equals
        ``from_code`` of its code.

        Raises:
            HolidayCalendarError: *calendar* is not a ``holidays`` object.
        """
        base = import_holidays().HolidayBase
        if not isinstance(calendar, base):
            raise HolidayCalendarError(
                f"expected a holidays object such as holidays.country_holidays('DE') (got {_short(calendar)})"
            )
        try:
            if not calendar.expand:
                return cls.from_dates(d for d in calendar if isinstance(d, date))
            country, subdivision = getattr(calendar, "country", None), getattr(calendar, "subdiv", None)
            if isinstance(country, str) and _is_plain(calendar, country, subdivision):
                code = country if subdivision is None else f"{country}-{subdivision}"
                return cls.from_code(code)
            return cls(source=_HolidaysObject(calendar))
        except HolidayCalendarError:
            raise
        except Exception as error:  # whatever the object raises when copied or asked
            raise HolidayCalendarError(f"the holidays object {calendar!r} cannot be used: {error}") from None

    @classmethod
    def coerce(cls, value: Any) -> Optional[HolidayCalendar]:
        """A calendar from None, a code, a calendar, a ``holidays`` object or dates."""
        if value is None or isinstance(value, HolidayCalendar):
            return value
        if isinstance(value, str):
            return cls.from_code(value)
        if isinstance(value, (bytes, bytearray, date)) or not hasattr(value, "__iter__"):
            raise HolidayCalendarError(
                f"holidays must be a code such as 'DE-BE', a HolidayCalendar or an iterable "
                f"of dates (got {_short(value)} of type {type(value).__name__})"
            )
        if isinstance(value, dict) and type(value).__module__.split(".")[0] == "holidays":
            return cls.from_holidays(value)
        return cls.from_dates(value)

    def dates_in(self, first_year: int, last_year: int) -> FrozenSet[date]:
        """The holidays in the years ``first_year`` to ``last_year`` inclusive.

        Raises:
            InvalidValueError: a year is not from 1 to 9999, or more than
                :data:`MAX_HOLIDAY_YEARS` years are asked for at once.
            HolidayCalendarError: the ``holidays`` package cannot give them.
        """
        for name, year in (("first_year", first_year), ("last_year", last_year)):
            if not isinstance(year, int) or isinstance(year, bool) or not 1 <= year <= 9999:
                raise InvalidValueError._for(name, "a year from 1 to 9999", year)
        if last_year - first_year >= MAX_HOLIDAY_YEARS:
            raise InvalidValueError._for(
                "last_year",
                f"less than {MAX_HOLIDAY_YEARS} years after first_year ({first_year}); ask for "
                f"fewer years at a time",
                last_year,
            )
        fixed = frozenset(d for d in self.dates if first_year <= d.year <= last_year)
        if self.country is None and self.source is None:
            return fixed
        try:
            if self.source is not None:
                return self.source.dates_in(first_year, last_year) | fixed
            calendar = import_holidays().country_holidays(
                self.country, subdiv=self.subdivision, years=range(first_year, last_year + 1)
            )
            return frozenset(calendar.keys()) | fixed
        except Exception as error:  # the package's own errors, e.g. for far years
            raise HolidayCalendarError(
                f"the holidays of {self} for {first_year}-{last_year} are not available: {error}"
            ) from None

    @property
    def holiday_years(self) -> Optional[Tuple[Tuple[int, int], ...]]:
        """The stretches of years ``(first, last)`` in which holidays can fall (None: any year).

        Exact: fixed dates name their years; the ``holidays`` package gives a
        country's holidays from its ``start_year`` to its ``end_year`` (e.g.
        1991 to 2100 for Germany) and none outside them, so a schedule knows
        when ``PH`` stops selecting days. (Within them a country's holidays are
        periodic only roughly, so they are asked for year by year.)
        """
        spans = [(d.year, d.year) for d in self.dates]
        if self.source is not None:
            if self.source.years is None:
                return None
            spans.extend(self.source.years)
        elif self.country is not None:
            package = _country_years(self.country, self.subdivision)
            if package is None:
                return None
            spans.append(package)
        return _merge_years(spans)

    @property
    def last_year(self) -> Optional[int]:
        """The last year with a fixed date, or None for a country calendar or a ``holidays`` object."""
        if self.country is not None or self.source is not None or not self.dates:
            return None
        return max(d.year for d in self.dates)

    def __repr__(self) -> str:
        extra = "" if self.source is None else f", source={self.source!r}"
        return (
            f"HolidayCalendar(country={self.country!r}, subdivision={self.subdivision!r}, "
            f"dates={self.dates!r}{extra})"
        )

    def __str__(self) -> str:
        if self.source is not None:
            return repr(self.source)
        if self.country is None:
            return f"{len(self.dates)} fixed dates"
        return self.country if self.subdivision is None else f"{self.country}-{self.subdivision}"


def _merge_years(spans: Iterable[Tuple[int, int]]) -> Tuple[Tuple[int, int], ...]:
    """Stretches of years merged where they overlap or touch."""
    merged: List[Tuple[int, int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
        else:
            merged.append((first, last))
    return tuple(merged)


def _package_years(calendar: Any) -> Optional[Tuple[int, int]]:
    """The years a ``holidays`` object computes holidays for, with a year around for observed days."""
    first, last = getattr(calendar, "start_year", None), getattr(calendar, "end_year", None)
    if not (isinstance(first, int) and isinstance(last, int)):
        return None  # an older release without bounds: holidays in every year
    return max(first - 1, 1), min(last + 1, 9999)


@functools.lru_cache(maxsize=64)
def _country_years(country: str, subdivision: Optional[str]) -> Optional[Tuple[int, int]]:
    try:
        calendar = import_holidays().country_holidays(country, subdiv=subdivision)
    except Exception:  # an unknown code: dates_in reports it
        return None
    return _package_years(calendar)


def _is_plain(calendar: Any, country: str, subdivision: Optional[str]) -> bool:
    """Whether *calendar* gives exactly what its country code gives (default settings, no custom dates)."""
    holidays = import_holidays()
    fresh = holidays.country_holidays(country, subdiv=subdivision)
    if type(fresh) is not type(calendar):
        return False
    for name in ("observed", "categories"):
        if getattr(fresh, name, None) != getattr(calendar, name, None):
            return False
    years = sorted(set(calendar.years) | {d.year for d in calendar if isinstance(d, date)})
    if not years:
        return True
    expected = holidays.country_holidays(country, subdiv=subdivision, years=years)
    return set(expected) == {d for d in calendar if isinstance(d, date)}


def _supported() -> dict[str, list[str]]:
    return import_holidays().list_supported_countries()  # type: ignore[no-any-return]


def import_holidays() -> Any:
    """The ``holidays`` package, imported on first need (it is heavy).

    Its releases for Python 3.8 warn on import that a 1.0 release may change
    the API; that advice is for this package's pins, so it is silenced here.
    """
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\s*This is a future version incompatibility warning")
        import holidays

    return holidays


_FREQ = re.compile(r"FREQ=([A-Za-z]+)", re.IGNORECASE)
_ALLOWED_FREQ = {"YEARLY", "MONTHLY", "WEEKLY", "DAILY"}
#: Recurrences without DTSTART start on this day.
DEFAULT_DTSTART = datetime(2000, 1, 1)
_MAX_RULE_LENGTH = 2_000
#: The largest COUNT of a recurrence: a daily rule of 270 years. Finding the last
#: day of a counted rule means walking its days, so the limit bounds that walk.
MAX_COUNT = 100_000
#: The most days :meth:`Recurrence.dates_between` looks at in one call (1,000 years).
MAX_RECURRENCE_DAYS = 365_250
#: Days in the Gregorian cycle of 400 years (a whole number of weeks).
CYCLE_DAYS = 146_097
_YEARLY, _MONTHLY, _WEEKLY, _DAILY = 0, 1, 2, 3  # dateutil's frequencies


def _check_rule(instance: object, attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise RecurrenceError(
            f"'rule' must be RRULE text such as 'FREQ=MONTHLY;BYDAY=1MO' (got {_short(value)})"
        )
    if len(value) > _MAX_RULE_LENGTH:
        raise RecurrenceError(f"'rule' is {len(value)} characters long; the limit is {_MAX_RULE_LENGTH}")
    if value != value.strip():
        raise RecurrenceError(f"'rule' must not start or end with white space (got {_short(value)})")
    _parse_rrule(value)


def _check_hours(instance: object, attribute: object, value: Any) -> None:
    if (
        not isinstance(value, HoursRule)
        or value.has_day_selector
        or value.comment is not None
        or value.has_unknown
    ):
        raise RecurrenceError(
            f"'hours' of a recurrence must be plain times such as 'off', '10:00-14:00' or "
            f"'12:00-13:00 off' (got {_short(value)}); make them with Recurrence.parse(rule, hours)"
        )


def _school_ranges(value: Any) -> Tuple[Tuple[date, date], ...]:
    """Date ranges ``(first, last)`` (or single dates), sorted and merged where they touch."""
    if isinstance(value, (str, bytes, bytearray, date)) or not hasattr(value, "__iter__"):
        raise HolidayCalendarError(
            f"school holidays must be an iterable of (first, last) date pairs (got {_short(value)}); "
            f"use [(date(2026, 7, 9), date(2026, 8, 22))]"
        )
    ranges = []
    for item in value:
        pair = (item, item) if isinstance(item, date) else item
        if (
            not isinstance(pair, tuple)
            or len(pair) != 2
            or not all(isinstance(d, date) and not isinstance(d, datetime) for d in pair)
        ):
            raise HolidayCalendarError(
                f"a school holiday must be a (first, last) pair of datetime.date or one date "
                f"(got {_short(item)}); use (date(2026, 7, 9), date(2026, 8, 22))"
            )
        if pair[1] < pair[0]:
            raise HolidayCalendarError(
                f"the school holidays {pair[0].isoformat()} to {pair[1].isoformat()} end before they start"
            )
        ranges.append(pair)
    merged: List[Tuple[date, date]] = []
    for first, last in sorted(ranges):
        if merged and first.toordinal() <= merged[-1][1].toordinal() + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return tuple(merged)


@attrs.frozen
class SchoolHolidays:
    """The days ``SH`` selects: school holidays as date ranges the caller gives.

    School holidays differ by region and school year and no public package
    computes them, so a schedule that uses ``SH`` is given them:
    ``Schedule.parse("SH off; Mo-Fr 09:00-17:00", zone=..., school_holidays=[(date(2026, 7, 9),
    date(2026, 8, 22))])``. Ranges include both ends; single dates stand for one day.

    Examples:
        >>> SchoolHolidays([(date(2026, 7, 9), date(2026, 8, 22)), date(2026, 10, 30)]).years
        ((2026, 2026),)
    """

    ranges: Tuple[Tuple[date, date], ...] = attrs.field(converter=_school_ranges)

    @classmethod
    def coerce(cls, value: Any) -> Optional[SchoolHolidays]:
        """School holidays from None, a :class:`SchoolHolidays` or date ranges."""
        if value is None or isinstance(value, SchoolHolidays):
            return value
        return cls(value)

    @property
    def years(self) -> Tuple[Tuple[int, int], ...]:
        """The stretches of years ``(first, last)`` the ranges touch."""
        return _merge_years((first.year, last.year) for first, last in self.ranges)

    @property
    def whole_years(self) -> Tuple[Tuple[int, int], ...]:
        """The stretches of years ``(first, last)`` every day of which is a school holiday."""
        spans = []
        for low, high in self.ranges:
            first = low.year + (low.timetuple().tm_yday > 1)
            last = high.year - ((high.month, high.day) != (12, 31))
            if first <= last:
                spans.append((first, last))
        return tuple(spans)

    def covers(self, first: date, last: date) -> bool:
        """Whether every day from *first* to *last* (both included) is a school holiday."""
        index = bisect_left([r[1] for r in self.ranges], last)  # the first range that ends at or after it
        return index < len(self.ranges) and self.ranges[index][0] <= first

    def dates_between(self, first: date, last: date) -> FrozenSet[date]:
        """The school holidays from *first* to *last*, both included."""
        days = []
        start = bisect_left([r[1] for r in self.ranges], first)  # the first range that ends at or after it
        for low, high in self.ranges[start:]:
            if low > last:
                break
            day = max(low, first)
            while day <= min(high, last):
                days.append(day)
                day += timedelta(days=1)
        return frozenset(days)

    def __str__(self) -> str:
        return (
            ", ".join(
                first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"
                for first, last in self.ranges
            )
            or "no school holidays"
        )


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


@attrs.frozen
class Recurrence:
    """Days chosen by an RFC 5545 recurrence rule, with the hours they get.

    ``Recurrence.parse("FREQ=MONTHLY;BYDAY=1MO")`` closes every first Monday of
    the month. *hours* is response-hours text without day selectors: ``off``
    (the default: closed all day), ``10:00-14:00`` (replaces the day's hours, like
    a later ``;`` rule) or ``12:00-13:00 off`` (removes those times). A
    recurrence applies after all rules of the text. Without ``DTSTART`` the rule
    starts on 2000-01-01; ``DTSTART`` must be a floating local time or a date,
    since the schedule's zone applies. ``COUNT`` is at most :data:`MAX_COUNT`.

    Examples:
        >>> r = Recurrence.parse("FREQ=MONTHLY;BYDAY=1MO")
        >>> sorted(r.dates_between(date(2026, 1, 1), date(2026, 3, 31)))
        [datetime.date(2026, 1, 5), datetime.date(2026, 2, 2), datetime.date(2026, 3, 2)]
    """

    rule: str = attrs.field(validator=_check_rule)
    hours: HoursRule = attrs.field(default=HoursRule(closed=True), validator=_check_hours)

    @classmethod
    def parse(cls, rule: str, hours: str = "off") -> Recurrence:
        """Validate an RRULE text (``RRULE:`` prefix and ``DTSTART`` line optional).

        Raises:
            RecurrenceError: the rule is invalid, recurs more often than daily,
                carries a zone, counts more than :data:`MAX_COUNT` days, or
                *hours* is not plain times.
        """
        from ._parser import parse_rules

        if not isinstance(rule, str) or not rule.strip():
            raise RecurrenceError(
                f"'rule' must be RRULE text such as 'FREQ=MONTHLY;BYDAY=1MO' (got {_short(rule)})"
            )
        if len(rule) > _MAX_RULE_LENGTH:
            raise RecurrenceError(f"'rule' is {len(rule)} characters long; the limit is {_MAX_RULE_LENGTH}")
        text = rule.strip()
        _parse_rrule(text)
        try:
            parsed = parse_rules(hours)
        except ScheduleSyntaxError as error:
            raise RecurrenceError(f"'hours' of the recurrence {text!r}: {error}") from None
        except InvalidValueError:
            raise RecurrenceError(
                f"'hours' of the recurrence {text!r} must be text such as 'off' or '10:00-14:00' "
                f"(got {_short(hours)})"
            ) from None
        if (
            len(parsed) != 1
            or parsed[0].has_day_selector
            or parsed[0].comment is not None
            or parsed[0].has_unknown
        ):
            raise RecurrenceError(
                f"'hours' of a recurrence must be plain times such as 'off', '10:00-14:00' or "
                f"'12:00-13:00 off' (got {hours!r})"
            )
        return cls(rule=text, hours=parsed[0])

    def dates_between(self, first: date, last: date) -> FrozenSet[date]:
        """The days the rule picks from *first* to *last* inclusive.

        Takes time in proportion to the days between *first* and *last* (and, for
        a rule with COUNT, to the days from DTSTART): the rule is moved forward
        by whole cycles of the calendar and of its own interval first.

        Raises:
            InvalidValueError: *first* or *last* is not a date, or *last* is more
                than :data:`MAX_RECURRENCE_DAYS` days after *first*.
        """
        for name, value in (("first", first), ("last", last)):
            if isinstance(value, datetime) or not isinstance(value, date):
                raise InvalidValueError._for(name, "a datetime.date", value)
        if (last - first).days > MAX_RECURRENCE_DAYS:
            raise InvalidValueError._for(
                "last",
                f"at most {MAX_RECURRENCE_DAYS:,} days after first ({first.isoformat()}); "
                f"ask for fewer days at a time",
                last,
            )
        start = datetime(first.year, first.month, first.day)
        end = datetime(last.year, last.month, last.day, 23, 59, 59)
        try:
            rules = _window(self.rule, start, end)
            return frozenset(d.date() for d in rules.between(start, end, inc=True))
        except Exception as error:  # dateutil raises plain ValueError/OverflowError
            raise RecurrenceError(f"recurrence {self.rule!r} cannot be evaluated: {error}") from None

    @property
    def active_years(self) -> Optional[Tuple[int, Optional[int]]]:
        """The first and last years the rule can pick a day in (None: no end), or None if never."""
        return _active_years(self.rule)

    @property
    def period_days(self) -> Optional[int]:
        """Days after which the rule picks the same days again, from DTSTART on (None: unknown).

        A multiple of the Gregorian cycle of 146,097 days and of the rule's own
        interval; None with COUNT, BYEASTER, RDATE or EXDATE.
        """
        rules = _parse_rrule(self.rule)
        if rules._rdate or rules._exdate:
            return None
        periods = [_period_days(r) for r in [*rules._rrule, *rules._exrule]]
        if not periods or any(p is None for p in periods):
            return None
        return functools.reduce(_lcm, periods)  # type: ignore[arg-type]

    @property
    def spans(self) -> Tuple[TimeSpan, ...]:
        """The times the recurrence sets or removes (empty: the whole day)."""
        return self.hours.spans

    def __str__(self) -> str:
        return f"{self.rule} → {self.hours}"


@functools.lru_cache(maxsize=256)
def _parse_rrule(text: str) -> Any:
    from dateutil.rrule import rrulestr

    upper = text.upper()
    for freq in _FREQ.findall(text) or ["?"]:
        if freq.upper() not in _ALLOWED_FREQ:
            raise RecurrenceError(
                f"recurrence {text!r} must give FREQ as YEARLY, MONTHLY, WEEKLY or DAILY "
                f"(got {freq!r}); pageavail picks whole days"
            )
    if "TZID" in upper or re.search(r"DTSTART[^\n]*\d{8}T\d{6}Z", upper):
        raise RecurrenceError(
            f"recurrence {text!r} must not carry a zone (TZID or a trailing Z): "
            f"the schedule's zone applies; write DTSTART:20260105 or DTSTART:20260105T000000"
        )
    body = text if ":" in text.split("\n")[0] or "\n" in text else f"RRULE:{text}"
    try:
        rules: Any = rrulestr(body, dtstart=DEFAULT_DTSTART, forceset=True, unfold=True)
        rules.between(DEFAULT_DTSTART, DEFAULT_DTSTART + timedelta(days=1), inc=True)
    except Exception as error:  # dateutil raises ValueError, TypeError, KeyError, IndexError
        raise RecurrenceError(f"invalid recurrence rule {text!r}: {error}") from None
    for each in [*rules._rrule, *rules._exrule]:
        if each._count is not None and each._count > MAX_COUNT:
            raise RecurrenceError(
                f"recurrence {text!r} has COUNT={each._count}; the limit is {MAX_COUNT}: "
                f"give UNTIL instead, or no end"
            )
        if each._dtstart.year < MIN_YEAR or each._dtstart.year > MAX_YEAR:
            raise RecurrenceError(
                f"recurrence {text!r} starts in {each._dtstart.year}; DTSTART must lie in the "
                f"years {MIN_YEAR} to {MAX_YEAR}"
            )
    return rules


def _lcm(a: int, b: int) -> int:
    return a * b // math.gcd(a, b)


def _period_days(rule: Any) -> Optional[int]:
    """Days after which a rule without COUNT picks the same days again (None: unknown)."""
    if rule._count is not None or rule._byeaster:
        return None
    interval = int(rule._interval)
    if rule._freq == _YEARLY:
        return _lcm(interval, 400) // 400 * CYCLE_DAYS
    if rule._freq == _MONTHLY:
        return _lcm(interval, 4800) // 4800 * CYCLE_DAYS
    if rule._freq == _WEEKLY:
        return _lcm(7 * interval, CYCLE_DAYS)
    if rule._freq == _DAILY:
        return _lcm(interval, CYCLE_DAYS)
    return None  # pragma: no cover - finer frequencies are refused


def _window(text: str, start: datetime, end: datetime) -> Any:
    """The rules of *text* cut to pick the same days from *start* to *end*, cheaply.

    Each rule without COUNT ends at *end*, so that dateutil does not walk on to
    the year 9999 for a rule that picks nothing; far from its DTSTART its days
    are looked up in one period of it (its interval and the 400-year calendar
    cycle: from DTSTART on the rule picks the same days in every period). A
    rule with COUNT gives its days, found once. RDATE and EXDATE stay.
    """
    from dateutil.rrule import rruleset

    rules = _parse_rrule(text)
    cut = rruleset()
    for kind, add_rule, add_day in (("rrule", cut.rrule, cut.rdate), ("exrule", cut.exrule, cut.exdate)):
        for index, rule in enumerate(getattr(rules, f"_{kind}")):
            if rule._count is not None:
                days = _counted(text, kind, index)
                for day in days[bisect_left(days, start) : bisect_right(days, end)]:
                    add_day(day)
                continue
            until = end if rule._until is None else min(rule._until, end)
            if (start - rule._dtstart).days > _NEAR_DAYS:
                offsets = _cycle(text, kind, index)
                if offsets is not None:  # far from DTSTART: look the days up in one period
                    period, picked = offsets
                    origin = rule._dtstart.date()
                    day = max(start.date(), origin)
                    while day <= until.date():
                        if (day - origin).days % period in picked:
                            add_day(datetime(day.year, day.month, day.day))
                        day += timedelta(days=1)
                    continue
            if until >= rule._dtstart:
                add_rule(rule.replace(until=until))
    for day in rules._rdate:
        cut.rdate(day)
    for day in rules._exdate:
        cut.exdate(day)
    return cut


#: Further from DTSTART than this, a rule's days are looked up in one period of it.
_NEAR_DAYS = 20 * 366


@functools.lru_cache(maxsize=64)
def _cycle(text: str, kind: str, index: int) -> Optional[Tuple[int, FrozenSet[int]]]:
    """A rule's period in days and the days it picks in its first period, as offsets from DTSTART.

    None when the period is unknown (COUNT, BYEASTER) or ends past the year 9999.
    Found once per rule: at most about 150,000 days (a daily rule).
    """
    rule = getattr(_parse_rrule(text), f"_{kind}")[index]
    period = _period_days(rule)
    if period is None or period > 4 * CYCLE_DAYS or rule._dtstart.toordinal() + period > date.max.toordinal():
        return None
    origin = rule._dtstart
    first_period = rule.replace(until=origin + timedelta(days=period, seconds=-1))
    return period, frozenset((d.date() - origin.date()).days for d in first_period)


@functools.lru_cache(maxsize=64)
def _counted(text: str, kind: str, index: int) -> Tuple[datetime, ...]:
    """The days of a rule with COUNT (at most :data:`MAX_COUNT`), found once."""
    return tuple(getattr(_parse_rrule(text), f"_{kind}")[index])


@functools.lru_cache(maxsize=256)
def _active_years(text: str) -> Optional[Tuple[int, Optional[int]]]:
    rules = _parse_rrule(text)
    starts = [r._dtstart.year for r in rules._rrule] + [d.year for d in rules._rdate]
    if not starts:
        return None
    ends: List[int] = [d.year for d in rules._rdate]
    for rule in rules._rrule:
        if rule._until is not None:
            ends.append(rule._until.year)
        elif rule._count is not None:
            days = _counted(text, "rrule", rules._rrule.index(rule))
            ends.append(days[-1].year if days else rule._dtstart.year)
        else:
            return min(starts), None
    return min(starts), max(ends)
