"""Who is on a Page's team, through which grant, and who can answer messages.

Roles and their tasks follow Meta's documentation of Page access (the "new
Pages experience"): Admin has full control; Editor everything but the Page's
settings and people; Moderator message replies, community activity, ads and
insights; Advertiser ads and insights; Analyst insights only. A person may also
hold tasks directly. Only people whose access includes **messages** count towards
"active now".

Access always belongs to one Page. A grant comes directly on the Page, through a
business (``business:ID``, Business Manager access to the Page as an asset) or
through a partner agency (``partner:ID``). An admin of a business with many Pages
counts for a Page only through a grant on *that* Page: admin rights on the
business alone give none.

Examples:
    >>> team = Team.of("acme-bakery", [
    ...     Grant("anna", "acme-bakery", role=Role.ADMIN),
    ...     Grant("omar", "acme-bakery", role=Role.ANALYST),
    ...     Grant("bea", "other-page", role=Role.ADMIN, via=Source.parse("business:4711")),
    ... ])
    >>> team.access("anna").can_answer, team.access("bea").reason
    (True, 'no role or task on this Page')
    >>> team.access("omar").reason
    'role analyst, directly on the Page: no task that includes messages'
    >>> team.access("omar").text("de")
    'Rolle analyst, direkt auf der Seite: keine Aufgabe, die Nachrichten umfasst'
"""

from __future__ import annotations

from typing import Any, FrozenSet, Iterable, Optional, Tuple

import attrs

from . import wording
from ._i18n import Text, normalize_locale
from ._validate import StrictEnum, collection_of, enum_member, identifier
from .errors import InvalidValueError

__all__ = ["Access", "Grant", "Role", "Source", "SourceKind", "Task", "Team"]


class Task(StrictEnum):
    """What a person may do on a Page."""

    MESSAGES = "messages"
    COMMUNITY = "community"
    CONTENT = "content"
    ADS = "ads"
    INSIGHTS = "insights"
    SETTINGS = "settings"

    @classmethod
    def parse(cls, value: Any, field: str = "task") -> Task:
        """A task from its name (``"messages"``), case-insensitively."""
        return enum_member(cls, value, field)


class Role(StrictEnum):
    """A Page role, and the tasks it brings."""

    ADMIN = "admin"
    EDITOR = "editor"
    MODERATOR = "moderator"
    ADVERTISER = "advertiser"
    ANALYST = "analyst"

    @property
    def tasks(self) -> FrozenSet[Task]:
        """The tasks the role allows."""
        return _ROLE_TASKS[self]

    @classmethod
    def parse(cls, value: Any, field: str = "role") -> Role:
        """A role from its name (``"admin"``), case-insensitively."""
        return enum_member(cls, value, field)


_ROLE_TASKS = {
    Role.ADMIN: frozenset(Task),
    Role.EDITOR: frozenset(Task) - {Task.SETTINGS},
    Role.MODERATOR: frozenset({Task.MESSAGES, Task.COMMUNITY, Task.ADS, Task.INSIGHTS}),
    Role.ADVERTISER: frozenset({Task.ADS, Task.INSIGHTS}),
    Role.ANALYST: frozenset({Task.INSIGHTS}),
}


class SourceKind(StrictEnum):
    """How a grant reaches the Page."""

    PAGE = "page"
    BUSINESS = "business"
    PARTNER = "partner"


@attrs.frozen
class Source:
    """Where a grant comes from: the Page itself, a business, or a partner agency."""

    kind: SourceKind = SourceKind.PAGE
    id: Optional[str] = None

    def __attrs_post_init__(self) -> None:
        if (self.kind is SourceKind.PAGE) != (self.id is None):
            raise InvalidValueError._for("via", "'page', 'business:ID' or 'partner:ID'", str(self))
        if self.id is not None:
            identifier("via")(self, None, self.id)

    @classmethod
    def parse(cls, text: Any) -> Source:
        """``"page"``, ``"business:ID"`` or ``"partner:ID"``."""
        if isinstance(text, Source):
            return text
        if isinstance(text, str) and text == text.strip():
            kind, _, ident = text.partition(":")
            for candidate in SourceKind:
                if candidate.value == kind.lower():
                    if candidate is SourceKind.PAGE and not ident:
                        return cls()
                    if candidate is not SourceKind.PAGE and ident:
                        return cls(candidate, ident)
        raise InvalidValueError._for("via", "'page', 'business:ID' or 'partner:ID'", text)

    def __str__(self) -> str:
        return self.kind.value if self.id is None else f"{self.kind.value}:{self.id}"


def _tasks(value: Any) -> FrozenSet[Task]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidValueError._for("tasks", "a collection of tasks", value)
    tasks = frozenset(Task.parse(t, "tasks") for t in value)
    return tasks if tasks else _NO_TASKS  # most grants have none: they share one empty set


#: The extra tasks of a grant with none (one set for all of them).
_NO_TASKS: FrozenSet[Task] = frozenset()


def _role(value: Any) -> Optional[Role]:
    return None if value is None else Role.parse(value)


def _source(value: Any) -> Source:
    return Source.parse(value)


@attrs.frozen
class Grant:
    """One person's access to one Page: a role, tasks, or both, through a source.

    Examples:
        >>> Grant("anna", "acme-bakery", role="editor", via="partner:agency-7").tasks >= {Task.MESSAGES}
        True
    """

    person: str = attrs.field(validator=identifier("person"))
    page: str = attrs.field(validator=identifier("page"))
    role: Optional[Role] = attrs.field(default=None, converter=_role)
    extra_tasks: FrozenSet[Task] = attrs.field(default=frozenset(), converter=_tasks)
    via: Source = attrs.field(default=Source(), converter=_source)

    def __attrs_post_init__(self) -> None:
        if self.role is None and not self.extra_tasks:
            raise InvalidValueError(
                f"the grant of {self.person!r} on {self.page!r} needs a role or tasks "
                f"(roles: {', '.join(r.value for r in Role)})"
            )

    @property
    def tasks(self) -> FrozenSet[Task]:
        """Everything the grant allows: the role's tasks and the extra ones."""
        return (self.role.tasks if self.role else frozenset()) | self.extra_tasks

    @property
    def label(self) -> str:
        """``admin (direct)``, ``tasks messages (via business:4711)``."""
        what = (
            self.role.value if self.role else "tasks " + ",".join(sorted(t.value for t in self.extra_tasks))
        )
        if self.role and self.extra_tasks:
            what += " + " + ",".join(sorted(t.value for t in self.extra_tasks))
        where = "direct" if self.via.kind is SourceKind.PAGE else f"via {self.via}"
        return f"{what} ({where})"

    @property
    def wording(self) -> Text:
        """The grant in words, for any locale: "role admin, directly on the Page"."""
        what = wording.grant_what(self.role.value if self.role else None, (t.value for t in self.extra_tasks))
        return wording.grant_label(what, self.via.kind.value, self.via.id)


@attrs.frozen
class Access:
    """What one person may do on one Page, and why.

    Attributes:
        person: who.
        page: the Page.
        grants: the person's grants on this Page (sorted).
        can_answer: whether any grant includes answering messages.
        reason: why, in English, for the Page's team; :meth:`text` gives any language.
        message: the reason as a message, rendered by :meth:`text`.
    """

    person: str
    page: str
    grants: Tuple[Grant, ...]
    can_answer: bool
    reason: str
    message: Optional[Text] = attrs.field(default=None, eq=False, repr=False)

    @classmethod
    def _worded(cls, person: str, page: str, grants: Tuple[Grant, ...], can: bool, message: Text) -> Access:
        return cls(person, page, grants, can, message.render("en"), message)

    def text(self, locale: str = "en") -> str:
        """The reason in the reader's *locale* (``de``, ``de-AT`` … falling back to English)."""
        tag = normalize_locale(locale)
        return self.reason if self.message is None else self.message.render(tag)


def _sort_key(grant: Grant) -> Tuple[str, str, str, str, Tuple[str, ...]]:
    return (
        grant.person,
        grant.page,
        str(grant.via),
        grant.role.value if grant.role else "",
        tuple(sorted(t.value for t in grant.extra_tasks)),
    )


def _grants(value: Any) -> Tuple[Grant, ...]:
    return tuple(sorted(set(collection_of(value, Grant, "grants")), key=_sort_key))


@attrs.frozen
class Team:
    """The people with access to one Page.

    Make one with :meth:`of`, from grants for any number of Pages: only the
    grants on this Page are kept. Grants are stored sorted, so the order they
    come in never matters.
    """

    page: str = attrs.field(validator=identifier("page"))
    grants: Tuple[Grant, ...] = attrs.field(converter=_grants)
    members: FrozenSet[str] = attrs.field(init=False, eq=False, repr=False)
    """Everyone with any grant on the Page."""
    answerers: FrozenSet[str] = attrs.field(init=False, eq=False, repr=False)
    """Everyone whose access includes answering messages."""

    def __attrs_post_init__(self) -> None:
        for grant in self.grants:
            if grant.page != self.page:
                raise InvalidValueError(
                    f"the grant of {grant.person!r} is on {grant.page!r}, not on {self.page!r}; "
                    f"use Team.of(page, grants) to keep only this Page's grants"
                )
        members = frozenset(g.person for g in self.grants)
        answerers = frozenset(g.person for g in self.grants if Task.MESSAGES in g.tasks)
        object.__setattr__(self, "members", members)
        # often everyone can answer: then the two are one set (frozen, so sharing it is safe)
        object.__setattr__(self, "answerers", members if answerers == members else answerers)

    @classmethod
    def of(cls, page: str, grants: Iterable[Grant]) -> Team:
        """The team of *page* from grants on any Pages."""
        kept = [g for g in _grants(grants) if g.page == page]
        return cls(page, kept)

    def access(self, person: str) -> Access:
        """What *person* may do on the Page, with the reason in words."""
        mine = tuple(g for g in self.grants if g.person == person)
        if not mine:
            return Access._worded(person, self.page, (), False, wording.NO_GRANT())
        answering = [g for g in mine if Task.MESSAGES in g.tasks]
        if answering:
            return Access._worded(person, self.page, mine, True, wording.can_answer(answering[0].wording))
        return Access._worded(
            person, self.page, mine, False, wording.no_messaging_task(g.wording for g in mine)
        )
