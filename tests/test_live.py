"""Presence from events: order and duplicates never matter, answers equal compiled sessions, snapshots and prunes."""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timedelta, timezone
from typing import Any, List, Optional, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail.testing import PEOPLE, pages

UTC = timezone.utc
T0 = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)
MICRO = timedelta(microseconds=1)
CLIENTS = ["web", "mobile", "page_manager", "business_inbox", "third_party_inbox", "api"]


def page() -> pa.Page:
    """A Page where anna and ben can answer and omar cannot."""
    return pa.Page(
        id="acme",
        name="Acme",
        zone="Europe/Berlin",
        grants=[
            pa.Grant("anna", "acme", role="admin"),
            pa.Grant("ben", "acme", role="editor"),
            pa.Grant("omar", "acme", role="analyst"),
        ],
    )


@st.composite
def device_streams(draw: st.DrawFn) -> Tuple[List[pa.PresenceEvent], List[pa.Session]]:
    """The events of several devices and the sessions they must make.

    Each device has sessions one after another: a start (or an activity that
    names a client), activities, and an end, or no end and then the next
    start closes it (or it stays open when it is the last).
    """
    events: List[pa.PresenceEvent] = []
    expected: List[pa.Session] = []
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(["anna", "ben", "omar"]), st.sampled_from(["d1", "d2", "d3"])),
            unique=True,
            max_size=5,
        )
    )
    for person, device in keys:
        moment = T0 + draw(st.integers(0, 600)) * MIN
        count = draw(st.integers(1, 3))
        open_before = False  # an activity cannot start a session while one is open
        for index in range(count):
            client = draw(st.sampled_from(CLIENTS))
            pages_ = draw(st.none() | st.just(frozenset({"acme"})) | st.just(frozenset({"other"})))
            heartbeat = draw(st.booleans())
            start = moment
            if open_before or draw(st.booleans()):
                events.append(
                    pa.PresenceEvent.started(
                        person, device=device, client=client, at=start, pages=pages_, heartbeat=heartbeat
                    )
                )
            else:
                events.append(
                    pa.PresenceEvent.activity(
                        person, device=device, client=client, at=start, pages=pages_, heartbeat=heartbeat
                    )
                )
            seen = start
            for _ in range(draw(st.integers(0, 3))):
                seen = seen + draw(st.integers(0, 40)) * MIN
                events.append(pa.PresenceEvent.activity(person, device=device, at=seen))
            last = index == count - 1
            ends = draw(st.booleans()) or (not last and draw(st.booleans()))
            if ends:
                ended: Optional[datetime] = seen + draw(st.integers(0, 30)) * MIN
                events.append(pa.PresenceEvent.ended(person, device=device, at=ended))
                moment = ended + draw(st.integers(1, 60)) * MIN
                open_before = False
            else:
                open_before = True
                moment = seen + draw(st.integers(1, 60)) * MIN
                ended = None if last else moment  # the next start closes it
            expected.append(pa.Session(person, client, start, seen, ended, pages_, heartbeat))
    return events, expected


def _instants(sessions: List[pa.Session], policy: pa.PresencePolicy) -> List[datetime]:
    """Every edge of every session's live time, ±1 µs, and a few instants between."""
    found = [T0 - MIN]
    for session in sessions:
        start, end = session.live_span(policy.idle_timeout)
        for micros in (start, end):
            edge = datetime(1970, 1, 1, tzinfo=UTC) + micros * MICRO
            found.extend((edge - MICRO, edge, edge + MICRO))
        found.append(session.last_seen + MIN)
    return found


def _sorted(sessions: Any) -> List[pa.Session]:
    """Sessions in one order, whatever the devices they came from (their full text breaks ties)."""
    return sorted(sessions, key=lambda s: (s.person, s.started.astimezone(UTC), repr(s)))


@settings(max_examples=150)
@given(
    stream=device_streams(),
    order=st.randoms(use_true_random=False),
    duplicates=st.lists(st.integers(0, 1000), max_size=5),
)
def test_any_order_with_duplicates_gives_the_sorted_streams_value(
    stream: Tuple[List[pa.PresenceEvent], List[pa.Session]], order: Any, duplicates: List[int]
) -> None:
    """apply() over any permutation of a stream, with duplicates, equals the sorted stream's value."""
    events, expected = stream
    base = pa.LivePage.start(page())
    in_order = base.apply_all(sorted(events, key=lambda e: e.instant))
    shuffled = list(events) + [events[i % len(events)] for i in duplicates if events]
    order.shuffle(shuffled)
    scrambled = base.apply_all(shuffled)
    assert scrambled == in_order
    assert hash(scrambled) == hash(in_order)
    assert _sorted(scrambled.sessions) == _sorted(expected)


@settings(max_examples=150)
@given(stream=device_streams(), order=st.randoms(use_true_random=False))
def test_live_answers_equal_the_compiled_sessions(
    stream: Tuple[List[pa.PresenceEvent], List[pa.Session]], order: Any
) -> None:
    """A LivePage built from events answers as page.compile(sessions) with the same sessions, at every edge."""
    events, expected = stream
    shuffled = list(events)
    order.shuffle(shuffled)
    live = pa.LivePage.start(page()).apply_all(shuffled)
    compiled = page().compile(expected)
    for at in _instants(expected, page().policy.presence):
        assert live.state(at) == compiled.state(at), at.isoformat()
        assert live.prompt(at, visitor="v-1") == compiled.prompt(at, visitor="v-1")
        assert live.decide(at) == compiled.decide(at)


@settings(max_examples=100)
@given(stream=device_streams())
def test_snapshot_and_restore_round_trip(stream: Tuple[List[pa.PresenceEvent], List[pa.Session]]) -> None:
    """restore(page, snapshot) equals the value snapshotted, also through JSON and pickle."""
    events, _ = stream
    live = pa.LivePage.start(page()).apply_all(events)
    snapshot = json.loads(json.dumps(live.snapshot()))
    assert snapshot["format"] == "pageavail.live"
    assert snapshot["version"] == 1
    assert pa.LivePage.restore(page(), snapshot) == live
    assert pickle.loads(pickle.dumps(live)) == live


@settings(max_examples=150)
@given(stream=device_streams(), cut=st.integers(0, 900), late=st.integers(1, 900))
def test_prune_never_changes_an_answer_after_its_instant(
    stream: Tuple[List[pa.PresenceEvent], List[pa.Session]], cut: int, late: int
) -> None:
    """After prune(before), status, prompt and next change at or after *before* stay the same, with later events too."""
    events, expected = stream
    before = T0 + cut * MIN
    full = pa.LivePage.start(page()).apply_all(events)
    pruned = full.prune(before).prune(before - MIN)  # a second, earlier prune changes nothing
    later = [e for e in events if e.instant >= (before - datetime(1970, 1, 1, tzinfo=UTC)) // MICRO]
    assert pruned.apply_all(later) == pruned  # events it kept are duplicates
    for at in [before, *(_instants(expected, page().policy.presence))]:
        if at < before:
            continue
        assert pruned.state(at) == full.state(at), at.isoformat()
        assert pruned.prompt(at, visitor="v-1") == full.prompt(at, visitor="v-1")
        decision, expected_decision = pruned.decide(at), full.decide(at)
        assert (decision.status, decision.reason, decision.until) == (
            expected_decision.status,
            expected_decision.reason,
            expected_decision.until,
        )
    # Events after the prune are placed exactly; older ones are ignored and counted.
    extra = pa.PresenceEvent.started("anna", device="d9", client="web", at=before + late * MIN)
    assert pruned.apply(extra).state(before + late * MIN) == full.apply(extra).state(before + late * MIN)
    old = pa.PresenceEvent.started("ben", device="d9", client="web", at=before - MICRO)
    assert pruned.apply(old).ignored == pruned.ignored + 1
    assert pruned.apply(old).sessions == pruned.sessions


def test_prune_forgets_finished_sessions_and_keeps_open_ones() -> None:
    """prune() drops sessions that closed before its instant and keeps an open one with its last activity."""
    live = pa.LivePage.start(page()).apply_all(
        [
            pa.PresenceEvent.started("anna", device="d1", client="web", at=T0),
            pa.PresenceEvent.ended("anna", device="d1", at=T0 + 5 * MIN),
            pa.PresenceEvent.started("ben", device="d2", client="web", at=T0),
            *(pa.PresenceEvent.activity("ben", device="d2", at=T0 + m * MIN) for m in range(1, 60)),
        ]
    )
    pruned = live.prune(T0 + 30 * MIN)
    assert [s.person for s in pruned.sessions] == ["ben"]
    assert len(pruned.snapshot()["events"]) == 2 + 30  # the start, the last activity before, and from 30 on
    assert pruned.sessions[0].last_seen == T0 + 59 * MIN


def test_an_activity_naming_a_client_starts_a_session_and_one_without_does_nothing() -> None:
    """An activity on an unknown device starts a session only when it names a client."""
    live = pa.LivePage.start(page())
    quiet = live.apply(pa.PresenceEvent.activity("anna", device="d1", at=T0))
    assert quiet.sessions == ()
    assert quiet.state(T0)[0] is pa.Status.OFFLINE
    started = live.apply(pa.PresenceEvent.activity("anna", device="d1", at=T0, client="mobile"))
    assert [(s.client, s.started) for s in started.sessions] == [(pa.Client.MOBILE, T0)]
    assert started.state(T0)[0] is pa.Status.ACTIVE


def test_a_second_start_closes_the_open_session() -> None:
    """A new start on the same device closes the session that was open there."""
    live = pa.LivePage.start(page()).apply_all(
        [
            pa.PresenceEvent.started("anna", device="d1", client="web", at=T0),
            pa.PresenceEvent.started("anna", device="d1", client="mobile", at=T0 + 3 * MIN),
        ]
    )
    first, second = live.sessions
    assert (first.client, first.ended) == (pa.Client.WEB, T0 + 3 * MIN)
    assert (second.client, second.ended) == (pa.Client.MOBILE, None)


def test_the_old_value_is_unchanged() -> None:
    """apply() returns a new value and leaves the old one as it was."""
    empty = pa.LivePage.start(page())
    busy = empty.apply(pa.PresenceEvent.started("anna", device="d1", client="web", at=T0))
    assert empty.sessions == ()
    assert empty.state(T0)[0] is pa.Status.OFFLINE
    assert busy.state(T0)[0] is pa.Status.ACTIVE


def test_many_devices_past_copies_of_the_store() -> None:
    """With more changes than one store logs, answers stay those of the compiled sessions."""
    events = []
    for index in range(60):
        at = T0 + index * 7 * MIN
        events.append(pa.PresenceEvent.started("anna", device=f"d{index}", client="web", at=at))
        events.append(pa.PresenceEvent.ended("anna", device=f"d{index}", at=at + 3 * MIN))
    live = pa.LivePage.start(page()).apply_all(events)
    compiled = page().compile(live.sessions)
    for minute in range(0, 60 * 7 + 10):
        at = T0 + minute * MIN
        assert live.state(at) == compiled.state(at)


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: pa.PresenceEvent.started("anna", device="", client="web", at=T0), "device"),
        (lambda: pa.PresenceEvent.started("anna\n", device="d1", client="web", at=T0), "person"),
        (lambda: pa.PresenceEvent.started("anna", device="d1", client="fax", at=T0), "client"),
        (lambda: pa.PresenceEvent.started("anna", device="d1", client=None, at=T0), "client"),
        (lambda: pa.PresenceEvent.activity("anna", device="d1", at=datetime(2026, 1, 1)), "at"),
        (lambda: pa.PresenceEvent.activity("anna", device="d1", at=datetime(9999, 1, 1, tzinfo=UTC)), "at"),
        (lambda: pa.PresenceEvent.activity("anna", device="d1", at=T0, pages="acme"), "pages"),
        (
            lambda: pa.PresenceEvent.started("anna", device="d1", client="web", at=T0, heartbeat="yes"),
            "heartbeat",
        ),
        (lambda: pa.PresenceEvent("restarted", "anna", "d1", T0), "EventKind"),
    ],
)
def test_malformed_events_name_the_field(make: Any, field: str) -> None:
    """A malformed event raises the library's error naming the field."""
    with pytest.raises(pa.PageAvailError, match=field):
        make()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"kind": "started", "person": "anna", "device": "d1", "at": "2026-11-27T10:00:00"},
            r"events\[0\]\.at",
        ),
        ({"kind": "started", "person": "anna", "device": "d1"}, r"events\[0\]: the key 'at' is missing"),
        (
            {"kind": "started", "person": "anna", "device": "d1", "at": "2026-11-27T10:00:00Z", "colour": 1},
            "unknown key 'colour'",
        ),
        (
            {"kind": "started", "person": "anna", "device": "d1", "at": "2026-11-27T10:00:00Z"},
            r"events\[0\]: 'client'",
        ),
        ("started", r"events\[0\]"),
    ],
)
def test_snapshots_with_bad_events_name_the_event(data: Any, message: str) -> None:
    """restore() refuses a snapshot with a bad event, naming its index and key."""
    snapshot = {
        "format": "pageavail.live",
        "version": 1,
        "page": "acme",
        "horizon": None,
        "ignored": 0,
        "events": [data],
    }
    with pytest.raises(pa.InvalidValueError, match=message):
        pa.LivePage.restore(page(), snapshot)


def test_snapshots_of_another_page_or_version_are_refused() -> None:
    """restore() refuses a snapshot of another Page, format or version."""
    snapshot = pa.LivePage.start(page()).snapshot()
    with pytest.raises(pa.InvalidValueError, match="version"):
        pa.LivePage.restore(page(), {**snapshot, "version": 2})
    with pytest.raises(pa.InvalidValueError, match="'other'"):
        pa.LivePage.restore(page(), {**snapshot, "page": "other"})
    with pytest.raises(pa.InvalidValueError, match="format"):
        pa.LivePage.restore(page(), [])
    with pytest.raises(pa.InvalidValueError, match="a PresenceEvent"):
        pa.LivePage.start(page()).apply({"kind": "started"})  # type: ignore[arg-type]


@settings(max_examples=50)
@given(p=pages(), stream=device_streams())
def test_any_page_settings_answer_as_compiled(
    p: pa.Page, stream: Tuple[List[pa.PresenceEvent], List[pa.Session]]
) -> None:
    """On Pages with any settings and policy, the live page view equals the compiled one."""
    events, _ = stream
    events = [e for e in events if e.person in PEOPLE]
    live = pa.LivePage.start(p).apply_all(events)
    compiled = p.compile(live.sessions)
    for at in _instants(list(live.sessions), p.policy.presence):
        assert live.prompt(at, visitor="v-2") == compiled.prompt(at, visitor="v-2")


def test_long_histories_and_a_late_event_in_their_middle() -> None:
    """A device with hundreds of heartbeats, and then a late start among them, equals the sorted stream."""
    events = [pa.PresenceEvent.started("anna", device="d1", client="web", at=T0)]
    events += [pa.PresenceEvent.activity("anna", device="d1", at=T0 + m * MIN) for m in range(1, 300)]
    late = pa.PresenceEvent.started("anna", device="d1", client="mobile", at=T0 + 150 * MIN + MICRO)
    live = pa.LivePage.start(page()).apply_all([*events, late])
    assert live == pa.LivePage.start(page()).apply_all(sorted([*events, late], key=lambda e: e.instant))
    first, second = live.sessions
    assert (first.last_seen, first.ended) == (T0 + 150 * MIN, late.at)
    assert (second.client, second.last_seen) == (pa.Client.MOBILE, T0 + 299 * MIN)
    assert len(live.snapshot()["events"]) == 301


def test_snapshots_with_odd_keys_or_horizons_are_refused() -> None:
    """restore() refuses unknown keys and a horizon outside the supported range."""
    snapshot = pa.LivePage.start(page()).snapshot()
    with pytest.raises(pa.InvalidValueError, match="unknown key 'extra'"):
        pa.LivePage.restore(page(), {**snapshot, "extra": 1})
    # the end of the range itself too: prune(before) takes no such instant, and the error says so
    for horizon in ("9999-12-31T00:00:00+00:00", "0001-01-01T00:00:00+00:00", "9997-01-01T00:00:00+00:00"):
        with pytest.raises(pa.OutOfRangeError, match=r"snapshot\.horizon.*up to, not including,"):
            pa.LivePage.restore(page(), {**snapshot, "horizon": horizon})
    with pytest.raises(pa.OutOfRangeError, match=r"'before' must lie .* up to, not including,"):
        pa.LivePage.start(page()).prune(pa.schedule.MAX_INSTANT)
    last = pa.schedule.MAX_INSTANT - timedelta(microseconds=1)
    restored = pa.LivePage.restore(page(), pa.LivePage.start(page()).prune(last).snapshot())
    assert restored == pa.LivePage.start(page()).prune(last)
