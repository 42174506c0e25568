"""The decision: the status ladder, the visitor prompt, rollout, and the payload."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import List, Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pageavail as pa
from pageavail.testing import PEOPLE, grants, sessions

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)  # a Friday, 10:00 in Berlin
MIN = timedelta(minutes=1)
BERLIN = "Europe/Berlin"
HOURS = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone=BERLIN)
GRANTS = [
    pa.Grant("anna", "acme", role="admin"),
    pa.Grant("ben", "acme", role="editor"),
    pa.Grant("omar", "acme", role="analyst"),
]


def page(**settings: object) -> pa.Page:
    """The Acme test Page, with messaging settings overridden by *settings*."""
    policy = settings.pop("policy", pa.Policy())
    values = {"hours": HOURS, **settings}
    return pa.Page(
        id="acme",
        name="Acme Bakery",
        zone=BERLIN,
        locale="de",
        settings=pa.MessagingSettings(**values),  # type: ignore[arg-type]
        grants=GRANTS,
        policy=policy,  # type: ignore[arg-type]
    )


def online(person: str = "anna", client: str = "web", minutes: int = 30) -> pa.Session:
    """A session that started 10 minutes before T0 and was last seen *minutes* after it."""
    return pa.Session(person, client, T0 - 10 * MIN, T0 + minutes * MIN)


def idle(person: str) -> pa.Session:
    """A session still open but idle for half an hour at T0."""
    return pa.Session(person, "web", T0 - 60 * MIN, T0 - 30 * MIN)


def test_active() -> None:
    """With messaging on, not away, within hours and someone live, the Page is active."""
    decision = page().compile([online()]).decide(T0)
    assert decision.status is pa.Status.ACTIVE
    assert decision.reason == "active"
    assert [c.name for c in decision.checks] == [
        "messaging_enabled",
        "not_away_by_hand",
        "within_response_hours",
        "someone_can_answer",
    ]
    assert tuple(c.name for c in decision.checks) == pa.rules.STATUS_CHECKS
    assert all(c.passed for c in decision.checks)
    assert decision.until == datetime(2026, 11, 27, 9, 40, tzinfo=timezone.utc)  # idle after 10 minutes


@pytest.mark.parametrize(
    ("settings", "at", "status", "reason"),
    [
        ({"enabled": False}, T0, pa.Status.MESSAGING_OFF, "messaging_enabled"),
        ({"away": True}, T0, pa.Status.AWAY, "not_away_by_hand"),
        ({"away": T0 + 5 * MIN}, T0, pa.Status.AWAY, "not_away_by_hand"),
        ({"away": T0 - 5 * MIN}, T0, pa.Status.ACTIVE, "active"),
        ({}, T0 + 8 * 60 * MIN, pa.Status.AWAY, "within_response_hours"),  # 18:00 in Berlin
    ],
)
def test_ladder(settings: dict, at: datetime, status: pa.Status, reason: str) -> None:
    """Each step of the ladder decides when it is the first to fail."""
    live = page(**settings).compile([pa.Session("anna", "web", T0 - MIN, at + MIN)])
    decision = live.decide(at)
    assert (decision.status, decision.reason) == (status, reason)


def test_offline_reason_names_idle_time() -> None:
    """Offline explains the last activity and the idle timeout, in English and German."""
    decision = page().compile([online(minutes=0)]).decide(T0 + 25 * MIN)  # last seen at T0
    assert decision.status is pa.Status.OFFLINE
    check = decision.checks[-1]
    assert (
        check.detail == "Nobody who can answer messages is online: the last activity was 25 minutes ago, "
        "and a session counts as idle after 10 minutes."
    )
    assert check.text("de") == (
        "Niemand, der Nachrichten beantworten kann, ist online: Die letzte Aktivität war vor 25 Minuten, "
        "als inaktiv gilt eine Sitzung nach 10 Minuten."
    )
    assert check.text("de-AT") == check.text("de")
    assert check.text("sv") == check.detail  # no Swedish catalogue: English
    assert check.text("fr").startswith("Aucune personne pouvant répondre aux messages n’est en ligne")


def test_messaging_off_never_changes() -> None:
    """Messaging switched off has no next status change."""
    assert page(enabled=False).compile([online()]).decide(T0).until is None


def test_until_of_away_until_an_instant() -> None:
    """Away until an instant changes status at that instant."""
    decision = page(away=T0 + 5 * MIN).compile([online()]).decide(T0)
    assert decision.until == T0 + 5 * MIN


# -- the seed question: "several admins are logged in and nobody sees the prompt" -------


def prompt_for(live: pa.CompiledPage, visitor: Optional[str] = "v-1", **kw: object) -> pa.Prompt:
    return live.prompt(T0, visitor=visitor, **kw)  # type: ignore[arg-type]


def test_prompt_shown() -> None:
    """When every check passes, the visitor gets the payload in the Page's language."""
    result = prompt_for(page().compile([online(), online("ben")]))
    assert result.shown
    assert result.reason == "shown"
    assert result.payload is not None
    assert result.payload.title == "Acme Bakery ist jetzt aktiv"
    assert result.payload.body == "Beginne eine Unterhaltung."
    assert result.payload.action_label == "Nachricht senden"
    assert [c.name for c in result.checks] == [
        "page_active",
        "show_active_on",
        "in_rollout",
        "visitor_not_team",
        "cooldown_passed",
    ]
    assert tuple(c.name for c in result.checks) == pa.rules.PROMPT_CHECKS


@pytest.mark.parametrize(
    ("cause", "build", "reason"),
    [
        ("everyone idle", lambda: page().compile([idle("anna"), idle("ben")]), "page_active"),
        (
            "outside hours",
            lambda: page(hours=pa.Schedule.parse("Sa", zone=BERLIN)).compile([online()]),
            "page_active",
        ),
        ("show-active off", lambda: page(show_active=False).compile([online()]), "show_active_on"),
        (
            "not in rollout",
            lambda: page(policy=pa.Policy(rollout_percent=0)).compile([online()]),
            "in_rollout",
        ),
        (
            "only API tokens",
            lambda: page().compile([online(client="api"), online("ben", "api")]),
            "page_active",
        ),
        ("only an analyst", lambda: page().compile([online("omar")]), "page_active"),
    ],
)
def test_why_nobody_sees_the_prompt(cause: str, build: object, reason: str) -> None:
    """Each cause of 'logged in, yet no prompt' is the first failing prompt check."""
    result = prompt_for(build())  # type: ignore[operator]
    assert not result.shown, cause
    assert result.reason == reason
    assert result.payload is None


def test_team_never_sees_its_own_prompt() -> None:
    """A visitor on the Page's team, whatever the role, never sees the prompt."""
    live = page().compile([online()])
    for member in ("anna", "ben", "omar"):
        result = prompt_for(live, visitor=member)
        assert result.reason == "visitor_not_team"
    assert prompt_for(live, visitor=None).shown  # an anonymous visitor does


def test_cooldown() -> None:
    """A visitor prompted within the cooldown is not prompted again."""
    live = page().compile([online()])
    assert prompt_for(live, last_prompted=T0 - 3 * 60 * MIN).reason == "cooldown_passed"
    assert prompt_for(live, last_prompted=T0 - 25 * 60 * MIN).shown
    text = prompt_for(live, last_prompted=T0 - 3 * 60 * MIN).checks[-1].detail
    assert text == "The visitor saw the prompt 3 hours ago, within the cooldown of 24 hours."


def test_payload_json_and_times() -> None:
    """to_dict() is JSON-ready; the banner collapses after 8 seconds; it expires when hours end."""
    payload = prompt_for(page().compile([online()]), locale="en").payload
    assert payload is not None
    data = json.loads(json.dumps(payload.to_dict()))
    assert data["title"] == "Acme Bakery is active now"
    assert data["shown_at"] == "2026-11-27T10:00:00+01:00"
    assert data["collapse_at"] == "2026-11-27T10:00:08+01:00"
    assert data["expires_at"] == "2026-11-27T17:00:00+01:00"  # hours, not presence
    assert data["action_target"] == "/messages/t/acme"
    assert set(data) == {
        "page_id", "page_name", "locale", "title", "body", "action_label", "action_target",
        "shown_at", "collapse_at", "expires_at", "dedupe_key",
    }  # fmt: skip


def test_locale_fallback_chain() -> None:
    """The visitor's locale wins when there is a catalogue: de-AT → de; unknown → the Page's, then en."""
    live = page().compile([online()])
    assert prompt_for(live, locale="de-AT").payload.locale == "de"  # type: ignore[union-attr]
    assert prompt_for(live, locale="en-GB").payload.locale == "en"  # type: ignore[union-attr]
    assert prompt_for(live, locale="sv").payload.locale == "de"  # type: ignore[union-attr]
    with pytest.raises(pa.InvalidValueError, match="'locale' must be a locale tag"):
        prompt_for(live, locale="not a locale!")


def test_dedupe_key_is_stable_per_visitor_and_stretch() -> None:
    """The same visitor in the same stretch of hours gets the same key; others get another."""
    live = page().compile([online()])
    first = live.prompt(T0, visitor="v-1").payload
    later = live.prompt(T0 + 10 * MIN, visitor="v-1").payload
    other = live.prompt(T0, visitor="v-2").payload
    assert first is not None
    assert later is not None
    assert other is not None
    assert first.dedupe_key == later.dedupe_key
    assert first.dedupe_key != other.dedupe_key


def test_can_a_visitor_see_that_i_am_online() -> None:
    """Seed question: no. The payload names the Page, never a person, client, count or session time."""
    live = page().compile([online("anna", "mobile", minutes=13)])
    payload = live.prompt(T0, visitor="v-1").payload
    assert payload is not None
    text = json.dumps(payload.to_dict())
    for secret in ("anna", "mobile", "09:43", "10:43", "T08:50"):
        assert secret not in text


# -- rollout --------------------------------------------------------------------


@given(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=20))
def test_rollout_is_deterministic_and_bounded(page_id: str, salt: str) -> None:
    """The same Page and salt always land in the same bucket, within [0, 100)."""
    bucket = pa.rollout_bucket(page_id, salt)
    assert bucket == pa.rollout_bucket(page_id, salt)
    assert 0 <= bucket < 100


@given(st.floats(0, 100), st.floats(0, 100))
def test_rollout_is_monotone(low: float, high: float) -> None:
    """Raising the percentage only adds Pages."""
    low, high = min(low, high), max(low, high)
    for index in range(200):
        bucket = pa.rollout_bucket(f"page-{index}", "active-prompt")
        if bucket < low:
            assert bucket < high


def test_rollout_is_uniform() -> None:
    """Buckets of 20,000 Pages spread evenly over ten deciles (chi-square well below its 0.1% bound)."""
    counts = [0] * 10
    for index in range(20_000):
        counts[int(pa.rollout_bucket(f"page-{index}", "active-prompt") // 10)] += 1
    expected = 2_000
    chi_square = sum((c - expected) ** 2 / expected for c in counts)
    assert chi_square < 27.88  # the 0.999 quantile for 9 degrees of freedom


def test_rollout_salts_are_independent() -> None:
    """Different salts pick independent halves: they overlap in about a quarter of the Pages."""
    first = {i for i in range(1000) if pa.rollout_bucket(f"p{i}", "a") < 50}
    second = {i for i in range(1000) if pa.rollout_bucket(f"p{i}", "b") < 50}
    assert 180 < len(first & second) < 320


# -- invariants -----------------------------------------------------------------

instants = st.integers(-120, 10 * 60).map(lambda m: T0 + m * MIN + timedelta(seconds=11))
visitors = st.none() | st.sampled_from([*PEOPLE, "v-1", "v-2"])


@given(st.lists(grants(pages=["acme"])), st.lists(sessions(), max_size=10), instants, visitors)
def test_payload_never_carries_team_data(
    items: List[pa.Grant], found: List[pa.Session], at: datetime, visitor: Optional[str]
) -> None:
    """No payload holds a person, a client, a count or a session time."""
    live = pa.Page(
        id="acme", name="Acme", zone=BERLIN, settings=pa.MessagingSettings(hours=HOURS), grants=items
    )
    payload = live.compile(found).prompt(at, visitor=visitor).payload
    if payload is None:
        return
    values = payload.to_dict()
    text = json.dumps(values)
    for person in PEOPLE:
        assert person not in text.replace(visitor or "\0", "")
    for client in pa.Client:
        assert client.value not in text
    secrets = set()
    for s in found:
        for moment in (s.started, s.last_seen, s.ended, s.last_seen + timedelta(minutes=10)):
            if moment is not None:
                secrets.add(moment.astimezone(timezone.utc))
    for key in ("shown_at", "collapse_at", "expires_at"):
        if values[key] is not None and key != "shown_at":
            assert datetime.fromisoformat(values[key]).astimezone(timezone.utc) not in secrets
    assert not any(isinstance(v, int) and not isinstance(v, bool) for v in values.values())


@given(st.lists(grants(pages=["acme"])), st.lists(sessions(), max_size=10), st.randoms(), instants, visitors)
def test_order_never_matters(
    items: List[pa.Grant], found: List[pa.Session], random: object, at: datetime, visitor: Optional[str]
) -> None:
    """Shuffled grants and sessions give the same decision and prompt."""
    shuffled_items, shuffled_found = list(items), list(found)
    random.shuffle(shuffled_items)  # type: ignore[attr-defined]
    random.shuffle(shuffled_found)  # type: ignore[attr-defined]
    settings = pa.MessagingSettings(hours=HOURS)
    first = pa.Page(id="acme", name="Acme", zone=BERLIN, settings=settings, grants=items).compile(found)
    second = pa.Page(id="acme", name="Acme", zone=BERLIN, settings=settings, grants=shuffled_items).compile(
        shuffled_found
    )
    assert first.decide(at) == second.decide(at)
    assert first.prompt(at, visitor=visitor) == second.prompt(at, visitor=visitor)


@given(st.lists(grants(pages=["acme"])), st.lists(sessions(), max_size=10), instants, st.booleans())
def test_until_is_the_first_status_change(
    items: List[pa.Grant], found: List[pa.Session], at: datetime, away_later: bool
) -> None:
    """The status holds from `at` until `until` and differs at `until`."""
    away = T0 + 3 * 60 * MIN if away_later else False
    live = pa.Page(
        id="acme",
        name="Acme",
        zone=BERLIN,
        settings=pa.MessagingSettings(hours=HOURS, away=away),
        grants=items,
    ).compile(found)
    decision = live.decide(at)
    if decision.until is None:
        return
    until = decision.until.astimezone(timezone.utc)
    assert until > at
    assert live.decide(until).status is not decision.status
    assert live.decide(until - timedelta(microseconds=1)).status is decision.status
    middle = at + (until - at) / 2
    assert live.decide(middle).status is decision.status


@pytest.mark.parametrize(
    ("build", "fragment"),
    [
        (lambda: pa.MessagingSettings(enabled="yes"), "'enabled' must be true or false"),
        (lambda: pa.MessagingSettings(away="tomorrow"), "'away' must be true, false, or an aware datetime"),
        (lambda: pa.MessagingSettings(away=datetime(2026, 1, 1)), "'away' must be an aware datetime"),
        (
            lambda: pa.MessagingSettings(hours="Mo-Fr 09:00-17:00"),
            "'hours' must be None (always) or a Schedule",
        ),
        (lambda: pa.MessagingSettings(instant_reply=""), "'instant_reply' must be None or a text"),
        (lambda: pa.Policy(rollout_percent=101), "'rollout_percent' must be a number from 0 to 100"),
        (lambda: pa.Policy(rollout_percent=True), "'rollout_percent' must be a number"),
        (lambda: pa.Policy(banner=8), "'banner' must be a timedelta"),
        (lambda: pa.Policy(rollout_salt=""), "'rollout_salt' must be a text"),
        (lambda: pa.Page(id="a b", name="A", zone="UTC"), "'id' must be an identifier"),
        (lambda: pa.Page(id="a", name="", zone="UTC"), "'name' must be a Page name"),
        (lambda: pa.Page(id="a", name="A", zone="Nowhere/City"), "unknown time zone"),
        (lambda: pa.Page(id="a", name="A", zone="UTC", locale="xx yy"), "'locale' must be a locale tag"),
        (
            lambda: pa.Page(id="a", name="A", zone="UTC", settings=pa.MessagingSettings(hours=HOURS)),
            "the response hours are in 'Europe/Berlin' but the Page is in 'UTC'",
        ),
    ],
)
def test_bad_settings(build: object, fragment: str) -> None:
    """Invalid settings, policies and Pages raise the library's errors naming field and rule."""
    with pytest.raises(pa.PageAvailError) as caught:
        build()  # type: ignore[operator]
    assert fragment in str(caught.value)


def test_prompt_refuses_odd_arguments() -> None:
    """Bad visitor ids and instants in prompt() raise the library's errors."""
    live = page().compile([online()])
    with pytest.raises(pa.InvalidValueError, match="'visitor' must be an identifier"):
        live.prompt(T0, visitor="a b")
    with pytest.raises(pa.NaiveDatetimeError, match="'last_prompted'"):
        live.prompt(T0, last_prompted=datetime(2026, 1, 1))
    with pytest.raises(pa.NaiveDatetimeError):
        live.decide(datetime(2026, 1, 1))
