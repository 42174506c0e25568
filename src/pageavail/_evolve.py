"""What-if in one call: a Page with any of its knobs changed, by flat names.

A Page nests its knobs: ``Page.settings.hours``, ``Page.policy.rollout_percent``,
``Page.policy.presence.idle_timeout``. :func:`evolve_page` takes them by their
own names and rebuilds each level once, so the new Page is validated like any
other.

Examples:
    >>> from datetime import timedelta
    >>> import pageavail as pa
    >>> hours = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin")
    >>> settings = pa.MessagingSettings(hours=hours)
    >>> page = pa.Page(id="acme", name="Acme", zone="Europe/Berlin", settings=settings)
    >>> longer = evolve_page(page, idle_timeout=timedelta(minutes=30), hours="Mo-Fr 09:00-20:00")
    >>> longer.policy.presence.idle_timeout, str(longer.settings.hours)
    (datetime.timedelta(seconds=1800), 'Mo-Fr 09:00-20:00')
    >>> evolve_page(page, idle_timout=timedelta(minutes=30))
    Traceback (most recent call last):
    ...
    pageavail.errors.InvalidValueError: 'idle_timout' is not a knob of a Page; did you mean ...
"""

from __future__ import annotations

import difflib
from typing import Any, Dict, Mapping, Optional, Tuple

import attrs

from ._time import ZoneInfo, resolve_zone
from .errors import HolidayCalendarError, InvalidValueError, PageAvailError
from .presence import PresencePolicy
from .rules import MessagingSettings, Page, Policy
from .schedule import Schedule

__all__ = ["KNOBS", "evolve_page"]


def _fields(cls: type, skip: Tuple[str, ...] = ()) -> Tuple[str, ...]:
    """The names a class takes in its constructor."""
    return tuple(
        field.alias if hasattr(field, "alias") and field.alias else field.name
        for field in attrs.fields(cls)
        if field.init and field.name not in skip and not field.name.startswith("_")
    )


#: Each knob's place in a Page, by level: the Page itself, its messaging settings,
#: its policy, and the policy's presence rules. The Page's id is not a knob: a
#: what-if keeps the Page it asks about (its grants name it).
_LEVELS: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    ("", _fields(Page, skip=("id",))),
    ("settings", _fields(MessagingSettings)),
    ("policy", _fields(Policy)),
    ("policy.presence", _fields(PresencePolicy)),
)

#: Knob name → where it lives in a Page (``"policy.presence.idle_timeout"``).
KNOBS: Mapping[str, str] = {
    knob: f"{level}.{knob}" if level else knob for level, knobs in _LEVELS for knob in knobs
}
assert len(KNOBS) == sum(len(knobs) for _, knobs in _LEVELS), "two levels share a knob name"


def _unknown(knob: str) -> InvalidValueError:
    close = difflib.get_close_matches(knob, list(KNOBS), n=1, cutoff=0.75)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    if hint:
        return InvalidValueError(
            f"{knob!r} is not a knob of a Page{hint} The knobs are: {', '.join(sorted(KNOBS))}"
        )
    return InvalidValueError(
        f"{knob!r} is not a knob of a Page{hint or ';'} the knobs are: {', '.join(sorted(KNOBS))}"
    )


def _hours(value: Any, zone: Any, present: Optional[Schedule], new_settings: bool) -> Any:
    """Response hours as given, or a text parsed in *zone* (the new Page's) that keeps the holiday
    calendar (what ``PH`` means), school holidays (``SH``) and recurrences of *present*: the hours of
    the settings the new Page starts from (*new_settings*: those given as ``settings=``)."""
    if not isinstance(value, str):
        return value
    holidays = None if present is None else present.holidays
    try:
        return Schedule.parse(
            value,
            zone=zone,
            holidays=holidays,
            recurrences=() if present is None else present.recurrences,
            school_holidays=None if present is None else present.school_holidays,
        )
    except HolidayCalendarError as error:
        school = " use SH " in str(error)  # the text's SH, without school holidays to mean
        given = None if present is None else present.school_holidays if school else holidays
        if given is not None:  # pragma: no cover
            raise  # a calendar the hours already have is not refused
        shown = value if len(value) <= 80 else value[:60] + "…"
        what, code, example = (
            ("school holidays", "SH", "school_holidays=[(date(2026, 7, 9), date(2026, 8, 22))]")
            if school
            else ("holiday calendar", "PH", "holidays='DE-BE'")
        )
        taken = what if school else f"a {what}"
        owner = ("the new settings have", "the new settings' hours have") if new_settings else None
        has, hours_have = owner or ("the Page has", "the Page's hours have")
        lack = f"{has} no hours to take {taken} from" if present is None else f"{hours_have} no {what}"
        call = f"hours=Schedule.parse({shown!r}, zone={str(zone)!r}, {example})"
        raise HolidayCalendarError(
            f"the hours {shown!r} use {code} but {lack}; pass a Schedule with {taken}, e.g. {call}"
        ) from None


def _zone_alone(page: Page, zone: Any) -> None:
    """Refuse a new zone that would leave the Page's hours in the old one, saying to move both."""
    hours = page.settings.hours
    if hours is None or not isinstance(zone, (str, ZoneInfo)):
        return  # no hours to move; a zone of the wrong kind is the Page's own error
    new = resolve_zone(zone)
    if new.key != hours.zone.key:
        text = str(hours)
        example = repr(text) if len(text) <= 80 else "str(page.settings.hours)"
        raise InvalidValueError(
            f"zone={new.key!r} would leave the response hours in {hours.zone.key!r}; pass the hours "
            f"too, e.g. hours={example} to parse the hours with zone={new.key!r}"
        )


def _rebuild(value: Any, changes: Dict[str, Any], where: str) -> Any:
    """``attrs.evolve`` one level, with any error as the library's."""
    if not changes:
        return value
    try:
        return attrs.evolve(value, **changes)
    except PageAvailError:
        raise
    except (TypeError, ValueError) as error:  # a converter's own error
        knobs = ", ".join(f"{name}={changes[name]!r}" for name in sorted(changes))
        raise InvalidValueError(f"{where}: {knobs} is refused ({error})") from None


def evolve_page(page: Page, **changes: Any) -> Page:
    """*page* with the knobs in *changes* set, each by its own name.

    Knobs (see :data:`KNOBS`): the Page's ``name``, ``zone``, ``locale``,
    ``grants``, ``settings`` and ``policy``; the messaging settings'
    ``enabled``, ``show_active``, ``hours``, ``away``, ``instant_reply`` and
    ``away_message``; the policy's ``rollout_percent``, ``rollout_salt``,
    ``banner``, ``prompt_cooldown`` and ``presence``; the presence rules'
    ``idle_timeout``, ``api_counts``, ``mobile_counts`` and
    ``third_party_needs_heartbeat``. A whole level (``settings=...``) is set
    first, its single knobs on top. ``hours`` takes a :class:`Schedule`, None
    (always within hours) or a text, which is read with what the new Page will
    have: in its zone (``zone=`` when given), keeping the holiday calendar
    (``PH``), school holidays (``SH``) and recurrences of the hours it replaces,
    which are those of ``settings=`` when that is given (not the old Page's) and
    the Page's present hours otherwise. So ``settings=`` and ``hours=`` together
    mean the same in either order of the keywords, and the same as setting
    ``settings=`` first and ``hours=`` on the result (where the first step alone
    makes a valid Page); new settings without hours
    give the text no calendars, and a text that uses ``PH`` or ``SH`` then asks
    for a :class:`Schedule`. No changes give the Page itself.

    Raises:
        InvalidValueError: an unknown knob (the message lists the knobs), or a
            value the knob refuses (the message names the rule).
        PageAvailError: the subclass the values raise (a bad hours text, an
            unknown zone …).
    """
    if not isinstance(page, Page):
        raise InvalidValueError._for("page", "a Page", page)
    for knob in changes:
        if knob not in KNOBS:
            raise _unknown(knob)
    if not changes:
        return page
    by_level: Dict[str, Dict[str, Any]] = {level: {} for level, _ in _LEVELS}
    for knob, value in changes.items():
        level = KNOBS[knob].rpartition(".")[0]
        by_level[level][knob] = value
    top = by_level[""]
    settings = top.get("settings", page.settings)
    policy = top.get("policy", page.policy)
    zone = top.get("zone", page.zone)
    if not isinstance(settings, MessagingSettings):
        raise InvalidValueError._for("settings", "a MessagingSettings", settings)
    if "hours" in by_level["settings"]:
        # Read with what the new Page will have: its zone, and the calendars of the hours the text
        # replaces (those of settings= when given, not the old Page's), whatever the order of the keywords.
        hours = by_level["settings"]["hours"]
        by_level["settings"]["hours"] = _hours(hours, zone, settings.hours, "settings" in top)
    elif "zone" in top and "settings" not in top:
        _zone_alone(page, zone)
    if not isinstance(policy, Policy):
        raise InvalidValueError._for("policy", "a Policy", policy)
    base = by_level["policy"].get("presence", policy.presence)
    if not isinstance(base, PresencePolicy):
        raise InvalidValueError._for("presence", "a PresencePolicy", base)
    presence = _rebuild(base, by_level["policy.presence"], "presence")
    if presence is not policy.presence:
        by_level["policy"]["presence"] = presence
    top["settings"] = _rebuild(settings, by_level["settings"], "settings")
    top["policy"] = _rebuild(policy, by_level["policy"], "policy")
    result: Page = _rebuild(page, top, "page")
    return result
