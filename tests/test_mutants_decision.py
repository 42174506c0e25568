"""Decision details that mutation testing showed no other test pins: validators, explanations, bounds."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import pageavail as pa
from pageavail._time import ZoneInfo

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)  # a Friday, 10:00 in Berlin
MIN = timedelta(minutes=1)
BERLIN = "Europe/Berlin"
GRANTS = [pa.Grant("anna", "acme", role="admin")]


def page(hours: str = "Mo-Fr 09:00-17:00", **settings: object) -> pa.Page:
    """The Acme test Page in Berlin with *hours* and messaging settings *settings*."""
    policy = settings.pop("policy", pa.Policy())
    return pa.Page(
        id="acme",
        name="Acme Bakery",
        zone=BERLIN,
        settings=pa.MessagingSettings(hours=pa.Schedule.parse(hours, zone=BERLIN), **settings),  # type: ignore[arg-type]
        grants=GRANTS,
        policy=policy,  # type: ignore[arg-type]
    )


def online(minutes: int = 600) -> pa.Session:
    """Anna, live from ten minutes before T0 for *minutes* minutes."""
    return pa.Session("anna", "web", T0 - 10 * MIN, T0 + minutes * MIN)


# -- validators ------------------------------------------------------------------


@pytest.mark.parametrize("field", ["instant_reply", "away_message"])
@pytest.mark.parametrize(
    "value",
    [
        "",  # empty
        "   ",  # blank
        "x" * 2001,  # one character too many
        42,  # not a text
    ],
)
def test_reply_texts_are_refused_by_name(field: str, value: object) -> None:
    """A reply text that is empty, blank, too long or not a text is refused under its own name."""
    with pytest.raises(pa.InvalidValueError) as caught:
        pa.MessagingSettings(**{field: value})  # type: ignore[arg-type]
    assert str(caught.value).startswith(
        f"'{field}' must be None or a text of 1 to 2,000 printable characters (line breaks and tabs allowed) (got "
    )


@pytest.mark.parametrize("field", ["instant_reply", "away_message"])
def test_reply_texts_up_to_2000_characters_and_none_are_kept(field: str) -> None:
    """None and texts of up to 2,000 characters are reply texts."""
    assert getattr(pa.MessagingSettings(**{field: "x" * 2000}), field) == "x" * 2000  # type: ignore[arg-type]
    assert getattr(pa.MessagingSettings(**{field: None}), field) is None  # type: ignore[arg-type]
    assert getattr(pa.MessagingSettings(**{field: " Hi {page} "}), field) == " Hi {page} "  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["instant_reply", "away_message"])
def test_reply_templates_are_checked_under_their_name(field: str) -> None:
    """An unknown placeholder in a reply text is refused, naming the field."""
    with pytest.raises(pa.InvalidValueError, match=rf"'{field}'"):
        pa.MessagingSettings(**{field: "Hello {visitor}"})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "limit"), [("banner", timedelta(hours=1)), ("prompt_cooldown", timedelta(days=365))]
)
def test_policy_durations_run_from_zero_to_their_limit(field: str, limit: timedelta) -> None:
    """Banner and cooldown accept 0 and their limit, and refuse less, more or a non-duration by name."""
    assert getattr(pa.Policy(**{field: timedelta(0)}), field) == timedelta(0)  # type: ignore[arg-type]
    assert getattr(pa.Policy(**{field: limit}), field) == limit  # type: ignore[arg-type]
    for bad in (-timedelta(microseconds=1), limit + timedelta(microseconds=1), 8):
        with pytest.raises(pa.InvalidValueError) as caught:
            pa.Policy(**{field: bad})  # type: ignore[arg-type]
        assert str(caught.value) == f"'{field}' must be a timedelta from 0 to {limit} (got {bad!r})"


# -- explanations ----------------------------------------------------------------


def test_check_texts_default_to_english() -> None:
    """A check explains itself in English unless asked for another locale."""
    check = page().compile([online()]).decide(T0).checks[0]
    assert check.text() == check.text("en") == check.detail == "Messaging is on."
    assert check.to_dict() == {"name": "messaging_enabled", "passed": True, "detail": "Messaging is on."}
    assert check.text("de") != check.text()


def test_messaging_on_is_explained() -> None:
    """With messaging on, the first check passes and says so."""
    assert page().compile([online()]).decide(T0).checks[0].to_dict() == {
        "name": "messaging_enabled",
        "passed": True,
        "detail": "Messaging is on.",
    }


def test_messaging_off_is_explained() -> None:
    """With messaging off, the first check fails and says so."""
    check = page(enabled=False).compile([online()]).decide(T0).checks[0]
    assert check.to_dict() == {
        "name": "messaging_enabled",
        "passed": False,
        "detail": "Messaging is switched off in the Page's settings.",
    }


def test_away_until_switched_back_is_explained() -> None:
    """Away by hand without an end fails the away check, saying it lasts until switched back."""
    check = page(away=True).compile([online()]).decide(T0).checks[1]
    assert check.to_dict() == {
        "name": "not_away_by_hand",
        "passed": False,
        "detail": "The Page is set to away by hand until someone switches it back.",
    }


def test_away_until_an_instant_is_explained_in_the_page_zone() -> None:
    """Away until an instant fails the away check, naming the end in the Page's zone."""
    check = page(away=T0 + 30 * MIN).compile([online()]).decide(T0).checks[1]
    assert check.to_dict() == {
        "name": "not_away_by_hand",
        "passed": False,
        "detail": "The Page is set to away by hand until Fri, Nov 27, 2026 10:30 (+01:00).",
    }


def test_no_hours_is_explained() -> None:
    """Without response hours the hours check passes, saying the Page answers at any time."""
    live = pa.Page(id="acme", name="Acme", zone=BERLIN, grants=GRANTS).compile([online()])
    assert live.decide(T0).checks[2].to_dict() == {
        "name": "within_response_hours",
        "passed": True,
        "detail": "No response hours are set, so the Page answers at any time.",
    }


def test_a_day_without_rules_is_explained() -> None:
    """On a day no rule covers, the hours check fails and names the local day."""
    sunday = datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)
    check = page("Mo 12:00-13:00; Tu-Fr 09:00-17:00").compile([online()]).decide(sunday).checks[2]
    assert check.to_dict() == {
        "name": "within_response_hours",
        "passed": False,
        "detail": "Outside the response hours: no rule covers Sunday, November 29, 2026.",
    }


def test_nobody_ever_online_is_explained() -> None:
    """Without any session the presence check fails, saying nobody has been online."""
    check = page().compile().decide(T0).checks[3]
    assert check.to_dict() == {
        "name": "someone_can_answer",
        "passed": False,
        "detail": "Nobody who can answer messages has been online.",
    }


# -- instants ---------------------------------------------------------------------


def test_until_skips_a_change_of_reason_within_away() -> None:
    """Away by hand ending outside the hours stays away: ``until`` is the opening, not the away end."""
    friday_evening = datetime(2026, 11, 27, 17, 0, tzinfo=timezone.utc)  # 18:00 in Berlin
    live = page(away=friday_evening + 60 * MIN).compile(
        [pa.Session("anna", "web", friday_evening, friday_evening + 4 * 24 * 60 * MIN)]
    )
    decision = live.decide(friday_evening)
    assert (decision.status, decision.reason) == (pa.Status.AWAY, "not_away_by_hand")
    assert decision.until == datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo(BERLIN))
    assert live.next_change(friday_evening) == friday_evening + 60 * MIN


def test_back_at_is_in_the_page_zone() -> None:
    """``back_at`` answers in the Page's zone, whatever the zone of the question."""
    friday_evening = datetime(2026, 11, 27, 17, 0, tzinfo=timezone.utc)
    back = page().compile().back_at(friday_evening)
    assert back == datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc)
    assert back is not None
    assert back.utcoffset() == timedelta(hours=1)
    assert back.tzinfo == ZoneInfo(BERLIN)


def test_cooldown_ends_exactly_after_its_length() -> None:
    """A visitor prompted exactly one cooldown ago is prompted again; a microsecond earlier, not."""
    live = page().compile([online()])
    day = timedelta(hours=24)
    assert live.prompt(T0, visitor="v-1", last_prompted=T0 - day).shown
    blocked = live.prompt(T0, visitor="v-1", last_prompted=T0 - day + timedelta(microseconds=1))
    assert blocked.reason == "cooldown_passed"


def test_a_closing_rule_is_explained() -> None:
    """Closed by a rule, the hours check fails and names the rule and its number."""
    christmas_eve = datetime(2026, 12, 24, 10, 0, tzinfo=timezone.utc)
    check = page("Mo-Fr 09:00-17:00; Dec 24 off").compile([online()]).decide(christmas_eve).checks[2]
    assert check.to_dict() == {
        "name": "within_response_hours",
        "passed": False,
        "detail": "Outside the response hours (rule 2: Dec 24 off).",
    }


def prompt_checks(live: pa.CompiledPage, visitor: object = None) -> list:
    """The prompt checks for *visitor* at T0, as dictionaries."""
    return [c.to_dict() for c in live.prompt(T0, visitor=visitor).checks]  # type: ignore[arg-type]


def test_prompt_checks_are_explained() -> None:
    """Each prompt check of a shown prompt says why it passed, with the rollout bucket and the cooldown."""
    live = page().compile([online()])
    bucket = int(pa.rollout_bucket("acme", "active-prompt")) + 1
    assert prompt_checks(live) == [
        {"name": "page_active", "passed": True, "detail": "The Page is active."},
        {"name": "show_active_on", "passed": True, "detail": 'The "active now" prompt is switched on.'},
        {
            "name": "in_rollout",
            "passed": True,
            "detail": f"The prompt is rolled out to 100% of Pages, and this Page is among them (its place in the draw: {bucket} of 100).",
        },
        {
            "name": "visitor_not_team",
            "passed": True,
            "detail": "The visitor is not signed in, so not on the team.",
        },
        {
            "name": "cooldown_passed",
            "passed": True,
            "detail": "The visitor has not seen the prompt within the cooldown of 24 hours.",
        },
    ]
    assert prompt_checks(live, "v-1")[3] == {
        "name": "visitor_not_team",
        "passed": True,
        "detail": "The visitor is not on the Page's team.",
    }


def test_prompt_of_an_inactive_page_is_explained() -> None:
    """A Page that is not active fails the first prompt check, naming its status."""
    assert prompt_checks(page().compile())[0] == {
        "name": "page_active",
        "passed": False,
        "detail": "The Page is not active (offline).",
    }


def test_grants_must_be_a_collection() -> None:
    """A Page's grants given as one text are refused, naming ``grants``."""
    with pytest.raises(pa.InvalidValueError) as caught:
        pa.Page(id="acme", name="Acme", zone=BERLIN, grants="anna")  # type: ignore[arg-type]
    assert str(caught.value) == "'grants' must be a collection of Grant values (got 'anna')"


def test_page_names_run_up_to_200_characters() -> None:
    """A Page name may have 200 characters, not 201."""
    assert len(pa.Page(id="acme", name="x" * 200, zone=BERLIN).name) == 200
    with pytest.raises(pa.InvalidValueError, match=r"^'name' must be a Page name of 1 to 200 "):
        pa.Page(id="acme", name="x" * 201, zone=BERLIN)


def test_a_one_character_salt_is_a_salt() -> None:
    """rollout_salt takes texts of 1 to 200 characters: one character is enough."""
    assert pa.Policy(rollout_salt="x").rollout_salt == "x"


def test_a_page_whose_place_equals_the_percent_is_not_in_the_rollout() -> None:
    """The rollout takes places below the percent: a Page exactly at it is left out."""
    place = pa.rollout_bucket("acme", "active-prompt")
    live = page(policy=pa.Policy(rollout_percent=place)).compile([online()])
    rollout = [c for c in prompt_checks(live) if c["name"] == "in_rollout"]
    assert [c["passed"] for c in rollout] == [False]


def test_a_state_that_is_no_state_is_refused_with_the_rule() -> None:
    """next_change refuses a *state* that no CompiledPage.state gives, saying what it must be."""
    with pytest.raises(pa.InvalidValueError) as caught:
        page().compile([online()]).next_change(T0, state="away")  # type: ignore[arg-type]
    assert str(caught.value) == (
        "'state' must be None or a (Status, reason) pair as CompiledPage.state(at) gives it (got 'away')"
    )


def test_an_away_setting_that_ends_at_the_instant_does_not_expire_the_prompt() -> None:
    """Away by hand until exactly *at*: the prompt expires at the next change of the hours, not at *at*."""
    prompt = page(away=T0).compile([online()]).prompt(T0)
    assert prompt.payload is not None
    assert prompt.payload.expires_at == datetime(2026, 11, 27, 16, 0, tzinfo=timezone.utc)  # 17:00 in Berlin
