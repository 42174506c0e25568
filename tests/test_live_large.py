"""LivePage values at 2,000 devices: every value stays as it was after later applies, across copies of their store."""

from __future__ import annotations

import functools
import sys
import threading
from datetime import datetime, timedelta, timezone
from typing import Any, List, Tuple

from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa

T0 = datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc)
SECOND = timedelta(seconds=1)
PEOPLE = [f"p{index}" for index in range(50)]
DEVICES = 2_000
#: Instants each value is asked about: before, among and after the events.
ASKED = [T0 + minutes * 60 * SECOND for minutes in (-11, -5, 0, 3, 9, 14, 25, 40)]


@functools.lru_cache(maxsize=None)
def base() -> pa.LivePage:
    """A Page with 2,000 devices, each with a session started in the ten minutes before T0."""
    page = pa.Page(
        id="desk",
        name="Help Desk",
        zone="Europe/Berlin",
        grants=[pa.Grant(p, "desk", role="editor") for p in PEOPLE],
    )
    return pa.LivePage.start(page).apply_all(
        pa.PresenceEvent.started(
            PEOPLE[index % 50], device=f"d{index}", client="web", at=T0 - (index % 600) * SECOND
        )
        for index in range(DEVICES)
    )


@st.composite
def events(draw: st.DrawFn) -> pa.PresenceEvent:
    """An activity, a log-out or a new start on one of the 2,000 devices (or a new one),
    in order or late, within half an hour of T0."""
    index = draw(st.integers(0, DEVICES + 20))
    person, device = PEOPLE[index % 50], f"d{index}"
    at = T0 + draw(st.integers(-900, 1800)) * SECOND
    kind = draw(st.sampled_from(["activity", "activity", "activity", "ended", "started"]))
    if kind == "ended":
        return pa.PresenceEvent.ended(person, device=device, at=at)
    if kind == "started":
        return pa.PresenceEvent.started(person, device=device, client="web", at=at)
    return pa.PresenceEvent.activity(
        person, device=device, at=at, client=draw(st.sampled_from([None, "web"]))
    )


def _seen(live: pa.LivePage) -> Tuple[Any, ...]:
    """What a value answers and holds: its hash and repr (all its events), and its status at
    each asked instant."""
    return (hash(live), repr(live), tuple(live.state(at) for at in ASKED))


@settings(max_examples=8)
@given(st.lists(events(), min_size=40, max_size=120))
def test_every_value_is_unchanged_by_later_applies(stream: List[pa.PresenceEvent]) -> None:
    """Applying events (more than one store logs) leaves every earlier
    value as it was: the same events, hash and answers, and applying one more event to an
    old value gives what its restored copy gives."""
    values = [base()]
    seen = [_seen(values[0])]
    for event in stream:
        values.append(values[-1].apply(event))
        seen.append(_seen(values[-1]))
    assert [_seen(value) for value in values] == seen
    middle = values[len(values) // 2]
    again = pa.LivePage.restore(middle.page, middle.snapshot())
    assert again == middle
    branch = middle.apply(stream[0])
    assert branch == again.apply(stream[0])
    assert [_seen(value) for value in values] == seen


def test_values_of_one_lineage_answer_alike_from_several_threads() -> None:
    """Threads asking an old and a new value of one lineage at once get each value's own answers
    (values share arrays and device states, which no apply may change)."""
    old = base()
    new = old.apply_all(  # every device logs out within two seconds of T0
        pa.PresenceEvent.ended(PEOPLE[index % 50], device=f"d{index}", at=T0 + index * SECOND / 1000)
        for index in range(DEVICES)
    )
    expected = {id(value): [value.state(at) for at in ASKED] for value in (old, new)}
    assert expected[id(old)] != expected[id(new)]
    wrong: List[Any] = []

    def ask(value: pa.LivePage) -> None:
        for _ in range(30):
            got = [value.state(at) for at in ASKED]
            if got != expected[id(value)]:
                wrong.append(got)

    workers = [threading.Thread(target=ask, args=(value,)) for value in (old, new, old, new)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    finally:
        sys.setswitchinterval(interval)
    assert wrong == []
