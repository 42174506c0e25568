"""Building the domain values from a structured Page file: the Page, its settings, policy, team and sessions.

Each value is built key by key, so that a mistake the domain classes find is
reported as a :class:`~pageavail.config.ConfigError` at the key (and line)
where it is written.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Dict, List, Optional, Sequence, Tuple

import attrs

from ._calendar import HolidayCalendar, SchoolHolidays
from ._config_errors import ConfigError, Path_, _format_path, _locate
from ._config_model import _key_rule, _MessagingSection, _PageFile, _PolicySection, _TeamEntry
from ._time import resolve_zone
from .errors import HolidayCalendarError, PageAvailError, ScheduleSyntaxError, UnknownZoneError
from .presence import PresencePolicy, Session
from .rules import CompiledPage, MessagingSettings, Page, Policy
from .schedule import Schedule
from .team import Grant


@attrs.frozen
class LoadedPage:
    """A Page and its sessions, as read from a file.

    Attributes:
        page: the Page.
        sessions: its sessions, in file order.
        holidays: the ``[page] holidays`` calendar, or None (the hours hold it too).
        file: the file's name, for messages (not part of equality).
        text: the file's text, to find the line of a key (not part of equality).
        school_holidays: the ``[page] school_holidays``, or None (the hours hold them too).
    """

    page: Page
    sessions: Tuple[Session, ...]
    holidays: Optional[HolidayCalendar] = None
    file: str = attrs.field(default="<text>", eq=False)
    text: str = attrs.field(default="", eq=False, repr=False)
    school_holidays: Optional[SchoolHolidays] = attrs.field(default=None, kw_only=True)

    def compile(self) -> CompiledPage:
        """The Page with its sessions, compiled to decide."""
        return self.page.compile(self.sessions)


def _build(raw: _PageFile, text: str, file: str) -> LoadedPage:
    def fail(path: Path_, error: Exception) -> ConfigError:
        problem = error.reason if isinstance(error, ScheduleSyntaxError) else str(error)
        if isinstance(error, ScheduleSyntaxError):
            problem += f' at column {error.column} of "{error.text}"'
        return ConfigError(problem, _format_path(path), _locate(text, path), file)

    section = raw.page
    # [page] first, key by key, so that each mistake is reported where it is written.
    try:
        zone = resolve_zone(section.zone)
    except PageAvailError as error:
        raise fail(["page", "zone"], error) from None
    try:
        Page(id=section.id, name=section.name, zone=zone, locale=section.locale)
    except PageAvailError as error:
        raise fail(["page", _field_of(error, ("id", "name", "locale"))], error) from None
    calendar = None
    if section.holidays is not None:  # validated whether or not the hours use PH
        try:
            calendar = HolidayCalendar.from_code(section.holidays)
        except PageAvailError as error:
            raise fail(["page", "holidays"], error) from None
    school = None
    if section.school_holidays is not None:  # each item was checked while structuring
        try:
            school = SchoolHolidays(section.school_holidays)
        except PageAvailError as error:  # pragma: no cover - the structuring refuses what this refuses
            raise fail(["page", "school_holidays"], error) from None
    hours = _hours(raw.messaging.hours, zone, calendar, school, fail)
    settings = _settings(raw.messaging, hours, fail)
    policy = _policy(raw.policy, fail)
    grants = _team(raw.team, section.id, text, fail)
    try:
        page = Page(
            id=section.id,
            name=section.name,
            zone=zone,
            locale=section.locale,
            settings=settings,
            grants=grants,
            policy=policy,
        )
    except PageAvailError as error:  # pragma: no cover - every part was checked above
        raise fail(["page"], error) from None
    sessions = []
    for index, item in enumerate(raw.sessions):
        if item.pages is not None and not item.pages:
            raise fail(
                ["sessions", index, "pages"],
                PageAvailError(
                    f"is empty, so the session would serve no Page; list the Pages it serves, "
                    f'e.g. pages = ["{section.id}"], or leave the key out for all of {item.person!r}\'s Pages'
                ),
            )
        try:
            sessions.append(
                Session(
                    person=item.person,
                    client=item.client,
                    started=item.started,
                    last_seen=item.last_seen,
                    ended=item.ended,
                    pages=item.pages,
                    heartbeat=item.heartbeat,
                )
            )
        except PageAvailError as error:
            field = _field_of(
                error, ("person", "client", "started", "last_seen", "ended", "pages", "heartbeat")
            )
            raise fail(["sessions", index, field], error) from None
    return LoadedPage(page, tuple(sessions), calendar, file, text, school_holidays=school)


def _hours(
    text: Optional[str],
    zone: Any,
    calendar: Optional[HolidayCalendar],
    school: Optional[SchoolHolidays],
    fail: Any,
) -> Optional[Schedule]:
    if text is None:
        return None
    try:
        return Schedule.parse(text, zone=zone, holidays=calendar, school_holidays=school)
    except HolidayCalendarError as error:
        if " use SH " in str(error):
            if school is not None:  # pragma: no cover - school holidays that were given are not refused
                raise fail(["messaging", "hours"], error) from None
            raise fail(
                ["messaging", "hours"],
                PageAvailError(
                    f"the response hours {text!r} use SH but [page] has no school_holidays; "
                    'add school_holidays = [["2026-07-09", "2026-08-22"], "2026-10-19"] to [page] '
                    "(single days and [first, last] ranges, both days included)"
                ),
            ) from None
        if calendar is not None:  # pragma: no cover - a checked calendar is not refused again
            raise fail(["messaging", "hours"], error) from None
        raise fail(
            ["messaging", "hours"],
            PageAvailError(
                f"the response hours {text!r} use PH but the Page has no holiday calendar; "
                f'add holidays = "DE-BE" (a country[-subdivision] code) to [page]'
            ),
        ) from None
    except (ScheduleSyntaxError, UnknownZoneError, PageAvailError) as error:
        raise fail(["messaging", "hours"], error) from None


def _team(entries: Sequence[_TeamEntry], page: str, text: str, fail: Any) -> List[Grant]:
    """The grants of [[team]]: one entry per person and source, each with a role or tasks."""
    grants: List[Grant] = []
    seen: Dict[Tuple[str, str], int] = {}
    for index, entry in enumerate(entries):
        if entry.role is None and not entry.tasks:
            raise fail(
                ["team", index, "role"],
                PageAvailError(
                    f'{entry.person!r} needs a role or tasks; add role = "editor" '
                    f'(admin, editor, moderator, advertiser, analyst) or tasks = ["messages"]'
                ),
            )
        try:
            grant = Grant(entry.person, page, entry.role, entry.tasks, entry.via)
        except PageAvailError as error:
            raise fail(["team", index, _field_of(error, ("person", "role", "tasks", "via"))], error) from None
        key = (grant.person, str(grant.via))
        if key in seen:
            first = seen[key]
            line = _locate(text, ["team", first, "person"])
            where = f"team[{first}]" + ("" if line is None else f" (line {line})")
            raise fail(
                ["team", index, "person"],
                PageAvailError(
                    f"{grant.person!r} is already on the team at {where} through the same source "
                    f"({grant.via}); write one entry per person and source, with the role and tasks together"
                ),
            )
        seen[key] = index
        grants.append(grant)
    return grants


def _field_of(error: Exception, fields: Sequence[str], default: Optional[str] = None) -> str:
    """The field an error message names first (``'role' must be …``)."""
    message = str(error)
    for field in fields:
        if message.startswith(f"'{field}'"):
            return field
    positions = [(message.find(f"'{f}'"), f) for f in fields if f"'{f}'" in message]
    if positions:
        return min(positions)[1]
    return default or fields[0]


def _settings(raw: _MessagingSection, hours: Optional[Schedule], fail: Any) -> MessagingSettings:
    try:
        return MessagingSettings(
            enabled=raw.enabled,
            show_active=raw.show_active,
            hours=hours,
            away=raw.away,
            instant_reply=raw.instant_reply,
            away_message=raw.away_message,
        )
    except PageAvailError as error:
        field = _field_of(error, ("enabled", "show_active", "away", "instant_reply", "away_message"))
        raise fail(["messaging", field], error) from None


def _policy(raw: _PolicySection, fail: Any) -> Policy:
    def minutes(value: float, key: str, unit: str) -> timedelta:
        rule = _key_rule(_PolicySection, key)
        low = rule.above if rule.above is not None else rule.minimum
        limit = rule.maximum
        assert low is not None  # every duration of the policy has both bounds
        assert limit is not None
        if not low <= value <= limit:
            raise fail(
                ["policy", key], PageAvailError(f"must be from {low:g} to {limit:g} {unit} (got {value:g})")
            )
        return timedelta(**{unit: value})

    idle = minutes(raw.idle_timeout_minutes, "idle_timeout_minutes", "minutes")
    if idle <= timedelta(0):
        raise fail(["policy", "idle_timeout_minutes"], PageAvailError("must be above 0"))
    try:
        return Policy(
            presence=PresencePolicy(
                idle_timeout=idle,
                api_counts=raw.api_counts,
                mobile_counts=raw.mobile_counts,
                third_party_needs_heartbeat=raw.third_party_needs_heartbeat,
            ),
            rollout_percent=raw.rollout_percent,
            rollout_salt=raw.rollout_salt,
            banner=minutes(raw.banner_seconds, "banner_seconds", "seconds"),
            prompt_cooldown=minutes(raw.prompt_cooldown_hours, "prompt_cooldown_hours", "hours"),
        )
    except PageAvailError as error:
        if isinstance(error, ConfigError):
            raise
        raise fail(["policy", _field_of(error, ("rollout_percent", "rollout_salt"))], error) from None
