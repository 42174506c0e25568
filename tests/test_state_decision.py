"""Unknown response hours meet the status ladder and the command line: outside the hours, told as unknown."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from typing import List

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail.cli import main
from pageavail.config import loads_page
from pageavail.schedule import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
TEAM = '[[team]]\nperson = "anna"\nrole = "admin"\n'


def _page(hours: str) -> pa.CompiledPage:
    text = f'[page]\nid = "a"\nname = "A"\nzone = "Europe/Berlin"\n[messaging]\nhours = "{hours}"\n{TEAM}'
    return loads_page(text).compile()


def _hours_check(decision: pa.Decision) -> pa.Check:
    return next(check for check in decision.checks if check.name == "within_response_hours")


@pytest.mark.parametrize(
    ("hour", "passed", "says"),
    [
        (9, False, "Outside the response hours (rule 1: Mo-Su 10:00-12:00+)."),
        (11, True, "Within the response hours (rule 1: Mo-Su 10:00-12:00+)."),
        (13, False, "the hours are unknown now (rule 1: Mo-Su 10:00-12:00+), so no quick answer is promised"),
        (23, False, "the hours are unknown now"),
    ],
)
def test_the_hours_check_tells_unknown_hours_from_closed_ones(hour: int, passed: bool, says: str) -> None:
    """After an open end the hours are unknown: the Page is away (no prompt promises a quick answer),
    and the explanation says the hours are unknown, not that they are closed."""
    decision = _page("Mo-Su 10:00-12:00+").decide(datetime(2026, 11, 27, hour, 30, tzinfo=BERLIN))
    check = _hours_check(decision)
    assert check.passed is passed
    assert says in check.message.render("en")
    assert (decision.status is pa.Status.AWAY) is not passed


def test_unknown_hours_are_explained_in_german() -> None:
    decision = _page("Mo-Su 10:00-12:00+").decide(datetime(2026, 11, 27, 13, 0, tzinfo=BERLIN))
    assert _hours_check(decision).message.render("de") == (
        "Außerhalb der Antwortzeiten: Die Zeiten sind gerade unbekannt (Regel 1: Mo-Su 10:00-12:00+), "
        "daher wird keine schnelle Antwort versprochen."
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=14 * 24 * 60 - 1), min_size=1, max_size=25))
def test_each_decision_tells_the_state_the_schedule_gives(minutes: List[int]) -> None:
    """Asked in any order (kept checks included), every decision's hours check says unknown exactly where
    the schedule's state is unknown, and passes exactly where it is open."""
    page = _page(
        'Mo-Th 09:00-12:00+; Fr 17:00+; Sa 22:00-04:00+,10:00-14:00 unknown; Su \\"by appointment\\"; Dec 24 off'
    )
    hours = page.page.settings.hours
    assert hours is not None
    start = datetime(2026, 12, 19, 0, 0, tzinfo=BERLIN)
    for minute in minutes:
        at = start + timedelta(minutes=minute)
        check = _hours_check(page.decide(at))
        state = hours.state(at)
        assert check.passed is (state is pa.HoursState.OPEN)
        assert ("unknown now" in check.message.render("en")) is (state is pa.HoursState.UNKNOWN), (at, state)


def test_the_hours_command_says_unknown_in_text_and_json() -> None:
    out, err = io.StringIO(), io.StringIO()
    args = ["hours", "Mo-Su 10:00+", "--zone", "Europe/Berlin", "--at", "2026-11-27T11:00:00+01:00"]
    assert main([*args, "--lang", "de"], out=out, err=err) == 0, err.getvalue()
    assert "At Fri" not in out.getvalue()
    assert ": UNBEKANNT" in out.getvalue().splitlines()[1]
    out = io.StringIO()
    assert main([*args, "--json"], out=out, err=err) == 0, err.getvalue()
    document = json.loads(out.getvalue())
    assert (document["open"], document["state"]) == (False, "unknown")
    out = io.StringIO()
    assert (
        main(
            ["hours", "Mo-Su 10:00-12:00", "--zone", "UTC", "--at", "2026-11-27T11:00:00Z", "--json"], out=out
        )
        == 0
    )
    assert json.loads(out.getvalue())["state"] == "open"


def test_the_next_change_shown_for_unknown_hours_is_when_the_state_changes() -> None:
    """'Mo 10:00-12:00+' at Monday 13:00 is unknown until midnight: the command line shows that change,
    its JSON keeps next_change (when the hours next open) and adds next_state_change; the status's
    text says when the hours are next known to be open, never 'unknown until' that opening."""
    out, err = io.StringIO(), io.StringIO()
    args = ["hours", "Mo 10:00-12:00+", "--zone", "UTC", "--at", "2026-11-30T13:00:00Z"]
    assert main([*args, "--lang", "en"], out=out, err=err) == 0, err.getvalue()
    assert "  Next change: Tue, Dec 1, 2026 00:00 (+00:00)" in out.getvalue().splitlines()
    out = io.StringIO()
    assert main([*args, "--json"], out=out, err=err) == 0, err.getvalue()
    document = json.loads(out.getvalue())
    assert document["next_change"] == "2026-12-07T10:00:00+00:00"
    assert document["next_state_change"] == "2026-12-01T00:00:00+00:00"
    at = datetime(2026, 11, 30, 13, 0, tzinfo=pa.schedule.ZoneInfo("UTC"))
    assert str(pa.Schedule.parse("Mo 10:00-12:00+", zone="UTC").check(at)) == (
        "unknown: rule 1 (Mo 10:00-12:00+) decides; not known to be open until 2026-12-07T10:00:00+00:00"
    )
    assert str(pa.Schedule.parse("Mo 10:00+", zone="UTC").check(at)).endswith("; not known to be open again")


@pytest.mark.parametrize("text", ["24/7; 10:00+ off", "Mo-Fr 09:00-17:00; 10:00+ off"])
def test_an_off_rule_with_an_open_end_makes_no_time_unknown(text: str) -> None:
    """'10:00+ off' closes its times: the schedule has no unknown times, and the formats export it."""
    schedule = pa.Schedule.parse(text, zone="UTC")
    assert not schedule.has_unknown
    start = datetime(2026, 11, 23, tzinfo=pa.schedule.ZoneInfo("UTC"))
    states = {state for _, state in schedule.state_intervals(start, start + timedelta(days=7))}
    assert pa.HoursState.UNKNOWN not in states
    back = pa.Schedule.from_facebook(schedule.to_facebook(), zone="UTC")
    assert back.intervals(start, start + timedelta(days=7)) == schedule.intervals(
        start, start + timedelta(days=7)
    )
