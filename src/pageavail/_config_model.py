"""The shape of a Page file: its tables and keys, each key with the :class:`KeyRule` it holds to.

The classes here are the one description of a Page file: the loader structures
the TOML into them, and :mod:`pageavail.pageschema` walks them (their types,
defaults and each field's :class:`KeyRule`) to write the JSON Schema and the
reference page. A rule the loader applies itself (a limit, a list of names) is
read from the same KeyRule, so the three cannot drift apart.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Dict, List, Optional, Tuple, Union

import attrs

from .presence import Client
from .schedule import MAX_TEXT_LENGTH
from .team import Role, Task


@attrs.frozen
class KeyRule:
    """What one key of a Page file holds, for the JSON Schema and the reference.

    Attributes:
        description: one sentence for people.
        example: a value that works, as TOML would hold it.
        minimum, maximum: a number's bounds (inclusive).
        above: a number's lower bound, itself excluded.
        min_length, max_length: a text's length in characters.
        pattern: a regular expression the text matches (ECMA 262 and Python alike).
        names: a closed set of names (an enum), read in any case, spaces around ignored.
        identifier: the text is an id: letters, digits and ``._@:+-``, 1 to 128.
        instant: the text (or TOML datetime) is an instant with an offset.
        template: the text is a reply template (``{page}``, ``{back_at}``).
        source: the text is ``page``, ``business:ID`` or ``partner:ID``.
        min_items, max_items: a list's least and greatest length.
        date_ranges: the list holds dates and ``[first, last]`` pairs of dates.
        or_nonempty: this key may be left out when the list key named here is not empty.
        loader_only: rules that only the loader checks, in words (the schema cannot say them).
    """

    description: str
    example: Any = None
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    above: Optional[float] = None
    min_length: Optional[int] = None
    max_length: Optional[int] = None
    pattern: Optional[str] = None
    names: Optional[Tuple[str, ...]] = None
    identifier: bool = False
    instant: bool = False
    template: bool = False
    source: bool = False
    min_items: Optional[int] = None
    max_items: Optional[int] = None
    date_ranges: bool = False
    or_nonempty: Optional[str] = None
    loader_only: Tuple[str, ...] = ()


def _key(rule: KeyRule) -> Dict[str, Any]:
    return {"rule": rule}


def _key_rule(cls: type, name: str) -> KeyRule:
    """The :class:`KeyRule` of the field *name* of a Page-file class."""
    rule: KeyRule = attrs.fields_dict(cls)[name].metadata["rule"]
    return rule


_ID_RULE = "letters, digits and ._@:+-, 1 to 128 characters, starting with a letter or a digit"
_INSTANT = (
    "the instant exists (no 30 February) and lies from 0004-01-01T00:00:00Z up to, not including, "
    "9997-01-01T00:00:00Z; the loader also reads ISO 8601 spellings the schema refuses (week dates such as "
    "2026-W48-5T09:40+01:00, ordinal dates, any one character between date and time)"
)
_TEMPLATE_LOADER = ("every character printable (line breaks and tabs allowed)",)
#: The most items ``[page] school_holidays`` may list (a century of six holidays a year, and more).
MAX_SCHOOL_HOLIDAYS = 1_000
#: The years a school holiday may lie in: the whole days within the supported instants.
SCHOOL_HOLIDAY_YEARS = (4, 9996)


@attrs.define
class _PageSection:
    id: str = attrs.field(
        metadata=_key(KeyRule("The Page's id, as the service knows it.", "acme-bakery", identifier=True))
    )
    name: str = attrs.field(
        metadata=_key(
            KeyRule(
                "The Page's name, as visitors read it in the prompt.",
                "Acme Bakery",
                min_length=1,
                max_length=200,
                pattern=r"\S",
                loader_only=("every character printable (no line breaks or tabs)",),
            )
        )
    )
    zone: str = attrs.field(
        metadata=_key(
            KeyRule(
                "The IANA time zone the response hours are read in.",
                "Europe/Berlin",
                loader_only=("the name is in the IANA time zone database",),
            )
        )
    )
    locale: str = attrs.field(
        default="en",
        metadata=_key(
            KeyRule(
                "The default locale of the visitors' texts (the prompt, the automatic replies).",
                "de",
                loader_only=("a locale tag Babel knows, such as en, de, de-AT or pt-BR",),
            )
        ),
    )
    holidays: Optional[str] = attrs.field(
        default=None,
        metadata=_key(
            KeyRule(
                "The public holidays PH stands for in the response hours: a country[-subdivision] code. "
                "Checked even when no rule uses PH.",
                "DE-BE",
                loader_only=("a country and subdivision the holidays package knows",),
            )
        ),
    )
    school_holidays: Optional[Tuple[Tuple[date, date], ...]] = attrs.field(
        default=None,
        metadata=_key(
            KeyRule(
                "The school holidays SH stands for in the response hours: single days and "
                "[first, last] ranges (both days included), as TOML dates or YYYY-MM-DD texts.",
                [["2026-07-09", "2026-08-22"], "2026-10-19"],
                min_items=1,
                max_items=MAX_SCHOOL_HOLIDAYS,
                date_ranges=True,
                loader_only=(
                    "each date exists (no 30 February) and lies in the years "
                    f"{SCHOOL_HOLIDAY_YEARS[0]:04d} to {SCHOOL_HOLIDAY_YEARS[1]}",
                    "a range does not end before it starts",
                ),
            )
        ),
    )


@attrs.define
class _MessagingSection:
    enabled: bool = attrs.field(default=True, metadata=_key(KeyRule("Messaging on or off altogether.", True)))
    show_active: bool = attrs.field(
        default=True, metadata=_key(KeyRule('Whether visitors may see the "active now" prompt.', True))
    )
    hours: Optional[str] = attrs.field(
        default=None,
        metadata=_key(
            KeyRule(
                "The response hours, in the opening_hours syntax; left out: always.",
                "Mo-Fr 09:00-17:00; Sa 10:00-14:00",
                max_length=MAX_TEXT_LENGTH,
                loader_only=(
                    "the opening_hours syntax, within pageavail's subset",
                    "PH only with [page] holidays",
                    "SH only with [page] school_holidays",
                ),
            )
        ),
    )
    away: Union[bool, datetime] = attrs.field(
        default=False,
        metadata=_key(
            KeyRule(
                "Set away by hand: false, true (until switched back), or the instant the away time ends.",
                False,
                instant=True,
                loader_only=(_INSTANT,),
            )
        ),
    )
    instant_reply: Optional[str] = attrs.field(
        default=None,
        metadata=_key(
            KeyRule(
                "The automatic reply to a new conversation; may use {page} and {back_at}.",
                "Thanks! We usually answer within the hour.",
                min_length=1,
                max_length=2000,
                template=True,
                loader_only=_TEMPLATE_LOADER,
            )
        ),
    )
    away_message: Optional[str] = attrs.field(
        default=None,
        metadata=_key(
            KeyRule(
                "The automatic reply while the Page is away or offline; may use {page} and {back_at}.",
                "We're away right now and back {back_at}.",
                min_length=1,
                max_length=2000,
                template=True,
                loader_only=_TEMPLATE_LOADER,
            )
        ),
    )


@attrs.define
class _PolicySection:
    idle_timeout_minutes: float = attrs.field(
        default=10,
        metadata=_key(
            KeyRule(
                "A session counts as idle after this many minutes without activity.",
                10,
                above=0,
                maximum=1440,
                loader_only=("not so small that it rounds to 0 microseconds",),
            )
        ),
    )
    api_counts: bool = attrs.field(
        default=False, metadata=_key(KeyRule("Whether API tokens count as someone online.", False))
    )
    mobile_counts: bool = attrs.field(
        default=True, metadata=_key(KeyRule("Whether the mobile app counts as someone online.", True))
    )
    third_party_needs_heartbeat: bool = attrs.field(
        default=True,
        metadata=_key(KeyRule("Whether a third-party inbox counts only with a person's heartbeat.", True)),
    )
    rollout_percent: float = attrs.field(
        default=100,
        metadata=_key(
            KeyRule("The share of Pages that get the prompt (100: every Page).", 100, minimum=0, maximum=100)
        ),
    )
    rollout_salt: str = attrs.field(
        default="active-prompt",
        metadata=_key(
            KeyRule(
                "Mixed into the rollout draw, so that each feature draws its own Pages.",
                "active-prompt",
                min_length=1,
                max_length=200,
            )
        ),
    )
    banner_seconds: float = attrs.field(
        default=8,
        metadata=_key(
            KeyRule(
                "How long the banner shows before it collapses to the chat icon, in seconds.",
                8,
                minimum=0,
                maximum=3600,
            )
        ),
    )
    prompt_cooldown_hours: float = attrs.field(
        default=24,
        metadata=_key(
            KeyRule("A visitor sees the prompt at most once in this many hours.", 24, minimum=0, maximum=8760)
        ),
    )


@attrs.define
class _TeamEntry:
    person: str = attrs.field(
        metadata=_key(
            KeyRule(
                "Who: a person's id.",
                "anna",
                identifier=True,
                loader_only=("one entry per person and source (via)",),
            )
        )
    )
    role: Optional[str] = attrs.field(
        default=None,
        metadata=_key(
            KeyRule(
                "The person's role on the Page; a role or tasks (or both) are needed.",
                "admin",
                names=tuple(role.value for role in Role),
                or_nonempty="tasks",
            )
        ),
    )
    tasks: List[str] = attrs.field(
        factory=list,
        metadata=_key(
            KeyRule(
                "Tasks on the Page, on their own or beyond the role's.",
                ["messages"],
                names=tuple(task.value for task in Task),
            )
        ),
    )
    via: str = attrs.field(
        default="page",
        metadata=_key(
            KeyRule(
                "Where the access comes from: the Page itself, a business or a partner agency.",
                "business:4711",
                source=True,
            )
        ),
    )


@attrs.define
class _SessionEntry:
    person: str = attrs.field(
        metadata=_key(KeyRule("Whose session: a person's id.", "anna", identifier=True))
    )
    client: str = attrs.field(
        metadata=_key(
            KeyRule("Where the session comes from.", "web", names=tuple(client.value for client in Client))
        )
    )
    started: datetime = attrs.field(
        metadata=_key(
            KeyRule(
                "When the session began.",
                "2026-11-27T09:40:00+01:00",
                instant=True,
                loader_only=(_INSTANT,),
            )
        )
    )
    last_seen: datetime = attrs.field(
        metadata=_key(
            KeyRule(
                "The last activity seen.",
                "2026-11-27T10:12:00+01:00",
                instant=True,
                loader_only=("as for started", "at or after started, and at or before ended"),
            )
        )
    )
    ended: Optional[datetime] = attrs.field(
        default=None,
        metadata=_key(
            KeyRule(
                "When the session ended; left out: still open.",
                "2026-11-27T12:00:00+01:00",
                instant=True,
                loader_only=("as for started", "at or after started and last_seen"),
            )
        ),
    )
    pages: Optional[List[str]] = attrs.field(
        default=None,
        metadata=_key(
            KeyRule(
                "The Pages the session serves; left out: all the person's Pages.",
                ["acme-bakery"],
                identifier=True,
                min_items=1,
            )
        ),
    )
    heartbeat: bool = attrs.field(
        default=False,
        metadata=_key(
            KeyRule("A third-party inbox reports that a person, not a bot, is at the keyboard.", False)
        ),
    )


@attrs.define
class _PageFile:
    page: _PageSection
    messaging: _MessagingSection = attrs.Factory(_MessagingSection)
    policy: _PolicySection = attrs.Factory(_PolicySection)
    team: List[_TeamEntry] = attrs.Factory(list)
    sessions: List[_SessionEntry] = attrs.Factory(list)


#: The Page file's tables, in the order of the file: (name, class, an array of tables?).
SECTIONS: Tuple[Tuple[str, type, bool], ...] = (
    ("page", _PageSection, False),
    ("messaging", _MessagingSection, False),
    ("policy", _PolicySection, False),
    ("team", _TeamEntry, True),
    ("sessions", _SessionEntry, True),
)
