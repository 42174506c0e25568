"""Team and access: roles, tasks, sources, and who can answer messages on a Page."""

from __future__ import annotations

import pickle
from typing import List

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pageavail as pa
from pageavail.team import Grant, Role, Source, SourceKind, Task, Team
from pageavail.testing import grants

ROLE_TASKS = [
    (Role.ADMIN, {"messages", "community", "content", "ads", "insights", "settings"}),
    (Role.EDITOR, {"messages", "community", "content", "ads", "insights"}),
    (Role.MODERATOR, {"messages", "community", "ads", "insights"}),
    (Role.ADVERTISER, {"ads", "insights"}),
    (Role.ANALYST, {"insights"}),
]


@pytest.mark.parametrize(("role", "tasks"), ROLE_TASKS)
def test_role_tasks_follow_meta(role: Role, tasks: set) -> None:
    """Each role allows the tasks Meta documents for it."""
    assert {t.value for t in role.tasks} == tasks


@pytest.mark.parametrize(
    ("role", "answers"),
    [("admin", True), ("editor", True), ("moderator", True), ("advertiser", False), ("analyst", False)],
)
def test_who_can_answer_by_role(role: str, answers: bool) -> None:
    """Admin, Editor and Moderator can answer messages; Advertiser and Analyst cannot."""
    team = Team.of("acme", [Grant("anna", "acme", role=role)])
    assert team.access("anna").can_answer is answers
    assert ("anna" in team.answerers) is answers


def test_admin_or_editor_does_not_matter() -> None:
    """Seed question: Admin or Editor on the Page? Both count the same for answering."""
    team = Team.of("acme", [Grant("anna", "acme", role="admin"), Grant("ben", "acme", role="editor")])
    assert team.access("anna").can_answer
    assert team.access("ben").can_answer


def test_business_admin_without_a_page_grant_does_not_count() -> None:
    """Seed question: a Business Manager admin counts only through a grant on this very Page."""
    grants_ = [
        Grant("bea", "other-page", role="admin", via="business:4711"),  # admin of the business's other Page
        Grant("anna", "acme", role="admin"),
    ]
    team = Team.of("acme", grants_)
    access = team.access("bea")
    assert not access.can_answer
    assert access.reason == "no role or task on this Page"
    assert access.text("de") == "keine Rolle und keine Aufgabe auf dieser Seite"
    assert team.members == {"anna"}


def test_business_grant_on_the_page_counts() -> None:
    """Access through a business, or a partner agency, counts when it is a grant on the Page."""
    team = Team.of(
        "acme",
        [
            Grant("bea", "acme", role="editor", via="business:4711"),
            Grant("pia", "acme", role="moderator", via="partner:agency"),
        ],
    )
    assert team.access("bea").can_answer
    assert team.access("bea").reason == "can answer messages: role editor, through the business 4711"
    assert team.access("pia").can_answer


def test_tasks_held_directly() -> None:
    """A person may hold tasks without a role; the messages task is what counts."""
    team = Team.of(
        "acme", [Grant("tom", "acme", extra_tasks=["messages"]), Grant("ida", "acme", extra_tasks=["ads"])]
    )
    assert team.access("tom").can_answer
    assert team.access("ida").reason == "tasks ads, directly on the Page: no task that includes messages"


def test_analyst_reason() -> None:
    """The reason names the role and the missing task."""
    assert (
        Team.of("acme", [Grant("omar", "acme", role="analyst")]).access("omar").reason
        == "role analyst, directly on the Page: no task that includes messages"
    )


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        (
            {"role": "owner"},
            "'role' must be one of admin, editor, moderator, advertiser, analyst (got 'owner')",
        ),
        ({"role": None}, "needs a role or tasks"),
        ({"extra_tasks": ["chat"]}, "'tasks' must be one of messages, community"),
        ({"extra_tasks": "messages"}, "'tasks' must be a collection of tasks"),
        ({"role": "admin", "via": "agency:7"}, "'via' must be 'page', 'business:ID' or 'partner:ID'"),
        ({"role": "admin", "via": "business:"}, "'via' must be"),
        ({"role": "admin", "via": 7}, "'via' must be"),
    ],
)
def test_bad_grants(kwargs: dict, fragment: str) -> None:
    """Unknown roles, tasks and sources raise the library's error listing the allowed values."""
    with pytest.raises(pa.InvalidValueError) as caught:
        Grant("anna", "acme", **kwargs)
    assert fragment in str(caught.value)


@pytest.mark.parametrize("person", ["", " ", "a b", None, 7, "x" * 200])
def test_bad_identifiers(person: object) -> None:
    """People and Pages are identifiers; anything else is refused with the rule."""
    with pytest.raises(pa.InvalidValueError, match="'person' must be an identifier"):
        Grant(person, "acme", role="admin")  # type: ignore[arg-type]


def test_team_refuses_foreign_grants() -> None:
    """Team() takes only its Page's grants; Team.of() filters them."""
    with pytest.raises(pa.InvalidValueError, match=r"use Team\.of"):
        Team("acme", [Grant("anna", "beta", role="admin")])
    assert Team.of("acme", [Grant("anna", "beta", role="admin")]).grants == ()


def test_source_round_trip() -> None:
    """Sources parse from and print to 'page', 'business:ID', 'partner:ID'."""
    for text in ["page", "business:4711", "partner:agency-7"]:
        assert str(Source.parse(text)) == text
    assert Source.parse("Business:7").kind is SourceKind.BUSINESS


@given(st.lists(grants()), st.randoms())
def test_order_of_grants_never_matters(items: List[Grant], random: object) -> None:
    """A team built from the same grants in any order is equal and answers the same."""
    shuffled = list(items)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    first, second = Team.of("acme", items), Team.of("acme", shuffled)
    assert first == second
    assert hash(first) == hash(second)
    for person in pa.testing.PEOPLE:
        assert first.access(person) == second.access(person)


@given(st.lists(grants()))
def test_can_answer_means_a_grant_with_messages(items: List[Grant]) -> None:
    """A person can answer exactly when one of their grants on the Page includes messages."""
    team = Team.of("acme", items)
    for person in pa.testing.PEOPLE:
        expected = any(g.person == person and g.page == "acme" and Task.MESSAGES in g.tasks for g in items)
        assert team.access(person).can_answer is expected


@given(st.lists(grants()))
def test_teams_pickle(items: List[Grant]) -> None:
    """Teams survive pickling unchanged."""
    team = Team.of("acme", items)
    assert pickle.loads(pickle.dumps(team)) == team


def test_teams_share_what_is_the_same() -> None:
    """Grants without extra tasks share one empty set; when everyone can answer, the members are
    the answerers (one set), and otherwise each set holds its own people."""
    anna, ben = Grant("anna", "acme", role="editor"), Grant("ben", "acme", role="admin")
    assert anna.extra_tasks is ben.extra_tasks
    assert anna.extra_tasks == frozenset()
    team = Team.of("acme", [anna, ben])
    assert team.answerers is team.members
    assert team.members == {"anna", "ben"}
    mixed = Team.of("acme", [anna, Grant("cleo", "acme", role="analyst")])
    assert mixed.members == {"anna", "cleo"}
    assert mixed.answerers == {"anna"}
