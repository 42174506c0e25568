"""The library's errors: one root, one leaf per kind of mistake.

Every error is a :class:`PageAvailError`, which is a :class:`ValueError`, so
``except ValueError`` keeps working for callers that do not know this library.
Each message names the bad value, where it is, and how to fix it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Type, TypeVar

__all__ = [
    "HolidayCalendarError",
    "InvalidInstantError",
    "InvalidValueError",
    "NaiveDatetimeError",
    "OutOfRangeError",
    "PageAvailError",
    "RecurrenceError",
    "ScheduleSyntaxError",
    "ScheduleTooLongError",
    "UnknownZoneError",
    "UnsupportedSyntaxError",
]


class PageAvailError(ValueError):
    """Root of every error raised by pageavail."""


_E = TypeVar("_E", bound="InvalidValueError")


class InvalidValueError(PageAvailError):
    """A value given to a constructor or function breaks its rule.

    The message reads ``'<field>' must be <rule> (got <value>)``.
    """

    @classmethod
    def _for(cls: Type[_E], field: str, rule: str, value: Any) -> _E:
        return cls(f"{field!r} must be {rule} (got {_shown(value)})")


class InvalidInstantError(InvalidValueError):
    """Something other than an aware :class:`datetime.datetime` was passed as an instant."""


class NaiveDatetimeError(InvalidInstantError):
    """A naive datetime was passed where an instant is needed."""

    @classmethod
    def _for(cls: Type[_E], field: str, rule: str, value: Any) -> _E:
        return cls(
            f"{field!r} must be an aware datetime (got naive {value!r}); attach its zone, "
            f"e.g. value.replace(tzinfo=ZoneInfo('Europe/Berlin')), or pass an ISO text "
            f"with an offset such as '2026-11-27T10:00:00+01:00'"
        )


class OutOfRangeError(PageAvailError):
    """An instant lies outside the supported range, or an answer would.

    The supported instants run from 0004-01-01T00:00:00Z up to, not including,
    9997-01-01T00:00:00Z (``pageavail._time.MIN_INSTANT`` and ``MAX_INSTANT``).
    Every entry point that takes an instant raises this error, with the same
    message, for an instant outside that range.
    """


class UnknownZoneError(PageAvailError):
    """A time zone name is not in the IANA time zone database."""

    @classmethod
    def _for(cls, zone: str) -> UnknownZoneError:
        return cls(
            f"unknown time zone {zone}: use an IANA name such as 'Europe/Berlin', "
            f"'America/New_York' or 'UTC' (names that depend on the host, such as "
            f"'localtime', are refused)"
        )


class HolidayCalendarError(PageAvailError):
    """A holiday calendar could not be made or asked (unknown country, bad dates)."""


class RecurrenceError(PageAvailError):
    """An RFC 5545 recurrence rule (RRULE) is invalid or unsupported."""


class ScheduleSyntaxError(PageAvailError):
    """Response-hours text that cannot be parsed.

    Attributes:
        text: the whole text that was parsed.
        column: the 1-based column of the first offending character.
        reason: the message without the caret picture.
    """

    text: str
    column: int
    reason: str

    def __init__(self, reason: str, text: str, column: int) -> None:
        self.reason = reason
        self.text = text
        self.column = column
        super().__init__(self._render(reason, text, column))

    def __reduce__(self) -> Any:
        return (type(self), (self.reason, self.text, self.column))

    @staticmethod
    def _render(reason: str, text: str, column: int) -> str:
        shown, caret = _excerpt(text, column)
        return f"{reason} (column {column})\n  {shown}\n  {caret}"


class UnsupportedSyntaxError(ScheduleSyntaxError):
    """Valid ``opening_hours`` syntax that is outside pageavail's subset."""


class ScheduleTooLongError(ScheduleSyntaxError):
    """Response-hours text longer than :data:`pageavail.schedule.MAX_TEXT_LENGTH`."""


def _excerpt(text: str, column: int, width: int = 60) -> tuple[str, str]:
    """The part of *text* around *column* and a caret line pointing at it."""
    index = max(column - 1, 0)
    if len(text) <= width:
        start = 0
    else:
        start = max(0, min(index - width // 2, len(text) - width))
    end = min(len(text), start + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shown = prefix + text[start:end].replace("\n", " ").replace("\t", " ") + suffix
    caret = " " * (len(prefix) + index - start) + "^"
    return shown, caret


def _shown(value: Any) -> str:
    """A value as a message shows it: aware datetimes in ISO form, the rest by repr, cut short."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.isoformat()
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."
