"""Presence: sessions, the policy, and the compiled presence of a Page."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone
from typing import List

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pageavail as pa
from pageavail.presence import Client, PagePresence, PresencePolicy, Session
from pageavail.team import Grant, Team
from pageavail.testing import presence_policies, sessions, teams

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)
MIN = timedelta(minutes=1)
TEAM = Team.of(
    "acme",
    [
        Grant("anna", "acme", role="admin"),
        Grant("ben", "acme", role="editor"),
        Grant("omar", "acme", role="analyst"),
        Grant("bea", "other", role="admin", via="business:4711"),
    ],
)


def session(
    person: str = "anna", client: str = "web", start: int = 0, seen: int = 0, **kw: object
) -> Session:
    """A session starting *start* minutes after T0, last seen *seen* minutes after T0."""
    return Session(person, client, T0 + start * MIN, T0 + seen * MIN, **kw)  # type: ignore[arg-type]


def test_idle_timeout_ends_presence() -> None:
    """A session is live until its last activity plus the idle timeout (10 minutes by default)."""
    presence = PagePresence.compile(TEAM, [session(seen=30)])
    assert presence.is_live(T0)
    assert presence.is_live(T0 + 39 * MIN + timedelta(seconds=59))
    assert not presence.is_live(T0 + 40 * MIN)
    assert presence.next_change(T0) == T0 + 40 * MIN
    status = presence.explain(T0 + 55 * MIN)
    assert (
        status.reason == "Nobody who can answer messages is online: the last activity was 25 minutes ago, "
        "and a session counts as idle after 10 minutes."
    )


def test_ended_session_is_not_live() -> None:
    """An ended session stops counting at its end, even within the idle timeout."""
    presence = PagePresence.compile(TEAM, [session(seen=30, ended=T0 + 32 * MIN)])
    assert presence.is_live(T0 + 31 * MIN)
    assert not presence.is_live(T0 + 32 * MIN)


def test_api_only_team() -> None:
    """Seed question: a team that answers only through a ticket tool's API is offline by default."""
    api = [session("anna", "api", seen=60), session("ben", "api", seen=60)]
    default = PagePresence.compile(TEAM, api)
    assert not default.is_live(T0 + 30 * MIN)
    status = default.explain(T0 + 30 * MIN)
    assert status.reason.endswith(
        "Not counted: anna (API tokens do not count (policy: api_counts is off)); "
        "ben (API tokens do not count (policy: api_counts is off))."
    )
    counted = PagePresence.compile(TEAM, api, PresencePolicy(api_counts=True))
    assert counted.is_live(T0 + 30 * MIN)


def test_business_admin_sessions_do_not_count() -> None:
    """Seed question: a Business Manager admin without a grant on the Page is online in vain."""
    presence = PagePresence.compile(TEAM, [session("bea", seen=60)])
    assert not presence.is_live(T0 + 10 * MIN)
    assert presence.explain(T0 + 10 * MIN).ignored[0].reason == "no role or task on this Page"


def test_analyst_sessions_do_not_count() -> None:
    """People without the messages task are not 'someone who can answer'."""
    presence = PagePresence.compile(TEAM, [session("omar", seen=60)])
    assert not presence.is_live(T0 + 10 * MIN)
    assert presence.explain(T0 + 10 * MIN).ignored[0].reason == (
        "role analyst, directly on the Page: no task that includes messages"
    )


def test_pages_limit_what_a_session_serves() -> None:
    """A session with pages serves only those; without pages it serves all the person's Pages."""
    assert not PagePresence.compile(TEAM, [session(seen=60, pages=["other"])]).is_live(T0)
    assert PagePresence.compile(TEAM, [session(seen=60, pages=["acme", "other"])]).is_live(T0)
    assert PagePresence.compile(TEAM, [session(seen=60)]).is_live(T0)


def test_mobile_and_third_party_rules() -> None:
    """Mobile counts unless switched off; a third-party inbox needs a person's heartbeat."""
    mobile = [session(client="mobile", seen=60)]
    assert PagePresence.compile(TEAM, mobile).is_live(T0)
    assert not PagePresence.compile(TEAM, mobile, PresencePolicy(mobile_counts=False)).is_live(T0)
    bot = [session(client="third_party_inbox", seen=60)]
    human = [session(client="third_party_inbox", seen=60, heartbeat=True)]
    assert not PagePresence.compile(TEAM, bot).is_live(T0)
    assert PagePresence.compile(TEAM, human).is_live(T0)
    assert PagePresence.compile(TEAM, bot, PresencePolicy(third_party_needs_heartbeat=False)).is_live(T0)


def test_devices_merge() -> None:
    """A person on several devices is one presence: overlapping sessions merge into one interval."""
    presence = PagePresence.compile(
        TEAM, [session(client="web", seen=20), session(client="mobile", start=25, seen=50)]
    )
    spans = presence.intervals(T0, T0 + 120 * MIN)
    assert [(i.start, i.end) for i in spans] == [(T0, T0 + 60 * MIN)]
    assert presence.who(T0 + 27 * MIN) == ("anna",)


def test_who_lists_people_sorted() -> None:
    """who() lists the live people who can answer, sorted, each once."""
    presence = PagePresence.compile(
        TEAM, [session("ben", seen=30), session("anna", seen=30), session("omar", seen=30)]
    )
    assert presence.who(T0 + 5 * MIN) == ("anna", "ben")
    assert presence.explain(T0 + 5 * MIN).reason.startswith(
        "2 people on the team who can answer messages are online."
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        (
            {"started": T0, "last_seen": T0 - MIN},
            pa.InvalidValueError,
            "'last_seen' must be at or after started",
        ),
        (
            {"started": T0, "last_seen": T0 + MIN, "ended": T0 - MIN},
            pa.InvalidValueError,
            "'ended' must be at or after",
        ),
        (
            {"started": T0, "last_seen": T0 + 2 * MIN, "ended": T0 + MIN},
            pa.InvalidValueError,
            "at or before ended",
        ),
        (
            {"started": datetime(2026, 1, 1), "last_seen": T0},
            pa.NaiveDatetimeError,
            "'started' must be an aware",
        ),
        ({"started": T0, "last_seen": "later"}, pa.InvalidInstantError, "'last_seen' must be an aware"),
        (
            {"started": T0, "last_seen": T0, "client": "fax"},
            pa.InvalidValueError,
            "'client' must be one of web, mobile",
        ),
        (
            {"started": T0, "last_seen": T0, "pages": "acme"},
            pa.InvalidValueError,
            "'pages' must be a collection",
        ),
        (
            {"started": T0, "last_seen": T0, "pages": ["a b"]},
            pa.InvalidValueError,
            "'pages' must be an identifier",
        ),
        (
            {"started": T0, "last_seen": T0, "heartbeat": "yes"},
            pa.InvalidValueError,
            "'heartbeat' must be true or false",
        ),
    ],
)
def test_bad_sessions(kwargs: dict, error: type, fragment: str) -> None:
    """Impossible sessions raise the library's errors naming the field and the rule."""
    values = {"person": "anna", "client": "web", **kwargs}
    with pytest.raises(error) as caught:
        Session(**values)  # type: ignore[arg-type]
    assert fragment in str(caught.value)


@pytest.mark.parametrize("timeout", [timedelta(0), timedelta(days=2), 10, None])
def test_bad_idle_timeout(timeout: object) -> None:
    """The idle timeout is a timedelta above zero and at most a day."""
    with pytest.raises(pa.InvalidValueError, match="'idle_timeout' must be a timedelta"):
        PresencePolicy(idle_timeout=timeout)  # type: ignore[arg-type]


def test_compile_refuses_odd_values() -> None:
    """compile() checks its arguments."""
    with pytest.raises(pa.InvalidValueError):
        PagePresence.compile(TEAM, ["not a session"])  # type: ignore[list-item]
    with pytest.raises(pa.InvalidValueError):
        PagePresence.compile("acme", [])  # type: ignore[arg-type]


def brute_force_live(team: Team, items: List[Session], policy: PresencePolicy, at: datetime) -> bool:
    """The definition, session by session."""
    for s in items:
        start, end = s.started, s.last_seen + policy.idle_timeout
        if s.ended is not None:
            end = min(end, s.ended)
        counts = s.serves(team.page) and team.access(s.person).can_answer and policy.refusal(s) is None
        if counts and start <= at < end:
            return True
    return False


instants = st.integers(-60, 12 * 60).map(lambda m: T0 + m * MIN + timedelta(seconds=7))


@given(teams(), st.lists(sessions(), max_size=12), presence_policies(), instants)
def test_is_live_matches_the_definition(
    team: Team, items: List[Session], policy: PresencePolicy, at: datetime
) -> None:
    """is_live is true exactly when a counting session is live at that instant."""
    presence = PagePresence.compile(team, items, policy)
    assert presence.is_live(at) == brute_force_live(team, items, policy, at)
    assert bool(presence.who(at)) == presence.is_live(at)


@given(teams(), st.lists(sessions(), max_size=12), presence_policies(), st.randoms(), instants)
def test_order_of_sessions_never_matters(
    team: Team, items: List[Session], policy: PresencePolicy, random: object, at: datetime
) -> None:
    """Shuffled sessions compile to an equal presence with the same answers and explanation."""
    shuffled = list(items)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    first, second = PagePresence.compile(team, items, policy), PagePresence.compile(team, shuffled, policy)
    assert first == second
    assert first.explain(at) == second.explain(at)
    assert first.intervals(T0 - 120 * MIN, T0 + 24 * 60 * MIN) == second.intervals(
        T0 - 120 * MIN, T0 + 24 * 60 * MIN
    )


@given(teams(), st.lists(sessions(), max_size=12), presence_policies(), instants)
def test_intervals_and_next_change_agree(
    team: Team, items: List[Session], policy: PresencePolicy, at: datetime
) -> None:
    """Intervals are disjoint, non-touching and live; next_change is the first flip."""
    presence = PagePresence.compile(team, items, policy)
    start, end = T0 - 120 * MIN, T0 + 24 * 60 * MIN
    found = presence.intervals(start, end)
    for interval in found:
        assert presence.is_live(interval.start)
        assert presence.is_live(interval.end - timedelta(microseconds=1))
        if interval.end < end:
            assert not presence.is_live(interval.end)
    for before, after in zip(found, found[1:]):
        assert before.end < after.start
    change = presence.next_change(at)
    if change is not None:
        assert change > at
        assert presence.is_live(change) != presence.is_live(at)
        assert (
            presence.is_live(change - timedelta(microseconds=1)) == presence.is_live(at)
            or change - timedelta(microseconds=1) <= at
        )


@given(teams(), st.lists(sessions(), max_size=6))
def test_presence_pickles(team: Team, items: List[Session]) -> None:
    """Compiled presence survives pickling with the same answers."""
    presence = PagePresence.compile(team, items)
    copy = pickle.loads(pickle.dumps(presence))
    assert copy == presence
    assert copy.intervals(T0, T0 + 12 * 60 * MIN) == presence.intervals(T0, T0 + 12 * 60 * MIN)


def test_clients_parse() -> None:
    """Clients parse from their names, case-insensitively."""
    assert Client.parse("Third_Party_Inbox") is Client.THIRD_PARTY_INBOX


@pytest.mark.parametrize("year", [1960, 1969, 1970, 1980])
def test_a_session_that_ended_before_1970_ends_there(year: int) -> None:
    """The end of a session counts however early it lies (no instant stands for "open")."""
    team = Team.of("acme", [Grant("anna", "acme", role="editor")])
    start = datetime(year, 1, 1, tzinfo=timezone.utc) - 10 * MIN
    ended = PagePresence.compile(team, [Session("anna", "web", start, start + MIN, start + 2 * MIN)])
    assert ended.is_live(start + 2 * MIN - timedelta(microseconds=1))
    assert not ended.is_live(start + 2 * MIN)
    assert ended.next_change(start) == start + 2 * MIN
    still_open = PagePresence.compile(team, [Session("anna", "web", start, start + MIN)])
    assert still_open.is_live(start + 10 * MIN)
    assert not still_open.is_live(start + 11 * MIN)


def test_what_only_explanations_read_is_made_on_the_first_of_them() -> None:
    """A compiled presence answers page views from its merged bounds alone; who is live, the
    last activity and how sessions ended are worked out on the first explanation, and kept."""
    team = Team.of("acme", [Grant("anna", "acme", role="editor"), Grant("ben", "acme", role="admin")])
    presence = PagePresence.compile(
        team,
        [
            Session("anna", "web", T0, T0 + 5 * MIN, T0 + 6 * MIN),
            Session("ben", "web", T0 + 2 * MIN, T0 + 20 * MIN),
        ],
    )
    assert presence.is_live(T0 + MIN)
    assert presence._explained is None
    assert presence.who(T0 + 3 * MIN) == ("anna", "ben")
    kept = presence._explained
    assert kept is not None
    assert presence.explain(T0 + 7 * MIN).people == ("ben",)
    assert presence._explained is kept
