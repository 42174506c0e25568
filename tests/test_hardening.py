"""Hardening: threads sharing compiled objects, and pickling of every public value."""

from __future__ import annotations

import inspect
import pickle
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List

import pageavail as pa
from pageavail.config import load_page
from pageavail.replies import Message, auto_reply, responsiveness

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)


def test_threads_share_compiled_pages_and_lazy_schedules() -> None:
    """32 threads deciding on one shared Page, whose schedule compiles lazily as they race, agree with one thread."""
    hours = pa.Schedule.parse(
        "Mo-Fr 09:00-17:00; Sa 10:00-14:00; PH off", zone="Europe/Berlin", holidays="DE-BE"
    )
    sessions = [
        pa.Session("anna", "web", T0 + timedelta(hours=h), T0 + timedelta(hours=h, minutes=40))
        for h in range(0, 2000, 7)
    ]
    page = pa.Page(
        id="acme",
        name="Acme",
        zone="Europe/Berlin",
        settings=pa.MessagingSettings(hours=hours),
        grants=[pa.Grant("anna", "acme", role="admin")],
    )
    moments = [T0 + timedelta(minutes=97 * i) for i in range(1500)]

    def answers(live: pa.CompiledPage, chunk: List[datetime]) -> List[Any]:
        return [
            (live.decide(at), live.prompt(at, visitor="v-1"), hours.intervals(at, at + timedelta(days=2)))
            for at in chunk
        ]

    expected = answers(page.compile(sessions), moments)
    shared = pa.Page(
        id="acme",
        name="Acme",
        zone="Europe/Berlin",
        settings=pa.MessagingSettings(
            hours=pa.Schedule.parse(str(hours), zone="Europe/Berlin", holidays="DE-BE")
        ),  # a fresh schedule: nothing compiled yet
        grants=[pa.Grant("anna", "acme", role="admin")],
    ).compile(sessions)
    chunks = [moments[i::32] for i in range(32)]
    with ThreadPoolExecutor(max_workers=32) as pool:
        results = list(pool.map(lambda chunk: answers(shared, chunk), chunks))
    for index, chunk_result in enumerate(results):
        assert chunk_result == expected[index::32]


def samples() -> Dict[type, Any]:
    """One instance of every public value type."""
    loaded = load_page(
        __import__("pathlib").Path(__file__).resolve().parent.parent / "examples" / "acme-bakery.toml"
    )
    live = loaded.compile()
    at = datetime(2026, 11, 27, 9, 15, tzinfo=timezone.utc)  # 10:15 in Berlin: anna is online
    hours = loaded.page.settings.hours
    assert hours is not None
    decision = live.decide(at)
    prompt = live.prompt(at, visitor="v-1")
    line = pa.Timeline.build(live, at, at + timedelta(days=2))
    log = [Message("c", "visitor", at), Message("c", "page", at + timedelta(minutes=3))]
    values = [
        hours,
        hours.intervals(at, at + timedelta(days=1))[0],
        hours.check(at),
        hours.holidays,
        pa.Recurrence.parse("FREQ=MONTHLY;BYDAY=1MO"),
        *hours.rules,
        pa.TimeSpan(600, 720),
        pa.WeekdayRange(1, 5),
        pa.DateRange(12, 24),
        pa.YearRange(2026, 2027),
        pa.Weekday.MO,
        pa.Month.DEC,
        pa.HoursState.UNKNOWN,
        loaded.page,
        loaded.page.settings,
        loaded.page.policy,
        live,
        decision,
        *decision.checks,
        prompt,
        prompt.payload,
        pa.Status.ACTIVE,
        loaded.page.team,
        *loaded.page.grants,
        pa.Source.parse("partner:agency"),
        pa.SourceKind.PARTNER,
        pa.Role.ADMIN,
        pa.Task.MESSAGES,
        loaded.page.team.access("anna"),
        *loaded.sessions,
        pa.Client.WEB,
        loaded.page.policy.presence,
        live.presence,
        live.presence.explain(at),
        pa.Ignored("omar", pa.Client.WEB, "analyst: no messaging task"),
        line,
        line.segments[0],
        line.forecast(10, 0.1),
        line.compare(line),
        log[0],
        pa.Sender.PAGE,
        pa.ReplyKind.AWAY_MESSAGE,
        auto_reply(live, log[0]),
        responsiveness(log, at + timedelta(hours=1)),
        pa.PresenceEvent.started("anna", device="d1", client="web", at=at),
        pa.EventKind.ENDED,
        pa.LivePage.start(loaded.page).apply(
            pa.PresenceEvent.started("anna", device="d1", client="web", at=at)
        ),
    ]
    return {type(v): v for v in values}


def test_every_public_value_pickles() -> None:
    """Each public value type survives pickling (equal, or answering the same for compiled Pages)."""
    found = samples()
    public = {
        getattr(pa, name)
        for name in pa.__all__
        if inspect.isclass(getattr(pa, name)) and not issubclass(getattr(pa, name), Exception)
    }
    assert public <= set(found), sorted(c.__name__ for c in public - set(found))
    at = datetime(2026, 11, 27, 9, 15, tzinfo=timezone.utc)  # 10:15 in Berlin: anna is online
    for kind, value in found.items():
        copy = pickle.loads(pickle.dumps(value))
        if isinstance(value, pa.CompiledPage):
            assert copy.decide(at) == value.decide(at)
        else:
            assert copy == value, kind


def test_every_error_pickles() -> None:
    """Every public error type survives pickling with its message."""
    for name in pa.__all__:
        kind = getattr(pa, name)
        if inspect.isclass(kind) and issubclass(kind, pa.PageAvailError):
            error = (
                kind("reason", "Mo 9", 4) if issubclass(kind, pa.ScheduleSyntaxError) else kind("a message")
            )
            copy = pickle.loads(pickle.dumps(error))
            assert (type(copy), str(copy)) == (kind, str(error))
