"""The decision at its edges: exact next changes without caps, refusals at the boundary, explanations."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import pageavail as pa
from pageavail._time import ZoneInfo
from pageavail.payload import build_payload
from pageavail.schedule import Schedule
from pageavail.testing import aware_datetimes, pages, zones

UTC = timezone.utc
BERLIN = "Europe/Berlin"
T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # a Friday, 10:00 in Berlin
MIN = timedelta(minutes=1)
MICRO = timedelta(microseconds=1)
#: 48 spans a day: open for 15 minutes at the start of every half hour.
DENSE = pa.Schedule.parse(
    "Mo-Su " + ",".join(f"{h:02d}:{m:02d}-{h:02d}:{m + 15:02d}" for h in range(24) for m in (0, 30)),
    zone=BERLIN,
)


def page(grants: Any = (), **settings: Any) -> pa.Page:
    """A Page in Berlin with the given messaging settings and grants (anna, an admin, by default)."""
    return pa.Page(
        id="acme",
        name="Acme",
        zone=BERLIN,
        settings=pa.MessagingSettings(**settings),
        grants=grants or [pa.Grant("anna", "acme", role="admin")],
    )


def test_away_until_a_date_jumps_over_many_hour_changes() -> None:
    """Away by hand until an instant far ahead, only that instant ends it, however dense the hours."""
    until = datetime(2027, 7, 1, tzinfo=UTC)
    compiled = page(hours=DENSE, away=until).compile()
    decision = compiled.decide(T0)
    assert decision.reason == "not_away_by_hand"
    assert decision.until is not None
    # At 02:00 Berlin (00:00 UTC) the dense hours are open, so the Page turns offline right then.
    assert decision.until == until
    assert compiled.state(until) == (pa.Status.OFFLINE, "someone_can_answer")
    assert compiled.back_at(T0) == until
    assert compiled.next_change(T0, by_reason=True) == until


def test_away_until_an_instant_outside_hours_reports_the_next_opening() -> None:
    """When the away time ends outside the hours, the status changes when the hours open next."""
    hours = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone=BERLIN)
    until = datetime(2027, 7, 3, 12, tzinfo=UTC)  # a Saturday
    compiled = page(hours=hours, away=until).compile()
    monday_nine = datetime(2027, 7, 5, 7, tzinfo=UTC)
    assert compiled.decide(T0).until == monday_nine  # the status stays "away" through the weekend
    assert compiled.next_change(T0) == until  # but the reason changes at *until*
    assert compiled.back_at(T0) == monday_nine


def test_open_ended_away_does_not_walk_the_hours(monkeypatch: pytest.MonkeyPatch) -> None:
    """Away until switched back, decide() asks the hours once (for its explanation), back_at() never."""
    compiled = page(hours=DENSE, away=True).compile()
    calls = []
    original = Schedule.next_change

    def counted(self: Schedule, at: datetime) -> Any:
        calls.append(at)
        return original(self, at)

    monkeypatch.setattr(Schedule, "next_change", counted)
    decision = compiled.decide(T0)
    assert (decision.status, decision.reason, decision.until) == (pa.Status.AWAY, "not_away_by_hand", None)
    assert len(calls) <= 1
    calls.clear()
    assert compiled.back_at(T0) is None
    assert compiled.next_change(T0) is None
    assert calls == []


def test_messaging_off_never_changes() -> None:
    """With messaging off, the status never changes and nothing is looked up."""
    compiled = page(hours=DENSE, enabled=False).compile()
    assert compiled.decide(T0).until is None
    assert compiled.back_at(T0) is None


def test_until_within_hours_is_the_first_of_presence_and_hours() -> None:
    """Within hours and not away, the next change is the earlier of presence ending and hours closing."""
    hours = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone=BERLIN)
    session = pa.Session("anna", "web", T0 - MIN, T0 + 5 * MIN)
    compiled = page(hours=hours).compile([session])
    assert compiled.decide(T0).until == T0 + 15 * MIN  # idle 10 minutes after the last activity
    late = pa.Session("anna", "web", T0, T0 + 7 * 60 * MIN)
    compiled = page(hours=hours).compile([late])
    assert compiled.decide(T0).until == datetime(2026, 11, 27, 16, tzinfo=UTC)  # 17:00 in Berlin


def test_a_grant_for_another_page_is_refused() -> None:
    """A grant on another Page passed to Page(grants=...) is refused, naming both Page ids."""
    with pytest.raises(pa.InvalidValueError, match=r"'grants\[1\]'.*'acne'.*'acme'"):
        page(grants=[pa.Grant("anna", "acme", role="admin"), pa.Grant("ben", "acne", role="editor")])


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("settings", {"enabled": True}),
        ("policy", {"rollout_percent": 5}),
        ("grants", ["anna"]),
        ("grants", 5),
        ("name", "Acme\n"),
        ("name", "Acme\tBakery"),
        ("id", "acme\n"),
        ("locale", "de\n"),
        ("zone", "localtime"),
        ("zone", "posixrules"),
        ("zone", "right/UTC"),
    ],
)
def test_page_fields_of_the_wrong_kind_raise_the_librarys_error(field: str, value: Any) -> None:
    """Every field of a Page refuses a wrong value with the library's error naming the field."""
    values: dict[str, Any] = {"id": "acme", "name": "Acme", "zone": BERLIN, field: value}
    with pytest.raises(pa.PageAvailError, match=field if field != "zone" else "time zone") as caught:
        pa.Page(**values)
    assert "attrs" not in str(caught.value)


def test_policy_with_a_mapping_for_presence_is_refused() -> None:
    """Policy(presence={...}) raises the library's error that says how to make a PresencePolicy."""
    with pytest.raises(pa.InvalidValueError, match=r"'presence' must be a PresencePolicy"):
        pa.Policy(presence={"idle_timeout": 5})  # type: ignore[arg-type]


def test_compiled_page_refuses_wrong_parts() -> None:
    """CompiledPage(page, presence) refuses anything but a Page and its own presence."""
    compiled = page().compile()
    other = pa.Page(id="other", name="Other", zone=BERLIN, grants=[pa.Grant("x", "other", role="admin")])
    with pytest.raises(pa.InvalidValueError, match="'page' must be a Page"):
        pa.CompiledPage({"id": "acme"}, compiled.presence)  # type: ignore[arg-type]
    with pytest.raises(pa.InvalidValueError, match="'presence' must be a PagePresence"):
        pa.CompiledPage(page(), None)  # type: ignore[arg-type]
    with pytest.raises(pa.InvalidValueError, match="another team"):
        pa.CompiledPage(other, compiled.presence)


@pytest.mark.parametrize("locale", [5, None, "", "de\n", b"de"])
def test_check_text_refuses_a_bad_locale(locale: Any) -> None:
    """Check.text() takes a locale tag and nothing else."""
    check = page().compile().decide(T0).checks[0]
    with pytest.raises(pa.InvalidValueError, match="'locale'"):
        check.text(locale)


def test_last_prompted_after_the_page_view_counts_as_just_now() -> None:
    """A last prompt dated after the page view (clock skew) keeps the cooldown and says so."""
    compiled = page().compile([pa.Session("anna", "web", T0 - MIN, T0 + MIN)])
    prompt = compiled.prompt(T0, visitor="v-1", last_prompted=T0 + 60 * MIN)
    assert (prompt.shown, prompt.reason) == (False, "cooldown_passed")
    detail = prompt.checks[-1].detail
    assert "just now" in detail
    assert "-" not in detail.split("cooldown")[0]  # no negative number of minutes


def test_a_session_that_ended_is_explained_as_ended() -> None:
    """A session that ended by log-out is explained as ended, not as idle."""
    session = pa.Session("anna", "web", T0 - 30 * MIN, T0 - 10 * MIN, ended=T0 - 8 * MIN)
    compiled = page().compile([session])
    check = compiled.decide(T0).checks[-1]
    assert not check.passed
    assert check.detail == (
        "Nobody who can answer messages is online: the last session ended (logged out) 8 minutes ago."
    )
    assert "abgemeldet" in check.text("de")
    status = compiled.presence.explain(T0)
    assert status.ended == T0 - 8 * MIN
    assert "ended (logged out) 8 minutes ago" in status.reason
    assert "vor 8 Minuten beendet (abgemeldet)" in status.text("de")


def test_a_session_that_went_idle_is_explained_as_idle() -> None:
    """A session that went idle before its log-out is explained as idle."""
    session = pa.Session("anna", "web", T0 - 60 * MIN, T0 - 40 * MIN, ended=T0 - 5 * MIN)
    compiled = page().compile([session])
    status = compiled.presence.explain(T0)
    assert status.ended is None
    assert "idle after 10 minutes" in compiled.decide(T0).checks[-1].detail


def test_the_last_session_to_end_explains() -> None:
    """Of two sessions, the one whose live time ended last decides the explanation."""
    ended = pa.Session("anna", "web", T0 - 60 * MIN, T0 - 50 * MIN, ended=T0 - 45 * MIN)
    idled = pa.Session("anna", "mobile", T0 - 60 * MIN, T0 - 20 * MIN)
    compiled = page().compile([ended, idled])
    assert compiled.presence.explain(T0).ended is None
    later = pa.Session("anna", "mobile", T0 - 60 * MIN, T0 - 50 * MIN)
    compiled = page().compile([ended, later])  # idle at -40, the log-out came at -45: idle is later
    assert compiled.presence.explain(T0).ended is None
    compiled = page().compile([ended, pa.Session("anna", "mobile", T0 - 60 * MIN, T0 - 59 * MIN)])
    assert compiled.presence.explain(T0).ended == T0 - 45 * MIN


@pytest.mark.parametrize(
    "at",
    [
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(3, 12, 31, 23, 59, 59, tzinfo=UTC),
        datetime(9997, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
    ],
)
def test_decisions_outside_the_supported_range_raise_one_error(at: datetime) -> None:
    """decide(), prompt(), state() and back_at() refuse instants outside the range with OutOfRangeError."""
    for compiled in (page().compile(), page(hours=DENSE).compile()):
        for call in (compiled.decide, compiled.prompt, compiled.back_at, compiled.next_change):
            with pytest.raises(pa.OutOfRangeError, match="from 0004-01-01T00:00:00"):
                call(at)  # type: ignore[operator]


def test_decisions_at_the_edges_of_the_range_answer() -> None:
    """The first and the last supported instants get answers, not errors."""
    session = pa.Session(
        "anna", "web", datetime(9996, 12, 31, 23, tzinfo=UTC), datetime(9996, 12, 31, 23, 59, tzinfo=UTC)
    )
    compiled = page().compile([session])
    last = datetime(9996, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    decision = compiled.decide(last)
    assert decision.status is pa.Status.ACTIVE
    # The presence ends at 00:09 past the range's end: until is the end itself, a value that can be asked about.
    assert decision.until == datetime(9997, 1, 1, tzinfo=UTC)
    first = datetime(4, 1, 1, tzinfo=UTC)
    assert compiled.decide(first).status is pa.Status.OFFLINE
    assert compiled.decide(first).until == datetime(9996, 12, 31, 23, tzinfo=UTC)


@pytest.mark.parametrize("locale", ["xx_\n", "", "de--", 5, ["de"]])
def test_a_bad_locale_is_refused_whether_or_not_the_prompt_shows(locale: Any) -> None:
    """prompt() refuses a malformed locale also when nobody is online and the answer is prepared."""
    compiled = page().compile()
    assert not compiled.prompt(T0, visitor="v-1").shown
    with pytest.raises(pa.InvalidValueError, match="'locale'"):
        compiled.prompt(T0, visitor="v-1", locale=locale)


def test_the_locale_cache_stays_bounded() -> None:
    """Many different locale spellings from visitors do not grow a compiled Page without bound."""
    compiled = page().compile([pa.Session("anna", "web", T0 - MIN, T0 + MIN)])
    for index in range(500):
        assert compiled.prompt(T0, locale=f"de-X{index:04d}").payload.locale == "de"  # type: ignore[union-attr]
    assert len(compiled._locales) <= 64


@settings(max_examples=100)
@given(p=pages(zone="Europe/Dublin"), at=aware_datetimes(zones(["Europe/Dublin", "UTC"])))
def test_the_page_view_payload_is_a_valid_payload(p: pa.Page, at: datetime) -> None:
    """The payload of a shown prompt passes every check of Payload and build_payload, and equals theirs."""
    moment = at.astimezone(UTC)  # minutes added in UTC: wall-clock arithmetic would cross DST gaps
    session = pa.Session("anna", "web", moment - MIN, moment + MIN)
    shown = p.compile([session]).prompt(at, visitor="v-1", locale="de-AT")
    if shown.payload is None:
        return
    fields = attrs.asdict(shown.payload, recurse=False)
    assert pa.Payload(**fields) == shown.payload
    texts = (shown.payload.title, shown.payload.body, shown.payload.action_label)
    rebuilt = build_payload(
        page_id=p.id,
        page_name=p.name,
        locale=shown.payload.locale,
        texts=texts,
        shown_at=shown.payload.shown_at,
        banner=p.policy.banner,
        expires_at=shown.payload.expires_at,
        visitor="v-1",
    )
    assert rebuilt == shown.payload
    assert rebuilt.dedupe_key == shown.payload.dedupe_key
    assert rebuilt.collapse_at.utcoffset() == shown.payload.collapse_at.utcoffset()


def test_a_change_past_the_range_gives_its_end() -> None:
    """decide() near the end answers; a next change that lies past the range is given as the range's end."""
    hours = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone=BERLIN)
    near = datetime(9996, 12, 31, 23, tzinfo=UTC)
    compiled = page(hours=hours).compile()
    decision = compiled.decide(near)
    assert decision.status is pa.Status.AWAY
    assert decision.until == datetime(9997, 1, 1, tzinfo=UTC)
    with pytest.raises(pa.OutOfRangeError):
        compiled.next_change(near)  # the exact answer cannot be given
    online = pa.Session("anna", "web", near - MIN, near + 5 * MIN)
    always = page().compile([online])
    assert always.decide(near).until == near + 15 * MIN  # presence decides before the end


def test_a_period_may_end_at_the_end_of_the_range() -> None:
    """Periods and changes may end exactly at 9997-01-01Z; a microsecond later is refused."""
    end = datetime(9997, 1, 1, tzinfo=UTC)
    hours = pa.Schedule.parse("24/7", zone=BERLIN)
    (interval,) = hours.intervals(end - timedelta(days=1), end)
    assert interval.end == end
    assert hours.check(end - MIN).next_change is None
    weekdays = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone=BERLIN)
    assert weekdays.check(datetime(9996, 12, 31, 23, tzinfo=UTC)).next_change == end
    presence = page().compile([pa.Session("anna", "web", end - MIN, end - MIN)]).presence
    assert presence.intervals(end - timedelta(hours=1), end)[0].end == end
    with pytest.raises(pa.OutOfRangeError):
        hours.intervals(end - MIN, end + MICRO)
    with pytest.raises(pa.OutOfRangeError):
        hours.is_open(end)  # an instant, not an end: refused


def test_values_compare_instants_not_wall_clocks() -> None:
    """02:30 CEST and 02:30 CET on the fall-back day are different instants in every value that holds them."""
    berlin = ZoneInfo(BERLIN)
    first = datetime(2026, 10, 25, 2, 30, tzinfo=berlin)  # 00:30Z
    second = first.replace(fold=1)  # 01:30Z
    assert pa.Message("c", "visitor", first) != pa.Message("c", "visitor", second)
    assert pa.Session("anna", "web", first, first) != pa.Session("anna", "web", second, second)
    assert pa.MessagingSettings(away=first) != pa.MessagingSettings(away=second)
    compiled = page().compile()
    assert compiled.decide(first) != compiled.decide(second)
    assert hash(pa.Message("c", "visitor", first)) == hash(pa.Message("c", "visitor", first.astimezone(UTC)))
    # The away message went out at 02:30 CEST; the visitor writes again at 02:30 CET: no second one.
    away_page = page(away=True, away_message="Away.")
    history = [
        pa.Message("c", "visitor", first),
        pa.Message("c", "page", first, automatic="away_message"),
    ]
    reply = pa.auto_reply(away_page.compile(), pa.Message("c", "visitor", second), history)
    assert reply.kind is pa.ReplyKind.NONE


def test_no_cooldown_never_blocks() -> None:
    """With a cooldown of zero, no last prompt blocks the prompt, not even one dated after the view."""
    compiled = pa.Page(
        id="acme",
        name="Acme",
        zone=BERLIN,
        grants=[pa.Grant("anna", "acme", role="admin")],
        policy=pa.Policy(prompt_cooldown=timedelta(0)),
    ).compile([pa.Session("anna", "web", T0 - MIN, T0 + MIN)])
    for last in (T0, T0 - MICRO, T0 + MICRO):
        assert compiled.prompt(T0, visitor="v-1", last_prompted=last).shown


def test_a_state_that_is_not_the_state_at_the_instant_is_refused() -> None:
    """next_change(at, state) refuses a state other than state(at), instead of answering for it."""
    compiled = page(away=datetime(2026, 12, 1, tzinfo=UTC)).compile()
    assert compiled.next_change(T0, compiled.state(T0)) == datetime(2026, 12, 1, tzinfo=UTC)
    for wrong in ((pa.Status.ACTIVE, "active"), (pa.Status.OFFLINE, "not_away_by_hand")):
        with pytest.raises(pa.InvalidValueError, match="'state'"):
            compiled.next_change(T0, wrong)


def test_a_made_up_decision_is_refused() -> None:
    """prompt(decision=...) refuses a Decision whose status is not a Status."""
    compiled = page().compile()
    fake = pa.Decision(page="acme", at=T0, status="active", reason="active", checks=(), until=None)  # type: ignore[arg-type]
    with pytest.raises(pa.InvalidValueError, match="'decision'"):
        compiled.prompt(T0, decision=fake)


@pytest.mark.parametrize("via", ["partner:x\n", " page", "business:42 "])
def test_a_source_with_white_space_around_it_is_refused(via: str) -> None:
    """Source.parse refuses white space around the text instead of stripping it."""
    with pytest.raises(pa.InvalidValueError, match="'via'"):
        pa.Source.parse(via)


@pytest.mark.parametrize("text", ["Back\x00 soon", "Hi\x1b[31m"])
def test_reply_templates_refuse_control_characters(text: str) -> None:
    """Reply templates refuse control characters other than line breaks and tabs."""
    with pytest.raises(pa.InvalidValueError, match="'away_message'"):
        pa.MessagingSettings(away_message=text)
    assert pa.MessagingSettings(away_message="Back\n\tsoon").away_message == "Back\n\tsoon"


def test_a_schedule_asked_about_every_year_keeps_bounded_memory() -> None:
    """Asking a schedule about many years keeps a bounded number of compiled years and weeks."""
    hours = pa.Schedule.parse("Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00", zone=BERLIN)
    for year in range(2000, 2300):
        at = datetime(year, 6, 3, 10, tzinfo=UTC)
        hours.is_open(at)
        hours.is_open(at)  # a second question compiles the week
        hours.intervals(at, at + timedelta(days=2))
    assert len(hours._buckets) <= 16
    assert len(hours._windows) <= 256
    assert hours.is_open(datetime(2026, 11, 27, 10, tzinfo=UTC))  # and still answers


def test_intervals_of_many_dated_rules_are_refused_before_the_work() -> None:
    """Schedule.intervals refuses at once a period whose days times dated rules exceed the limit."""
    text = "; ".join(f"2026 Mar {day:02d} Su 00:00-00:30" for day in range(1, 29))
    hours = pa.Schedule.parse("; ".join([text] * 10), zone=BERLIN)
    with pytest.raises(pa.InvalidValueError, match="days × rules"):
        hours.intervals(T0, T0 + timedelta(days=146_000))
    assert not hours._buckets  # nothing was compiled
    assert hours.intervals(T0, T0 + timedelta(days=30)) == ()
