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
        return self._refuses(session.client, session.heartbeat)

    def _refuses(self, client: Client, heartbeat: bool) -> Optional[Text]:
        """Why the policy does not count a session from *client*, or None if it does."""
        if client is Client.API and not self.api_counts:
            return wording.API_OFF()
        if client is Client.MOBILE and not self.mobile_counts:
            return wording.MOBILE_OFF()
        if client is Client.THIRD_PARTY_INBOX and self.third_party_needs_heartbeat and not heartbeat:
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


def _session_key(item: Tuple[Any, ...]) -> Tuple[Any, ...]:
    """How a session sorts, from *item* ``(session, instants, ...)``: by person, client,
    instants (an open session's end as -1), Pages and heartbeat."""
    session: Session = item[0]
    started, last_seen, ended = item[1]
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


#: The clients by their code in a packed session (bits 0 to 2 of its flags).
_CLIENTS: Tuple[Client, ...] = tuple(Client)
_CLIENT_CODES: Dict[str, int] = {client.value: code for code, client in enumerate(_CLIENTS)}
#: The other bits of a packed session's flags: a heartbeat, an open session (no end),
#: and the ``fold`` of started, last_seen and ended (this bit shifted by 0, 1 and 2).
_HEARTBEAT = 8
_OPEN = 16
_FOLD = 32
#: Codes per packed session: the person, the Pages, the zones of started, last_seen and
#: ended (see :func:`_zone_code`), and the flags.
_WIDTH = 6
_NAIVE_EPOCH = datetime(1970, 1, 1)
_NO_ZONE = object()
#: A zone of a packed instant: the datetime's own tzinfo and its UTC offset there, in
#: microseconds.
_Zone = Tuple[Any, int]
#: A session read from its packed form: person, client, Pages, heartbeat, and instants.
_Row = Tuple[str, Client, Optional[FrozenSet[str]], bool, Tuple[int, int, Optional[int]]]


#: A session with its instants and its codes, as :func:`_pack` gives them.
_Packed = Tuple[Session, Tuple[int, int, Optional[int]], Tuple[int, ...]]


class _Table:
    """The objects packed sessions name, each once, and their codes (see :func:`_pack`)."""

    __slots__ = ("known", "values", "zeros")

    def __init__(self) -> None:
        self.values: List[Any] = []
        #: Codes: people by value, Page sets (or None) by id, zones by (id, offset).
        self.known: Dict[Any, int] = {}
        #: Midnight 1970-01-01 in each tzinfo, by id (with the tzinfo, keeping the id taken).
        self.zeros: Dict[int, Tuple[datetime, Any]] = {}

    def code(self, key: Any, value: Any) -> int:
        """The code of *value*, kept under *key*; added when new."""
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = len(self.values)
            self.values.append(value)
        return found

    def zero(self, tz: Any) -> datetime:
        """Midnight 1970-01-01 with the tzinfo object *tz*: a datetime minus it is the wall
        clock's time since then (a difference of two datetimes with one tzinfo object is
        of their wall clocks)."""
        found = self.zeros.get(id(tz))
        if found is None:
            found = self.zeros[id(tz)] = (_NAIVE_EPOCH.replace(tzinfo=tz), tz)
        return found[0]

    def instant(self, at: datetime) -> Tuple[int, int]:
        """``(microseconds since the epoch, code of the zone)`` of any aware datetime."""
        tz = at.tzinfo
        offset = at.utcoffset() // _MICRO  # type: ignore[operator]
        return (at - self.zero(tz)) // _MICRO - offset, self.code((id(tz), offset), (tz, offset))


def _pack(items: Iterable[Session]) -> Tuple[List[_Packed], List[Any], bool]:
    """Each session with its instants and codes (see ``_WIDTH``), the table the codes name,
    and whether every session is made again exactly from them (see :func:`_unpacked`).

    A datetime is packed as its instant (microseconds since the epoch) and the code of a
    zone: its own tzinfo object with its UTC offset there. The wall clock is the instant
    plus that offset, so the datetime is made again with the same fields, ``fold`` and
    tzinfo object. The table keeps each person once by value, each Page set (or None) and
    each zone once by identity, so that each comes back as it was passed. A subclass of
    Session or of datetime (a pandas ``Timestamp``) would not come back as it was: then
    the sessions are kept as passed (see ``PagePresence._originals``).
    """
    table = _Table()
    known = table.known
    exact = True
    # The fixed-offset zone (a datetime.timezone) of the session before, if it had one.
    last_tz: Any = _NO_ZONE
    zero = _NAIVE_EPOCH
    fixed = code = 0
    packed: List[_Packed] = []
    micro, clients, plain, one_offset = _MICRO, _CLIENT_CODES, datetime, timezone  # (locals are faster)
    for session in items:
        started, last_seen, ended = session.started, session.last_seen, session.ended
        tz = started.tzinfo
        flags = clients[session.client._value_] | _HEARTBEAT * session.heartbeat
        times: Tuple[int, int, Optional[int]]
        if (
            type(session) is Session
            and type(started) is plain
            and type(last_seen) is plain
            and last_seen.tzinfo is tz
            and (tz is last_tz or type(tz) is one_offset)
            and (ended is None or (type(ended) is plain and ended.tzinfo is tz))
        ):  # the common case: one fixed offset (as UTC) for the whole session
            if tz is not last_tz:
                last_tz, zero = tz, table.zero(tz)
                fixed = tz.utcoffset(None) // micro
                code = table.code((id(tz), fixed), (tz, fixed))
            if ended is None:
                times = ((started - zero) // micro - fixed, (last_seen - zero) // micro - fixed, None)
                flags |= _OPEN
            else:
                times = (
                    (started - zero) // micro - fixed,
                    (last_seen - zero) // micro - fixed,
                    (ended - zero) // micro - fixed,
                )
                if ended.fold:
                    flags |= _FOLD * 4
            if started.fold or last_seen.fold:
                flags |= started.fold * _FOLD | last_seen.fold * _FOLD * 2
            zones = (code, code, code)
        else:
            if not (type(session) is Session and type(started) is datetime and type(last_seen) is datetime):
                exact = False
            if ended is not None and type(ended) is not datetime:
                exact = False
            first, zone_started = table.instant(started)
            seen, zone_seen = table.instant(last_seen)
            end: Optional[int] = None
            zone_ended = 0
            flags |= started.fold * _FOLD | last_seen.fold * _FOLD * 2
            if ended is None:
                flags |= _OPEN
            else:
                end, zone_ended = table.instant(ended)
                flags |= ended.fold * _FOLD * 4
            times = (first, seen, end)
            zones = (zone_started, zone_seen, zone_ended)
        person, pages = session.person, session.pages
        person_code = known.get(person)
        if person_code is None:
            person_code = table.code(person, person)
        pages_code = known.get(id(pages))
        if pages_code is None:
            pages_code = table.code(id(pages), pages)
        packed.append((session, times, (person_code, pages_code, *zones, flags)))
    return packed, table.values, exact


def _datetime(instant: int, zone: _Zone, fold: int) -> datetime:
    """The datetime :func:`_pack` packed as *instant* in *zone*, with *fold*."""
    tz, offset = zone
    return (_NAIVE_EPOCH + timedelta(microseconds=instant + offset)).replace(tzinfo=tz, fold=fold)


_new = object.__new__
_set = object.__setattr__


def _unpacked(instants: Sequence[int], codes: Sequence[int], table: Sequence[Any]) -> Tuple[Session, ...]:
    """The sessions :func:`_pack` packed, made again: equal, with the same repr and pickle."""
    sessions = []
    for number in range(len(codes) // _WIDTH):
        at, first = 3 * number, _WIDTH * number
        flags = codes[first + 5]
        session = _new(Session)  # the fields were validated when the session was first made
        _set(session, "person", table[codes[first]])
        _set(session, "client", _CLIENTS[flags & 7])
        _set(session, "started", _datetime(instants[at], table[codes[first + 2]], flags >> 5 & 1))
        _set(session, "last_seen", _datetime(instants[at + 1], table[codes[first + 3]], flags >> 6 & 1))
        ended = None if flags & _OPEN else _datetime(instants[at + 2], table[codes[first + 4]], flags >> 7)
        _set(session, "ended", ended)
        _set(session, "pages", table[codes[first + 1]])
        _set(session, "heartbeat", bool(flags & _HEARTBEAT))
        sessions.append(session)
    return tuple(sessions)


@attrs.frozen(eq=False, repr=False)
class PagePresence:
    """The compiled presence of one Page: when someone who can answer is live.

    Make one with :meth:`compile`. Sessions are stored sorted, so their order
    never matters; queries are binary searches, O(log n) in the sessions.

    The sessions are kept packed, as integers (see :func:`_pack`), and
    :attr:`sessions` makes them again when asked: equal to those passed in,
    with the same fields, zones and ``fold``. Two presences are equal when
    their team, sessions and policy are.
    """

    team: Team
    policy: PresencePolicy
    #: The merged live spans of the sessions that count, ``[s0, e0, s1, e1, ...]`` in
    #: microseconds (as every array here, 64-bit integers).
    _bounds: array[int]
    #: Every session's started, last_seen and ended (0 while open), in microseconds, sorted
    #: as :attr:`sessions`.
    _instants: array[int]
    #: ``_WIDTH`` codes per session: the person, the Pages and three zones in ``_table``, and
    #: the flags (the client, heartbeat, an open session, the folds).
    _codes: array[int]
    #: The people, Page sets (or None) and zones the codes name.
    _table: Tuple[Any, ...]
    #: The sessions as passed, when one of them would not be made again exactly (a
    #: subclass of Session or of datetime); else None.
    _originals: Optional[Tuple[Session, ...]]
    #: What only explanations read, made on the first of them (see :meth:`_details`): the
    #: merged live spans per person, by person; the last activities of the sessions that
    #: count, sorted; and the ends of their live spans, sorted, each as ``2 * end + 1`` when
    #: the session ended there (a log-out) and ``2 * end`` when it went idle.
    _explained: Optional[Tuple[Dict[str, array[int]], array[int], array[int]]] = attrs.field(
        init=False, default=None
    )
    #: Who is live and what does not count, by instant (see :func:`_index`); made on the
    #: first :meth:`explain`.
    _index: Optional[Tuple[List[int], List[_Group]]] = attrs.field(init=False, default=None)

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
        packed, table, exact = _pack(items)
        packed.sort(key=_session_key)
        spans: List[Tuple[int, int]] = []
        answerers = team.answerers
        timeout = policy.idle_timeout // _MICRO
        instants: List[Optional[int]] = []
        codes: List[int] = []
        for session, times, numbers in packed:
            if (
                cls._refused(
                    team, answerers, policy, session.person, session.client, session.pages, session.heartbeat
                )
                is None
            ):
                spans.append(_live(times, timeout))
            instants += times
            codes += numbers
        kept = [0 if value is None else value for value in instants]  # an open session's end as 0
        kind = "B" if len(table) < 1 << 8 else "H" if len(table) < 1 << 16 else "L"
        originals = None if exact else tuple(session for session, _, _ in packed)
        return cls(
            team,
            policy,
            array("q", _merge(spans)),
            array("q", kept),
            array(kind, codes),
            tuple(table),
            originals,
        )

    @property
    def sessions(self) -> Tuple[Session, ...]:
        """Every session passed to :meth:`compile`, counting or not, sorted (made again from
        the packed form on each read: equal to the sessions passed, zones and ``fold`` included)."""
        if self._originals is not None:
            return self._originals
        return _unpacked(self._instants, self._codes, self._table)

    def _rows(self) -> List[_Row]:
        """Each session's person, client, Pages, heartbeat and instants, sorted as :attr:`sessions`."""
        instants, codes, table = self._instants, self._codes, self._table
        rows: List[_Row] = []
        for number in range(len(codes) // _WIDTH):
            at, first = 3 * number, _WIDTH * number
            flags = codes[first + 5]
            times = (instants[at], instants[at + 1], None if flags & _OPEN else instants[at + 2])
            rows.append(
                (
                    table[codes[first]],
                    _CLIENTS[flags & 7],
                    table[codes[first + 1]],
                    bool(flags & _HEARTBEAT),
                    times,
                )
            )
        return rows

    def __len__(self) -> int:
        """How many sessions were compiled, counting or not."""
        return len(self._codes) // _WIDTH

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PagePresence):
            return NotImplemented
        return (self.team, self.sessions, self.policy) == (other.team, other.sessions, other.policy)

    def __hash__(self) -> int:
        return hash((self.team, self.sessions, self.policy))

    def __repr__(self) -> str:
        return f"PagePresence(team={self.team!r}, sessions={self.sessions!r}, policy={self.policy!r})"

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
        for person, client, pages, heartbeat, instants in self._rows():
            if self._refused(team, team.answerers, policy, person, client, pages, heartbeat) is not None:
                continue
            start, end = _live(instants, timeout)
            spans.setdefault(person, []).append((start, end))
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
        for person, client, pages, heartbeat, instants in self._rows():
            reason = self._refused(team, team.answerers, policy, person, client, pages, heartbeat)
            if reason is not None:
                why = Ignored(person, client, reason.render("en"), reason)
                ignored.append((*_live(instants, timeout), why))
        return tuple(ignored)

    @staticmethod
    def _refused(
        team: Team,
        answerers: FrozenSet[str],
        policy: PresencePolicy,
        person: str,
        client: Client,
        pages: Optional[FrozenSet[str]],
        heartbeat: bool,
    ) -> Optional[Text]:
        """Why a session of *person* on *client* for *pages* does not count for *team*'s Page,
        or None if it does."""
        if pages is not None and team.page not in pages:
            return wording.other_pages(pages or ())
        if person not in answerers:
            access = team.access(person)
            return access.message or wording.Message(access.reason)()
        return policy._refuses(client, heartbeat)

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
