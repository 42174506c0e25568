"""Response hours in the formats where Pages already keep them: import, and export where possible.

Four foreign formats, each read into a :class:`~pageavail.Schedule` and, where the
format can say what the schedule says, written back:

* **Facebook Graph Page** ``hours`` (``{"mon_1_open": "09:00", "mon_1_close": "17:00"}``):
  up to two ranges a day, weekly only.
* **Google Business Profile** ``regularHours`` (weekly periods, overnight ones too)
  and ``specialHours`` (dated periods and closed days).
* **schema.org** ``openingHoursSpecification`` (weekly and dated) and the
  ``openingHours`` text form.
* **iCalendar** (RFC 5545): the open intervals of a period as events, and weekly
  (or daily) recurring events read back as weekly rules. Needs the ``ical`` extra.

Every import checks the foreign data and raises
:class:`~pageavail.InvalidValueError` naming the key path of the first bad value
(``regularHours.periods[3].closeTime``); no other exception escapes. An export
that cannot say what the schedule says either writes it out for the dates a
caller names (``start``, ``end``) or raises :class:`UnexpressibleError` naming
what cannot be said.

Examples:
    >>> from pageavail import Schedule
    >>> hours = from_facebook({"mon_1_open": "09:00", "mon_1_close": "17:00",
    ...                        "fri_1_open": "22:00", "fri_1_close": "02:00"}, zone="Europe/Berlin")
    >>> str(hours)
    'Mo 09:00-17:00, Fr 22:00-02:00'
    >>> to_facebook(Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin"))["fri_1_close"]
    '17:00'
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from ._fmt_common import MAX_SPECIAL_DAYS as MAX_SPECIAL_DAYS  # still importable from here
from ._fmt_common import UnexpressibleError, _bad, _too_deep
from ._fmt_facebook import from_facebook, to_facebook
from ._fmt_google import from_google, to_google
from ._fmt_ical import from_ical, to_ical
from ._fmt_schema_org import from_schema_org, to_schema_org
from ._time import ZoneInfo
from .errors import InvalidValueError
from .schedule import Schedule

__all__ = [
    "FORMATS",
    "UnexpressibleError",
    "dump_hours",
    "from_facebook",
    "from_google",
    "from_ical",
    "from_schema_org",
    "load_hours",
    "to_facebook",
    "to_google",
    "to_ical",
    "to_schema_org",
]

#: The format names :func:`load_hours` and :func:`dump_hours` accept.
FORMATS = ("facebook", "google", "schema-org", "ical")

UnexpressibleError.__module__ = __name__  # its public home, as tracebacks and pickles name it


def load_hours(text: str, format: str, zone: Any = None) -> Schedule:
    """Response hours from the text of a foreign document.

    Args:
        text: JSON for ``"facebook"`` (the ``hours`` object, or a Page object with
            it), ``"google"`` (a Location with ``regularHours`` and
            ``specialHours``, or the ``regularHours`` object) and ``"schema-org"``
            (JSON-LD, see :func:`from_schema_org`); the ``.ics`` text for ``"ical"``.
        format: one of :data:`FORMATS`.
        zone: the schedule's IANA zone (required but for ``"ical"``, which may name it).

    Raises:
        InvalidValueError: an unknown format, text that is not JSON (with line and
            column), or a document the format's reader refuses.
        UnknownZoneError: *zone* is not an IANA zone.

    Examples:
        >>> str(load_hours('{"mon_1_open": "09:00", "mon_1_close": "17:00"}', "facebook", "UTC"))
        'Mo 09:00-17:00'
    """
    if format not in FORMATS:
        raise _bad("format", f"one of {', '.join(map(repr, FORMATS))}", format)
    if format == "ical":
        return from_ical(text, zone)
    if not isinstance(text, str):
        raise _bad("text", "the text of a JSON document", text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidValueError(
            f"'text' must be a JSON document: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise _too_deep(text) from None
    except ValueError as error:  # a number too long to read (Python's limit on digits)
        raise InvalidValueError(f"'text' must be a JSON document Python can read: {error}") from None
    if zone is None:
        raise _bad("zone", f"an IANA zone name (a {format} document names none)", zone)
    if format == "facebook":
        return from_facebook(data, zone)
    if format == "google":
        return from_google(data, None, zone)  # a Location, or the regularHours object
    return from_schema_org(data, zone)


def dump_hours(schedule: Schedule, format: str, start: Any = None, end: Any = None) -> str:
    """The text of a foreign document saying *schedule*'s hours.

    Args:
        schedule: the response hours.
        format: one of :data:`FORMATS`.
        start, end: the period: for ``"google"`` and ``"schema-org"`` the dates
            whose hours dated and holiday rules change (optional for weekly hours);
            for ``"ical"`` the period whose open intervals become events
            (required; a date means its midnight in the schedule's zone). Not for
            ``"facebook"``.

    Returns:
        Indented JSON (a Location fragment for Google, JSON-LD with
        ``@context`` for schema.org), or the ``.ics`` text.

    Raises:
        UnexpressibleError: the format cannot say what the schedule says.
        InvalidValueError: an unknown format, or a period the format does not take.

    Examples:
        >>> print(dump_hours(Schedule.parse("Sa 10:00-14:00", zone="UTC"), "facebook"))
        {
          "sat_1_open": "10:00",
          "sat_1_close": "14:00"
        }
    """
    if format not in FORMATS:
        raise _bad("format", f"one of {', '.join(map(repr, FORMATS))}", format)
    if not isinstance(schedule, Schedule):
        raise _bad("schedule", "a Schedule", schedule)
    document: Any
    if format == "facebook":
        for name, value in (("start", start), ("end", end)):
            if value is not None:
                raise _bad(name, "None for Facebook hours, which are weekly", value)
        document = to_facebook(schedule)
    elif format == "google":
        document = to_google(schedule, start, end)
    elif format == "schema-org":
        document = {"@context": "https://schema.org", **to_schema_org(schedule, start, end)}
    else:
        if start is None or end is None:
            raise _bad(
                "start" if start is None else "end", "an aware datetime or a date for iCalendar events", None
            )
        return to_ical(schedule, _instant(start, schedule.zone), _instant(end, schedule.zone))
    return json.dumps(document, indent=2, ensure_ascii=False)


def _instant(value: Any, zone: ZoneInfo) -> Any:
    """A date as its midnight in *zone*; anything else as it is (``intervals`` checks it)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    return value
