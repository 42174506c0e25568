"""A compiled presence keeps its sessions packed and makes them again, exactly, when asked."""

from __future__ import annotations

import gc
import pickle
import weakref
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, List, Sequence, Tuple

from hypothesis import example, given
from hypothesis import strategies as st

import pageavail as pa
from pageavail._time import ZoneInfo
from pageavail.presence import PagePresence, Session, _session_key
from pageavail.team import Grant, Team
from pageavail.testing import sessions as drawn_sessions

TEAM = Team.of("acme", [Grant("anna", "acme", role="admin"), Grant("ben", "acme", role="editor")])
T0 = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)
MIN = timedelta(minutes=1)

#: Zones a session's datetimes may carry: UTC, fixed offsets (two of them with one offset
#: and different names, which compare equal), and the hard DST zones.
ZONES: List[tzinfo] = [
    timezone.utc,
    timezone(timedelta(hours=1)),
    timezone(timedelta(hours=5, minutes=30), "IST"),
    timezone(timedelta(hours=5, minutes=30), "Other"),
    timezone(-timedelta(hours=3, seconds=7, microseconds=11)),
    ZoneInfo("UTC"),
    ZoneInfo("Europe/Berlin"),
    ZoneInfo("America/New_York"),
    ZoneInfo("Europe/Dublin"),
    ZoneInfo("Australia/Lord_Howe"),
    ZoneInfo("America/Santiago"),
]


@st.composite
def instants(draw: st.DrawFn) -> datetime:
    """Aware datetimes in any of ``ZONES``, with either ``fold``, wall clocks in a DST gap
    included, from the year 5 to 9995 (shrinking towards 2000-01-01 UTC)."""
    wall = draw(st.datetimes(min_value=datetime(5, 1, 1), max_value=datetime(9995, 12, 31)))
    return wall.replace(tzinfo=draw(st.sampled_from(ZONES)), fold=draw(st.sampled_from([0, 1])))


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    """Sessions whose three datetimes are in any zones, open or ended, on any client."""
    times = sorted(
        draw(st.lists(instants(), min_size=3, max_size=3)), key=lambda at: at.astimezone(timezone.utc)
    )
    return Session(
        person=draw(st.sampled_from(["anna", "ben", "omar"])),
        client=draw(st.sampled_from(list(pa.Client))),
        started=times[0],
        last_seen=times[1],
        ended=draw(st.sampled_from([None, times[2]])),
        pages=draw(st.none() | st.frozensets(st.sampled_from(["acme", "other"]), max_size=2)),
        heartbeat=draw(st.booleans()),
    )


def _fields(at: Any) -> Any:
    """Everything that makes a datetime what it is, the tzinfo object by identity."""
    if at is None:
        return None
    return (type(at), at.replace(tzinfo=None), at.fold, id(at.tzinfo))


def _same(made: Sequence[Session], passed: Sequence[Session]) -> None:
    """*made* is *passed* made again: equal, same repr and fields, same tzinfo objects, and
    pickled the same way."""
    assert made == tuple(passed)
    for again, original in zip(made, passed):
        assert type(again) is Session
        assert repr(again) == repr(original)
        for name in ("started", "last_seen", "ended"):
            assert _fields(getattr(again, name)) == _fields(getattr(original, name))
        assert again.person == original.person
        assert again.client is original.client
        assert again.pages is original.pages
        assert again.heartbeat is original.heartbeat
        assert hash(again) == hash(original)
        assert pickle.dumps(again) == pickle.dumps(original)
        assert pickle.loads(pickle.dumps(again)) == original


def _sorted(items: Sequence[Session]) -> List[Session]:
    """*items* in the order a compiled presence keeps them."""
    return sorted(items, key=lambda s: _session_key((s, s._instants())))


@given(st.lists(sessions(), max_size=12))
@example(
    [  # the fall-back hour in Berlin: the first and the second 02:30, and a wall clock in a gap
        Session(
            "anna",
            "web",
            datetime(2026, 10, 25, 2, 30, tzinfo=ZoneInfo("Europe/Berlin")),
            datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Berlin")),
        ),
        Session(
            "ben",
            "web",
            datetime(2026, 3, 29, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Berlin")),
            datetime(2026, 3, 29, 2, 30, tzinfo=ZoneInfo("Europe/Berlin")),
            ended=datetime(2026, 3, 29, 3, 30, tzinfo=ZoneInfo("Europe/Berlin")),
        ),
    ]
)
@example(
    [  # one datetime.timezone for all three instants (the common path), each with fold=1
        Session(
            "anna",
            "web",
            datetime(2026, 1, 1, 9, 0, fold=1, tzinfo=timezone.utc),
            datetime(2026, 1, 1, 9, 5, fold=1, tzinfo=timezone.utc),
            ended=datetime(2026, 1, 1, 9, 10, fold=1, tzinfo=timezone.utc),
        ),
        Session(
            "ben",
            "web",
            datetime(2026, 1, 1, 9, 0, tzinfo=timezone(timedelta(hours=5, minutes=30), "IST")),
            datetime(2026, 1, 1, 9, 5, fold=1, tzinfo=timezone(timedelta(hours=5, minutes=30), "IST")),
            ended=datetime(2026, 1, 1, 9, 10, fold=1, tzinfo=timezone(timedelta(hours=5, minutes=30), "IST")),
        ),
    ]
)
def test_sessions_come_back_as_they_were_passed(items: List[Session]) -> None:
    """The sessions of a compiled presence are those passed, sorted: equal, with the same
    repr, wall clocks, ``fold`` and tzinfo objects, in DST zones, fixed offsets and UTC."""
    presence = PagePresence.compile(TEAM, items)
    assert presence._originals is None  # packed, not kept
    _same(presence.sessions, _sorted(items))
    assert len(presence) == len(items)


@given(st.lists(drawn_sessions(), max_size=10), st.sampled_from(ZONES))
def test_a_compiled_presence_pickles_and_compares_by_its_sessions(items: List[Session], zone: tzinfo) -> None:
    """A compiled presence pickles to an equal one, with the same repr and answers, and
    equals one compiled from the same sessions in other zones."""
    presence = PagePresence.compile(TEAM, items)
    again = pickle.loads(pickle.dumps(presence))
    assert again == presence
    assert hash(again) == hash(presence)
    if all(s.pages is None or len(s.pages) < 2 for s in items):  # a set's order may change in a pickle
        assert repr(again) == repr(presence)
    assert (
        repr(presence)
        == f"PagePresence(team={TEAM!r}, sessions={presence.sessions!r}, policy={presence.policy!r})"
    )
    moved = [
        Session(s.person, s.client, s.started.astimezone(zone), s.last_seen, s.ended, s.pages, s.heartbeat)
        for s in items
    ]
    assert PagePresence.compile(TEAM, moved) == presence
    for at in (T0, T0 + 90 * MIN, T0 + 7 * 60 * MIN):
        assert again.explain(at) == presence.explain(at)
        assert again.next_change(at) == presence.next_change(at)


def test_an_other_session_in_the_list_makes_the_presence_unequal() -> None:
    """Presences with sessions that differ in one instant are not equal."""
    one = PagePresence.compile(TEAM, [Session("anna", "web", T0, T0 + MIN)])
    other = PagePresence.compile(TEAM, [Session("anna", "web", T0, T0 + 2 * MIN)])
    assert one != other
    assert one == PagePresence.compile(TEAM, [Session("anna", "web", T0, T0 + MIN)])
    assert one.__eq__("anna") is NotImplemented


class _Stamp(datetime):
    """A datetime subclass (as pandas' Timestamp is one)."""


class _Session(Session):
    """A Session subclass."""


def test_subclasses_are_kept_as_they_were_passed() -> None:
    """Sessions that packing would not make again exactly (a subclass of Session or of
    datetime) are kept as passed, the very objects, and the presence answers the same."""
    stamp = _Stamp(2026, 11, 27, 9, 5, tzinfo=timezone.utc)
    for odd in (
        Session("anna", "web", T0, stamp),
        Session("anna", "web", T0, T0 + MIN, ended=stamp),
        _Session("anna", "web", T0, T0 + MIN),
    ):
        plain = Session("ben", "web", T0, T0 + 2 * MIN)
        presence = PagePresence.compile(TEAM, [plain, odd])
        assert presence.sessions == (odd, plain)
        assert presence.sessions[0] is odd
        assert presence.sessions[1] is plain
        assert presence.who(T0 + MIN) == ("anna", "ben")


def test_a_compiled_page_does_not_keep_the_sessions_passed() -> None:
    """Once compiled, the sessions passed in (and their datetimes) can be freed: the compiled
    Page holds what it needs in its own packed form."""
    page = pa.Page(id="acme", name="Acme", zone="Europe/Berlin", grants=[Grant("anna", "acme", role="admin")])
    items = [Session("anna", "web", T0 + k * MIN, T0 + (k + 3) * MIN) for k in range(5)]
    watched: List[Tuple[str, weakref.ref[Any]]] = [("session", weakref.ref(s)) for s in items]
    compiled = page.compile(items)
    del items
    gc.collect()
    assert [name for name, ref in watched if ref() is not None] == []
    assert compiled.presence.is_live(T0 + 5 * MIN)
    assert [s.started for s in compiled.presence.sessions] == [T0 + k * MIN for k in range(5)]


def test_a_live_pages_sessions_compile_to_the_same_answers() -> None:
    """A LivePage's decision reads its sessions made again from the packed form alike."""
    page = pa.Page(id="acme", name="Acme", zone="Europe/Berlin", grants=[Grant("anna", "acme", role="admin")])
    berlin = ZoneInfo("Europe/Berlin")
    at = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=berlin)
    live = pa.LivePage.start(page).apply(pa.PresenceEvent.started("anna", device="d1", client="web", at=at))
    assert live.compiled.presence.sessions == live.sessions
    assert repr(live.compiled.presence.sessions) == repr(live.sessions)
    assert live.compiled.presence.sessions[0].started.fold == 1
    assert live.decide(at + MIN).reason == "someone_can_answer"
