"""Presence details that mutation testing showed no other test pins: bounds, clipping and messages."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import pageavail as pa
from pageavail.presence import PagePresence, PresencePolicy, Session
from pageavail.team import Grant, Team

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)
MIN = timedelta(minutes=1)
TEAM = Team.of("acme", [Grant("anna", "acme", role="admin"), Grant("ben", "acme", role="editor")])


def spans_presence(spans: list) -> PagePresence:
    """Presence of sessions ending at their last activity, one per ``(start, end)`` in minutes after T0."""
    return PagePresence.compile(
        TEAM,
        [Session("anna", "web", T0 + a * MIN, T0 + b * MIN, ended=T0 + b * MIN) for a, b in spans],
    )


def test_idle_timeout_of_one_day_is_allowed() -> None:
    """The idle timeout may be exactly one day, and no more; the error shows the value."""
    assert PresencePolicy(idle_timeout=timedelta(days=1)).idle_timeout == timedelta(days=1)
    with pytest.raises(pa.InvalidValueError) as caught:
        PresencePolicy(idle_timeout=timedelta(days=1, microseconds=1))
    assert str(caught.value) == (
        "'idle_timeout' must be a timedelta above 0 and at most one day (got datetime.timedelta(days=1, microseconds=1))"
    )


@pytest.mark.parametrize("field", ["start", "end"])
def test_intervals_name_the_naive_argument(field: str) -> None:
    """A naive start or end of ``intervals`` is refused under its own name."""
    naive = datetime(2026, 11, 27, 9, 0)
    args = {"start": T0, "end": T0 + MIN, field: naive}
    with pytest.raises(pa.InvalidValueError, match=rf"^'{field}' must be an aware datetime"):
        spans_presence([(0, 5)]).intervals(**args)


def test_intervals_refuse_an_end_before_the_start() -> None:
    """An end before the start is refused, naming ``end``, the rule and the value."""
    with pytest.raises(pa.InvalidValueError) as caught:
        spans_presence([(0, 5)]).intervals(T0, T0 - MIN)
    assert str(caught.value) == (
        "'end' must be at or after start (2026-11-27T09:00:00+00:00) (got 2026-11-27T08:59:00+00:00)"
    )


def test_empty_window_has_no_intervals() -> None:
    """An empty window ``[t, t)`` holds no interval, even while someone is live at *t*."""
    presence = spans_presence([(0, 30)])
    assert presence.is_live(T0 + 10 * MIN)
    assert presence.intervals(T0 + 10 * MIN, T0 + 10 * MIN) == ()


spans = st.lists(
    st.tuples(st.integers(0, 200), st.integers(1, 40)).map(lambda t: (t[0], t[0] + t[1])), max_size=6
)


@given(spans, st.integers(-10, 260), st.integers(0, 270))
@example([(0, 10), (20, 30), (40, 50)], 15, 60)  # starting in a gap after the first interval
@example([(0, 10), (20, 30), (40, 50)], 25, 45)  # starting and ending inside intervals
@example([(0, 10), (20, 30), (40, 50)], 0, 20)  # ending where an interval starts
def test_intervals_are_the_whole_intervals_clipped(items: list, start: int, length: int) -> None:
    """``intervals(start, end)`` is the live intervals of all time clipped to ``[start, end)``, in order."""
    presence = spans_presence(items)
    lo, hi = T0 + start * MIN, T0 + (start + length) * MIN
    whole = presence.intervals(T0 - 100 * MIN, T0 + 400 * MIN)
    expected = tuple((max(i.start, lo), min(i.end, hi)) for i in whole if max(i.start, lo) < min(i.end, hi))
    got = presence.intervals(lo, hi)
    assert isinstance(got, tuple)
    assert tuple((i.start, i.end) for i in got) == expected


def test_explain_lists_ignored_sessions_from_their_start_to_their_end() -> None:
    """A session that does not count is listed from its first live instant, not at its end."""
    presence = PagePresence.compile(TEAM, [Session("anna", "api", T0, T0 + 5 * MIN, ended=T0 + 5 * MIN)])
    assert [i.person for i in presence.explain(T0).ignored] == ["anna"]
    assert [i.person for i in presence.explain(T0 + 5 * MIN - timedelta(microseconds=1)).ignored] == ["anna"]
    assert presence.explain(T0 + 5 * MIN).ignored == ()
    assert presence.explain(T0 - timedelta(microseconds=1)).ignored == ()


def test_compile_refuses_a_team_or_policy_of_the_wrong_kind() -> None:
    """``compile`` refuses what is not a Team or a PresencePolicy, naming the argument and the value."""
    with pytest.raises(pa.InvalidValueError) as caught:
        PagePresence.compile("acme", [])  # type: ignore[arg-type]
    assert str(caught.value) == "'team' must be a Team (got 'acme')"
    with pytest.raises(pa.InvalidValueError) as caught:
        PagePresence.compile(TEAM, [], "strict")  # type: ignore[arg-type]
    assert str(caught.value) == "'policy' must be a PresencePolicy (got 'strict')"


def test_compiled_presence_keeps_every_session_sorted() -> None:
    """The compiled presence holds all its sessions, counting or not, in one sorted order."""
    items = [Session("ben", "web", T0, T0), Session("anna", "api", T0, T0), Session("zoe", "web", T0, T0)]
    presence = PagePresence.compile(TEAM, items)
    assert presence.sessions == (items[1], items[0], items[2])


def test_session_times_out_of_order_are_refused_with_the_value() -> None:
    """A last activity before the start or after the end is refused as ``last_seen``, showing it."""
    with pytest.raises(pa.InvalidValueError) as caught:
        Session("anna", "web", T0, T0 - MIN)
    assert str(caught.value) == (
        "'last_seen' must be at or after started (2026-11-27T09:00:00+00:00) (got 2026-11-27T08:59:00+00:00)"
    )
    with pytest.raises(pa.InvalidValueError) as caught:
        Session("anna", "web", T0, T0 + 2 * MIN, ended=T0 + MIN)
    assert str(caught.value) == (
        "'last_seen' must be at or before ended (2026-11-27T09:01:00+00:00) (got 2026-11-27T09:02:00+00:00)"
    )


def test_idle_timeout_is_exact_to_the_microsecond_in_far_years() -> None:
    """A session stops counting exactly one idle timeout after its last activity, even in the year 9990."""
    seen = datetime(9990, 1, 1, 0, 0, 0, 1, tzinfo=timezone.utc)
    presence = PagePresence.compile(TEAM, [Session("anna", "web", seen, seen)])
    assert presence.next_change(seen) == seen + 10 * MIN


def test_sessions_that_are_no_collection_are_refused_as_sessions() -> None:
    """PagePresence.compile names the ``sessions`` argument when it is not a collection of Session values."""
    with pytest.raises(pa.InvalidValueError) as caught:
        PagePresence.compile(TEAM, "anna")  # type: ignore[arg-type]
    assert str(caught.value).startswith("'sessions' must be a collection of Session values (got ")


def test_a_policy_asked_about_no_session_names_it() -> None:
    """PresencePolicy.refusal of something other than a Session is refused as ``session``, quoting it."""
    with pytest.raises(pa.InvalidValueError) as caught:
        PresencePolicy().refusal("anna")  # type: ignore[arg-type]
    assert str(caught.value) == "'session' must be a Session (got 'anna')"


def test_presence_texts_are_english_by_default() -> None:
    """PresenceStatus.text() and Ignored.text() with no locale give the English text."""
    api = Session("anna", "api", T0, T0 + MIN)
    status = PagePresence.compile(TEAM, [api]).explain(T0)
    assert status.ignored
    assert status.text() == status.text("en")
    assert status.ignored[0].text() == status.ignored[0].text("en") == status.ignored[0].reason
    plain = pa.presence.Ignored("anna", pa.presence.Client.API, "a reason")
    assert plain.text() == "a reason"


def test_last_seen_is_the_latest_activity_before_the_instant() -> None:
    """With two sessions over, ``last_seen`` is the later one's last activity, not an earlier one's."""
    earlier = Session("anna", "web", T0, T0 + MIN)
    later = Session("ben", "web", T0 + 2 * MIN, T0 + 5 * MIN)
    status = PagePresence.compile(TEAM, [earlier, later]).explain(T0 + 30 * MIN)
    assert not status.live
    assert status.last_seen == T0 + 5 * MIN
