"""Who is online for a Page: sessions, the presence policy, and compiled presence.

A person works in **sessions**, each from one client (the web, the mobile app,
the Page manager app, the business inbox, a third-party inbox, or an API token),
with a start, the last activity seen, and an end when it ended. A session is
*live* from its start until it ends or has been idle longer than the policy's
idle timeout, that is over ``[started, min(ended, last_seen + idle_timeout))``.

A Page's presence keeps only sessions that count: the person can answer
messages on the Page (see :mod:`pageavail.team`), the session serves the Page,
and the policy counts its client. It merges them, across people and devices,
into sorted instants, so that "is someone who can answer live?" is one binary
search however many sessions there are.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> from pageavail.team import Grant, Team
    >>> t0 = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)
    >>> team = Team.of("acme", [Grant("anna", "acme", role="editor")])
    >>> presence = PagePresence.compile(team, [Session("anna", "web", t0, t0 + timedelta(minutes=30))])
    >>> presence.is_live(t0 + timedelta(minutes=35)), presence.is_live(t0 + timedelta(minutes=45))
    (True, False)
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

import attrs

from . import wording
from ._i18n import Text, normalize_locale
from ._time import instant_key, merge_spans, utc_seconds
from ._validate import StrictEnum, aware, boolean, collection_of, enum_member, identifier, optional_aware
from .errors import InvalidValueError
from .schedule import Interval
from .team import Team

__all__ = ["Client", "Ignored", "PagePresence", "PresencePolicy", "PresenceStatus", "Session"]

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MICRO = timedelta(microseconds=1)


def _micros(at: datetime, field: str = "at") -> int:
    """Exact microseconds since the epoch of an aware datetime."""
    utc_seconds(at, field)  # validates: aware datetime, or the library's error
    return (at - _EPOCH) // _MICRO


def _from_micros(value: int) -> datetime:
    return _EPOCH + timedelta(microseconds=value)


class Client(StrictEnum):
    """Where a session comes from."""

    WEB = "web"
    MOBILE = "mobile"
    PAGE_MANAGER = "page_manager"
    BUSINESS_INBOX = "business_inbox"
    THIRD_PARTY_INBOX = "third_party_inbox"
    API = "api"

    @classmethod
    def parse(cls, value: Any, field: str = "client") -> Client:
        """A client from its name (``"web"``), case-insensitively."""
        return enum_member(cls, value, field)


def _pages(value: Any) -> Optional[FrozenSet[str]]:
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidValueError._for("pages", "a collection of Page ids, or None for all", value)
    pages = frozenset(value)
    for page in pages:
        identifier("pages")(None, None, page)
    return pages


def _client(value: Any) -> Client:
    return Client.parse(value)


@attrs.frozen
class Session:
    """One person's session on one client.

    Attributes:
        person: who.
        client: from where.
        started: when the session began.
        last_seen: the last activity seen (at or after *started*).
        ended: when it ended, or None while it is open.
        pages: the Pages it serves, or None for all the person's Pages.
        heartbeat: a third-party inbox reports that a person (not a bot) is at
            the keyboard; without it such a session does not count by default.
    """

    person: str = attrs.field(validator=identifier("person"))
    client: Client = attrs.field(converter=_client)
    started: datetime = attrs.field(validator=aware("started"), eq=instant_key)
    last_seen: datetime = attrs.field(validator=aware("last_seen"), eq=instant_key)
    ended: Optional[datetime] = attrs.field(default=None, validator=optional_aware("ended"), eq=instant_key)
    pages: Optional[FrozenSet[str]] = attrs.field(default=None, converter=_pages)
    heartbeat: bool = attrs.field(default=False, validator=boolean("heartbeat"))

    def __attrs_post_init__(self) -> None:
        started, last_seen = _micros(self.started), _micros(self.last_seen)
        ended = 0 if self.ended is None else _micros(self.ended)
        if last_seen < started:
            raise InvalidValueError._for(
                "last_seen", f"at or after started ({self.started.isoformat()})", self.last_seen
            )
        if self.ended is not None:
            if ended < started:
                raise InvalidValueError._for(
                    "ended", f"at or after started ({self.started.isoformat()})", self.ended
                )
            if ended < last_seen:
                raise InvalidValueError._for(
                    "last_seen", f"at or before ended ({self.ended.isoformat()})", self.last_seen
                )

    def _instants(self) -> Tuple[int, int, Optional[int]]:
        """``(started, last_seen, ended or None)`` in microseconds since the epoch.

        Worked out when asked (once per session by a compile), not kept: a Session
        holds its fields alone, as small as its datetimes let it be.
        """
        ended = self.ended
        return (
            (self.started - _EPOCH) // _MICRO,
            (self.last_seen - _EPOCH) // _MICRO,
            None if ended is None else (ended - _EPOCH) // _MICRO,
        )

    def serves(self, page: str) -> bool:
        """Whether the session serves *page* (None serves all the person's Pages)."""
        return self.pages is None or page in self.pages

    def live_span(self, idle_timeout: timedelta) -> Tuple[int, int]:
        """The session's live microseconds ``[start, end)`` (possibly empty).

        Raises:
            InvalidValueError: *idle_timeout* is not a timedelta above 0 and at most one day.
        """
        _timeout(None, None, idle_timeout)
        return self._span(idle_timeout // _MICRO)

    def _span(self, timeout: int) -> Tuple[int, int]:
        return _live(self._instants(), timeout)


def _live(instants: Tuple[int, int, Optional[int]], timeout: int) -> Tuple[int, int]:
    """The live microseconds ``[start, end)`` of a session with these instants (see
    :meth:`Session._instants`): up to the idle timeout after the last activity, or
    the end, whichever comes first."""
    started, last_seen, ended = instants
    end = last_seen + timeout
    if ended is not None and ended < end:
        end = ended
    return started, end


def _timeout(instance: object, attribute: object, value: Any) -> None:
    if not isinstance(value, timedelta) or not timedelta(0) < value <= timedelta(days=1):
        raise InvalidValueError._for("idle_timeout", "a timedelta above 0 and at most one day", value)


@attrs.frozen(kw_only=True)
class PresencePolicy:
    """Which sessions count as someone online, and for how long.

    Attributes:
        idle_timeout: a session stops counting this long after its last
            activity. The default, 10 minutes, is where peer systems put "away":
            Slack sets a person away after 10 minutes without activity, Zendesk's
            idle timeout defaults to 10 minutes, and Microsoft Teams goes from
            Available through AvailableInactive (5 minutes) to Away (5 more).
        api_counts: whether API tokens count. Off by default: a token answers
            for a tool, not for a person at a keyboard (Slack counts bots only by
            an explicit toggle). Turn it on for teams that answer only through a
            ticket tool's API.
        mobile_counts: whether the mobile app counts (a phone in a pocket is
            often "connected"). On by default.
        third_party_needs_heartbeat: a third-party inbox counts only with a
            person's heartbeat, so that an integration that merely stays
            connected does not look like someone online. On by default.
    """

    idle_timeout: timedelta = attrs.field(default=timedelta(minutes=10), validator=_timeout)
    api_counts: bool = attrs.field(default=False, validator=boolean("api_counts"))
    mobile_counts: bool = attrs.field(default=True, validator=boolean("mobile_counts"))
    third_party_needs_heartbeat: bool = attrs.field(
        default=True, validator=boolean("third_party_needs_heartbeat")
    )

    def refusal(self, session: Session, locale: str = "en") -> Optional[str]:
        """Why the policy does not count *session*'s client, in the reader's *locale*,
        or None if it does."""
        message = self._refusal(session)
        return None if message is None else message.render(normalize_locale(locale))

    def _refusal(self, session: Session) -> Optional[Text]:
        if not isinstance(session, Session):
            raise InvalidValueError._for("session", "a Session", session)
        if session.client is Client.API and not self.api_counts:
            return wording.API_OFF()
        if session.client is Client.MOBILE and not self.mobile_counts:
            return wording.MOBILE_OFF()
        if (
            session.client is Client.THIRD_PARTY_INBOX
            and self.third_party_needs_heartbeat
            and not session.heartbeat
        ):
            return wording.NO_HEARTBEAT()
        return None


@attrs.frozen
class Ignored:
    """A session that does not count for the Page, and why (for the team only).

    ``reason`` is English; :meth:`text` renders the reader's locale.
    """

    person: str
    client: Client
    reason: str
    message: Optional[Text] = attrs.field(default=None, eq=False, repr=False)

    def text(self, locale: str = "en") -> str:
        """The reason in the reader's *locale*."""
        tag = normalize_locale(locale)
        return self.reason if self.message is None else self.message.render(tag)


@attrs.frozen
class PresenceStatus:
    """Presence at one instant, explained for the Page's team (never for visitors).

    Attributes:
        at: the instant asked about.
        live: whether someone who can answer is live.
        people: who is live, sorted.
        last_seen: the latest activity at or before *at* of a counting session,
            or None.
        idle_timeout: the policy's idle timeout.
        ignored: sessions live at *at* that do not count, with the reason.
        ended: when nobody is live because the session that counted last
            ended (a log-out) rather than went idle, the instant it ended;
            else None.
    """

    at: datetime = attrs.field(eq=instant_key)
    live: bool
    people: Tuple[str, ...]
    last_seen: Optional[datetime] = attrs.field(eq=instant_key)
    idle_timeout: timedelta
    ignored: Tuple[Ignored, ...]
    ended: Optional[datetime] = attrs.field(default=None, eq=instant_key)

    @property
    def message(self) -> Text:
        """The explanation as a message, for any locale."""
        if self.live:
            text = wording.someone_online(len(self.people))
        elif self.last_seen is None:
            text = wording.NEVER_ONLINE()
        elif self.ended is not None:
            text = wording.nobody_online_ended(_ago(self.at, self.ended))
        else:
            text = wording.nobody_online_idle(_ago(self.at, self.last_seen), self.idle_timeout)
        return text

    @property
    def not_counted(self) -> Optional[Text]:
        """Who is online but not counted, and why, or None."""
        if not self.ignored:
            return None
        return wording.not_counted(self.ignored)

    def text(self, locale: str = "en") -> str:
        """The explanation for the Page's team in the reader's *locale*."""
        tag = normalize_locale(locale)
        extra = self.not_counted
        main = self.message.render(tag)
        return main if extra is None else f"{main} {extra.render(tag)}"

    @property
    def reason(self) -> str:
        """The explanation in English (:meth:`text` for other languages)."""
        return self.text("en")


def _ago(at: datetime, then: datetime) -> timedelta:
    """How long before *at* the instant *then* was, in whole seconds."""
    return timedelta(seconds=(_micros(at) - _micros(then)) // 1_000_000)


def _session_key(item: Tuple[Session, Tuple[int, int, Optional[int]]]) -> Tuple[Any, ...]:
    """How a session and its instants sort: by person, client, instants (an open session's
    end as -1), Pages and heartbeat."""
    session, (started, last_seen, ended) = item
    return (
        session.person,
        session.client.value,
        started,
        last_seen,
        -1 if ended is None else ended,
        tuple(sorted(session.pages)) if session.pages is not None else (),
        session.pages is None,
        session.heartbeat,
    )


def _merge(spans: List[Tuple[int, int]]) -> List[int]:
    """Merged spans as flat bounds ``[s0, e0, s1, e1, ...]``."""
    return [bound for span in merge_spans(spans) for bound in span]


#: Who is live, what does not count and why, over a stretch between two cuts.
_Group = Tuple[Tuple[str, ...], Tuple[Ignored, ...], Optional[Text]]


def _sweep(spans: List[Tuple[int, int, Any]], cuts: List[int]) -> List[Tuple[Any, ...]]:
    """For spans ``(start, end, item)`` and sorted *cuts* holding their bounds: the items
    live over ``[cuts[i - 1], cuts[i])`` at index *i* (none before the first cut), in order."""
    opening: Dict[int, List[int]] = {}
    closing: Dict[int, List[int]] = {}
    for number, (start, end, _) in enumerate(spans):
        if start < end:
            opening.setdefault(start, []).append(number)
            closing.setdefault(end, []).append(number)
    live: Set[int] = set()
    groups: List[Tuple[Any, ...]] = [()]
    for cut in cuts:  # one sweep: at each cut, the spans that end there go, those that start come
        live.difference_update(closing.get(cut, ()))
        live.update(opening.get(cut, ()))
        groups.append(tuple(spans[number][2] for number in sorted(live)))
    return groups


def _index(
    people: Mapping[str, Sequence[int]], ignored: Tuple[Tuple[int, int, Ignored], ...]
) -> Tuple[List[int], List[_Group]]:
    """``(cuts, groups)``: at a microsecond *m*, ``groups[bisect_right(cuts, m)]`` holds who
    is live, the sessions live that do not count, and the text saying why (None if none)."""
    live = [
        (bounds[i], bounds[i + 1], person)
        for person, bounds in people.items()
        for i in range(0, len(bounds), 2)
    ]
    spans = list(ignored)
    cuts = sorted({bound for start, end, _ in live + spans if start < end for bound in (start, end)})
    groups = [
        (who, items, wording.not_counted(items) if items else None)
        for who, items in zip(_sweep(live, cuts), _sweep(spans, cuts))
    ]
    return cuts, groups


@attrs.frozen
class PagePresence:
    """The compiled presence of one Page: when someone who can answer is live.

    Make one with :meth:`compile`. Sessions are stored sorted, so their order
    never matters; queries are binary searches, O(log n) in the sessions.
    """

    team: Team
    sessions: Tuple[Session, ...]
    policy: PresencePolicy
    #: The merged live spans of the sessions that count, ``[s0, e0, s1, e1, ...]`` in
    #: microseconds (as every array here, 64-bit integers).
    _bounds: array[int] = attrs.field(eq=False, repr=False)
    #: What only explanations read, made on the first of them (see :meth:`_details`): the
    #: merged live spans per person, by person; the last activities of the sessions that
    #: count, sorted; and the ends of their live spans, sorted, each as ``2 * end + 1`` when
    #: the session ended there (a log-out) and ``2 * end`` when it went idle.
    _explained: Optional[Tuple[Dict[str, array[int]], array[int], array[int]]] = attrs.field(
        init=False, default=None, eq=False, repr=False
    )
    #: Who is live and what does not count, by instant (see :func:`_index`); made on the
    #: first :meth:`explain`.
    _index: Optional[Tuple[List[int], List[_Group]]] = attrs.field(
        init=False, default=None, eq=False, repr=False
    )

    @classmethod
    def compile(
        cls, team: Team, sessions: Iterable[Session], policy: PresencePolicy = PresencePolicy()
    ) -> PagePresence:
        """Keep the sessions that count for *team*'s Page and merge them.

        Raises:
            InvalidValueError: *sessions* holds something that is not a Session.
        """
        if not isinstance(team, Team):
            raise InvalidValueError._for("team", "a Team", team)
        if not isinstance(policy, PresencePolicy):
            raise InvalidValueError._for("policy", "a PresencePolicy", policy)
        items = collection_of(sessions, Session, "sessions")
        pairs = sorted(((session, session._instants()) for session in items), key=_session_key)
        ordered = tuple(session for session, _ in pairs)
        spans: List[Tuple[int, int]] = []
        answerers = team.answerers
        timeout = policy.idle_timeout // _MICRO
        for session, instants in pairs:
            if cls._refusal(team, answerers, policy, session) is None:
                spans.append(_live(instants, timeout))
        return cls(team, ordered, policy, array("q", _merge(spans)))

    def _details(self) -> Tuple[Dict[str, array[int]], array[int], array[int]]:
        """What explanations read (see ``_explained``), made on first use and kept."""
        kept = self._explained
        if kept is not None:
            return kept
        team, policy = self.team, self.policy
        spans: Dict[str, List[Tuple[int, int]]] = {}
        activity: List[int] = []
        ends: List[int] = []
        timeout = policy.idle_timeout // _MICRO
        for session in self.sessions:
            if self._refusal(team, team.answerers, policy, session) is not None:
                continue
            instants = session._instants()
            start, end = _live(instants, timeout)
            spans.setdefault(session.person, []).append((start, end))
            last_seen = instants[1]
            activity.append(last_seen)
            if start < end:
                ends.append(2 * end + (end < last_seen + timeout))
        people = {person: array("q", _merge(items)) for person, items in sorted(spans.items())}
        kept = (people, array("q", sorted(activity)), array("q", sorted(ends)))
        object.__setattr__(self, "_explained", kept)
        return kept

    def _ignored(self) -> Tuple[Tuple[int, int, Ignored], ...]:
        """The live spans ``(start, end, item)`` of the sessions that do not count, with why."""
        team, policy = self.team, self.policy
        timeout = policy.idle_timeout // _MICRO
        ignored = []
        for session in self.sessions:
            reason = self._refusal(team, team.answerers, policy, session)
            if reason is not None:
                why = Ignored(session.person, session.client, reason.render("en"), reason)
                ignored.append((*session._span(timeout), why))
        return tuple(ignored)

    @staticmethod
    def _refusal(
        team: Team, answerers: FrozenSet[str], policy: PresencePolicy, session: Session
    ) -> Optional[Text]:
        if not session.serves(team.page):
            return wording.other_pages(session.pages or ())
        if session.person not in answerers:
            access = team.access(session.person)
            return access.message or wording.Message(access.reason)()
        return policy._refusal(session)

    @property
    def page(self) -> str:
        """The Page this presence is for."""
        return self.team.page

    def is_live(self, at: datetime) -> bool:
        """Whether someone who can answer is live at *at*."""
        return bisect_right(self._bounds, _micros(at)) & 1 == 1

    def who(self, at: datetime) -> Tuple[str, ...]:
        """Who is live at *at*, sorted (for the team's explanation only)."""
        moment = _micros(at)
        return tuple(p for p, bounds in self._details()[0].items() if bisect_right(bounds, moment) & 1)

    def next_change(self, at: datetime) -> Optional[datetime]:
        """The first instant after *at* at which :meth:`is_live` answers differently."""
        moment = _micros(at)
        position = bisect_right(self._bounds, moment)
        if position == len(self._bounds):
            return None
        return _from_micros(self._bounds[position]).astimezone(at.tzinfo)

    def intervals(self, start: datetime, end: datetime) -> Tuple[Interval, ...]:
        """The maximal intervals when someone who can answer is live, clipped to ``[start, end)``."""
        utc_seconds(end, "end", end=True)
        first, last = _micros(start, "start"), (end - _EPOCH) // _MICRO
        if last < first:
            raise InvalidValueError._for("end", f"at or after start ({start.isoformat()})", end)
        bounds = self._bounds
        result = []
        for index in range(bisect_right(bounds, first) // 2 * 2, len(bounds), 2):
            lo, hi = max(bounds[index], first), min(bounds[index + 1], last)
            if lo >= last:
                break
            if lo < hi:
                result.append(Interval._trusted(_from_micros(lo), _from_micros(hi)))
        return tuple(result)

    def explain(self, at: datetime) -> PresenceStatus:
        """Presence at *at* with who, the last activity and what did not count."""
        return self._explain(at)[0]

    def _explain(self, at: datetime) -> Tuple[PresenceStatus, Optional[Text]]:
        """:meth:`explain`, and its ``not_counted`` text (made once per stretch)."""
        moment = _micros(at)
        people_spans, activity, ends = self._details()
        position = bisect_right(activity, moment)
        last_seen = _from_micros(activity[position - 1]) if position else None
        kept = self._index
        if kept is None:
            kept = _index(people_spans, self._ignored())
            object.__setattr__(self, "_index", kept)
        people, ignored, not_counted = kept[1][bisect_right(kept[0], moment)]
        live = bisect_right(self._bounds, moment) & 1 == 1
        ended = None
        if not live:
            # The counting session whose live span ended last at or before *at*; among
            # sessions ending at the same instant, one that ended by log-out explains it.
            index = bisect_right(ends, 2 * moment + 1)
            if index and ends[index - 1] & 1:
                ended = _from_micros(ends[index - 1] >> 1).astimezone(at.tzinfo)
        status = PresenceStatus(at, live, people, last_seen, self.policy.idle_timeout, ignored, ended)
        return status, not_counted
