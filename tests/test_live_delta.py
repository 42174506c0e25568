"""The incremental arrays of a LivePage hold what its devices' spans make, after every apply.

A LivePage keeps the sorted starts and ends of every counting span as of its
last fold, and a delta of the devices changed since: each device's part (the
starts and ends it takes out of the shared arrays and puts in, without what
cancels out) and their sums ``plus`` and ``minus``. These properties drive
random event streams (out of order, duplicated, pruned, many devices, several
values branching from one) and check after every apply that each part is the
one worked out afresh, that the sums are the parts', that a fold gives the
arrays of the devices' spans, and that the live count at every bound is the
count of the spans that hold it.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from typing import List, Tuple

from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail import live as lv

UTC = timezone.utc
BASE = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
PEOPLE = ["anna", "ben", "cleo"]


def _page() -> pa.Page:
    return pa.Page(
        id="acme",
        name="Acme",
        zone="Europe/Berlin",
        grants=[
            pa.Grant("anna", "acme", role="editor"),
            pa.Grant("ben", "acme", role="admin"),
            pa.Grant("cleo", "acme", role="analyst"),  # cannot answer: her spans never count
        ],
        policy=pa.Policy(presence=pa.PresencePolicy(idle_timeout=timedelta(minutes=10))),
    )


def _spans(live: pa.LivePage) -> List[Tuple[int, int]]:
    return [span for device in live._devices().values() for span in device.spans]


def _check(live: pa.LivePage) -> None:
    """The shared arrays, the delta's parts and sums, and the live count, against a fresh count."""
    shared, delta = live._shared, live._delta
    assert shared.starts == sorted(a for device in shared.devices.values() for a, _ in device.spans)
    assert shared.ends == sorted(b for device in shared.devices.values() for _, b in device.spans)
    plus: List[int] = []
    minus: List[int] = []
    for key, device in delta.devices.items():
        part = device.part
        assert part == lv._contribution(shared.devices.get(key), device)
        assert all(values == sorted(values) for values in part)
        plus += part[1] + part[2]
        minus += part[0] + part[3]
    assert delta.plus == sorted(plus)
    assert delta.minus == sorted(minus)
    spans = _spans(live)
    folded = shared.folded(delta)
    assert folded.starts == sorted(a for a, _ in spans)
    assert folded.ends == sorted(b for _, b in spans)
    moments = {m + step for span in spans for m in span for step in (-1, 0, 1)}
    for moment in moments:
        expected = sum(1 for a, b in spans if a <= moment < b)
        count = (
            sum(1 for a in shared.starts if a <= moment)
            - sum(1 for b in shared.ends if b <= moment)
            + sum(1 for a in delta.plus if a <= moment)
            - sum(1 for b in delta.minus if b <= moment)
        )
        assert count == expected
        assert live._live_at(moment) == (expected > 0)


@st.composite
def streams(draw: st.DrawFn) -> List[pa.PresenceEvent]:
    """Events on a few people's devices within two hours: in any order, some twice."""
    events: List[pa.PresenceEvent] = []
    for _ in range(draw(st.integers(1, 40))):
        person = draw(st.sampled_from(PEOPLE))
        device = draw(st.sampled_from(["d1", "d2", "d3"]))
        at = BASE + timedelta(seconds=draw(st.integers(0, 7200)))
        kind = draw(st.sampled_from(["started", "activity", "activity", "activity", "ended", "lone"]))
        if kind == "started":
            client = draw(st.sampled_from(["web", "mobile", "api"]))
            events.append(pa.PresenceEvent.started(person, device=device, client=client, at=at))
        elif kind == "activity":
            events.append(pa.PresenceEvent.activity(person, device=device, at=at))
        elif kind == "lone":  # an activity that opens a session by naming its client
            events.append(pa.PresenceEvent.activity(person, device=device, at=at, client="web"))
        else:
            events.append(pa.PresenceEvent.ended(person, device=device, at=at))
    twice = draw(st.lists(st.sampled_from(events), max_size=5))
    return draw(st.permutations(events + twice))


@settings(max_examples=150, deadline=None)
@given(
    events=streams(),
    limit=st.sampled_from([1, 2, 4, 32]),
    prune_at=st.none() | st.integers(0, 7200),
)
def test_the_arrays_hold_the_spans_after_every_apply(
    events: List[pa.PresenceEvent], limit: int, prune_at: object
) -> None:
    page = _page()
    original = lv._DELTA_LIMIT
    lv._DELTA_LIMIT = limit  # fold often, or never within the stream
    try:
        live = pa.LivePage.start(page)
        for step, event in enumerate(events):
            live = live.apply(event)
            _check(live)
            if isinstance(prune_at, int) and step == len(events) // 2:
                live = live.prune(BASE + timedelta(seconds=prune_at))
                _check(live)
        # the same stream sorted: an equal value, whatever was folded when
        ordered = pa.LivePage.start(page).apply_all(sorted(events, key=lambda e: e._order()))
        if prune_at is None:
            assert ordered == live
            assert ordered.sessions == live.sessions
    finally:
        lv._DELTA_LIMIT = original


@settings(max_examples=40, deadline=None)
@given(events=streams(), branch=st.integers(0, 40), more=streams())
def test_values_branching_from_one_keep_their_own_arrays(
    events: List[pa.PresenceEvent], branch: int, more: List[pa.PresenceEvent]
) -> None:
    """Applying to an older value (immutable) leaves the newer one, and its arrays, unchanged."""
    page = _page()
    live = pa.LivePage.start(page)
    values = [live]
    for event in events:
        live = live.apply(event)
        values.append(live)
    older = values[min(branch, len(values) - 1)]
    before = [(value._shared.starts[:], value._delta.plus[:], value._delta.minus[:]) for value in values]
    other = older.apply_all(more)
    _check(other)
    for value, kept in zip(values, before):
        assert (value._shared.starts, value._delta.plus, value._delta.minus) == kept
        _check(value)


def test_two_thousand_devices_answer_as_their_compiled_sessions() -> None:
    """Activity on 2,000 open sessions, many folds: every page view as the sessions compiled."""
    page = pa.Page(
        id="desk",
        name="Help Desk",
        zone="Europe/Berlin",
        grants=[pa.Grant(f"p{i}", "desk", role="editor") for i in range(50)],
    )
    rng = random.Random(7)
    devices = [(f"p{rng.randrange(50)}", f"d{index}") for index in range(2000)]
    live = pa.LivePage.start(page).apply_all(
        pa.PresenceEvent.started(
            person, device=device, client="web", at=BASE - timedelta(seconds=rng.randrange(900))
        )
        for person, device in devices
    )
    for step in range(600):
        person, device = rng.choice(devices)
        at = BASE + timedelta(seconds=step * 3 + rng.randrange(-60, 5))  # now and then late
        if step % 97 == 0:
            event = pa.PresenceEvent.ended(person, device=device, at=at)
        else:
            event = pa.PresenceEvent.activity(person, device=device, at=at)
        live = live.apply(event)
        if step % 150 == 0:
            _check(live)
    _check(live)
    compiled = page.compile(live.sessions)
    bounds = list(compiled.presence._bounds)
    for moment in [*bounds[:50], *bounds[-50:], *(b - 1 for b in bounds[-50:])]:
        at = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=moment)
        assert live.state(at) == compiled.state(at)
        assert repr(live.prompt(at, visitor="v-1")) == repr(compiled.prompt(at, visitor="v-1"))
