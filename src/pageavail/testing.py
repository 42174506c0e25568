"""Hypothesis strategies and helpers for testing code that uses pageavail.

Needs the ``hypothesis`` package (in the ``test`` extra). Every strategy
shrinks towards the simplest value: a single ``Mo`` rule, 00:00, Monday,
January, the ``UTC`` zone.

Examples:
    >>> from hypothesis import given
    >>> @given(schedules())
    ... def test_text_round_trips(schedule):
    ...     assert Schedule.parse(str(schedule), zone=schedule.zone,
    ...                           holidays=schedule.holidays) == schedule
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Optional, Sequence

from hypothesis import assume
from hypothesis import strategies as st

from ._calendar import HolidayCalendar
from ._selectors import (
    MAX_END_MINUTE,
    MINUTES_PER_DAY,
    DateRange,
    HoursRule,
    Month,
    TimeSpan,
    Weekday,
    WeekdayRange,
    YearRange,
)
from ._time import ZoneInfo
from .errors import InvalidValueError
from .presence import Client, PresencePolicy, Session
from .schedule import Schedule
from .team import Grant, Role, Source, SourceKind, Task, Team

if TYPE_CHECKING:
    from .rules import Decision, Page

__all__ = [
    "HARD_ZONES",
    "PAGES",
    "PEOPLE",
    "VISITORS",
    "decide_at",
    "instant",
    "pages",
    "visitors",
    "aware_datetimes",
    "date_ranges",
    "grants",
    "hours_rules",
    "presence_policies",
    "roles",
    "schedules",
    "sessions",
    "sources",
    "teams",
    "time_spans",
    "weekday_ranges",
    "year_ranges",
    "zones",
]

#: Zones whose transitions break naive code: an ordinary one-hour shift (Berlin,
#: New York), negative DST (Dublin), a half-hour shift (Lord Howe) and shifts at
#: midnight (Santiago), plus UTC.
HARD_ZONES: Sequence[str] = (
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Europe/Dublin",
    "Australia/Lord_Howe",
    "America/Santiago",
)


def zones(names: Sequence[str] = HARD_ZONES) -> st.SearchStrategy[ZoneInfo]:
    """``ZoneInfo`` values drawn from *names* (by default :data:`HARD_ZONES`)."""
    return st.sampled_from(list(names)).map(ZoneInfo)


def weekday_ranges() -> st.SearchStrategy[WeekdayRange]:
    """``Mo``, ``Mo-Fr``, wrapping ``Sa-Tu`` …"""
    days = st.sampled_from(list(Weekday))
    return st.builds(WeekdayRange, days, days)


def year_ranges(min_year: int = 2020, max_year: int = 2032) -> st.SearchStrategy[YearRange]:
    """``2026`` or ``2026-2028`` within the given years."""
    return st.tuples(st.integers(min_year, max_year), st.integers(0, 3)).map(
        lambda t: YearRange(t[0], min(t[0] + t[1], max_year))
    )


def time_spans(step: int = 1) -> st.SearchStrategy[TimeSpan]:
    """Spans on a grid of *step* minutes, including overnight and extended ones."""

    @st.composite
    def build(draw: Any) -> TimeSpan:
        start = draw(st.integers(0, (MINUTES_PER_DAY - 1) // step)) * step
        longest = min(MAX_END_MINUTE - start, 2 * MINUTES_PER_DAY)
        length = draw(st.integers(1, longest // step)) * step
        return TimeSpan(start, start + length)

    return build()


@st.composite
def date_ranges(draw: Any, with_years: bool = True) -> DateRange:
    """Months, days and ranges of them (``Jun-Aug``, ``Dec 24-26``, ``2026 Dec 31``)."""
    months = st.sampled_from(list(Month))
    kind = draw(st.sampled_from(["month", "months", "day", "days", "span"]))
    year = draw(st.none() | st.integers(2024, 2030)) if with_years else None
    month = draw(months)
    try:
        if kind == "month":
            return DateRange(month, year=year)
        if kind == "months":
            return DateRange(month, year=year, end_month=draw(months))
        day = draw(st.integers(1, 31))
        if kind == "day":
            return DateRange(month, day, year=year)
        if kind == "days":
            return DateRange(month, day, year=year, end_day=draw(st.integers(1, 31)))
        end_year = draw(st.none() | st.integers(2024, 2031)) if year is not None else None
        return DateRange(
            month, day, year=year, end_month=draw(months), end_day=draw(st.integers(1, 31)), end_year=end_year
        )
    except InvalidValueError:
        assume(False)
        raise  # pragma: no cover - assume(False) never returns


@st.composite
def hours_rules(
    draw: Any,
    *,
    dates: bool = True,
    holidays: bool = False,
    comments: bool = True,
    step: int = 1,
) -> HoursRule:
    """One rule; *dates* allows years and dates, *holidays* allows ``PH``."""
    return HoursRule(
        years=tuple(draw(st.lists(year_ranges(), max_size=2))) if dates else (),
        dates=tuple(draw(st.lists(date_ranges(), max_size=2))) if dates else (),
        weekdays=tuple(draw(st.lists(weekday_ranges(), max_size=3))),
        holidays=draw(st.booleans()) if holidays else False,
        spans=tuple(draw(st.lists(time_spans(step), max_size=3))),
        closed=draw(st.booleans()),
        comment=draw(st.none() | st.text(st.characters(blacklist_characters='"'), max_size=12))
        if comments
        else None,
        additional=draw(st.booleans()),
    )


@st.composite
def schedules(
    draw: Any,
    zones: st.SearchStrategy[ZoneInfo] = zones(),  # noqa: B008 - strategies are immutable
    *,
    max_rules: int = 4,
    dates: bool = True,
    holidays: Optional[HolidayCalendar] = None,
    step: int = 1,
) -> Schedule:
    """Schedules of up to *max_rules* rules in zones drawn from *zones*.

    With *holidays* given, rules may use ``PH`` with that calendar.
    """
    rules = draw(
        st.lists(
            hours_rules(dates=dates, holidays=holidays is not None, step=step),
            min_size=1,
            max_size=max_rules,
        )
    )
    return Schedule(tuple(rules), draw(zones), holidays)


def aware_datetimes(
    zones: st.SearchStrategy[Any] = zones(),  # noqa: B008 - strategies are immutable
    min_value: datetime = datetime(2020, 1, 1),
    max_value: datetime = datetime(2032, 12, 31),
) -> st.SearchStrategy[datetime]:
    """Aware datetimes, including imaginary-free instants around DST transitions.

    The values are real instants (no wall time skipped by a DST gap), spread
    over the given years, expressed in zones drawn from *zones*.
    """
    return st.datetimes(min_value, max_value, timezones=zones, allow_imaginary=False)


# -- teams and presence ---------------------------------------------------------

#: A small cast, so that generated grants and sessions meet each other.
PEOPLE: Sequence[str] = ("anna", "ben", "cleo", "dev", "eli")
PAGES: Sequence[str] = ("acme", "beta", "cafe")


def roles() -> st.SearchStrategy[Role]:
    """Page roles."""
    return st.sampled_from(list(Role))


def sources() -> st.SearchStrategy[Source]:
    """Direct, business and partner sources."""
    return st.one_of(
        st.just(Source()),
        st.builds(
            Source, st.sampled_from([SourceKind.BUSINESS, SourceKind.PARTNER]), st.sampled_from(["b1", "p7"])
        ),
    )


@st.composite
def grants(draw: Any, people: Sequence[str] = PEOPLE, pages: Sequence[str] = PAGES) -> Grant:
    """A grant of a role, tasks or both, on one of *pages*."""
    role = draw(st.none() | roles())
    tasks = draw(st.frozensets(st.sampled_from(list(Task)), min_size=0 if role else 1))
    return Grant(
        draw(st.sampled_from(list(people))), draw(st.sampled_from(list(pages))), role, tasks, draw(sources())
    )


def teams(page: str = "acme", people: Sequence[str] = PEOPLE) -> st.SearchStrategy[Team]:
    """The team of *page*, from grants on several Pages (only *page*'s are kept)."""
    return st.lists(grants(people)).map(lambda g: Team.of(page, g))


@st.composite
def sessions(
    draw: Any,
    people: Sequence[str] = PEOPLE,
    pages: Sequence[str] = PAGES,
    base: datetime = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc),
    span: timedelta = timedelta(hours=8),
) -> Session:
    """Sessions of *people* within *span* after *base*, on any client, open or ended."""
    seconds = int(span.total_seconds())
    start = base + timedelta(seconds=draw(st.integers(0, seconds)))
    seen = start + timedelta(seconds=draw(st.integers(0, 3 * 3600)))
    ended = draw(st.none() | st.integers(0, 3600).map(lambda s: seen + timedelta(seconds=s)))
    return Session(
        person=draw(st.sampled_from(list(people))),
        client=draw(st.sampled_from(list(Client))),
        started=start,
        last_seen=seen,
        ended=ended,
        pages=draw(st.none() | st.frozensets(st.sampled_from(list(pages)), max_size=2)),
        heartbeat=draw(st.booleans()),
    )


def presence_policies() -> st.SearchStrategy[PresencePolicy]:
    """Presence policies with idle timeouts from 1 minute to 2 hours."""
    return st.builds(
        PresencePolicy,
        idle_timeout=st.integers(1, 120).map(lambda m: timedelta(minutes=m)),
        api_counts=st.booleans(),
        mobile_counts=st.booleans(),
        third_party_needs_heartbeat=st.booleans(),
    )


# -- Pages, visitors and fixed instants ------------------------------------------------

#: Visitors who are not on any generated team.
VISITORS: Sequence[str] = ("v-1", "v-2", "v-3")


def visitors() -> st.SearchStrategy[Optional[str]]:
    """Visitor ids: anonymous (None), outsiders, and people who may be on the team."""
    return st.none() | st.sampled_from([*VISITORS, *PEOPLE])


@st.composite
def pages(
    draw: Any,
    page_id: str = "acme",
    zone: str = "Europe/Berlin",
    *,
    hours: Optional[st.SearchStrategy[Optional[Schedule]]] = None,
) -> Page:
    """Pages with any settings and policy, grants of :data:`PEOPLE` and optional hours.

    *hours* draws the response hours; by default None (always) or a weekday
    schedule in *zone*.
    """
    from .rules import MessagingSettings, Page, Policy

    if hours is None:
        hours = st.none() | schedules(st.just(ZoneInfo(zone)), max_rules=2, dates=False, step=15)
    away = draw(st.sampled_from([False, True, None]))
    if away is None:
        away = draw(aware_datetimes(zones(["UTC"]), datetime(2026, 11, 1), datetime(2026, 12, 31)))
    settings = MessagingSettings(
        enabled=draw(st.booleans()),
        show_active=draw(st.booleans()),
        hours=draw(hours),
        away=away,
        instant_reply=draw(st.none() | st.just("Thanks, {page}!")),
        away_message=draw(st.none() | st.just("Back {back_at}.")),
    )
    policy = Policy(
        presence=draw(presence_policies()),
        rollout_percent=draw(st.integers(0, 100)),
        banner=timedelta(seconds=draw(st.integers(0, 30))),
        prompt_cooldown=timedelta(hours=draw(st.integers(0, 48))),
    )
    return Page(
        id=page_id,
        name=draw(st.sampled_from(["Acme", "Café Ünïcode", "{page} & Co"])),
        zone=zone,
        locale=draw(st.sampled_from(["en", "de", "de-AT"])),
        settings=settings,
        grants=draw(st.lists(grants(pages=[page_id]), max_size=5)),
        policy=policy,
    )


def instant(text: str) -> datetime:
    """An aware datetime from ISO text with an offset, for tests at a fixed moment.

    Raises:
        NaiveDatetimeError: the text has no offset.

    Examples:
        >>> instant("2026-11-27T10:15:00+01:00").isoformat()
        '2026-11-27T10:15:00+01:00'
    """
    from dateutil.parser import isoparse

    from ._time import utc_seconds
    from .errors import InvalidInstantError

    if not isinstance(text, str) or len(text) > 100:
        raise InvalidInstantError._for(
            "text", "an ISO 8601 text with an offset, such as '2026-11-27T10:15:00+01:00'", text
        )
    try:
        value = isoparse(text)
    except (ValueError, OverflowError):
        raise InvalidInstantError._for(
            "text", "an ISO 8601 text with an offset, such as '2026-11-27T10:15:00+01:00'", text
        ) from None
    utc_seconds(value, "text")
    return value


def decide_at(page: Page, at: str, sessions: Sequence[Session] = ()) -> Decision:
    """Compile *page* with *sessions* and decide at the ISO instant *at*: one line per test.

    Examples:
        >>> from pageavail.rules import Page
        >>> decide_at(Page(id="acme", name="Acme", zone="UTC"), "2026-11-27T10:00:00Z").reason
        'someone_can_answer'
    """
    from .rules import Page as PageClass

    if not isinstance(page, PageClass):
        raise InvalidValueError._for("page", "a Page", page)
    return page.compile(sessions).decide(instant(at))
