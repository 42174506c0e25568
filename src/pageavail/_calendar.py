"""Day sets from outside the response-hours text: public holidays and RRULEs."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any, FrozenSet, Iterable, Optional, Tuple

import attrs

from ._selectors import HoursRule, TimeSpan
from .errors import HolidayCalendarError, RecurrenceError, ScheduleSyntaxError

__all__ = ["HolidayCalendar", "Recurrence"]

_CODE = re.compile(r"^([A-Za-z]{2,3})(?:-([A-Za-z0-9]{1,10}))?$")


def _dates(value: Iterable[Any]) -> FrozenSet[date]:
    days = []
    for item in value:
        if isinstance(item, datetime) or not isinstance(item, date):
            raise HolidayCalendarError(
                f"holiday dates must be datetime.date values (got {item!r} of type "
                f"{type(item).__name__}); use date(2026, 12, 24) or date.fromisoformat('2026-12-24')"
            )
        days.append(item)
    return frozenset(days)


@attrs.frozen
class HolidayCalendar:
    """The days ``PH`` selects: a country's public holidays, or fixed dates.

    Make one with :meth:`from_code` (``"DE-BE"``: Germany, Berlin; any country and
    subdivision of the ``holidays`` package) or :meth:`from_dates`. The value is
    immutable; holiday dates are computed per year when a schedule compiles.

    Examples:
        >>> HolidayCalendar.from_code("DE-BE")
        HolidayCalendar(country='DE', subdivision='BE', dates=frozenset())
        >>> from datetime import date
        >>> date(2026, 12, 25) in HolidayCalendar.from_code("DE").dates_in(2026, 2026)
        True
    """

    country: Optional[str] = None
    subdivision: Optional[str] = None
    dates: FrozenSet[date] = attrs.field(default=frozenset(), converter=_dates)

    @classmethod
    def from_code(cls, code: str) -> HolidayCalendar:
        """A country's holidays from a code ``CC`` or ``CC-SUB`` (``"DE-BE"``).

        Raises:
            HolidayCalendarError: unknown country or subdivision; the message lists
                the known subdivisions.
        """
        match = _CODE.match(code) if isinstance(code, str) else None
        if match is None:
            raise HolidayCalendarError(f"holiday calendar code must look like 'DE' or 'DE-BE' (got {code!r})")
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
        return cls(country=country, subdivision=subdivision)

    @classmethod
    def from_dates(cls, dates: Iterable[date]) -> HolidayCalendar:
        """A calendar of exactly these dates."""
        try:
            return cls(dates=frozenset(dates))
        except TypeError:
            raise HolidayCalendarError(
                f"holiday dates must be an iterable of datetime.date (got {dates!r})"
            ) from None

    @classmethod
    def coerce(cls, value: Any) -> Optional[HolidayCalendar]:
        """A calendar from None, a code, a calendar, a ``holidays`` object or dates."""
        if value is None or isinstance(value, HolidayCalendar):
            return value
        if isinstance(value, str):
            return cls.from_code(value)
        country = getattr(value, "country", None)
        if isinstance(country, str) and hasattr(value, "subdiv"):
            code = country if value.subdiv is None else f"{country}-{value.subdiv}"
            return cls.from_code(code)
        if isinstance(value, (bytes, bytearray)) or not hasattr(value, "__iter__"):
            raise HolidayCalendarError(
                f"holidays must be a code such as 'DE-BE', a HolidayCalendar or an iterable "
                f"of dates (got {value!r} of type {type(value).__name__})"
            )
        return cls.from_dates(value)

    def dates_in(self, first_year: int, last_year: int) -> FrozenSet[date]:
        """The holidays in the years ``first_year`` to ``last_year`` inclusive."""
        if self.country is None:
            return frozenset(d for d in self.dates if first_year <= d.year <= last_year)
        holidays = import_holidays()
        try:
            calendar = holidays.country_holidays(
                self.country, subdiv=self.subdivision, years=range(first_year, last_year + 1)
            )
            return frozenset(calendar.keys()) | frozenset(
                d for d in self.dates if first_year <= d.year <= last_year
            )
        except Exception as error:  # the package's own errors, e.g. for far years
            raise HolidayCalendarError(
                f"the holidays of {self} for {first_year}-{last_year} are not available: {error}"
            ) from None

    @property
    def last_year(self) -> Optional[int]:
        """The last year with a fixed date, or None for a country calendar."""
        if self.country is not None or not self.dates:
            return None
        return max(d.year for d in self.dates)

    def __str__(self) -> str:
        if self.country is None:
            return f"{len(self.dates)} fixed dates"
        return self.country if self.subdivision is None else f"{self.country}-{self.subdivision}"


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


@attrs.frozen
class Recurrence:
    """Days chosen by an RFC 5545 recurrence rule, with the hours they get.

    ``Recurrence.parse("FREQ=MONTHLY;BYDAY=1MO")`` closes every first Monday of
    the month. *hours* is response-hours text without day selectors: ``off``
    (the default: closed all day), ``10:00-14:00`` (replaces the day's hours, like
    a later ``;`` rule) or ``12:00-13:00 off`` (removes those times). A
    recurrence applies after all rules of the text. Without ``DTSTART`` the rule
    starts on 2000-01-01; ``DTSTART`` must be a floating local time or a date,
    since the schedule's zone applies.

    Examples:
        >>> r = Recurrence.parse("FREQ=MONTHLY;BYDAY=1MO")
        >>> sorted(r.dates_between(date(2026, 1, 1), date(2026, 3, 31)))
        [datetime.date(2026, 1, 5), datetime.date(2026, 2, 2), datetime.date(2026, 3, 2)]
    """

    rule: str
    hours: HoursRule = HoursRule(closed=True)

    @classmethod
    def parse(cls, rule: str, hours: str = "off") -> Recurrence:
        """Validate an RRULE text (``RRULE:`` prefix and ``DTSTART`` line optional).

        Raises:
            RecurrenceError: the rule is invalid, recurs more often than daily,
                carries a zone, or *hours* is not plain times.
        """
        from ._parser import parse_rules

        if not isinstance(rule, str) or not rule.strip():
            raise RecurrenceError(
                f"'rule' must be RRULE text such as 'FREQ=MONTHLY;BYDAY=1MO' (got {rule!r})"
            )
        if len(rule) > _MAX_RULE_LENGTH:
            raise RecurrenceError(f"'rule' is {len(rule)} characters long; the limit is {_MAX_RULE_LENGTH}")
        text = rule.strip()
        _parse_rrule(text)
        try:
            parsed = parse_rules(hours)
        except ScheduleSyntaxError as error:
            raise RecurrenceError(f"'hours' of the recurrence {text!r}: {error}") from None
        if len(parsed) != 1 or parsed[0].has_day_selector or parsed[0].comment is not None:
            raise RecurrenceError(
                f"'hours' of a recurrence must be plain times such as 'off', '10:00-14:00' or "
                f"'12:00-13:00 off' (got {hours!r})"
            )
        return cls(rule=text, hours=parsed[0])

    def dates_between(self, first: date, last: date) -> FrozenSet[date]:
        """The days the rule picks from *first* to *last* inclusive."""
        rules = _parse_rrule(self.rule)
        start = datetime(first.year, first.month, first.day)
        end = datetime(last.year, last.month, last.day, 23, 59, 59)
        try:
            return frozenset(d.date() for d in rules.between(start, end, inc=True))
        except Exception as error:  # dateutil raises plain ValueError/OverflowError
            raise RecurrenceError(f"recurrence {self.rule!r} cannot be evaluated: {error}") from None

    @property
    def spans(self) -> Tuple[TimeSpan, ...]:
        """The times the recurrence sets or removes (empty: the whole day)."""
        return self.hours.spans

    def __str__(self) -> str:
        return f"{self.rule} → {self.hours}"


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
        rules = rrulestr(body, dtstart=DEFAULT_DTSTART, forceset=True, unfold=True)
        rules.between(DEFAULT_DTSTART, DEFAULT_DTSTART + timedelta(days=1), inc=True)
    except Exception as error:  # dateutil raises ValueError, TypeError, KeyError, IndexError
        raise RecurrenceError(f"invalid recurrence rule {text!r}: {error}") from None
    return rules
