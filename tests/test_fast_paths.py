"""The page-view fast paths answer exactly as the plain computation does.

A compiled Page keeps what it worked out for one page view (the payload's
expiry for a stretch of response hours and whether they are open along it, a
stretch of one UTC offset in the Page's zone, the checks of a status and a
kind of visitor) and reuses it for the next. These properties ask one compiled Page
many times, in any order, and compare every answer, repr included, with a
freshly compiled copy of the Page that has nothing kept yet, and with the
payload the public, validating ``build_payload`` makes.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import List, Optional, Tuple

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail import live, rules, wording
from pageavail._time import MAX_INSTANT, MIN_INSTANT, ZoneInfo, utc_seconds
from pageavail.errors import PageAvailError
from pageavail.payload import build_payload
from pageavail.testing import (
    HARD_ZONES,
    aware_datetimes,
    pages,
    presence_policies,
    schedules,
    sessions,
    teams,
    visitors,
    zones,
)

UTC = timezone.utc
MICRO = timedelta(microseconds=1)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

#: Days with DST changes in the hard zones, and an ordinary Friday.
BASES = [
    datetime(2026, 3, 29, 0, tzinfo=UTC),
    datetime(2026, 10, 25, 0, tzinfo=UTC),
    datetime(2026, 3, 8, 6, tzinfo=UTC),
    datetime(2026, 11, 1, 5, tzinfo=UTC),
    datetime(2026, 4, 4, 14, tzinfo=UTC),
    datetime(2026, 10, 3, 15, tzinfo=UTC),
    datetime(2026, 9, 6, 3, tzinfo=UTC),
    datetime(2026, 11, 27, 9, tzinfo=UTC),
]

#: How a page view may ask: (visitor, minutes since the last prompt or None, locale).
Ask = Tuple[Optional[str], Optional[int], Optional[str]]


def _fresh(compiled: pa.CompiledPage) -> pa.CompiledPage:
    """The same Page and sessions compiled anew: nothing kept from earlier answers."""
    return attrs.evolve(compiled.page).compile(compiled.presence.sessions)


def _expected_payload(
    compiled: pa.CompiledPage, at: datetime, visitor: Optional[str], locale: Optional[str]
) -> pa.Payload:
    """The payload as the public ``build_payload`` makes it, its expiry worked out afresh."""
    page = compiled.page
    try:
        expires = compiled._schedule_change(at)
    except pa.OutOfRangeError:
        expires = MAX_INSTANT.astimezone(page.zone)
    language, texts = compiled._language(locale)
    return build_payload(
        page_id=page.id,
        page_name=page.name,
        locale=language,
        texts=texts,
        shown_at=at.astimezone(page.zone),
        banner=page.policy.banner,
        expires_at=expires,
        visitor=visitor,
    )


@st.composite
def views(draw: st.DrawFn) -> Tuple[pa.CompiledPage, List[datetime], List[Ask]]:
    """A compiled Page in a hard zone, and page views around a DST day in any order and zone."""
    zone = draw(st.sampled_from(list(HARD_ZONES)))
    base = draw(st.sampled_from(BASES))
    page = draw(pages(zone=zone))
    drawn = draw(st.lists(sessions(base=base - timedelta(hours=12), span=timedelta(hours=36)), max_size=5))
    if draw(st.booleans()):  # a Page that shows the prompt whenever its hours are open
        settings = attrs.evolve(page.settings, enabled=True, show_active=True, away=False)
        policy = attrs.evolve(page.policy, rollout_percent=100)
        grants = [*page.grants, pa.Grant("zoe", page.id, role="editor")]
        page = attrs.evolve(page, settings=settings, policy=policy, grants=grants)
        start = base - timedelta(days=2)
        drawn.append(
            pa.Session("zoe", "web", start, start + timedelta(days=4), ended=start + timedelta(days=4))
        )
    compiled = page.compile(drawn)
    offsets = draw(st.lists(st.integers(-86_400_000_000, 2 * 86_400_000_000), min_size=1, max_size=12))
    moments = [base + offset * MICRO for offset in offsets]
    edges = []
    for at in moments:  # the edges of the kept stretches: one microsecond either side of each change
        try:
            change = compiled._schedule_change(at)
        except pa.OutOfRangeError:
            continue
        if change is not None:
            edges += [change - MICRO, change, change + MICRO]
    moments += draw(st.permutations(edges))[:6]
    shown_in = draw(st.lists(st.just(UTC) | zones(), min_size=len(moments), max_size=len(moments)))
    instants = [at.astimezone(in_zone) for at, in_zone in zip(moments, shown_in)]
    asks = draw(
        st.lists(
            st.tuples(
                visitors(), st.none() | st.integers(-60, 3000), st.sampled_from([None, "en", "de-AT", "fr"])
            ),
            min_size=len(instants),
            max_size=len(instants),
        )
    )
    return compiled, instants, asks


@settings(max_examples=150, deadline=None)
@given(case=views())
def test_prompt_answers_as_a_fresh_page_and_build_payload(
    case: Tuple[pa.CompiledPage, List[datetime], List[Ask]],
) -> None:
    compiled, instants, asks = case
    for at, (visitor, minutes, locale) in zip(instants, asks):
        last = None if minutes is None else at - timedelta(minutes=minutes)
        got = compiled.prompt(at, visitor=visitor, last_prompted=last, locale=locale)
        expected = _fresh(compiled).prompt(at, visitor=visitor, last_prompted=last, locale=locale)
        assert got == expected
        assert repr(got) == repr(expected)
        if got.shown:
            payload = _expected_payload(compiled, at, visitor, locale)
            assert got.payload == payload
            assert repr(got.payload) == repr(payload)
        again = compiled.prompt(at, visitor=visitor, last_prompted=last, locale=locale)
        assert repr(again) == repr(got)


@settings(max_examples=100, deadline=None)
@given(case=views())
def test_prompt_with_the_decision_answers_as_without(
    case: Tuple[pa.CompiledPage, List[datetime], List[Ask]],
) -> None:
    compiled, instants, asks = case
    for at, (visitor, _, locale) in zip(instants, asks):
        with_decision = compiled.prompt(at, visitor=visitor, locale=locale, decision=compiled.decide(at))
        assert repr(with_decision) == repr(compiled.prompt(at, visitor=visitor, locale=locale))


@settings(max_examples=100, deadline=None)
@given(case=views())
def test_a_view_over_the_presence_answers_as_the_compiled_page(
    case: Tuple[pa.CompiledPage, List[datetime], List[Ask]],
) -> None:
    compiled, instants, asks = case
    view = compiled._with_presence(compiled.presence)
    for at, (visitor, _, locale) in zip(instants, asks):
        assert repr(view.prompt(at, visitor=visitor, locale=locale)) == repr(
            compiled.prompt(at, visitor=visitor, locale=locale)
        )
        assert view.state(at) == compiled.state(at)


@settings(max_examples=150, deadline=None)
@given(case=views())
def test_decide_answers_as_a_fresh_page(case: Tuple[pa.CompiledPage, List[datetime], List[Ask]]) -> None:
    compiled, instants, _ = case
    for at in instants:
        got = compiled.decide(at)
        expected = _fresh(compiled).decide(at)
        assert got == expected
        assert repr(got) == repr(expected)
        for check in got.checks:  # made without attrs' __init__, yet as valid as one made with it
            assert repr(check) == repr(pa.Check(check.name, check.passed, check.message, check.notes))
        assert (got.status, got.reason) == compiled.state(at)
        hours = compiled.page.settings.hours
        change = None if hours is None else hours.check(at).next_change
        assert repr(got.until) == repr(compiled._until_or_end(at, (got.status, got.reason), change))
        try:
            until = compiled.next_change(at, by_reason=False)
        except pa.OutOfRangeError:
            until = MAX_INSTANT
        if until is not None and until.astimezone(UTC) >= MAX_INSTANT:
            until = MAX_INSTANT.astimezone(compiled.page.zone)
        assert got.until == until


@given(at=aware_datetimes(zones([*HARD_ZONES, "Asia/Kolkata"]), datetime(4, 1, 2), datetime(9996, 12, 30)))
def test_microseconds_are_those_of_the_plain_formula(at: datetime) -> None:
    assert rules._micros(at) == (at - EPOCH) // MICRO


def test_microseconds_at_the_ends_of_the_supported_instants() -> None:
    assert rules._micros(MIN_INSTANT) == (MIN_INSTANT - EPOCH) // MICRO
    last = MAX_INSTANT - MICRO
    assert rules._micros(last) == (last - EPOCH) // MICRO
    odd = timezone(timedelta(hours=5, minutes=30, seconds=7, microseconds=11))
    at = datetime(2026, 11, 27, 9, 0, 0, 999_999, tzinfo=odd)
    assert rules._micros(at) == (at - EPOCH) // MICRO


@pytest.mark.parametrize(
    "value",
    [
        MAX_INSTANT,
        MIN_INSTANT - MICRO,
        datetime(2026, 11, 27, 9),  # naive
        "2026-11-27T09:00:00Z",
        None,
        17,
    ],
)
def test_microseconds_refuse_what_utc_seconds_refuses(value: object) -> None:
    with pytest.raises(PageAvailError) as expected:
        utc_seconds(value, "last_prompted")
    with pytest.raises(type(expected.value)) as got:
        rules._micros(value, "last_prompted")  # type: ignore[arg-type]
    assert str(got.value) == str(expected.value)


def test_the_kept_expiry_is_not_used_before_its_stretch() -> None:
    hours = pa.Schedule.parse("Mo-Fr 09:00-12:00,12:30-17:00", zone="Europe/Berlin")
    page = pa.Page(
        id="acme",
        name="Acme",
        zone="Europe/Berlin",
        settings=pa.MessagingSettings(hours=hours),
        grants=[pa.Grant("anna", "acme", role="editor")],
    )
    berlin = ZoneInfo("Europe/Berlin")
    nine = datetime(2026, 11, 27, 9, 0, tzinfo=berlin)
    compiled = page.compile([pa.Session("anna", "web", nine - timedelta(days=1), nine + timedelta(hours=8))])

    def expiry(at: datetime) -> Optional[datetime]:
        payload = compiled.prompt(at, visitor="v-1").payload
        assert payload is not None
        return payload.expires_at

    assert expiry(nine + timedelta(hours=7, minutes=59)) == datetime(2026, 11, 27, 17, 0, tzinfo=berlin)
    assert expiry(nine - timedelta(days=1)) == datetime(2026, 11, 26, 12, 0, tzinfo=berlin)
    assert expiry(datetime(2026, 11, 26, 17, 0, tzinfo=berlin) - MICRO) == datetime(
        2026, 11, 26, 17, 0, tzinfo=berlin
    )
    assert not compiled.prompt(datetime(2026, 11, 26, 17, 0, tzinfo=berlin), visitor="v-1").shown
    assert expiry(datetime(2026, 11, 27, 12, 40, tzinfo=berlin)) == datetime(
        2026, 11, 27, 17, 0, tzinfo=berlin
    )
    assert expiry(datetime(2026, 11, 27, 11, 50, tzinfo=berlin)) == datetime(
        2026, 11, 27, 12, 0, tzinfo=berlin
    )


#: Zones with changes of the clocks that are not one hour, or whole days skipped.
ODD_ZONES = ["Australia/Lord_Howe", "Pacific/Apia", "Pacific/Kiritimati", "America/Caracas", "Asia/Kolkata"]


@settings(max_examples=300, deadline=None)
@given(
    zone=st.sampled_from([*HARD_ZONES, *ODD_ZONES]),
    base=st.sampled_from([*BASES, datetime(2011, 12, 29, 10, tzinfo=UTC), datetime(1993, 8, 20, tzinfo=UTC)]),
    offset=st.integers(-36 * 3600, 36 * 3600),
    probes=st.lists(st.integers(-2 * 86_400_000_000, 2 * 86_400_000_000), max_size=20),
)
def test_the_stretch_of_one_offset_gives_the_local_times_of_astimezone(
    zone: str, base: datetime, offset: int, probes: List[int]
) -> None:
    """Within the kept stretch, ``local + (t - anchor)`` is ``t.astimezone(zone)``: wall clock and fold."""
    tz = ZoneInfo(zone)
    at = base + timedelta(seconds=offset)
    local = at.astimezone(tz)
    if local.fold:
        return  # the page view converts such an instant itself and keeps no stretch
    moment = rules._micros(at)
    lo, hi, anchor, kept = rules._one_offset(tz, at, moment, local)
    assert lo <= moment < hi
    assert anchor is at
    assert kept is local
    edges = [lo - moment, lo + 1 - moment, hi - 1 - moment, hi - moment]
    for probe in [*probes, *edges]:
        t = at + probe * MICRO
        plain = t.astimezone(tz)
        if lo <= moment + probe < hi:
            made = local + (t - at)
            assert repr(made) == repr(plain)
            assert made.fold == plain.fold


@pytest.mark.parametrize(
    ("zone", "after"),
    [
        ("Europe/Berlin", datetime(2026, 10, 25, 2, 30, tzinfo=UTC)),  # an hour after the clocks go back
        ("America/New_York", datetime(2026, 11, 1, 7, 0, 1, tzinfo=UTC)),
        ("Australia/Lord_Howe", datetime(2026, 4, 4, 15, 40, tzinfo=UTC)),  # half an hour back
        ("Europe/Berlin", datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),  # the clocks go forward
    ],
)
def test_the_stretch_of_one_offset_leaves_out_the_repeated_hour(zone: str, after: datetime) -> None:
    """After the clocks go back, the stretch starts after the repeated wall clocks (fold 1)."""
    tz = ZoneInfo(zone)
    local = after.astimezone(tz)
    assert not local.fold
    moment = rules._micros(after)
    lo, hi, _, _ = rules._one_offset(tz, after, moment, local)
    for minutes in range(-24 * 60, 24 * 60, 5):
        t = after + timedelta(minutes=minutes)
        plain = t.astimezone(tz)
        inside = lo <= rules._micros(t) < hi
        if inside:
            assert repr(local + (t - after)) == repr(plain)
        if plain.fold or plain.utcoffset() != local.utcoffset():
            assert not inside


def test_earlier_views_stretch_the_kept_expiry_back() -> None:
    """A view before the kept stretch that finds the same change extends it; hours open along it."""
    hours = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin")
    page = pa.Page(
        id="acme",
        name="Acme",
        zone="Europe/Berlin",
        settings=pa.MessagingSettings(hours=hours),
        grants=[pa.Grant("anna", "acme", role="editor")],
    )
    berlin = ZoneInfo("Europe/Berlin")
    nine = datetime(2026, 11, 27, 9, 0, tzinfo=berlin)
    compiled = page.compile([pa.Session("anna", "web", nine, nine + timedelta(days=4))])
    prepared = compiled._prepared
    assert compiled.prompt(nine + timedelta(hours=5), visitor="v-1").shown
    five = rules._micros(nine + timedelta(hours=5))
    assert prepared.expiry[:2] == (five, rules._micros(nine + timedelta(hours=8)))
    assert compiled.prompt(nine + timedelta(hours=1), visitor="v-1").shown
    assert prepared.expiry[0] == rules._micros(nine + timedelta(hours=1))
    assert prepared.expiry[4] is True
    # a view in another stretch replaces it, closed hours included
    assert not compiled.prompt(nine + timedelta(hours=9), visitor="v-1").shown
    assert compiled.prompt(nine + timedelta(days=3, hours=1), visitor="v-1").shown  # Monday
    assert prepared.expiry[0] == rules._micros(nine + timedelta(days=3, hours=1))
    assert not compiled.prompt(nine + timedelta(hours=9), visitor="v-1").shown
    assert repr(compiled.prompt(nine + timedelta(hours=2), visitor="v-2")) == repr(
        _fresh(compiled).prompt(nine + timedelta(hours=2), visitor="v-2")
    )


@pytest.mark.parametrize("percent", [50, 50.0, 0, 0.0, 44.9, 100])
@pytest.mark.parametrize("page_id", ["acme", "acme-bakery", "beta"])
def test_pages_sharing_their_fixed_checks_keep_their_own_values(page_id: str, percent: float) -> None:
    policy = pa.Policy(rollout_percent=percent, prompt_cooldown=timedelta(hours=percent // 10))
    page = pa.Page(id=page_id, name="Acme", zone="UTC", policy=policy)
    checks = page.compile().prompt(datetime(2026, 11, 27, 9, 0, tzinfo=UTC)).checks
    bucket = pa.rollout_bucket(page_id, "active-prompt")
    inside = bucket < percent
    expected = pa.Check("in_rollout", inside, wording.rollout(inside, percent, int(bucket) + 1))
    assert repr(checks[2]) == repr(expected)
    assert checks[2].detail == expected.detail
    assert repr(checks[4]) == repr(pa.Check("cooldown_passed", True, wording.rested(policy.prompt_cooldown)))


@st.composite
def device_events(draw: st.DrawFn) -> List[pa.PresenceEvent]:
    """Events of up to 50 devices (more changes than one store of LivePage logs), in any order."""
    base = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    events: List[pa.PresenceEvent] = []
    for index in range(draw(st.integers(1, 50))):
        person, device = draw(st.sampled_from(["anna", "ben", "omar"])), f"d{index}"
        at = base + timedelta(minutes=draw(st.integers(0, 120)))
        client = draw(st.sampled_from(["web", "api", "mobile"]))
        events.append(pa.PresenceEvent.started(person, device=device, client=client, at=at))
        for _ in range(draw(st.integers(0, 4))):
            at += timedelta(minutes=draw(st.integers(0, 15)))
            if draw(st.integers(0, 5)) == 0:
                events.append(pa.PresenceEvent.started(person, device=device, client=client, at=at))
            else:
                events.append(pa.PresenceEvent.activity(person, device=device, at=at))
        if draw(st.booleans()):
            events.append(pa.PresenceEvent.ended(person, device=device, at=at + timedelta(minutes=3)))
    return draw(st.permutations(events))


@settings(max_examples=60, deadline=None)
@given(events=device_events(), checks=st.lists(st.integers(0, 200), min_size=1, max_size=6))
def test_a_live_page_answers_as_its_compiled_sessions_after_every_apply(
    events: List[pa.PresenceEvent], checks: List[int]
) -> None:
    """Page views of a LivePage, whatever its store logged, are those of its sessions compiled."""
    page = pa.Page(
        id="acme",
        name="Acme",
        zone="Europe/Berlin",
        grants=[pa.Grant("anna", "acme", role="editor"), pa.Grant("ben", "acme", role="admin")],
    )
    live = pa.LivePage.start(page)
    base = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    for step, event in enumerate(events):
        live = live.apply(event)
        if step % 7 and step != len(events) - 1:
            continue
        compiled = page.compile(live.sessions)
        for minute in checks:
            at = base + timedelta(minutes=minute, seconds=step % 60)
            assert live.state(at) == compiled.state(at)
            assert repr(live.prompt(at, visitor="v-1")) == repr(compiled.prompt(at, visitor="v-1"))
        for bound in compiled.presence._bounds[:8]:
            for at in (base + (bound - (base - EPOCH) // MICRO + d) * MICRO for d in (-1, 0, 1)):
                assert live.state(at) == compiled.state(at)


@pytest.mark.parametrize(
    "text", ["Mo-Fr 09:00-17:00", "Mo-Su 00:00-24:00", "Dec 31 off", "Jan 01 08:00-09:00"]
)
@pytest.mark.parametrize("hours_before_the_end", [0.5, 10, 30, 200])
@pytest.mark.parametrize("live", [False, True])
def test_decide_at_the_end_of_the_supported_instants(
    text: str, hours_before_the_end: float, live: bool
) -> None:
    """Where the next change lies past the supported instants, until is their end, as next_change tells."""
    hours = pa.Schedule.parse(text, zone="Europe/Berlin")
    page = pa.Page(
        id="acme",
        name="Acme",
        zone="Europe/Berlin",
        settings=pa.MessagingSettings(hours=hours),
        grants=[pa.Grant("anna", "acme", role="editor")],
    )
    at = MAX_INSTANT - timedelta(hours=hours_before_the_end)
    sessions = [pa.Session("anna", "web", at - timedelta(hours=1), at + timedelta(minutes=5))] if live else []
    compiled = page.compile(sessions)
    decision = compiled.decide(at)
    try:
        until = compiled.next_change(at, by_reason=False)
    except pa.OutOfRangeError:
        until = MAX_INSTANT
    if until is not None and until.astimezone(UTC) >= MAX_INSTANT:
        until = MAX_INSTANT.astimezone(page.zone)
    assert decision.until == until
    assert repr(decision) == repr(_fresh(compiled).decide(at))


@given(
    values=st.lists(st.integers(-5, 30)),
    picks=st.lists(st.booleans()),
    adds=st.lists(st.integers(-5, 30)),
)
def test_edited_arrays_are_the_sorted_multiset(values: List[int], picks: List[bool], adds: List[int]) -> None:
    """An edit of a store's arrays drops some bounds (duplicates included) and adds others, in order."""
    values = sorted(values)
    drops = [value for value, pick in zip(values, picks) if pick]
    kept = list(values)
    for value in drops:
        kept.remove(value)
    edited = list(values)
    live._edit(edited, drops, sorted(adds))
    assert edited == sorted(kept + adds)


@st.composite
def hours_views(draw: st.DrawFn) -> Tuple[pa.CompiledPage, List[datetime]]:
    """A Page with any response hours in a hard zone, and instants around a DST day: whole
    minutes (where rules start and end) and a microsecond either side, in any order and zone."""
    zone = draw(st.sampled_from(list(HARD_ZONES)))
    hours = draw(schedules(st.just(ZoneInfo(zone)), max_rules=3, dates=draw(st.booleans())))
    page = pa.Page(id="acme", name="Acme", zone=zone, settings=pa.MessagingSettings(hours=hours))
    base = draw(st.sampled_from(BASES))
    minutes = draw(st.lists(st.integers(-36 * 60, 60 * 60), min_size=1, max_size=20))
    nudges = draw(st.lists(st.sampled_from([-1, 0, 1]), min_size=len(minutes), max_size=len(minutes)))
    moments = [base + timedelta(minutes=m) + n * MICRO for m, n in zip(minutes, nudges)]
    shown_in = draw(st.lists(st.just(UTC) | zones(), min_size=len(moments), max_size=len(moments)))
    return page.compile(), [at.astimezone(in_zone) for at, in_zone in zip(moments, shown_in)]


@settings(max_examples=200, deadline=None)
@given(case=hours_views())
def test_the_kept_hours_check_and_change_are_those_of_schedule_check(
    case: Tuple[pa.CompiledPage, List[datetime]],
) -> None:
    """decide() keeps the hours check by day, stretch of minutes and open, and the next change
    by stretch of hours: asked in any order, again and again, it answers as Schedule.check."""
    compiled, instants = case
    hours = compiled.page.settings.hours
    assert hours is not None
    for at in instants + instants[::-1]:
        status = hours.check(at)
        check, change, end = compiled._hours_at(hours, at, rules._micros(at))
        assert repr(check) == repr(compiled._check_hours(status))
        assert repr(change) == repr(status.next_change)
        assert end == (rules._FOREVER if change is None else (change - EPOCH) // MICRO)


def test_the_kept_hours_are_bounded() -> None:
    hours = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin")
    page = pa.Page(id="acme", name="Acme", zone="Europe/Berlin", settings=pa.MessagingSettings(hours=hours))
    compiled = page.compile()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for day in range(rules._HOURS_CACHE + 1):
        compiled.decide(start + timedelta(days=day, hours=10))
    prepared = compiled._prepared
    assert len(prepared.hours_checks) == 1
    assert len(prepared.stretches) == 1
    assert prepared.cuts == [540, 1020]
    at = start + timedelta(days=rules._HOURS_CACHE, hours=10, minutes=1)
    assert repr(compiled.decide(at)) == repr(_fresh(compiled).decide(at))


@st.composite
def presences(draw: st.DrawFn) -> Tuple[pa.PagePresence, List[datetime]]:
    """A compiled presence of sessions over a DST day, and instants at and around its bounds."""
    base = draw(st.sampled_from(BASES))
    team = draw(teams())
    drawn = draw(st.lists(sessions(base=base - timedelta(hours=6), span=timedelta(hours=12)), max_size=12))
    presence = pa.PagePresence.compile(team, drawn, draw(presence_policies()))
    bounds = sorted({b for s in drawn for b in s._instants() if b is not None})
    moments = [EPOCH + (b + d) * MICRO for b in bounds for d in (-1, 0, 1)]
    moments += [base + timedelta(seconds=s) for s in draw(st.lists(st.integers(-86_400, 86_400), max_size=8))]
    zone = draw(zones())
    return presence, [at.astimezone(zone) for at in draw(st.permutations(moments))]


@settings(max_examples=200, deadline=None)
@given(case=presences())
def test_explain_answers_as_the_walk_over_every_session(case: Tuple[pa.PagePresence, List[datetime]]) -> None:
    """explain() reads who is live and what does not count from an index made once; the walk
    over every person and every session that does not count gives the same."""
    presence, instants = case
    for at in instants:
        moment = (at - EPOCH) // MICRO
        got, not_counted = presence._explain(at)
        ignored = tuple(item for start, end, item in presence._ignored() if start <= moment < end)
        assert got.people == presence.who(at)
        assert got.ignored == ignored
        assert [i.message for i in got.ignored] == [i.message for i in ignored]
        assert got.live == presence.is_live(at) == bool(got.people)
        assert repr(not_counted) == repr(wording.not_counted(ignored) if ignored else None)
        assert repr(presence.explain(at)) == repr(got)


def test_the_end_of_a_period_may_be_the_end_of_the_range_and_its_error_says_so() -> None:
    """An end (of a period) may be MAX_INSTANT itself, and its error says "up to and including";
    any other instant must lie before it, and its error says "not including"."""
    from pageavail._time import MAX_INSTANT, utc_seconds

    assert (
        utc_seconds(MAX_INSTANT, "to", end=True)
        == (MAX_INSTANT - datetime(1970, 1, 1, tzinfo=UTC)).days * 86_400
    )
    with pytest.raises(pa.OutOfRangeError, match=r"'to' must lie .* up to and including 9997-01-01"):
        utc_seconds(MAX_INSTANT + timedelta(microseconds=1), "to", end=True)
    with pytest.raises(pa.OutOfRangeError, match=r"'at' must lie .* up to, not including, 9997-01-01"):
        utc_seconds(MAX_INSTANT, "at")
