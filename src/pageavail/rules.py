"""The decision: a Page's status at an instant, and whether a visitor sees the prompt.

The **status ladder** (the first failing step decides):

1. ``messaging_enabled`` — messaging is switched on, else ``messaging_off``;
2. ``not_away_by_hand`` — nobody set the Page away, else ``away``;
3. ``within_response_hours`` — the instant is within response hours, else ``away``;
4. ``someone_can_answer`` — someone who can answer is live, else ``offline``;

and the Page is ``active``. A visitor sees the **prompt** when the Page is
active, the show-active switch is on, the Page is in the rollout, the visitor is
not on the Page's team, and the visitor was not prompted within the cooldown.

Examples:
    >>> from datetime import date, datetime, timedelta, timezone
    >>> from pageavail.presence import Session
    >>> from pageavail.team import Grant
    >>> hours = Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin")
    >>> page = Page(id="acme", name="Acme", zone="Europe/Berlin",
    ...             settings=MessagingSettings(hours=hours),
    ...             grants=[Grant("anna", "acme", role="editor")])
    >>> nine = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)
    >>> live = page.compile([Session("anna", "web", nine, nine + timedelta(minutes=20))])
    >>> decision = live.decide(nine + timedelta(minutes=5))
    >>> decision.status, decision.reason
    (<Status.ACTIVE: 'active'>, 'active')
    >>> live.prompt(nine + timedelta(minutes=5), visitor="v-123").payload.title
    'Acme is active now'
    >>> live.decide(nine + timedelta(minutes=45)).reason
    'someone_can_answer'
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from datetime import date, datetime, timedelta, timezone
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import attrs

from . import wording
from ._i18n import Text, catalogue_language, normalize_locale
from ._template import validate_template
from ._time import (
    DAY,
    MAX_INSTANT,
    MAX_SECONDS,
    MIN_SECONDS,
    ZoneInfo,
    instant_key,
    offset_pieces,
    resolve_zone,
    utc_seconds,
)
from ._validate import _ID, StrictEnum, boolean, collection_of, identifier, instance_of
from .errors import InvalidValueError, OutOfRangeError
from .payload import (
    _NEW,
    _SET_ACTION_LABEL,
    _SET_ACTION_TARGET,
    _SET_BODY,
    _SET_COLLAPSE_AT,
    _SET_DEDUPE_KEY,
    _SET_EXPIRES_AT,
    _SET_LOCALE,
    _SET_PAGE_ID,
    _SET_PAGE_NAME,
    _SET_SHOWN_AT,
    _SET_TITLE,
    _SHA256,
    Payload,
    prompt_texts,
)
from .presence import PagePresence, PresencePolicy, Session
from .schedule import HoursState, HoursStatus, Schedule
from .team import Grant, Team

__all__ = [
    "PROMPT_CHECKS",
    "STATUS_CHECKS",
    "Check",
    "CompiledPage",
    "Decision",
    "MessagingSettings",
    "Page",
    "Policy",
    "Prompt",
    "Status",
    "rollout_bucket",
]

#: The names of the status checks, in ladder order (part of the public contract).
STATUS_CHECKS = ("messaging_enabled", "not_away_by_hand", "within_response_hours", "someone_can_answer")
#: The names of the prompt checks, in order (part of the public contract).
PROMPT_CHECKS = ("page_active", "show_active_on", "in_rollout", "visitor_not_team", "cooldown_passed")


class Status(StrictEnum):
    """A Page's status at an instant."""

    ACTIVE = "active"
    AWAY = "away"
    OFFLINE = "offline"
    MESSAGING_OFF = "messaging_off"


_UTC = timezone.utc
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MICRO = timedelta(microseconds=1)
#: How many requested locale spellings a compiled Page remembers the texts of.
_LOCALE_CACHE = 64
#: How many hours checks (by day, stretch of minutes and open) a Page keeps.
_HOURS_CACHE = 256
#: A value not yet worked out (None is an answer).
_UNKNOWN: Any = object()
#: Later than every supported instant: the end of an away time with no end.
_FOREVER = 1 << 62
#: The end of the supported instants in microseconds since the epoch.
_MAX_MICROS = MAX_SECONDS * 1_000_000


def _micros(at: datetime, field: str = "at") -> int:
    """Exact microseconds since the epoch of a supported instant (validated)."""
    try:  # the common case, in one subtraction: a datetime within the supported instants
        delta = at - _EPOCH
        seconds = delta.days * 86_400 + delta.seconds
        if type(seconds) is int and MIN_SECONDS <= seconds < MAX_SECONDS:
            return seconds * 1_000_000 + delta.microseconds
    except Exception:  # anything else: utc_seconds raises the library's error for it
        pass
    utc_seconds(at, field)
    return (at - _EPOCH) // _MICRO


def _one_offset(
    zone: ZoneInfo, at: datetime, moment: int, local: datetime
) -> Tuple[int, int, datetime, datetime]:
    """A stretch around *at* (*moment* in microseconds; *local* is ``at.astimezone(zone)``,
    fold 0) over which the zone's offset is one and no wall clock repeats:
    ``(from, to, at, local)``, as :attr:`_Prepared.local` keeps it.

    The offsets come from :func:`~pageavail._time.offset_pieces` over the two days
    around *at* (which, as the schedules' compiler does, takes it that no zone
    changes its offset and back within one day). Within one offset, only the
    instants right after a change back of the clocks (a repeated hour) have
    fold 1, and they come first: so when the stretch's first instant has fold 0,
    every later one does too; otherwise the stretch starts at *at* itself.
    """
    second = moment // 1_000_000
    lo, hi = max(second - DAY, MIN_SECONDS), min(second + DAY, MAX_SECONDS)
    pieces = offset_pieces(zone, lo, hi)
    index = bisect_right(pieces, (second, _FOREVER)) - 1
    start = pieces[index][0]
    end = pieces[index + 1][0] if index + 1 < len(pieces) else hi
    first = start * 1_000_000
    if first < moment and (_EPOCH + timedelta(seconds=start)).astimezone(zone).fold:
        first = moment
    return (first, end * 1_000_000, at, local)


#: The visitor's id check (the library's error), made once.
_check_visitor = identifier("visitor")
_is_id = _ID.fullmatch


def _utc(value: datetime) -> datetime:
    """The instant in UTC: exact to compare and subtract, unlike two datetimes of one zone."""
    return value.astimezone(timezone.utc)


def _away(value: Any) -> Union[bool, datetime]:
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        utc_seconds(value, "away")
        return value
    raise InvalidValueError._for("away", "true, false, or an aware datetime the away time ends at", value)


def _optional_template(field: str) -> Any:
    def check(instance: object, attribute: object, value: Any) -> None:
        if value is None:
            return
        if (
            not isinstance(value, str)
            or not value.strip()
            or len(value) > 2000
            or any(not character.isprintable() and character not in "\n\t" for character in value)
        ):
            raise InvalidValueError._for(
                field,
                "None or a text of 1 to 2,000 printable characters (line breaks and tabs allowed)",
                value,
            )
        validate_template(value, field)

    return check


def _optional_schedule(instance: object, attribute: object, value: Any) -> None:
    if value is not None and not isinstance(value, Schedule):
        raise InvalidValueError._for("hours", "None (always) or a Schedule", value)


@attrs.frozen(kw_only=True)
class MessagingSettings:
    """A Page's messaging settings, as its team sets them.

    Attributes:
        enabled: messaging on or off altogether.
        show_active: whether visitors may see the "active now" prompt.
        hours: response hours, or None for "always".
        away: set away by hand: False, True (until switched back), or the
            aware instant the away time ends at.
        instant_reply: the automatic reply to a new conversation, or None.
        away_message: the automatic reply while away, or None. Both may use
            ``{page}`` and ``{back_at}``; anything else in braces is refused.
    """

    enabled: bool = attrs.field(default=True, validator=boolean("enabled"))
    show_active: bool = attrs.field(default=True, validator=boolean("show_active"))
    hours: Optional[Schedule] = attrs.field(default=None, validator=_optional_schedule)
    away: Union[bool, datetime] = attrs.field(default=False, converter=_away, eq=instant_key)
    instant_reply: Optional[str] = attrs.field(default=None, validator=_optional_template("instant_reply"))
    away_message: Optional[str] = attrs.field(default=None, validator=_optional_template("away_message"))


def _percent(instance: object, attribute: object, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise InvalidValueError._for("rollout_percent", "a number from 0 to 100", value)


def _positive(field: str, limit: timedelta) -> Any:
    def check(instance: object, attribute: object, value: Any) -> None:
        if not isinstance(value, timedelta) or not timedelta(0) <= value <= limit:
            raise InvalidValueError._for(field, f"a timedelta from 0 to {limit}", value)

    return check


def _salt(instance: object, attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not 1 <= len(value) <= 200:
        raise InvalidValueError._for("rollout_salt", "a text of 1 to 200 characters", value)


@attrs.frozen(kw_only=True)
class Policy:
    """The service's knobs, with documented defaults.

    Attributes:
        presence: which sessions count and for how long (see
            :class:`~pageavail.presence.PresencePolicy`: idle timeout 10 minutes,
            API tokens off).
        rollout_percent: the share of Pages that get the prompt, 0 to 100.
            Default 100: the feature is out.
        rollout_salt: mixed into the rollout hash, so that each feature draws
            its own Pages. Default ``"active-prompt"``.
        banner: how long the banner shows before it collapses to the chat icon.
            Default 8 seconds: long enough to read a two-line notice, in the
            range of notification toasts (4 to 10 seconds).
        prompt_cooldown: a visitor is prompted at most once in this time.
            Default 24 hours, the span after which a message starts a new
            conversation in Meta's response metrics.
    """

    presence: PresencePolicy = attrs.field(
        default=PresencePolicy(),
        validator=instance_of("presence", PresencePolicy, "make one with PresencePolicy(idle_timeout=...)"),
    )
    rollout_percent: float = attrs.field(default=100, validator=_percent)
    rollout_salt: str = attrs.field(default="active-prompt", validator=_salt)
    banner: timedelta = attrs.field(
        default=timedelta(seconds=8), validator=_positive("banner", timedelta(hours=1))
    )
    prompt_cooldown: timedelta = attrs.field(
        default=timedelta(hours=24), validator=_positive("prompt_cooldown", timedelta(days=365))
    )


def rollout_bucket(page_id: str, salt: str) -> float:
    """Where a Page falls in a rollout: a number in ``[0, 100)``.

    The first 8 bytes of ``SHA-256("{salt}:{page_id}")``, read as an unsigned
    big-endian integer and scaled to 0-100. A Page is in the rollout when its
    bucket is below the percentage, so the choice is deterministic, uniform, and
    monotone: raising the percentage only adds Pages.

    Examples:
        >>> round(rollout_bucket("acme-bakery", "active-prompt"), 3)
        44.961
    """
    digest = hashlib.sha256(f"{salt}:{page_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 * 100


def _check_name(instance: object, attribute: object, value: Any) -> None:
    if value not in STATUS_CHECKS and value not in PROMPT_CHECKS:
        raise InvalidValueError._for("name", f"one of {', '.join(STATUS_CHECKS + PROMPT_CHECKS)}", value)


def _notes(value: Any) -> Tuple[Text, ...]:
    return collection_of(value, Text, "notes")


@attrs.frozen
class Check:
    """One step of a decision: its name, whether it passed, and why, for the team.

    The explanation is a message with its values (see :mod:`pageavail.wording`),
    rendered only when read: :meth:`text` in the reader's locale, ``detail`` in
    English.
    """

    name: str = attrs.field(validator=_check_name)
    passed: bool = attrs.field(validator=boolean("passed"))
    message: Text = attrs.field(validator=instance_of("message", Text, "a message of pageavail.wording"))
    notes: Tuple[Text, ...] = attrs.field(default=(), converter=_notes)

    def text(self, locale: str = "en") -> str:
        """The explanation in the reader's *locale* (``de``, ``de-AT``, ``pt_BR`` …,
        falling back to English).

        Raises:
            InvalidValueError: *locale* is not a locale.
        """
        tag = normalize_locale(locale)
        if not self.notes:
            return self.message.render(tag)
        return " ".join(text.render(tag) for text in (self.message, *self.notes))

    @property
    def detail(self) -> str:
        """The explanation in English."""
        return self.text("en")

    def to_dict(self, locale: str = "en") -> dict[str, Any]:
        """``{name, passed, detail}`` for JSON, ``detail`` in the reader's *locale*."""
        return {"name": self.name, "passed": self.passed, "detail": self.text(locale)}


def _check(name: str, passed: bool, message: Text) -> Check:
    return Check(name, passed, message)


# The slots' own setters, to make a Check from values known to be valid without attrs' __init__.
_SET_NAME, _SET_PASSED, _SET_MESSAGE, _SET_NOTES = (
    getattr(Check, field.name).__set__ for field in attrs.fields(Check)
)


def _trusted_check(name: str, passed: bool, message: Text, notes: Tuple[Text, ...]) -> Check:
    """``Check(name, passed, message, notes)`` for values known to be valid, made faster."""
    check = object.__new__(Check)
    _SET_NAME(check, name)
    _SET_PASSED(check, passed)
    _SET_MESSAGE(check, message)
    _SET_NOTES(check, notes)
    return check


def _known_state(state: Any) -> Tuple[Status, str]:
    if (
        not isinstance(state, tuple)
        or len(state) != 2
        or not isinstance(state[0], Status)
        or state[1] not in (*STATUS_CHECKS, "active")
    ):
        raise InvalidValueError._for(
            "state", "None or a (Status, reason) pair as CompiledPage.state(at) gives it", state
        )
    return state


@attrs.frozen
class Decision:
    """A Page's status at an instant, with the ordered checks behind it.

    Attributes:
        page: the Page's id.
        at: the instant, in the Page's zone.
        status: active, away, offline or messaging_off.
        reason: the name of the first failing check, or ``"active"``.
        checks: the four status checks, in ladder order.
        until: the next instant the status changes, or None if it never does
            (for the team: it may reveal when presence ends, so it never goes
            to visitors). When the next change lies at or past the end of the
            supported instants (9997-01-01Z), where it cannot be told exactly,
            that end.
    """

    page: str
    at: datetime = attrs.field(eq=instant_key)
    status: Status
    reason: str
    checks: Tuple[Check, ...]
    until: Optional[datetime] = attrs.field(eq=instant_key)


@attrs.frozen
class Prompt:
    """Whether a visitor sees the prompt, why, and what they see."""

    shown: bool
    reason: str
    checks: Tuple[Check, ...]
    payload: Optional[Payload]


# The slots' own setters, to make the shown Prompt of a page view without attrs' __init__.
_SET_SHOWN, _SET_REASON, _SET_CHECKS, _SET_PAYLOAD = (
    getattr(Prompt, field.name).__set__ for field in attrs.fields(Prompt)
)


def _grants(value: Any) -> Tuple[Grant, ...]:
    if isinstance(value, Team):
        return value.grants
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidValueError._for("grants", "a collection of Grant values", value)
    return tuple(value)


def _name(instance: object, attribute: object, value: Any) -> None:
    if (
        not isinstance(value, str)
        or not value.strip()
        or len(value) > 200
        or any(not character.isprintable() for character in value)
    ):
        raise InvalidValueError._for(
            "name", "a Page name of 1 to 200 printable characters (no line breaks or tabs)", value
        )


def _locale(value: Any) -> str:
    return normalize_locale(value)


def _zone(value: Any) -> ZoneInfo:
    return resolve_zone(value)


@attrs.frozen(kw_only=True)
class Page:
    """A business Page with its messaging settings, team and the service's policy."""

    id: str = attrs.field(validator=identifier("id"))
    name: str = attrs.field(validator=_name)
    zone: ZoneInfo = attrs.field(converter=_zone, eq=lambda z: z.key)
    locale: str = attrs.field(default="en", converter=_locale)
    settings: MessagingSettings = attrs.field(
        factory=MessagingSettings,
        validator=instance_of("settings", MessagingSettings, "make one with MessagingSettings(hours=...)"),
    )
    grants: Tuple[Grant, ...] = attrs.field(default=(), converter=_grants)
    policy: Policy = attrs.field(
        default=Policy(), validator=instance_of("policy", Policy, "make one with Policy(rollout_percent=...)")
    )
    team: Team = attrs.field(init=False, eq=False, repr=False)
    #: What every compiled form of this Page shares (rollout, fixed checks, caches), made on first use.
    _prepared: Optional[_Prepared] = attrs.field(init=False, default=None, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        for index, grant in enumerate(self.grants):
            if not isinstance(grant, Grant):
                raise InvalidValueError._for(f"grants[{index}]", "a Grant", grant)
            if grant.page != self.id:
                raise InvalidValueError(
                    f"'grants[{index}]' is the grant of {grant.person!r} on the Page {grant.page!r}, "
                    f"not on this Page {self.id!r}; fix the Page id of the grant, or pass only this "
                    f"Page's grants (Team.of(page_id, grants) keeps them)"
                )
        hours = self.settings.hours
        if hours is not None and hours.zone.key != self.zone.key:
            raise InvalidValueError(
                f"the response hours are in {hours.zone.key!r} but the Page is in {self.zone.key!r}; "
                f"parse the hours with zone={self.zone.key!r}"
            )
        object.__setattr__(self, "team", Team.of(self.id, self.grants))

    def compile(self, sessions: Iterable[Session] = ()) -> CompiledPage:
        """The Page with its sessions compiled, ready to decide many times."""
        presence = PagePresence.compile(self.team, sessions, self.policy.presence)
        return CompiledPage(self, presence)

    def evolve(self, **changes: Any) -> Page:
        """This Page with any knob changed by its own name, however deep it sits.

        The knobs are the Page's own fields (``name``, ``zone``, ``locale``,
        ``settings``, ``grants``, ``policy``), its settings' (``enabled``,
        ``show_active``, ``hours``, ``away``, ``instant_reply``, ``away_message``),
        its policy's (``presence``, ``rollout_percent``, ``rollout_salt``,
        ``banner``, ``prompt_cooldown``) and its presence rules' (``idle_timeout``,
        ``api_counts``, ``mobile_counts``, ``third_party_needs_heartbeat``).
        ``hours`` takes a :class:`Schedule`, None (always within hours) or
        opening_hours text, which is read with what the new Page will have: in its
        zone (``zone=`` when given), keeping the holiday calendar (``PH``), school
        holidays (``SH``) and recurrences of the hours it replaces, which are those
        of ``settings=`` when that is given (not the old Page's) and the Page's
        present hours otherwise. New settings without hours give the text no
        calendars, and a text that uses ``PH`` or ``SH`` then asks for a
        :class:`Schedule`. No change gives the Page itself.

        Raises:
            InvalidValueError: an unknown knob (the message lists the knobs) or a
                value the knob refuses.

        Examples:
            >>> from datetime import timedelta
            >>> page = Page(id="acme", name="Acme", zone="Europe/Berlin")
            >>> later = page.evolve(idle_timeout=timedelta(minutes=30), hours="Mo-Fr 09:00-20:00")
            >>> later.policy.presence.idle_timeout, str(later.settings.hours)
            (datetime.timedelta(seconds=1800), 'Mo-Fr 09:00-20:00')
        """
        from ._evolve import evolve_page

        return evolve_page(self, **changes)


#: Fixed checks and the prompts made of them, shared by Pages with the same switches:
#: (show_active, enabled, in rollout, repr of the percentage, bucket, cooldown) -> both.
_SHARED_CHECKS: Dict[Tuple[Any, ...], Tuple[Dict[str, Check], Dict[Tuple[str, str], Prompt]]] = {}
#: The presence check's message when n people are online, by n.
_ONLINE: Dict[int, Text] = {}
#: How many entries each of these shared tables keeps at most.
_SHARED_LIMIT = 1024


def _fixed_checks(
    shown: bool, enabled: bool, in_rollout: bool, percent: float, bucket: int, cooldown: timedelta
) -> Dict[str, Check]:
    """The checks that depend only on the Page's switches, by key."""
    words = wording
    fixed = {
        "active": _check("page_active", True, words.PAGE_ACTIVE()),
        "show": _check("show_active_on", shown, (words.PROMPT_ON if shown else words.PROMPT_OFF)()),
        "rollout": _check("in_rollout", in_rollout, words.rollout(in_rollout, percent, bucket)),
        "anonymous": _check("visitor_not_team", True, words.VISITOR_ANONYMOUS()),
        "outsider": _check("visitor_not_team", True, words.VISITOR_OUTSIDER()),
        "member": _check("visitor_not_team", False, words.VISITOR_MEMBER()),
        "rested": _check("cooldown_passed", True, words.rested(cooldown)),
    }
    for status in Status:
        if status is not Status.ACTIVE:
            fixed[status.value] = _check("page_active", False, words.page_not_active(status.value))
    fixed["enabled"] = _check(
        "messaging_enabled", enabled, (words.MESSAGING_ON if enabled else words.MESSAGING_OFF)()
    )
    fixed["not_away"] = _check("not_away_by_hand", True, words.NOT_AWAY())
    fixed["always"] = _check("within_response_hours", True, words.HOURS_ALWAYS())
    return fixed


class _Prepared:
    """What depends on the Page alone: its rollout, the fixed prompt checks, and caches."""

    __slots__ = (
        "away_end",
        "banner",
        "bucket",
        "cuts",
        "expiry",
        "fixed",
        "hours_checks",
        "in_rollout",
        "local",
        "locales",
        "members",
        "outcomes",
        "rule_checks",
        "stretches",
        "target",
        "unknown",
    )

    def __init__(self, page: Page) -> None:
        policy, settings = page.policy, page.settings
        bucket = rollout_bucket(page.id, policy.rollout_salt)
        in_rollout = bucket < policy.rollout_percent
        self.bucket = bucket
        self.in_rollout = in_rollout
        shown, enabled, percent, cooldown = (
            settings.show_active,
            settings.enabled,
            policy.rollout_percent,
            policy.prompt_cooldown,
        )
        # Pages with the same switches share their fixed checks and the prompts made of them
        # (immutable values): most Pages have the defaults, so a compiled Page carries none.
        key = (shown, enabled, in_rollout, repr(percent), int(bucket) + 1, cooldown)
        shared = _SHARED_CHECKS.get(key)
        if shared is None:
            shared = (_fixed_checks(shown, enabled, in_rollout, percent, int(bucket) + 1, cooldown), {})
            if len(_SHARED_CHECKS) < _SHARED_LIMIT:
                _SHARED_CHECKS[key] = shared
        self.fixed = shared[0]
        # (status value, visitor kind) -> the prompt with the cooldown passed (without its
        # payload when shown), filled on first use
        self.outcomes: Dict[Tuple[str, str], Prompt] = shared[1]
        # (open, closed or unknown; rule number) -> the hours check naming that rule, filled on first use
        self.rule_checks: Dict[Tuple[HoursState, Optional[int]], Check] = {}
        # requested locale -> (catalogue locale, prompt texts), filled on first use
        self.locales: Dict[Optional[str], Tuple[str, Tuple[str, str, str]]] = {}
        # The last stretch of the payload expiry: (from, to, expires_at, its text, open): the
        # next change of the hours and the away setting is *expires_at* for every instant from
        # *from* (microseconds) up to, not including, *to*, so the hours are open (or closed)
        # all along it; *from* moves back when an earlier instant finds the same change.
        self.expiry: Tuple[int, int, Optional[datetime], str, bool] = (0, 0, None, "", False)
        # A stretch of constant UTC offset in the Page's zone with no repeated wall clock:
        # (from, to, anchor, its local time): every instant *t* from *from* up to, not
        # including, *to* (microseconds) is ``local + (t - anchor)`` in the zone, exactly as
        # ``t.astimezone(zone)`` gives it (the same wall clock, fold 0).
        self.local: Tuple[int, int, datetime, datetime] = (0, 0, _EPOCH, _EPOCH)
        # The payload's action target, and the banner's length with it in microseconds.
        self.target = f"/messages/t/{page.id}"
        self.banner = (policy.banner, policy.banner // _MICRO)
        self.members = page.team.members
        # The minutes of a day at which the rules' spans start or end, filled on first use
        self.cuts: Optional[List[int]] = None
        # Whether the hours can be unknown: then a time that is not open is asked anew
        self.unknown = settings.hours is not None and settings.hours.has_unknown
        # (local day, stretch of minutes between two cuts, open) -> the hours check, filled on use
        self.hours_checks: Dict[Tuple[date, int, bool], Check] = {}
        # Stretches of hours with their next change, sorted: (start, end, change) in
        # microseconds; the change holds from the start up to, not including, the end
        self.stretches: List[Tuple[int, int, Optional[datetime]]] = []
        away = settings.away
        # The microsecond the away time ends (a value past every instant while away until
        # switched back), or None when the Page is not set away by hand.
        self.away_end: Optional[int] = None if away is False else _FOREVER if away is True else _micros(away)


class CompiledPage:
    """A Page and its presence, compiled once to answer on every page view.

    Immutable after construction and safe to share between threads.
    """

    __slots__ = (
        "_away_end",
        "_bounds",
        "_bucket",
        "_enabled",
        "_fixed",
        "_hours",
        "_in_rollout",
        "_locales",
        "_members",
        "_outcomes",
        "_prepared",
        "_rule_checks",
        "page",
        "presence",
    )

    page: Page
    #: The compiled presence (in a view for :class:`~pageavail.live.LivePage`, its own).
    presence: PagePresence

    def __init__(self, page: Page, presence: PagePresence) -> None:
        if not isinstance(page, Page):
            raise InvalidValueError._for("page", "a Page (or use page.compile(sessions))", page)
        if not isinstance(presence, PagePresence):
            raise InvalidValueError._for(
                "presence", "a PagePresence (or use page.compile(sessions))", presence
            )
        if presence.team != page.team or presence.policy != page.policy.presence:
            raise InvalidValueError(
                f"the presence was compiled for another team or policy than the Page {page.id!r}; "
                f"use page.compile(sessions)"
            )
        prepared = page._prepared
        if prepared is None:
            prepared = _Prepared(page)
            object.__setattr__(page, "_prepared", prepared)
        self._share(page, presence, prepared)
        #: The merged live bounds of the presence (None in a view over another presence).
        self._bounds: Optional[Sequence[int]] = presence._bounds

    def _share(self, page: Page, presence: Any, prepared: _Prepared) -> None:
        """Set the Page, the presence and what every compiled form of the Page shares."""
        self.page = page
        self.presence = presence
        self._prepared = prepared
        self._enabled = page.settings.enabled
        self._hours = page.settings.hours
        self._members = prepared.members
        self._bucket = prepared.bucket
        self._in_rollout = prepared.in_rollout
        self._fixed = prepared.fixed
        self._locales = prepared.locales
        self._outcomes = prepared.outcomes
        self._away_end = prepared.away_end
        self._rule_checks = prepared.rule_checks

    def _language(self, locale: Optional[str]) -> Tuple[str, Tuple[str, str, str]]:
        """The catalogue locale and prompt texts for a requested *locale* (validated)."""
        if locale is not None and type(locale) is not str:
            normalize_locale(locale)  # raises the library's error for what *locale* is
        found = self._locales.get(locale)
        if found is None:
            requested = normalize_locale(locale) if locale is not None else self.page.locale
            language = catalogue_language(requested, self.page.locale)
            found = (language.replace("_", "-"), prompt_texts(self.page.name, language))
            if len(self._locales) < _LOCALE_CACHE:  # spellings come from visitors: keep the cache bounded
                self._locales[locale] = found
        return found

    def _with_presence(self, presence: Any) -> CompiledPage:
        """This Page with another presence (anything with ``is_live(at)``), sharing the rest.

        For :class:`~pageavail.live.LivePage`, whose page views need only the status.
        """
        view = object.__new__(CompiledPage)
        view._share(self.page, presence, self._prepared)
        view._bounds = None
        return view

    def __repr__(self) -> str:
        return f"CompiledPage(page={self.page.id!r}, sessions={len(self.presence)})"

    def __reduce__(self) -> Any:
        return (CompiledPage, (self.page, self.presence))

    @property
    def prompt_allowed_by_rollout(self) -> bool:
        """Whether the Page is in the rollout of the prompt."""
        return self._in_rollout

    # -- status ----------------------------------------------------------------

    def _away_by_hand(self, at: datetime) -> bool:
        end = self._away_end
        return end is not None and _micros(at) < end

    def state(self, at: datetime) -> Tuple[Status, str]:
        """The status and the name of the first failing check, without explanations.

        The cheap form of :meth:`decide`, for timelines and analysis.
        """
        settings = self.page.settings
        if not settings.enabled:
            return Status.MESSAGING_OFF, "messaging_enabled"
        if self._away_by_hand(at):
            return Status.AWAY, "not_away_by_hand"
        if settings.hours is not None and not settings.hours.is_open(at):
            return Status.AWAY, "within_response_hours"
        if not self.presence.is_live(at):
            return Status.OFFLINE, "someone_can_answer"
        return Status.ACTIVE, "active"

    def _schedule_change(self, at: datetime) -> Optional[datetime]:
        """The next change of the away setting or the response hours after *at*."""
        settings = self.page.settings
        away = settings.away
        if not isinstance(away, datetime):  # the common case: only the hours can change
            return None if settings.hours is None else settings.hours.next_change(at)
        candidates = []
        if _utc(at) < _utc(away):
            candidates.append(away.astimezone(self.page.zone))
        if settings.hours is not None:
            change = settings.hours.next_change(at)
            if change is not None:
                candidates.append(change)
        return min(candidates, key=_utc) if candidates else None

    def open_for_messages(self, at: datetime) -> bool:
        """Whether the Page's settings expect answers at *at*: messaging on, not set
        away by hand, within response hours. Presence plays no part."""
        settings = self.page.settings
        if not settings.enabled or self._away_by_hand(at):
            return False
        return settings.hours is None or settings.hours.is_open(at)

    def back_at(self, at: datetime) -> Optional[datetime]:
        """When the Page expects to answer again, by its settings alone.

        None when it already does at *at* (the team may be online any moment) or
        never will (messaging off, away until switched back, no hours ahead).
        Presence plays no part, so the answer reveals nothing about the team.
        The answer is exact: away by hand until an instant, only that instant
        can end it; after it, only the next opening of the hours.
        """
        utc_seconds(at)
        settings = self.page.settings
        if not settings.enabled or self.open_for_messages(at):
            return None
        moment = at
        if self._away_by_hand(at):
            if not isinstance(settings.away, datetime):
                return None  # away until someone switches it back
            moment = settings.away
        if settings.hours is None or settings.hours.is_open(moment):
            return moment.astimezone(self.page.zone)
        opening = settings.hours.next_change(moment)  # closed at *moment*: the next change opens
        return None if opening is None else opening.astimezone(self.page.zone)

    def _until_or_end(
        self, at: datetime, state: Tuple[Status, str], hours_change: Any = _UNKNOWN
    ) -> Optional[datetime]:
        """When the status next changes, or the end of the supported instants when that lies past it.

        *hours_change* is the hours' next change after *at* as ``Schedule.check(at)`` gives
        it (the end of the supported instants when it lies past them), if known.
        """
        try:
            until = self._next(at, state[0], state[1], False, hours_change)
        except OutOfRangeError:
            return MAX_INSTANT.astimezone(self.page.zone)
        if until is not None and _utc(until) > MAX_INSTANT:
            return MAX_INSTANT.astimezone(self.page.zone)
        return until

    def next_change(
        self, at: datetime, state: Optional[Tuple[Status, str]] = None, by_reason: bool = True
    ) -> Optional[datetime]:
        """The first instant after *at* at which :meth:`state` differs (None: never).

        The answer is exact, in at most three queries: while the Page is away by
        hand until an instant, only that instant can change the state; while it
        is outside its hours, only their next opening; otherwise the next change
        of the hours or of presence, whichever comes first.

        Args:
            state: the state at *at*, if already known (as :meth:`state` gives it).
            by_reason: also count a change of reason within one status (away by
                hand, then away outside hours) as a change.

        Raises:
            OutOfRangeError: *at* is outside the supported instants, or the next
                change of the hours lies beyond them.
        """
        utc_seconds(at)
        status, reason = self.state(at)
        if state is not None and _known_state(state) != (status, reason):
            raise InvalidValueError._for(
                "state", f"None or the state at *at*, {(status, reason)!r} (as state(at) gives it)", state
            )
        return self._next(at, status, reason, by_reason)

    def _next(
        self, at: datetime, status: Status, reason: str, by_reason: bool, hours_change: Any = _UNKNOWN
    ) -> Optional[datetime]:
        """:meth:`next_change` for a valid *at* whose state is *status* and *reason*.

        With *hours_change* (see :meth:`_until_or_end`) the hours are not asked again
        about *at*; a change past the supported instants is then that end, not an error.
        """
        settings = self.page.settings
        zone = self.page.zone
        if status is Status.MESSAGING_OFF:
            return None  # nothing but the settings themselves can switch messaging on
        moment = at
        if reason == "not_away_by_hand":
            if not isinstance(settings.away, datetime):
                return None  # away until someone switches it back
            moment = settings.away  # the only instant that can end it
            now = self.state(moment)
            if by_reason or now[0] is not status:
                return moment.astimezone(zone)
            reason = now[1]  # away outside the hours from *moment* on
        hours = settings.hours
        if hours_change is not _UNKNOWN and moment is not at:
            hours_change = _UNKNOWN  # known for *at* only
        if reason == "within_response_hours":
            if hours_change is _UNKNOWN:
                hours_change = hours.next_change(moment) if hours is not None else None
            return None if hours_change is None else hours_change.astimezone(zone)
        # Within hours and not away: the hours closing or presence flipping decides.
        changes = [self.presence.next_change(moment)]
        beyond: Optional[OutOfRangeError] = None
        if hours_change is not _UNKNOWN:
            changes.append(hours_change)
        elif hours is not None:
            try:
                changes.append(hours.next_change(moment))
            except OutOfRangeError as error:  # the hours change past the range, if at all
                beyond = error
        found = [change for change in changes if change is not None]
        if found:
            return min(found, key=_utc).astimezone(zone)
        if beyond is not None:
            raise beyond
        return None

    def decide(self, at: datetime) -> Decision:
        """The Page's status at *at*, with the four checks and the next change.

        Raises:
            OutOfRangeError: *at* is outside the supported instants.
        """
        moment = _micros(at)
        hours = self._hours
        if hours is None:
            hours_check, hours_change, hours_end = self._fixed["always"], None, _FOREVER
        else:
            hours_check, hours_change, hours_end = self._hours_at(hours, at, moment)
        checks = (
            self._check_enabled(),
            self._check_away(at, moment),
            hours_check,
            self._check_presence(at),
        )
        failing = next((c for c in checks if not c.passed), None)
        if failing is None:
            status, reason = Status.ACTIVE, "active"
        else:
            reason = failing.name
            if reason == "messaging_enabled":
                status = Status.MESSAGING_OFF
            elif reason == "someone_can_answer":
                status = Status.OFFLINE
            else:
                status = Status.AWAY
        bounds = self._bounds
        if bounds is not None and status in (Status.ACTIVE, Status.OFFLINE):
            until = self._until_live(bounds, moment, hours_end)
        else:
            until = self._until_or_end(at, (status, reason), hours_change)
        return Decision(self.page.id, at.astimezone(self.page.zone), status, reason, checks, until)

    def _until_live(self, bounds: Sequence[int], moment: int, hours_end: int) -> Optional[datetime]:
        """:meth:`_until_or_end` where the hours are open and the Page not away, in microseconds:
        the first of presence's next bound after *moment* and the hours' next change at
        *hours_end* (``_FOREVER`` for none)."""
        position = bisect_right(bounds, moment)
        end = min(bounds[position] if position < len(bounds) else _FOREVER, hours_end)
        if end == _FOREVER:
            return None
        return (_EPOCH + timedelta(microseconds=min(end, _MAX_MICROS))).astimezone(self.page.zone)

    def _hours_at(self, hours: Schedule, at: datetime, moment: int) -> Tuple[Check, Optional[datetime], int]:
        """The hours check at *at* and the hours' next change, as from ``Schedule.check(at)``,
        and that change in microseconds (``_FOREVER`` for none).

        Both are kept: the check by the local day, the stretch of minutes between two
        bounds of the rules' spans (where the deciding rule cannot change) and whether
        open; the next change for the stretch of hours up to it.
        """
        prepared = self._prepared
        is_open = hours.is_open(at)  # validates *at* first, as Schedule.check does
        local = at.astimezone(hours.zone)
        cuts = prepared.cuts
        if cuts is None:
            cuts = prepared.cuts = sorted(
                {
                    bound
                    for step in hours._get_program().steps
                    for span in step.today + step.spill
                    for bound in span
                }
            )
        if not is_open and prepared.unknown:  # closed or unknown: the kept stretches tell only open or not
            status = hours.check(at)
            change = status.next_change
            end = _FOREVER if change is None else (change - _EPOCH) // _MICRO
            return self._check_hours(status), change, end
        key = (local.date(), bisect_right(cuts, local.hour * 60 + local.minute), is_open)
        found = prepared.hours_checks.get(key)
        stretches = prepared.stretches
        position = bisect_right(stretches, (moment, _FOREVER))
        if found is not None and position:
            start, end, change = stretches[position - 1]
            if start <= moment < end:
                return found, change, end
        status = hours.check(at)
        found = self._check_hours(status)
        if len(prepared.hours_checks) >= _HOURS_CACHE:
            prepared.hours_checks.clear()
        prepared.hours_checks[key] = found
        change = status.next_change
        if len(stretches) >= _HOURS_CACHE:
            del stretches[:]
        end = _FOREVER if change is None else (change - _EPOCH) // _MICRO
        stretches.insert(bisect_right(stretches, (moment, _FOREVER)), (moment, end, change))
        return found, change, end

    def _check_enabled(self) -> Check:
        return self._fixed["enabled"]

    def _check_away(self, at: datetime, moment: int) -> Check:
        away = self.page.settings.away
        end = self._away_end
        if end is None or moment >= end:
            return self._fixed["not_away"]
        if not isinstance(away, datetime):
            return _check("not_away_by_hand", False, wording.AWAY_OPEN())
        return _check("not_away_by_hand", False, wording.away_until(away.astimezone(self.page.zone)))

    def _check_hours(self, status: Optional[HoursStatus]) -> Check:
        """The hours check from what the hours say at the instant (None: no hours, always open)."""
        if status is None:
            return self._fixed["always"]
        if status.rule is not None:
            key = (status.state, status.rule_number)
            found = self._rule_checks.get(key)
            if found is None:
                words = (
                    wording.hours_unknown(status.rule_number or 0, str(status.rule))
                    if status.state is HoursState.UNKNOWN
                    else wording.hours_rule(status.is_open, status.rule_number or 0, str(status.rule))
                )
                found = _check("within_response_hours", status.is_open, words)
                self._rule_checks[key] = found
            return found
        if status.is_open:  # pragma: no cover - an open instant always has a deciding rule
            return self._fixed["always"]
        return _check("within_response_hours", False, wording.hours_no_rule(status.at.date()))

    def _check_presence(self, at: datetime) -> Check:
        status, extra = self.presence._explain(at)
        if status.live:  # "n people who can answer are online": one message per n, kept
            message = _ONLINE.get(len(status.people))
            if message is None:
                message = status.message
                if len(_ONLINE) < _SHARED_LIMIT:
                    _ONLINE[len(status.people)] = message
        else:
            message = status.message
        return _trusted_check("someone_can_answer", status.live, message, () if extra is None else (extra,))

    # -- prompt ----------------------------------------------------------------

    def _check_decision(self, decision: Any, at: datetime) -> None:
        if not isinstance(decision, Decision) or not isinstance(decision.status, Status):
            raise InvalidValueError._for("decision", "None or the Decision of decide(at)", decision)
        if decision.page != self.page.id or _utc(decision.at) != _utc(at):
            raise InvalidValueError(
                f"'decision' is for the Page {decision.page!r} at {decision.at.isoformat()}, not for "
                f"{self.page.id!r} at {at.isoformat()}; pass decide(at) of this Page, or None"
            )

    def prompt(
        self,
        at: datetime,
        visitor: Optional[str] = None,
        last_prompted: Optional[datetime] = None,
        locale: Optional[str] = None,
        decision: Optional[Decision] = None,
    ) -> Prompt:
        """Whether *visitor* sees the prompt at *at*, and its payload.

        Args:
            at: the page view's instant.
            visitor: the visitor's id, or None when not signed in.
            last_prompted: when this visitor last saw the prompt, or None. An
                instant after *at* (two servers' clocks disagree) counts as
                "just now": the cooldown has not passed, and the check says so.
            locale: the visitor's locale; the Page's locale when None.
            decision: the decision for *at*, if already made. Without one,
                only the status is worked out (no explanation for the team),
                which is what a page view needs.
        """
        return self._answer(at, visitor, last_prompted, locale, decision, None)

    def _answer(
        self,
        at: datetime,
        visitor: Optional[str],
        last_prompted: Optional[datetime],
        locale: Optional[str],
        decision: Optional[Decision],
        live: Optional[Callable[[int], Any]],
    ) -> Prompt:
        """:meth:`prompt`, with presence from *live* (microseconds to live or not) when given."""
        seconds: Any = None
        try:  # _micros(at), inline for a datetime within the supported instants
            delta = at - _EPOCH
            seconds = delta.days * 86_400 + delta.seconds
        except Exception:  # anything else: _micros raises the library's error for it
            pass
        if type(seconds) is int and MIN_SECONDS <= seconds < MAX_SECONDS:
            moment = seconds * 1_000_000 + delta.microseconds
        else:
            moment = _micros(at)
        if visitor is None:
            kind = "anonymous"
        else:
            if type(visitor) is not str or _is_id(visitor) is None:
                _check_visitor(None, None, visitor)  # the library's error (a str subclass may pass)
            kind = "member" if visitor in self._members else "outsider"
        if locale is not None and (type(locale) is not str or locale not in self._locales):
            self._language(locale)  # validates it (the library's error) and caches its texts
        cooldown = None
        if last_prompted is not None:
            cooldown = self._cooldown(moment, _micros(last_prompted, "last_prompted"))
        prepared = self._prepared
        if decision is not None:
            self._check_decision(decision, at)
            status = decision.status.value
        elif not self._enabled:
            status = "messaging_off"
        else:  # the ladder without reasons, inline: this is every page view
            away_end = self._away_end
            hours = self._hours
            kept = prepared.expiry  # the hours are open, or closed, along its stretch
            if (away_end is not None and moment < away_end) or (
                hours is not None and not (kept[4] if kept[0] <= moment < kept[1] else hours.is_open(at))
            ):
                status = "away"
            elif live is not None:
                status = "active" if live(moment) else "offline"
            else:
                bounds = self._bounds
                if bounds is None:  # a view over another presence
                    status = "active" if self.presence.is_live(at) else "offline"
                else:
                    status = "active" if bisect_right(bounds, moment) & 1 else "offline"
        if cooldown is None:
            known = self._outcomes.get((status, kind))
            if known is None:
                known = self._outcome(status, kind, None)
        else:
            known = self._outcome(status, kind, cooldown)
        if not known.shown:  # the common page view: not shown, nothing new to say
            return known
        page = self.page
        found = self._locales.get(locale)
        language, texts = self._language(locale) if found is None else found
        kept = prepared.expiry
        if kept[0] <= moment < kept[1]:
            expires, stretch = kept[2], kept[3]
        else:
            expires, stretch = self._expiry(at, moment)
        banner, length = prepared.banner
        local = prepared.local
        if type(at) is datetime and local[0] <= moment and moment + length < local[1]:
            # the same wall clocks as astimezone gives, in a stretch of one offset
            shown = local[3] + (at - local[2])
            collapse = shown + banner
        else:
            zone = page.zone
            shown = at.astimezone(zone)
            if at.tzinfo is _UTC:  # one conversion fewer; the same instants and wall clocks
                collapse = (at + banner).astimezone(zone)
            else:
                collapse = (shown.astimezone(_UTC) + banner).astimezone(zone)
            if type(at) is datetime and shown.fold == 0:
                prepared.local = _one_offset(zone, at, moment, shown)
        # The payload (as build_payload makes it, without checking again what the Page has
        # checked) and the prompt, filled slot by slot: every shown page view makes both.
        page_id = page.id
        payload = _NEW(Payload)
        _SET_PAGE_ID(payload, page_id)
        _SET_PAGE_NAME(payload, page.name)
        _SET_LOCALE(payload, language)
        _SET_TITLE(payload, texts[0])
        _SET_BODY(payload, texts[1])
        _SET_ACTION_LABEL(payload, texts[2])
        _SET_ACTION_TARGET(payload, prepared.target)
        _SET_SHOWN_AT(payload, shown)
        _SET_COLLAPSE_AT(payload, collapse)
        _SET_EXPIRES_AT(payload, expires)
        _SET_DEDUPE_KEY(payload, _SHA256(f"{page_id}|{visitor or '-'}|{stretch}".encode()).hexdigest()[:16])
        prompt = _NEW(Prompt)
        _SET_SHOWN(prompt, True)
        _SET_REASON(prompt, "shown")
        _SET_CHECKS(prompt, known.checks)
        _SET_PAYLOAD(prompt, payload)
        return prompt

    def _outcome(self, status: str, kind: str, cooldown: Optional[Check]) -> Prompt:
        """The prompt's checks for a status and a kind of visitor: the Prompt when not shown,
        else one with the checks and no payload (the caller adds it). Kept when *cooldown* is None."""
        fixed = self._fixed
        checks = (
            fixed[status],
            fixed["show"],
            fixed["rollout"],
            fixed[kind],
            fixed["rested"] if cooldown is None else cooldown,
        )
        failing = next((c for c in checks if not c.passed), None)
        if failing is None:
            result = Prompt(shown=True, reason="shown", checks=checks, payload=None)
        else:
            result = Prompt(shown=False, reason=failing.name, checks=checks, payload=None)
        if cooldown is None:
            self._outcomes[(status, kind)] = result
        return result

    def _expiry(self, at: datetime, moment: int) -> Tuple[Optional[datetime], str]:
        """The payload's ``expires_at`` (the next change of the hours or the away setting)
        and its text in the de-duplication key.

        When that change lies past the supported instants, the last supported
        instant: the prompt must be asked for again by then in any case. The
        answer holds from *moment* up to the change itself, so it is kept with
        that stretch (and whether the hours are open along it) and reused within
        it; an earlier instant that finds the same change stretches it back.
        """
        prepared = self._prepared
        kept = prepared.expiry
        if kept[0] <= moment < kept[1]:
            return kept[2], kept[3]
        try:
            change = self._schedule_change(at)
        except OutOfRangeError:
            last = MAX_INSTANT.astimezone(self.page.zone)
            return last, last.isoformat()
        if change is None:
            end, text = _FOREVER, "open-ended"
        else:
            end, text = (change - _EPOCH) // _MICRO, change.isoformat()
        if end == kept[1] and moment < kept[0] and text == kept[3]:  # the same stretch, from earlier
            prepared.expiry = (moment, end, kept[2], text, kept[4])
            return kept[2], text
        hours = self._hours
        prepared.expiry = (moment, end, change, text, hours is None or hours.is_open(at))
        return change, text

    def _cooldown(self, moment: int, last: int) -> Optional[Check]:
        """The failing cooldown check when the visitor was prompted too recently, else None."""
        cooldown = self.page.policy.prompt_cooldown
        if not cooldown or moment - last >= cooldown // _MICRO:
            return None  # no cooldown at all, or it has passed
        if last > moment:
            # A later instant than the page view (clocks of two servers disagree): the
            # visitor was prompted just now, as far as this view can tell.
            return _check("cooldown_passed", False, wording.prompted_later(cooldown))
        ago = timedelta(seconds=(moment - last) // 1_000_000)
        return _check("cooldown_passed", False, wording.prompted(ago, cooldown))
