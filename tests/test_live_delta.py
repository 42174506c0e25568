"""The store that the values of a LivePage share holds what their devices' spans make.

``apply`` on the current value of a store changes its devices and the sorted
starts and ends of their counting spans in place, and logs the change back;
any other value makes a store of its own (a copy with the later changes
undone) when it is asked anything. These properties drive random event
streams (out of order, duplicated, pruned, many devices, several values
branching from one, stores copied often) and check after every apply that the
arrays are those of the devices' spans, that the live answer at every bound is
whether a span holds it, and that every earlier value still answers as it did.
"""

from __future__ import annotations

import bisect
import contextlib
import random
import threading
from datetime import datetime, timedelta, timezone
from typing import Any, Iterator, List, Tuple

import pytest
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
    """The store's arrays and the live answers, against the spans of the value's own devices."""
    spans = _spans(live)
    moments = {m + step for span in spans for m in span for step in (-1, 0, 1)}
    answers = {moment: live._live_at(moment) for moment in moments}
    store, version = live._at
    assert version == len(store.log)  # asked, the value is the current one of its store
    assert store.starts == sorted(a for a, _ in spans)
    assert store.ends == sorted(b for _, b in spans)
    assert len(store.log) <= max(lv._LOG_LEAST, len(store.devices) >> lv._LOG_SHIFT)
    for moment, answer in answers.items():
        assert answer == any(a <= moment < b for a, b in spans)


@pytest.fixture
def small_logs() -> Iterator[None]:
    """Stores that log at most two changes: a copy every few applies."""
    least, shift = lv._LOG_LEAST, lv._LOG_SHIFT
    lv._LOG_LEAST, lv._LOG_SHIFT = 2, 10
    try:
        yield
    finally:
        lv._LOG_LEAST, lv._LOG_SHIFT = least, shift


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
    least=st.sampled_from([0, 1, 2, 16]),
    prune_at=st.none() | st.integers(0, 7200),
)
def test_the_arrays_hold_the_spans_after_every_apply(
    events: List[pa.PresenceEvent], least: int, prune_at: object
) -> None:
    page = _page()
    original = lv._LOG_LEAST
    lv._LOG_LEAST = least  # copy the store at every apply, every few, or never within the stream
    try:
        live = pa.LivePage.start(page)
        for step, event in enumerate(events):
            live = live.apply(event)
            _check(live)
            if isinstance(prune_at, int) and step == len(events) // 2:
                live = live.prune(BASE + timedelta(seconds=prune_at))
                _check(live)
        # the same stream sorted: an equal value, whatever was copied when
        ordered = pa.LivePage.start(page).apply_all(sorted(events, key=lambda e: e._order()))
        if prune_at is None:
            assert ordered == live
            assert ordered.sessions == live.sessions
    finally:
        lv._LOG_LEAST = original


def _seen(live: pa.LivePage) -> Tuple[Any, ...]:
    moments = [BASE + timedelta(seconds=seconds) for seconds in range(-60, 7900, 97)]
    return (live.sessions, tuple(live.state(at) for at in moments), live.ignored)


@settings(max_examples=60, deadline=None)
@given(events=streams(), branch=st.integers(0, 40), more=streams(), least=st.sampled_from([1, 2, 16]))
def test_values_branching_from_one_keep_their_own_answers(
    events: List[pa.PresenceEvent], branch: int, more: List[pa.PresenceEvent], least: int
) -> None:
    """Applying to an older value leaves every value of the lineage as it was, asked in any order."""
    original = lv._LOG_LEAST
    lv._LOG_LEAST = least
    try:
        page = _page()
        live = pa.LivePage.start(page)
        values = [live]
        for event in events:
            live = live.apply(event)
            values.append(live)
        older = values[min(branch, len(values) - 1)]
        fresh = [pa.LivePage.restore(page, value.snapshot()) for value in values]
        other = older.apply_all(more)
        _check(other)
        assert other == pa.LivePage.restore(page, older.snapshot()).apply_all(more)
        for value, copy in zip(reversed(values), reversed(fresh)):  # the newest first, then back
            assert _seen(value) == _seen(copy)
            _check(value)
        assert older.apply_all(more) == other  # again, from the value now with a store of its own
    finally:
        lv._LOG_LEAST = original


def test_a_value_asked_after_later_applies_copies_its_store_once(small_logs: None) -> None:
    """An older value answers from a store of its own (made once), not from the newest one."""
    page = _page()
    first = pa.LivePage.start(page).apply(
        pa.PresenceEvent.started("anna", device="d1", client="web", at=BASE)
    )
    second = first.apply(pa.PresenceEvent.activity("anna", device="d1", at=BASE + timedelta(minutes=5)))
    assert first._at[0] is second._at[0]  # one store, changed in place
    at = BASE + timedelta(minutes=12)
    assert second.state(at)[0] is pa.Status.ACTIVE
    assert first.state(at)[0] is pa.Status.OFFLINE  # its session ended ten minutes after BASE
    own = first._at[0]
    assert own is not second._at[0]
    assert first._at == (own, 0)
    assert first.state(at)[0] is pa.Status.OFFLINE
    assert first._at[0] is own
    assert second.state(at)[0] is pa.Status.ACTIVE
    assert second._at[1] == len(second._at[0].log)


def test_stores_log_a_bounded_number_of_changes(small_logs: None) -> None:
    """A store logs at most as many changes as it may; the next apply copies it."""
    page = _page()
    live = pa.LivePage.start(page).apply(pa.PresenceEvent.started("anna", device="d1", client="web", at=BASE))
    stores: List[Any] = []  # kept alive, so that no two have the same id
    for minute in range(1, 30):
        live = live.apply(pa.PresenceEvent.activity("anna", device="d1", at=BASE + timedelta(minutes=minute)))
        store, version = live._at
        stores.append(store)
        assert version == len(store.log) <= 2
    assert len({id(store) for store in stores}) >= 9  # a new store at least every third apply
    assert live.state(BASE + timedelta(minutes=38))[0] is pa.Status.ACTIVE
    assert live.state(BASE + timedelta(minutes=39))[0] is pa.Status.OFFLINE


def test_a_page_view_during_an_apply_in_another_thread_answers_for_its_own_value() -> None:
    """A value asked while another thread applies to it, halfway through the change of its
    arrays, answers for itself: it waits for the change and undoes it in a copy."""
    page = _page()
    live = pa.LivePage.start(page).apply(pa.PresenceEvent.started("anna", device="d1", client="web", at=BASE))
    at = BASE + timedelta(minutes=11)  # past the session's end, ten minutes after BASE
    store, _version = live._at
    key = ("anna", "d1")
    old = store.devices[key]
    moved = old.spans[-1][1]
    store.lock.acquire()  # an apply of a heartbeat at BASE + 5 minutes, held halfway
    store.log.append((key, old, None))
    del store.ends[store.ends.index(moved)]  # the old end is out, the new one not yet in
    answers: List[Any] = []
    asker = threading.Thread(target=lambda: answers.append(live.state(at)))
    asker.start()
    asker.join(0.2)
    assert asker.is_alive()  # waiting for the apply
    newer = live._rules.appended(
        old, pa.PresenceEvent.activity("anna", device="d1", at=BASE + timedelta(minutes=5))
    )
    store.devices[key] = newer
    store.ends.append(newer.spans[-1][1])
    store.lock.release()
    asker.join()
    assert answers[0][0] is pa.Status.OFFLINE
    assert live._at[0] is not store


class _ApplyOnRead(list):  # type: ignore[type-arg]
    """A store's starts that run *hook* (once) when first read: an apply that comes
    between a page view's check of its value and its reading of the arrays."""

    hooks: List[Any]

    def __getitem__(self, index: Any) -> Any:
        if self.hooks:
            self.hooks.pop()()
        return super().__getitem__(index)


def _overtaken(event: pa.PresenceEvent, at: datetime) -> Tuple[Any, pa.LivePage]:
    """The status at *at* of a value with one session (anna's, from BASE) asked while *event*
    is applied to it between the page view's check of the store and its reading of the
    arrays, and the value that apply made."""
    live = pa.LivePage.start(_page()).apply(
        pa.PresenceEvent.started("anna", device="d1", client="web", at=BASE)
    )
    store = live._at[0]
    starts = _ApplyOnRead(store.starts)
    newer: List[pa.LivePage] = []
    starts.hooks = [lambda: newer.append(live.apply(event))]
    store.starts = starts
    status = live.state(at)[0]
    assert newer  # the apply did come between
    return status, newer[0]


def test_a_page_view_that_an_apply_overtakes_reads_again() -> None:
    """An apply to the same value between a page view's check and its reading of the arrays
    (in place) is seen, and the page view answers for its own value, not the new one."""
    at = BASE + timedelta(minutes=12)  # past the session's end, ten minutes after BASE
    heartbeat = pa.PresenceEvent.activity("anna", device="d1", at=BASE + timedelta(minutes=5))
    status, newer = _overtaken(heartbeat, at)
    assert status is pa.Status.OFFLINE
    assert newer.state(at)[0] is pa.Status.ACTIVE


def test_a_page_view_whose_arrays_an_apply_empties_reads_again() -> None:
    """An apply that empties the arrays between a page view's check of them and its read
    (which would raise IndexError) makes the page view read again, for its own value."""
    at = BASE + timedelta(minutes=1)
    ended = pa.PresenceEvent.ended("anna", device="d1", at=BASE)  # a session of no length: no span at all
    status, newer = _overtaken(ended, at)
    assert status is pa.Status.ACTIVE
    assert newer._at[0].starts == []  # the apply did empty them
    assert newer.state(at)[0] is pa.Status.OFFLINE


@pytest.mark.parametrize("where", ["insort", "bisect_left"])
def test_an_apply_interrupted_halfway_leaves_every_value_as_it_was(
    where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A KeyboardInterrupt (or MemoryError) in the middle of an apply's change of the store
    puts the store back: the value applied to answers as before, and applies again."""
    page = _page()
    live = pa.LivePage.start(page).apply_all(
        [
            pa.PresenceEvent.started("anna", device="d1", client="web", at=BASE),
            pa.PresenceEvent.started("ben", device="d2", client="web", at=BASE + timedelta(minutes=1)),
        ]
    )
    before = _seen(live)
    real = getattr(lv, where)
    calls = []

    def interrupted(*args: Any) -> Any:
        calls.append(args)
        raise KeyboardInterrupt

    monkeypatch.setattr(lv, where, interrupted)
    ended = pa.PresenceEvent.ended("anna", device="d1", at=BASE + timedelta(minutes=4))
    with pytest.raises(KeyboardInterrupt):
        live.apply(ended)
    assert calls
    monkeypatch.setattr(lv, where, real)
    assert _seen(live) == before
    _check(live)
    after = live.apply(ended)  # the lock was let go
    assert after == pa.LivePage.restore(page, live.snapshot()).apply(ended)
    assert _seen(live) == before


def _line_of(function: Any, text: str) -> int:
    """The line number of the first line of *function* that holds *text*."""
    import inspect

    lines, first = inspect.getsourcelines(function)
    return first + next(index for index, line in enumerate(lines) if text in line)


def _on_line(function: Any, text: str, action: Any, after: int = 0) -> Any:
    """A trace function that runs *action* once, when *function* reaches its line holding *text*
    (or the line *after* lines below it)."""
    code, line = function.__code__, _line_of(function, text) + after
    done: List[bool] = []

    def local(frame: Any, event: str, arg: Any) -> Any:
        if event == "line" and frame.f_lineno == line and not done:
            done.append(True)
            action()
        return local

    def trace(frame: Any, event: str, arg: Any) -> Any:
        return local if frame.f_code is code else None

    return trace


def test_an_apply_interrupted_right_after_logging_leaves_the_value_as_it_was() -> None:
    """An interrupt between logging a change and making it (a KeyboardInterrupt at that
    bytecode) puts the store back: the value keeps its answers and its sessions."""
    import sys

    page = _page()
    live = pa.LivePage.start(page).apply(pa.PresenceEvent.started("anna", device="d1", client="web", at=BASE))
    before = _seen(live)

    def interrupt() -> None:
        raise KeyboardInterrupt

    previous = sys.gettrace()  # a coverage tracer, say: put back afterwards
    # the line right after the change is logged
    sys.settrace(_on_line(lv.LivePage._applied, "log.append((key, old, part))", interrupt, after=1))
    try:
        with pytest.raises(KeyboardInterrupt):
            live.apply(
                pa.PresenceEvent.started("ben", device="d2", client="web", at=BASE + timedelta(minutes=1))
            )
    finally:
        sys.settrace(previous)
    assert _seen(live) == before
    _check(live)


def test_a_page_view_during_an_apply_that_is_put_back_reads_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page view that read the arrays while an apply changed them, before the apply was
    interrupted and put back (the log as long as before), does not answer from what it read."""
    import sys

    page = _page()
    live = pa.LivePage.start(page).apply_all(
        [
            pa.PresenceEvent.started("anna", device="d1", client="web", at=BASE),
            pa.PresenceEvent.started("ben", device="d2", client="web", at=BASE + timedelta(minutes=1)),
        ]
    )
    moment = (BASE + timedelta(minutes=7) - lv._EPOCH) // lv._MICRO
    assert live._live_at(moment)
    real = bisect.insort  # what the module uses, put back below

    def interrupted(values: Any, value: Any) -> None:
        raise KeyboardInterrupt

    def writer() -> None:  # anna logs out at 9:05, and the apply is interrupted halfway
        monkeypatch.setattr(lv, "insort", interrupted)
        with contextlib.suppress(KeyboardInterrupt):
            live.apply(pa.PresenceEvent.ended("anna", device="d1", at=BASE + timedelta(minutes=5)))
        monkeypatch.setattr(lv, "insort", real)

    previous = sys.gettrace()  # a coverage tracer, say: put back afterwards
    sys.settrace(_on_line(lv.LivePage._live_at, "live = started > 0", writer))
    try:
        answer = live._live_at(moment)
    finally:
        sys.settrace(previous)
    assert answer  # ben's session holds 9:07 whatever happened to anna's
    _check(live)


def test_applies_from_several_threads_to_one_value_each_get_their_own() -> None:
    """Threads that apply different events to one value at once each get the value of that
    value plus their event, and the value stays as it was."""
    page = _page()
    base = pa.LivePage.start(page).apply_all(
        pa.PresenceEvent.started(person, device=f"d{index}", client="web", at=BASE)
        for index, person in enumerate(PEOPLE * 20)
    )
    expected_base = _seen(base)
    events = [
        pa.PresenceEvent.activity(person, device=f"d{index}", at=BASE + timedelta(minutes=index % 9))
        for index, person in enumerate(PEOPLE * 20)
    ]
    results: List[Any] = [None] * len(events)

    def work(index: int) -> None:
        results[index] = base.apply(events[index])

    workers = [threading.Thread(target=work, args=(index,)) for index in range(len(events))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    fresh = pa.LivePage.restore(page, base.snapshot())
    assert _seen(base) == expected_base
    for event, result in zip(events, results):
        assert result == fresh.apply(event)
        assert _seen(result) == _seen(fresh.apply(event))


def test_two_thousand_devices_answer_as_their_compiled_sessions() -> None:
    """Activity on 2,000 open sessions, many copies of the store: every page view as the sessions compiled."""
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
