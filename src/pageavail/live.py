"""Presence from events, for services: a Page's live state as an immutable value.

A service sees log-ins, heartbeats and log-outs, one event at a time, not
finished :class:`~pageavail.presence.Session` values. :class:`PresenceEvent`
is one such event, and :class:`LivePage` is a Page with the events applied:
``live.apply(event)`` returns a new value and leaves the old one unchanged.

The rules (each pinned by a property test):

* **Sessions come from devices.** Events are keyed by ``(person, device)``.
  On one device, a ``started`` event opens a session, ``activity`` events
  move its last activity on, and ``ended`` closes it; a new ``started`` while
  a session is open closes the open one at that instant (the device logged in
  again). An ``activity`` on a device with no open session opens one when it
  names a client, and does nothing otherwise; so does an ``ended``.
* **Order and duplicates do not matter.** A ``LivePage`` holds the set of its
  events and reads each device's events in time order (at one instant:
  ``started``, then ``activity``, then ``ended``), so any order of the same
  events, with any duplicates, gives an equal value: the one of the sorted
  stream.
* **Memory stays bounded with** :meth:`LivePage.prune`. ``prune(before)``
  forgets the sessions whose live time ended before that instant and the
  activity that can no longer matter; every answer at or after *before*
  stays the same. An event older than the last prune can no longer be placed
  exactly, so it is ignored and counted in :attr:`LivePage.ignored`, never
  silently lost.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> import pageavail as pa
    >>> page = pa.Page(id="acme", name="Acme", zone="Europe/Berlin",
    ...                grants=[pa.Grant("anna", "acme", role="editor")])
    >>> nine = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)
    >>> live = pa.LivePage.start(page)
    >>> live = live.apply(pa.PresenceEvent.started("anna", device="d1", client="web", at=nine))
    >>> live.prompt(nine + timedelta(minutes=5), visitor="v-1").shown
    True
    >>> live = live.apply(pa.PresenceEvent.ended("anna", device="d1", at=nine + timedelta(minutes=6)))
    >>> live.decide(nine + timedelta(minutes=7)).reason
    'someone_can_answer'
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from datetime import datetime, timedelta, timezone
from itertools import chain
from operator import itemgetter
from typing import Any, Dict, FrozenSet, Iterable, List, Mapping, Optional, Tuple

import attrs

from ._time import utc_seconds
from ._validate import StrictEnum, aware, boolean, collection_of, identifier
from .errors import InvalidValueError
from .presence import Client, Session, _pages
from .rules import CompiledPage, Decision, Page, Prompt

__all__ = ["SNAPSHOT_FORMAT", "SNAPSHOT_VERSION", "EventKind", "LivePage", "PresenceEvent"]

#: The ``format`` and ``version`` of :meth:`LivePage.snapshot`.
SNAPSHOT_FORMAT = "pageavail.live"
SNAPSHOT_VERSION = 1
_SNAPSHOT_KEYS = ("format", "version", "page", "horizon", "ignored", "events")

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MICRO = timedelta(microseconds=1)

#: Devices changed since the last rebuild of the shared arrays; past this many,
#: ``apply`` folds them in (a copy of the arrays), so a query looks at most at
#: this many devices besides two binary searches.
_DELTA_LIMIT = 32


class EventKind(StrictEnum):
    """What happened on a device."""

    STARTED = "started"
    ACTIVITY = "activity"
    ENDED = "ended"


_ORDER = {EventKind.STARTED: 0, EventKind.ACTIVITY: 1, EventKind.ENDED: 2}


def _kind(value: Any) -> EventKind:
    return EventKind(value) if not isinstance(value, EventKind) else value


def _client(value: Any) -> Optional[Client]:
    return None if value is None else Client.parse(value)


@attrs.frozen
class PresenceEvent:
    """One thing that happened on one of a person's devices.

    Make events with :meth:`started`, :meth:`activity` and :meth:`ended`.
    Two events are equal when they say the same thing about the same instant,
    whatever zone their datetimes are in.

    Attributes:
        kind: started, activity or ended.
        person: who.
        device: which of the person's devices (or browser tabs, or app installs).
        at: when.
        client: where the session runs; needed to start one.
        pages: the Pages the session serves, or None for all the person's Pages.
        heartbeat: a third-party inbox reports a person at the keyboard.
    """

    kind: EventKind = attrs.field(converter=_kind)
    person: str = attrs.field(validator=identifier("person"))
    device: str = attrs.field(validator=identifier("device"))
    at: datetime = attrs.field(validator=aware("at"), eq=False)
    client: Optional[Client] = attrs.field(default=None, converter=_client)
    pages: Optional[FrozenSet[str]] = attrs.field(default=None, converter=_pages)
    heartbeat: bool = attrs.field(default=False, validator=boolean("heartbeat"))
    instant: int = attrs.field(init=False, repr=False)
    """Microseconds since the epoch: what equality and order use."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "instant", (self.at - _EPOCH) // _MICRO)
        if self.kind is EventKind.STARTED and self.client is None:
            raise InvalidValueError._for("client", "a client to start a session on (e.g. 'web')", None)
        if self.kind is EventKind.ENDED and (
            self.client is not None or self.pages is not None or self.heartbeat
        ):
            raise InvalidValueError(
                f"an 'ended' event carries only person, device and at (got client={self.client!r}, "
                f"pages={self.pages!r}, heartbeat={self.heartbeat!r}); drop the other fields"
            )

    @classmethod
    def started(
        cls,
        person: str,
        *,
        device: str,
        client: Any,
        at: datetime,
        pages: Optional[Iterable[str]] = None,
        heartbeat: bool = False,
    ) -> PresenceEvent:
        """A session starts: *person* logged in on *device* from *client*."""
        return cls(EventKind.STARTED, person, device, at, client, pages, heartbeat)

    @classmethod
    def activity(
        cls,
        person: str,
        *,
        device: str,
        at: datetime,
        client: Any = None,
        pages: Optional[Iterable[str]] = None,
        heartbeat: bool = False,
    ) -> PresenceEvent:
        """A heartbeat or any action on *device*; with a client it may also start a session."""
        return cls(EventKind.ACTIVITY, person, device, at, client, pages, heartbeat)

    @classmethod
    def ended(cls, person: str, *, device: str, at: datetime) -> PresenceEvent:
        """The session on *device* ended: a log-out."""
        return cls(EventKind.ENDED, person, device, at)

    @property
    def key(self) -> Tuple[str, str]:
        """``(person, device)``: the events of one key make that device's sessions."""
        return (self.person, self.device)

    def _order(self) -> Tuple[Any, ...]:
        return (
            self.instant,
            _ORDER[self.kind],
            "" if self.client is None else self.client.value,
            () if self.pages is None else tuple(sorted(self.pages)),
            self.pages is None,
            self.heartbeat,
        )

    def to_dict(self) -> Dict[str, Any]:
        """A JSON-ready dict, read back by :meth:`from_dict`."""
        return {
            "kind": self.kind.value,
            "person": self.person,
            "device": self.device,
            "at": self.at.isoformat(),
            "client": None if self.client is None else self.client.value,
            "pages": None if self.pages is None else sorted(self.pages),
            "heartbeat": self.heartbeat,
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = "event") -> PresenceEvent:
        """An event from a mapping such as :meth:`to_dict` gives (``at`` as ISO text with an offset).

        Raises:
            InvalidValueError: a key is missing, unknown or invalid; the message
                names *where* and the key.
        """
        if not isinstance(data, Mapping):
            raise InvalidValueError._for(where, "a mapping with kind, person, device and at", data)
        allowed = ("kind", "person", "device", "at", "client", "pages", "heartbeat")
        unknown = sorted(str(key) for key in data if key not in allowed)
        if unknown:
            raise InvalidValueError(
                f"{where}: unknown key {unknown[0]!r}; an event has the keys {', '.join(allowed)}"
            )
        for key in ("kind", "person", "device", "at"):
            if key not in data:
                raise InvalidValueError(f"{where}: the key {key!r} is missing")
        at = data["at"]
        if isinstance(at, str):
            at = _parse_instant(at, f"{where}.at")
        try:
            return cls(
                data["kind"],
                data["person"],
                data["device"],
                at,
                data.get("client"),
                data.get("pages"),
                data.get("heartbeat", False),
            )
        except InvalidValueError as error:
            raise InvalidValueError(f"{where}: {error}") from None


def _parse_instant(text: str, where: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00")) if len(text) <= 64 else None
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise InvalidValueError._for(
            where, "an ISO 8601 instant with an offset, such as '2026-11-27T10:00:00+01:00'", text
        )
    return value


# -- one device: its events, sessions and live spans ----------------------------------------

#: A session as the replay of a device's events makes it: the event that opened it,
#: its last activity, and the instant it closed (None while open).
_Raw = Tuple[PresenceEvent, datetime, Optional[datetime]]


#: In-order events gather in a short tail, folded into the head now and then, so that
#: a device's next heartbeat copies at most this many events, not its whole history.
_TAIL = 64


class _Device:
    """The events of one ``(person, device)`` and what they make (immutable once built)."""

    __slots__ = ("closed", "closed_spans", "current", "head", "last", "part", "spans", "tail", "unmatched")

    def __init__(
        self,
        head: Tuple[PresenceEvent, ...],
        tail: Tuple[PresenceEvent, ...],
        last: PresenceEvent,
        closed: Tuple[_Raw, ...],
        closed_spans: Tuple[Tuple[int, int], ...],
        current: Optional[_Raw],
        unmatched: int,
        spans: Tuple[Tuple[int, int], ...],
    ) -> None:
        self.head = head
        self.tail = tail
        self.last = last  # the last event, in order
        self.closed = closed
        self.closed_spans = closed_spans
        self.current = current
        self.unmatched = unmatched
        self.spans = spans
        # Its part of the delta it was made into (see _Delta.changed, which sets it before
        # the device is seen anywhere): relative to the shared arrays of that delta only.
        self.part: _Part = _NO_PART

    @property
    def events(self) -> Tuple[PresenceEvent, ...]:
        """Every event of the device, in order."""
        return self.head + self.tail if self.tail else self.head

    @property
    def raws(self) -> Tuple[_Raw, ...]:
        """The device's sessions, in order; the last may be open."""
        return self.closed if self.current is None else (*self.closed, self.current)


def _step(event: PresenceEvent, current: Optional[_Raw]) -> Tuple[Optional[_Raw], Optional[_Raw], int]:
    """Read one event onto the open session: ``(session it closed, open session, unmatched)``."""
    kind = event.kind
    if kind is EventKind.STARTED:
        closing = None if current is None else (current[0], current[1], event.at)
        return closing, (event, event.at, None), 0
    if kind is EventKind.ACTIVITY:
        if current is not None:
            return None, (current[0], event.at, None), 0
        if event.client is not None:
            return None, (event, event.at, None), 0
        return None, None, 1
    if current is not None:
        return (current[0], current[1], event.at), None, 0
    return None, None, 1


class _Rules:
    """What decides whether a session counts for the Page, and for how long."""

    __slots__ = ("answerers", "page", "policy", "timeout")

    def __init__(self, page: Page) -> None:
        self.page = page.id
        self.answerers = page.team.answerers
        self.policy = page.policy.presence
        self.timeout = self.policy.idle_timeout // _MICRO

    def span(self, raw: _Raw) -> Optional[Tuple[int, int]]:
        """The live microseconds of a session that counts, or None."""
        opened = raw[0]
        if opened.person not in self.answerers:
            return None
        if opened.pages is not None and self.page not in opened.pages:
            return None
        client = opened.client
        policy = self.policy
        if client is Client.API and not policy.api_counts:
            return None
        if client is Client.MOBILE and not policy.mobile_counts:
            return None
        if client is Client.THIRD_PARTY_INBOX and policy.third_party_needs_heartbeat and not opened.heartbeat:
            return None
        start = opened.instant
        end = (raw[1] - _EPOCH) // _MICRO + self.timeout
        if raw[2] is not None:
            end = min(end, (raw[2] - _EPOCH) // _MICRO)
        return (start, end) if start < end else None

    def _made(
        self,
        head: Tuple[PresenceEvent, ...],
        tail: Tuple[PresenceEvent, ...],
        last: PresenceEvent,
        closed: Tuple[_Raw, ...],
        closed_spans: Tuple[Tuple[int, int], ...],
        current: Optional[_Raw],
        unmatched: int,
    ) -> _Device:
        spans = closed_spans
        if current is not None:
            span = self.span(current)
            if span is not None:
                spans = (*closed_spans, span)
        return _Device(head, tail, last, closed, closed_spans, current, unmatched, spans)

    def rebuild(self, events: Tuple[PresenceEvent, ...]) -> _Device:
        """A device from its events, in order (no duplicates)."""
        closed: List[_Raw] = []
        current: Optional[_Raw] = None
        unmatched = 0
        for event in events:
            closing, current, missed = _step(event, current)
            if closing is not None:
                closed.append(closing)
            unmatched += missed
        closed_spans = tuple(span for span in map(self.span, closed) if span is not None)
        return self._made(events, (), events[-1], tuple(closed), closed_spans, current, unmatched)

    def appended(self, device: _Device, event: PresenceEvent) -> _Device:
        """*device* with one more event after all of its own."""
        head, tail = device.head, (*device.tail, event)
        if len(tail) > _TAIL:
            head, tail = head + tail, ()
        current = device.current
        closed, closed_spans = device.closed, device.closed_spans
        if event.kind is EventKind.ACTIVITY and current is not None:
            # The open session goes on: it counts as it did (an open session's span is never
            # empty), and only the end of its span moves.
            spans = device.spans
            if len(spans) > len(closed_spans):
                spans = (*closed_spans, (spans[-1][0], event.instant + self.timeout))
            moved = (current[0], event.at, None)
            return _Device(head, tail, event, closed, closed_spans, moved, device.unmatched, spans)
        closing, current, missed = _step(event, current)
        if closing is not None:
            closed = (*closed, closing)
            span = self.span(closing)
            if span is not None:
                closed_spans = (*closed_spans, span)
        return self._made(head, tail, event, closed, closed_spans, current, device.unmatched + missed)


def _session(raw: _Raw) -> Session:
    opened, last_seen, ended = raw
    assert opened.client is not None  # a session opens only with a client
    return Session(opened.person, opened.client, opened.at, last_seen, ended, opened.pages, opened.heartbeat)


# -- the Page ---------------------------------------------------------------------------------


class _Shared:
    """Sorted starts and ends of the counting spans of every device as of the last rebuild."""

    __slots__ = ("devices", "ends", "starts")

    def __init__(self, devices: Dict[Tuple[str, str], _Device], starts: List[int], ends: List[int]) -> None:
        self.devices = devices
        self.starts = starts
        self.ends = ends

    @classmethod
    def of(cls, devices: Dict[Tuple[str, str], _Device]) -> _Shared:
        starts = sorted(a for device in devices.values() for a, _ in device.spans)
        ends = sorted(b for device in devices.values() for _, b in device.spans)
        return cls(devices, starts, ends)

    def folded(self, delta: _Delta) -> _Shared:
        """These arrays with *delta*'s changes made: its devices in place, its spans in the arrays."""
        devices = dict(self.devices)
        devices.update(delta.devices)
        parts = [device.part for device in delta.devices.values()]
        starts = _replaced(
            self.starts,
            sorted(chain.from_iterable(map(_DROP_STARTS, parts))),
            sorted(chain.from_iterable(map(_ADD_STARTS, parts))),
        )
        ends = _replaced(
            self.ends,
            sorted(chain.from_iterable(map(_DROP_ENDS, parts))),
            sorted(chain.from_iterable(map(_ADD_ENDS, parts))),
        )
        return _Shared(devices, starts, ends)


def _changed_spans(
    old: Tuple[Tuple[int, int], ...], new: Tuple[Tuple[int, int], ...]
) -> Tuple[Tuple[Tuple[int, int], ...], Tuple[Tuple[int, int], ...]]:
    """*old* and *new* spans without the first ones they share (the sessions that closed before)."""
    if old is new:
        return (), ()
    common = min(len(old), len(new))
    if old[:common] != new[:common]:
        common -= 1
        if common <= 0 or old[:common] != new[:common]:
            return old, new
    return old[common:], new[common:]


def _replaced(values: List[int], drops: List[int], adds: List[int]) -> List[int]:
    """Sorted *values* without *drops* (sorted, each one of *values*) and with *adds* (sorted).

    *values* itself when the two are equal (the shared lists are never changed in place);
    otherwise one pass that copies the runs of *values* between the changes.
    """
    if drops == adds:
        return values
    result: List[int] = []
    start = 0
    done = 0
    count = len(drops)
    for value in adds:
        while done < count and drops[done] <= value:
            position = bisect_left(values, drops[done], start)
            result += values[start:position]
            start = position + 1
            done += 1
        position = bisect_left(values, value, start)
        result += values[start:position]
        result.append(value)
        start = position
    for value in drops[done:]:
        position = bisect_left(values, value, start)
        result += values[start:position]
        start = position + 1
    result += values[start:]
    return result


#: A device's part of a delta: the starts and ends it takes out of the shared arrays
#: and those it puts in, each sorted.
_Part = Tuple[List[int], List[int], List[int], List[int]]
_DROP_STARTS, _ADD_STARTS, _DROP_ENDS, _ADD_ENDS = (itemgetter(index) for index in range(4))


def _contribution(old: Optional[_Device], new: _Device) -> _Part:
    """What a device that was *old* in the shared arrays and is now *new* changes in them:
    ``(starts out, starts in, ends out, ends in)``, without the spans the two share (the
    sessions closed before) and without an open span's start that stays where it was
    (only its end moved)."""
    if old is None:
        before: Tuple[Tuple[int, int], ...] = ()
        after = new.spans
    elif old.closed_spans is new.closed_spans:  # the same closed sessions: only the open one changed
        kept = len(new.closed_spans)
        before, after = old.spans[kept:], new.spans[kept:]
    else:
        before, after = _changed_spans(old.spans, new.spans)
    if len(before) == 1 == len(after) and before[0][0] == after[0][0]:  # only its end moved
        return [], [], [before[0][1]], [after[0][1]]
    if not before and len(after) == 1:  # a device new since the last fold, with one span
        return [], [after[0][0]], [], [after[0][1]]
    return (
        sorted(a for a, _ in before),
        sorted(a for a, _ in after),
        sorted(b for _, b in before),
        sorted(b for _, b in after),
    )


def _swapped(values: List[int], drops: List[int], adds: List[int]) -> List[int]:
    """A sorted copy of *values* without *drops* (each one of them) and with *adds*."""
    result = list(values)
    for value in drops:
        del result[bisect_left(result, value)]
    for value in adds:
        insort(result, value)
    return result


class _Delta:
    """The devices changed since the last fold into :class:`_Shared` (immutable once built).

    A page view counts the spans that hold an instant as the starts at or before it
    less the ends at or before it. The changed devices add their own spans' starts
    and ends, and take away those of the spans they had in the shared arrays:
    ``plus`` holds what adds one to the count (the new starts, the replaced ends),
    ``minus`` what takes one away (the new ends, the replaced starts), both sorted,
    without what cancels out (see :func:`_contribution`). Each device of the delta
    keeps its own share of the two (``part``), to take it back out when it changes again.
    """

    __slots__ = ("devices", "minus", "plus")

    def __init__(self, devices: Dict[Tuple[str, str], _Device], plus: List[int], minus: List[int]) -> None:
        self.devices = devices
        self.plus = plus
        self.minus = minus

    def changed(self, key: Tuple[str, str], device: _Device, shared: _Shared) -> _Delta:
        """This delta with *device* (just made, seen nowhere yet) in place of the device of *key*."""
        devices = dict(self.devices)
        devices[key] = device
        previous = self.devices.get(key)
        old = shared.devices.get(key)
        if previous is None and old is not None and old.closed_spans is device.closed_spans:
            # the first change since the fold, to the open session: only its end may have moved
            kept = len(device.closed_spans)
            before, after = old.spans[kept:], device.spans[kept:]
            if len(before) == 1 == len(after) and before[0][0] == after[0][0]:
                device.part = ([], [], [before[0][1]], [after[0][1]])  # as _contribution makes it
                plus, minus = list(self.plus), list(self.minus)
                insort(plus, before[0][1])
                insort(minus, after[0][1])
                return _Delta(devices, plus, minus)
        undone = _NO_PART if previous is None else previous.part
        if (
            previous is not None
            and previous.closed_spans is device.closed_spans
            and (old is None or old.closed_spans is device.closed_spans)
        ):  # the open session changed again: only its span's end may have moved
            kept = len(device.closed_spans)
            moved, now = previous.spans[kept:], device.spans[kept:]
            if len(moved) == 1 == len(now) and moved[0][0] == now[0][0]:
                # the part is made as before, with this end in place of the last one
                ends = [now[0][1]] if len(undone[3]) == 1 else _swapped(undone[3], [moved[0][1]], [now[0][1]])
                device.part = (undone[0], undone[1], undone[2], ends)
                minus = list(self.minus)
                del minus[bisect_left(minus, moved[0][1])]
                insort(minus, now[0][1])
                return _Delta(devices, self.plus, minus)
        part = device.part = _contribution(old, device)
        # plus: the starts put in and the ends taken out; minus: the other way round
        plus, minus = self.plus, self.minus
        if undone[1] != part[1] or undone[2] != part[2]:
            plus = _swapped(plus, undone[1] + undone[2], part[1] + part[2])
        if undone[0] != part[0] or undone[3] != part[3]:
            minus = _swapped(minus, undone[0] + undone[3], part[0] + part[3])
        return _Delta(devices, plus, minus)


_NO_PART: _Part = ([], [], [], [])
_new = object.__new__
_NO_DELTA = _Delta({}, [], [])


class _LivePresence:
    """``is_live(at)`` of a :class:`LivePage`, for the compiled Page's view of its status."""

    __slots__ = ("live",)

    def __init__(self, live: LivePage) -> None:
        self.live = live

    def is_live(self, at: datetime) -> bool:
        return self.live._live_at((at - _EPOCH) // _MICRO)


class LivePage:
    """A Page with the presence events applied so far: immutable, cheap to update and to ask.

    Make one with :meth:`start` (no events yet) or :meth:`restore` (from a
    snapshot), then :meth:`apply` events. :meth:`prompt` answers a page view
    without compiling anything; :meth:`decide` compiles the sessions once per
    value, for the full explanation.
    """

    __slots__ = (
        "_compiled",
        "_delta",
        "_horizon",
        "_rules",
        "_shared",
        "_view",
        "ignored",
        "page",
    )

    page: Page
    #: How many events were ignored because they were older than the last :meth:`prune`.
    ignored: int
    _rules: _Rules
    _view: CompiledPage
    _shared: _Shared
    _delta: _Delta
    _horizon: Optional[int]
    _compiled: Optional[CompiledPage]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise InvalidValueError(
            "make a LivePage with LivePage.start(page) or LivePage.restore(page, snapshot)"
        )

    @classmethod
    def _make(
        cls,
        page: Page,
        rules: _Rules,
        view: CompiledPage,
        shared: _Shared,
        delta: _Delta,
        ignored: int,
        horizon: Optional[int],
    ) -> LivePage:
        live = _new(cls)
        live.page = page
        live._rules = rules
        live._view = view
        live._shared = shared
        live._delta = delta
        live.ignored = ignored
        live._horizon = horizon
        live._compiled = None
        return live

    @classmethod
    def start(cls, page: Page) -> LivePage:
        """A live Page with no events yet: nobody online."""
        if not isinstance(page, Page):
            raise InvalidValueError._for("page", "a Page", page)
        compiled = page.compile(())
        return cls._make(page, _Rules(page), compiled, _Shared({}, [], []), _NO_DELTA, 0, None)

    # -- events --------------------------------------------------------------------------------

    def apply(self, event: PresenceEvent) -> LivePage:
        """This Page with *event* applied: a new value (this one is unchanged).

        A duplicate returns an equal value; an event older than the last
        :meth:`prune` returns a value with :attr:`ignored` one higher.

        Raises:
            InvalidValueError: *event* is not a :class:`PresenceEvent`.
        """
        if not isinstance(event, PresenceEvent):
            raise InvalidValueError._for("event", "a PresenceEvent (PresenceEvent.started(...) etc.)", event)
        if self._horizon is not None and event.instant < self._horizon:
            return self._make(
                self.page, self._rules, self._view, self._shared, self._delta, self.ignored + 1, self._horizon
            )
        key = (event.person, event.device)
        old = self._delta.devices.get(key) or self._shared.devices.get(key)
        rules = self._rules
        if old is None:
            device = rules.rebuild((event,))
        elif event.instant > old.last.instant or (
            event.instant == old.last.instant and event._order() > old.last._order()
        ):  # in order, after its last event: read one more event onto the open session
            device = rules.appended(old, event)
        else:  # late: place it among the device's events and read them again
            order = event._order()
            events = old.events
            orders = [item._order() for item in events]
            position = bisect_left(orders, order)
            if position < len(orders) and orders[position] == order:
                return self  # a duplicate changes nothing
            device = rules.rebuild((*events[:position], event, *events[position:]))
        shared = self._shared
        delta = self._delta.changed(key, device, shared)
        if len(delta.devices) > _DELTA_LIMIT:
            shared, delta = shared.folded(delta), _NO_DELTA
        live = _new(LivePage)  # as _make, without the call: this is every event
        live.page = self.page
        live._rules = rules
        live._view = self._view
        live._shared = shared
        live._delta = delta
        live.ignored = self.ignored
        live._horizon = self._horizon
        live._compiled = None
        return live

    def apply_all(self, events: Iterable[PresenceEvent]) -> LivePage:
        """This Page with every event of *events* applied, in any order (as :meth:`apply` one by one)."""
        items = collection_of(events, PresenceEvent, "events")
        live = self
        for event in items:
            live = live.apply(event)
        return live

    # -- answers -------------------------------------------------------------------------------

    def _devices(self) -> Dict[Tuple[str, str], _Device]:
        if not self._delta.devices:
            return self._shared.devices
        devices = dict(self._shared.devices)
        devices.update(self._delta.devices)
        return devices

    @property
    def sessions(self) -> Tuple[Session, ...]:
        """The sessions the events make, sorted by person, device and start."""
        devices = self._devices()
        return tuple(_session(raw) for key in sorted(devices) for raw in devices[key].raws)

    @property
    def compiled(self) -> CompiledPage:
        """The Page compiled with :attr:`sessions` (made once per value, on first use)."""
        compiled = self._compiled
        if compiled is None:
            compiled = self.page.compile(self.sessions)
            self._compiled = compiled
        return compiled

    def prompt(
        self,
        at: datetime,
        visitor: Optional[str] = None,
        last_prompted: Optional[datetime] = None,
        locale: Optional[str] = None,
    ) -> Prompt:
        """Whether *visitor* sees the prompt at *at*, as :meth:`CompiledPage.prompt` answers it.

        Nothing is compiled: the status reads the live spans directly.
        """
        return self._view._answer(at, visitor, last_prompted, locale, None, self._live_at)

    def _live_at(self, moment: int) -> bool:
        """Whether a counting span holds *moment* (microseconds): more of them started than ended."""
        shared, delta = self._shared, self._delta
        count = (
            bisect_right(shared.starts, moment)
            - bisect_right(shared.ends, moment)
            + bisect_right(delta.plus, moment)
            - bisect_right(delta.minus, moment)
        )
        return count > 0

    def state(self, at: datetime) -> Any:
        """The status and the first failing check's name at *at* (as :meth:`CompiledPage.state`)."""
        utc_seconds(at)
        return self._view._with_presence(_LivePresence(self)).state(at)

    def decide(self, at: datetime) -> Decision:
        """The status at *at* with the team's explanation (as :meth:`CompiledPage.decide`)."""
        return self.compiled.decide(at)

    # -- memory and persistence ----------------------------------------------------------------

    def prune(self, before: datetime) -> LivePage:
        """Forget what cannot change an answer at or after *before*.

        Sessions whose live time (counting or not) ended at or before *before*
        are dropped, with the activity inside kept sessions that a later event
        can no longer make matter. Events older than *before* that arrive
        later are ignored and counted in :attr:`ignored`. Every status, prompt
        and next change at or after *before* stays the same; explanations may
        no longer mention the sessions that were dropped.
        """
        utc_seconds(before, "before")
        moment = (before - _EPOCH) // _MICRO
        horizon = moment if self._horizon is None else max(moment, self._horizon)
        devices: Dict[Tuple[str, str], _Device] = {}
        for key, device in self._devices().items():
            kept = _prune_device(device, horizon)
            if kept:
                devices[key] = self._rules.rebuild(kept)
        shared = _Shared.of(devices)
        return self._make(self.page, self._rules, self._view, shared, _NO_DELTA, self.ignored, horizon)

    def snapshot(self) -> Dict[str, Any]:
        """A JSON-ready, versioned dict of this value; :meth:`restore` makes it again."""
        devices = self._devices()
        return {
            "format": SNAPSHOT_FORMAT,
            "version": SNAPSHOT_VERSION,
            "page": self.page.id,
            "horizon": None if self._horizon is None else (_EPOCH + self._horizon * _MICRO).isoformat(),
            "ignored": self.ignored,
            "events": [event.to_dict() for key in sorted(devices) for event in devices[key].events],
        }

    @classmethod
    def restore(cls, page: Page, snapshot: Any) -> LivePage:
        """The value :meth:`snapshot` was taken of.

        Raises:
            InvalidValueError: the snapshot is not one of this format and version,
                is for another Page, or holds an invalid event (named by its index).
        """
        live = cls.start(page)
        if not isinstance(snapshot, Mapping) or snapshot.get("format") != SNAPSHOT_FORMAT:
            raise InvalidValueError._for("snapshot", f"a dict with format {SNAPSHOT_FORMAT!r}", snapshot)
        unknown = sorted(str(key) for key in snapshot if key not in _SNAPSHOT_KEYS)
        if unknown:
            raise InvalidValueError(
                f"snapshot: unknown key {unknown[0]!r}; a snapshot has the keys {', '.join(_SNAPSHOT_KEYS)}"
            )
        if snapshot.get("version") != SNAPSHOT_VERSION:
            raise InvalidValueError._for("snapshot.version", f"{SNAPSHOT_VERSION}", snapshot.get("version"))
        if snapshot.get("page") != page.id:
            raise InvalidValueError(
                f"the snapshot is of the Page {snapshot.get('page')!r}, not of {page.id!r}; restore it "
                f"with its own Page"
            )
        ignored = snapshot.get("ignored")
        if isinstance(ignored, bool) or not isinstance(ignored, int) or ignored < 0:
            raise InvalidValueError._for("snapshot.ignored", "a count of 0 or more", ignored)
        events = snapshot.get("events")
        if isinstance(events, (str, bytes)) or not isinstance(events, Iterable):
            raise InvalidValueError._for("snapshot.events", "a list of events", events)
        grouped: Dict[Tuple[str, str], List[PresenceEvent]] = {}
        for index, data in enumerate(events):
            event = PresenceEvent.from_dict(data, f"snapshot.events[{index}]")
            grouped.setdefault(event.key, []).append(event)
        devices: Dict[Tuple[str, str], _Device] = {}
        for key, items in grouped.items():
            ordered = sorted({event._order(): event for event in items}.items())
            devices[key] = live._rules.rebuild(tuple(event for _, event in ordered))
        horizon_text = snapshot.get("horizon")
        horizon = None
        if horizon_text is not None:
            if not isinstance(horizon_text, str):
                raise InvalidValueError._for("snapshot.horizon", "None or an ISO instant", horizon_text)
            instant = _parse_instant(horizon_text, "snapshot.horizon")
            utc_seconds(instant, "snapshot.horizon", end=True)
            horizon = (instant - _EPOCH) // _MICRO
        return cls._make(page, live._rules, live._view, _Shared.of(devices), _NO_DELTA, ignored, horizon)

    # -- values --------------------------------------------------------------------------------

    def _identity(self) -> Tuple[Any, ...]:
        devices = self._devices()
        return (
            self.page,
            self.ignored,
            self._horizon,
            tuple((key, devices[key].events) for key in sorted(devices)),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LivePage):
            return NotImplemented
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(self._identity())

    def __repr__(self) -> str:
        devices = self._devices()
        events = sum(len(device.events) for device in devices.values())
        return (
            f"LivePage(page={self.page.id!r}, devices={len(devices)}, events={events}, "
            f"ignored={self.ignored})"
        )

    def __reduce__(self) -> Any:
        return (_restore, (self.page, self.snapshot()))


def _restore(page: Page, snapshot: Dict[str, Any]) -> LivePage:
    return LivePage.restore(page, snapshot)


def _prune_device(device: _Device, horizon: int) -> Tuple[PresenceEvent, ...]:
    """The events of *device* that can still change an answer at or after *horizon*.

    A session that closed before the horizon is dead for every later instant,
    and no later event can reopen it (a later event sorts after its close), so
    it goes. The first session still open at the horizon keeps the event that
    opened it and its last activity before the horizon; every event from the
    horizon on stays, as do the later sessions (they start after it).
    """
    raws = device.raws
    first = next(
        (i for i, (_, _, ended) in enumerate(raws) if ended is None or (ended - _EPOCH) // _MICRO >= horizon),
        None,
    )
    late = [event for event in device.events if event.instant >= horizon]
    if first is None:
        return tuple(late)
    opened = raws[first][0]
    if opened.instant >= horizon:
        return tuple(late)
    opened_order = opened._order()
    early = [event for event in device.events if event.instant < horizon and event._order() > opened_order]
    # Between its opening and the horizon the session neither closed nor was replaced,
    # so these are its own activities; only the last of them can matter.
    return (opened, *early[-1:], *late)
