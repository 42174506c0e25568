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

import threading
from bisect import bisect_left, bisect_right, insort
from datetime import datetime, timedelta, timezone
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

#: A store keeps the changes back for at most ``max(_LOG_LEAST, devices >> _LOG_SHIFT)``
#: values; the next ``apply`` starts a store of its own (a copy). Copying every so
#: many changes costs each change a few nanoseconds per thousand devices, and an
#: older value kept alive holds at most that many logged changes besides its own
#: devices (the devices as they were when it was made).
_LOG_LEAST = 16
_LOG_SHIFT = 4


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

    __slots__ = ("closed", "closed_spans", "current", "head", "last", "spans", "tail", "unmatched")

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


class _Store:
    """The devices of one or more :class:`LivePage` values, and the sorted starts and ends
    of their counting spans, changed in place by ``apply``.

    A store's state is that of its *current* value: the one whose version is the
    length of the store's log. ``apply`` on the current value changes the state in
    place and logs the change back; the new value is the current one. Any other
    value of the store is the state with the logged changes after its version
    undone: asked anything, it first makes a store of its own, a copy with them
    undone (once; it then answers as fast as a current value). A store logs at
    most ``max(_LOG_LEAST, devices >> _LOG_SHIFT)`` changes; the next ``apply``
    copies it, so an older value kept alive holds at most that many logged
    changes besides its own devices. ``apply`` changes a store only under its
    lock; page views read without it. Each change is logged before it is made,
    and a change interrupted halfway is put back with new arrays (see
    :func:`_restored`), so a reader that finds the log as long and the arrays
    the same after reading as before has read one state (see
    :meth:`LivePage._live_at`).
    """

    __slots__ = ("devices", "ends", "lock", "log", "starts")

    def __init__(self, devices: Dict[Tuple[str, str], _Device], starts: List[int], ends: List[int]) -> None:
        self.devices = devices
        self.starts = starts
        self.ends = ends
        self.log: List[_Undo] = []
        self.lock = threading.Lock()

    @classmethod
    def of(cls, devices: Dict[Tuple[str, str], _Device]) -> _Store:
        starts = sorted(a for device in devices.values() for a, _ in device.spans)
        ends = sorted(b for device in devices.values() for _, b in device.spans)
        return cls(devices, starts, ends)

    def copy(self, version: int) -> _Store:
        """A store of its own for the value of *version* (held under the lock)."""
        copy = _Store(dict(self.devices), self.starts[:], self.ends[:])
        devices, starts, ends = copy.devices, copy.starts, copy.ends
        for key, device, part in reversed(self.log[version:]):
            if part is None:  # a heartbeat: the end of the open span moves back
                assert device is not None
                del ends[bisect_left(ends, devices[key].spans[-1][1])]
                insort(ends, device.spans[-1][1])
                devices[key] = device
                continue
            if device is None:
                del devices[key]
            else:
                devices[key] = device
            _edit(starts, part[1], part[0])
            _edit(ends, part[3], part[2])
        return copy


#: A logged change: the key, its device before the change (None for none), and what
#: the change did to the arrays (see :data:`_Part`), or None when only the end of the
#: open span moved, from the old device's to the new one's (every heartbeat).
_Undo = Tuple[Tuple[str, str], Optional[_Device], Optional["_Part"]]


def _restored(store: _Store, key: Tuple[str, str], old: Optional[_Device]) -> None:
    """*store* as it was before the change it logged last, for *key*, was begun (its lock held):
    the device back, the log entry out, and the arrays made again from the devices, as new
    lists (a page view that read the old ones while they changed sees that, and reads again)."""
    store.log.pop()
    if old is None:
        store.devices.pop(key, None)
    else:
        store.devices[key] = old
    fresh = _Store.of(store.devices)
    store.starts, store.ends = fresh.starts, fresh.ends


def _edit(values: List[int], drops: List[int], adds: List[int]) -> None:
    """Sorted *values*, in place, without *drops* (each one of them) and with *adds*."""
    for value in drops:
        del values[bisect_left(values, value)]
    for value in adds:
        insort(values, value)


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


#: What a device changes in the sorted starts and ends of a store: the starts it takes
#: out and those it puts in, then the same of the ends, each sorted.
_Part = Tuple[List[int], List[int], List[int], List[int]]


def _contribution(old: Optional[_Device], new: _Device) -> _Part:
    """What a device that was *old* in a store and is now *new* changes in its arrays:
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
    if not before and len(after) == 1:  # a new device, with one span
        return [], [after[0][0]], [], [after[0][1]]
    return (
        sorted(a for a, _ in before),
        sorted(a for a, _ in after),
        sorted(b for _, b in before),
        sorted(b for _, b in after),
    )


_new = object.__new__
_ACTIVITY = EventKind.ACTIVITY
_NO_PART: _Part = ([], [], [], [])


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

    The values that :meth:`apply` makes from one another share a store that it
    changes in place for the newest (see :class:`_Store`). Every value keeps
    its own answers, from any thread; an older value asked after later applies
    first makes a store of its own (a copy, once), so the newest value answers
    fastest.
    """

    __slots__ = (
        "_at",
        "_compiled",
        "_horizon",
        "_rules",
        "_view",
        "ignored",
        "page",
    )

    page: Page
    #: How many events were ignored because they were older than the last :meth:`prune`.
    ignored: int
    _rules: _Rules
    _view: CompiledPage
    #: The store and this value's version in it (see :class:`_Store`): one attribute, so
    #: that a thread sees both of the same moment.
    _at: Tuple[_Store, int]
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
        at: Tuple[_Store, int],
        ignored: int,
        horizon: Optional[int],
    ) -> LivePage:
        live = _new(cls)
        live.page = page
        live._rules = rules
        live._view = view
        live._at = at
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
        return cls._make(page, _Rules(page), compiled, (_Store({}, [], []), 0), 0, None)

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
            return self._make(self.page, self._rules, self._view, self._at, self.ignored + 1, self._horizon)
        key = (event.person, event.device)
        while True:
            store, version = self._at
            with store.lock:
                if len(store.log) == version:  # the current value of its store: change it in place
                    return self._applied(store, version, key, event)
            self._own()

    def _applied(self, store: _Store, version: int, key: Tuple[str, str], event: PresenceEvent) -> LivePage:
        """:meth:`apply` on the current value of *store*, its lock held."""
        devices = store.devices
        old = devices.get(key)
        rules = self._rules
        moved: Optional[int] = None  # the end of the open span, when only it moves (to now)
        now = 0
        part: Optional[_Part] = None
        if old is None:
            device = rules.rebuild((event,))
        elif event.kind is _ACTIVITY and old.current is not None and event.instant > old.last.instant:
            # The open session goes on (every heartbeat): only the end of its span moves,
            # when it counts (an open session's span is never empty). As _Rules.appended
            # makes it, inline.
            head, tail = old.head, (*old.tail, event)
            if len(tail) > _TAIL:
                head, tail = head + tail, ()
            device = _new(_Device)
            device.head = head
            device.tail = tail
            device.last = event
            device.closed = old.closed
            closed_spans = device.closed_spans = old.closed_spans
            device.current = (old.current[0], event.at, None)
            device.unmatched = old.unmatched
            spans = old.spans
            if len(spans) > len(closed_spans):
                moved, now = spans[-1][1], event.instant + rules.timeout
                spans = (*closed_spans, (spans[-1][0], now))
            else:
                part = _NO_PART
            device.spans = spans
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
        if moved is None and part is None:
            part = _contribution(old, device)
        log = store.log
        count = len(log)
        copied = count >= _LOG_LEAST and count >= len(devices) >> _LOG_SHIFT
        if copied:  # a store of its own for the new value; this value keeps the old one
            store = store.copy(version)
            devices = store.devices
            version = -1
        try:
            if not copied:
                log.append((key, old, part))  # logged before it is made: see _Store
            devices[key] = device
            if moved is not None:
                ends = store.ends
                del ends[bisect_left(ends, moved)]
                if not ends or now >= ends[-1]:  # the latest end of all, as a heartbeat's mostly is
                    ends.append(now)
                else:
                    insort(ends, now)
            elif part is not None and part is not _NO_PART:
                _edit(store.starts, part[0], part[1])
                _edit(store.ends, part[2], part[3])
        except BaseException:  # interrupted halfway (KeyboardInterrupt, MemoryError): put it back
            if not copied and len(log) > count:
                _restored(store, key, old)
            raise
        live = _new(LivePage)  # as _make, without the call: this is every event
        live.page = self.page
        live._rules = rules
        live._view = self._view
        live._at = (store, version + 1)
        live.ignored = self.ignored
        live._horizon = self._horizon
        live._compiled = None
        return live

    def _own(self) -> _Store:
        """This value's store, made its own first when it is not the store's current value."""
        store, version = self._at
        if len(store.log) == version:
            return store
        with store.lock:
            if self._at != (store, version):  # another thread made it first
                return self._at[0]
            own = store.copy(version)
            self._at = (own, 0)
        return own

    def apply_all(self, events: Iterable[PresenceEvent]) -> LivePage:
        """This Page with every event of *events* applied, in any order (as :meth:`apply` one by one)."""
        items = collection_of(events, PresenceEvent, "events")
        live = self
        for event in items:
            live = live.apply(event)
        return live

    # -- answers -------------------------------------------------------------------------------

    def _devices(self) -> Dict[Tuple[str, str], _Device]:
        """This value's devices: a copy, which later applies leave alone."""
        while True:
            store = self._own()
            with store.lock:
                if self._at == (store, len(store.log)):
                    return dict(store.devices)

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
        while True:
            store, version = self._at
            log = store.log
            if len(log) == version:
                # Fewer of the spans ended than started by *moment*: with n starts up to
                # it, the n-th end (sorted) comes after it. "Now" mostly comes after
                # every start: no search for that.
                starts, ends = store.starts, store.ends
                try:
                    started = (
                        len(starts) if not starts or moment >= starts[-1] else bisect_right(starts, moment)
                    )
                    live = started > 0 and ends[started - 1] > moment
                except IndexError:  # an apply in another thread, halfway: asked again below
                    live = False
                if len(log) == version and store.ends is ends and store.starts is starts:
                    return live  # no apply changed the arrays meanwhile, nor put them back
            else:
                self._own()

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
        return self._make(self.page, self._rules, self._view, (_Store.of(devices), 0), self.ignored, horizon)

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
            utc_seconds(instant, "snapshot.horizon")  # an instant prune(before) takes
            horizon = (instant - _EPOCH) // _MICRO
        return cls._make(page, live._rules, live._view, (_Store.of(devices), 0), ignored, horizon)

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
