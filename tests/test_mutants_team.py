"""Team details that mutation testing showed no other test pins: field names and access reasons."""

from __future__ import annotations

import pytest

import pageavail as pa
from pageavail.team import Access, Grant, Source, SourceKind, Task, Team


def test_task_parse_names_the_task_field() -> None:
    """An unknown task is refused under the field name ``task`` by default."""
    with pytest.raises(pa.InvalidValueError, match=r"^'task' must be one of messages, "):
        Task.parse("dance")


def test_inconsistent_source_names_via_and_the_forms() -> None:
    """A page source with an id (or another source without one) is refused as ``via``, listing the forms."""
    with pytest.raises(pa.InvalidValueError) as caught:
        Source(SourceKind.PAGE, "4711")
    assert str(caught.value) == "'via' must be 'page', 'business:ID' or 'partner:ID' (got 'page:4711')"


def access_fields(access: Access) -> tuple:
    """An Access without its wording: person, Page, grants and whether they can answer."""
    return access.person, access.page, access.grants, access.can_answer


def test_access_without_a_grant_is_complete() -> None:
    """Someone without a grant gets an Access naming them and the Page, with no grants."""
    team = Team.of("acme", [Grant("anna", "acme", role="admin")])
    access = team.access("zoe")
    assert access_fields(access) == ("zoe", "acme", (), False)
    assert access.reason


def test_access_of_an_answerer_is_complete() -> None:
    """An answerer's Access names them, the Page and all their grants on it, and the answering grant."""
    grants = (Grant("anna", "acme", role="admin"), Grant("anna", "acme", role="analyst", via="business:1"))
    team = Team.of("acme", grants)
    access = team.access("anna")
    assert access_fields(access) == ("anna", "acme", team.grants, True)
    assert set(access.grants) == set(grants)
    assert "admin" in access.reason


def test_access_of_a_non_answerer_lists_every_grant() -> None:
    """Someone without a messaging task hears every grant: roles, and tasks joined by commas."""
    grants = (
        Grant("omar", "acme", role="analyst"),
        Grant("omar", "acme", extra_tasks=["insights", "ads"], via="business:1"),
    )
    team = Team.of("acme", grants)
    access = team.access("omar")
    assert access_fields(access) == ("omar", "acme", team.grants, False)
    assert set(access.grants) == set(grants)
    assert "ads, insights" in access.reason
    assert "; " in access.reason
    assert "analyst" in access.reason


def test_a_bad_source_id_is_refused_as_via() -> None:
    """A business or partner id that is not an identifier is refused under ``via``."""
    with pytest.raises(pa.InvalidValueError, match=r"^'via' must be "):
        Source(SourceKind.BUSINESS, "no spaces")


def test_team_grants_must_be_grants() -> None:
    """A team's grants that are not Grant values are refused, naming ``grants``."""
    with pytest.raises(pa.InvalidValueError, match=r"^'grants' must be "):
        Team.of("acme", ["anna"])  # type: ignore[list-item]


def test_an_unknown_source_names_what_was_given() -> None:
    """A text that is no source is refused as ``via``, quoting the text."""
    with pytest.raises(pa.InvalidValueError) as caught:
        Source.parse("agency:4711")
    assert str(caught.value) == "'via' must be 'page', 'business:ID' or 'partner:ID' (got 'agency:4711')"


def test_an_access_made_with_a_reason_only_tells_that_reason() -> None:
    """An Access built with a plain reason (no message) gives that reason in every locale."""
    access = Access("ana", "4711", (), False, "no grant")
    assert access.text() == "no grant"
    assert access.text("de") == "no grant"
