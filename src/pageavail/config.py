"""Page files: a Page, its settings, policy, team and sessions from TOML.

The edge of the library: the only module that reads files. The TOML is parsed
with ``tomllib`` (``tomli`` before Python 3.11), structured by ``cattrs`` into
plain file-shaped classes, then built into the domain values. Every error is a
:class:`ConfigError` naming the file, the line where it can, the key path
(``team[2].role``), the bad value and the fix.

Examples:
    >>> from pageavail.config import loads_page
    >>> loaded = loads_page('''
    ... [page]
    ... id = "acme"
    ... name = "Acme"
    ... zone = "Europe/Berlin"
    ... ''')
    >>> loaded.page.name, loaded.sessions
    ('Acme', ())
"""

from __future__ import annotations

import os
import re
import stat
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ._calendar import HolidayCalendar
from ._time import MAX_INSTANT, resolve_zone, utc_seconds
from .errors import (
    HolidayCalendarError,
    InvalidValueError,
    PageAvailError,
    ScheduleSyntaxError,
    UnknownZoneError,
)
from .presence import Client, PresencePolicy, Session
from .rules import CompiledPage, MessagingSettings, Page, Policy, rollout_bucket
from .schedule import MAX_TEXT_LENGTH, Schedule
from .team import Grant, Role, Task

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on older Pythons
    import tomli as tomllib

__all__ = [
    "MAX_FILE_BYTES",
    "SECTIONS",
    "ConfigError",
    "ConfigReadError",
    "KeyRule",
    "LoadedPage",
    "PageWarning",
    "load_page",
    "load_page_stream",
    "loads_page",
    "page_warnings",
]

#: Page files larger than this are refused before they are parsed.
MAX_FILE_BYTES = 5_000_000

Path_ = List[Union[str, int]]


class ConfigError(PageAvailError):
    """A Page file that cannot be read or does not describe a valid Page.

    Attributes:
        file: the file's name, or ``"<text>"``.
        line: the 1-based line of the problem, or None when unknown.
        key: the key path, e.g. ``team[2].role``, or ``""`` for the whole file.
        problem: what is wrong and how to fix it.
    """

    def __init__(self, problem: str, key: str = "", line: Optional[int] = None, file: str = "<text>") -> None:
        self.problem, self.key, self.line, self.file = problem, key, line, file
        where = file if line is None else f"{file}:{line}"
        super().__init__(f"{where}: {key}: {problem}" if key else f"{where}: {problem}")

    def __reduce__(self) -> Any:
        return (type(self), (self.problem, self.key, self.line, self.file))


class ConfigReadError(ConfigError):
    """The file itself cannot be read: missing, a folder, too large, not UTF-8."""


# -- the file's shape --------------------------------------------------------------
#
# The classes below are the one description of a Page file: the loader structures
# the TOML into them, and :mod:`pageavail.pageschema` walks them (their types,
# defaults and each field's :class:`KeyRule`) to write the JSON Schema and the
# reference page. A rule the loader applies itself (a limit, a list of names) is
# read from the same KeyRule, so the three cannot drift apart.


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
        min_items: a list's least length.
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


class _Mistake(Exception):
    """A value of the wrong kind, found while structuring (becomes a ConfigError)."""


def _text(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise _Mistake(f"must be a text in quotes (got {value!r})")
    return value


def _flag(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise _Mistake(f"must be true or false (got {value!r})")
    return value


def _number(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Mistake(f"must be a number (got {value!r})")
    return float(value)


def _instant(value: Any, _: Any) -> datetime:
    if isinstance(value, str):
        from dateutil.parser import isoparse

        try:
            value = isoparse(value)
        except (ValueError, OverflowError):
            raise _Mistake(
                f"must be an ISO 8601 instant such as 2026-11-27T09:40:00+01:00 (got {value!r})"
            ) from None
    if not isinstance(value, datetime):
        raise _Mistake(f"must be an instant such as 2026-11-27T09:40:00+01:00 (got {value!r})")
    if value.tzinfo is None or value.utcoffset() is None:
        raise _Mistake(
            f"has no UTC offset (got {value.isoformat()}); write it with one, "
            f"e.g. {value.isoformat()}+01:00 or {value.isoformat()}Z"
        )
    return value


def _away(value: Any, _: Any) -> Union[bool, datetime]:
    if isinstance(value, bool):
        return value
    try:
        return _instant(value, None)
    except _Mistake as mistake:
        raise _Mistake(f"must be true, false, or the instant the away time ends; {mistake}") from None


def _converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(bool, _flag)
    converter.register_structure_hook(float, _number)
    converter.register_structure_hook(datetime, _instant)
    converter.register_structure_hook(Union[bool, datetime], _away)

    def _list_of_text(value: Any, _: Any) -> List[str]:
        if not isinstance(value, list):
            raise _Mistake(f"must be a list of texts in quotes (got {value!r})")
        return [_text(item, None) for item in value]

    converter.register_structure_hook_func(lambda kind: kind == List[str], _list_of_text)
    return converter


_CONVERTER = _converter()

# -- locating keys in the text ------------------------------------------------------


def _format_path(path: Sequence[Union[str, int]]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _locate(text: str, path: Sequence[Union[str, int]]) -> Optional[int]:
    """The 1-based line where *path* is written, as far as a plain reading finds it."""
    if not path:
        return None
    lines = text.splitlines()
    table = str(path[0])
    rest = list(path[1:])
    start: Optional[int] = None
    if rest and isinstance(rest[0], int):
        header = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
        count = -1
        for number, line in enumerate(lines):
            if header.match(line):
                count += 1
                if count == rest[0]:
                    start = number
                    break
        rest = rest[1:]
    else:
        header = re.compile(r"^\s*\[\s*" + re.escape(table) + r"\s*\]")
        start = next((n for n, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        return None
    if rest:
        key = re.compile(r"""^\s*(?:"|')?""" + re.escape(str(rest[0])) + r"""(?:"|')?\s*[=.]""")
        for number in range(start + 1, len(lines)):
            if lines[number].lstrip().startswith("["):
                break
            if key.match(lines[number]):
                return number + 1
    return start + 1


def _walk(error: BaseException, path: Path_) -> Iterator[Tuple[Path_, BaseException]]:
    if isinstance(error, (ClassValidationError, IterableValidationError)):
        with_notes, without = error.group_exceptions()
        for inner, note in with_notes:
            step = getattr(note, "name", None)
            if step is None:
                step = getattr(note, "index", None)
            yield from _walk(inner, [*path, step] if step is not None else path)
        for inner in without:
            yield from _walk(inner, path)
    else:
        yield path, error


#: Examples for the keys whose mistakes are found while structuring.
_EXAMPLES = {"tasks": '["messages"]', "pages": '["acme-bakery"]'}


def _describe(path: Path_, error: BaseException) -> Tuple[Path_, str]:
    if isinstance(error, ForbiddenExtraKeysError):
        extra = sorted(error.extra_fields)
        known = sorted(f.name for f in attrs.fields(error.cl))
        key = extra[0]
        return [*path, key], f"unknown key {key!r}; the keys here are {', '.join(known)}"
    if isinstance(error, KeyError):
        return path, "is missing; add it"
    if isinstance(error, _Mistake):
        example = _EXAMPLES.get(str(path[-1])) if path else None
        return path, str(error) + ("" if example is None else f"; e.g. {path[-1]} = {example}")
    return path, f"has a value of the wrong kind ({error})"


@attrs.frozen
class LoadedPage:
    """A Page and its sessions, as read from a file.

    Attributes:
        page: the Page.
        sessions: its sessions, in file order.
        holidays: the ``[page] holidays`` calendar, or None (the hours hold it too).
        file: the file's name, for messages (not part of equality).
        text: the file's text, to find the line of a key (not part of equality).
    """

    page: Page
    sessions: Tuple[Session, ...]
    holidays: Optional[HolidayCalendar] = None
    file: str = attrs.field(default="<text>", eq=False)
    text: str = attrs.field(default="", eq=False, repr=False)

    def compile(self) -> CompiledPage:
        """The Page with its sessions, compiled to decide."""
        return self.page.compile(self.sessions)


def loads_page(text: str, file: str = "<text>") -> LoadedPage:
    """A Page from TOML text.

    Raises:
        ConfigError: the text is not TOML, or not a valid Page; the error names
            the key path and the line.
    """
    if not isinstance(text, str):
        raise ConfigError(f"a Page file must be text (got {type(text).__name__})", file=file)
    if text.startswith("\ufeff"):  # a byte order mark, as some editors save UTF-8
        text = text[1:]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"line (\d+), column (\d+)", message)
        line = int(found.group(1)) if found else None
        raise ConfigError(f"not valid TOML: {message}", line=line, file=file) from None
    _check_shape(data, text, file)
    try:
        raw = _CONVERTER.structure(data, _PageFile)
    except (ClassValidationError, IterableValidationError) as error:
        path, problem = _describe(*next(_walk(error, [])))
        raise ConfigError(problem, _format_path(path), _locate(text, path), file) from None
    return _build(raw, text, file)


def _check_shape(data: Any, text: str, file: str) -> None:
    """Tables must be tables and arrays of tables arrays, before cattrs looks inside."""
    if "page" not in data:
        raise ConfigError("the [page] table is missing; add [page] with id, name and zone", file=file)
    for table in ("page", "messaging", "policy"):
        if table in data and not isinstance(data[table], dict):
            raise ConfigError(
                f"must be a table: write [{table}] on a line of its own", table, _locate(text, [table]), file
            )
    for array in ("team", "sessions"):
        if array not in data:
            continue
        value = data[array]
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise ConfigError(
                f"must be an array of tables: write [[{array}]] before each entry", array, None, file
            )


def load_page(path: Union[str, Path]) -> LoadedPage:
    """A Page from a TOML file (the format in the documentation).

    Only regular files are read: a folder, a FIFO or a device is refused before
    anything is read from it, and so is a file over :data:`MAX_FILE_BYTES`.

    Raises:
        ConfigError: the file cannot be read, or does not describe a valid Page.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise ConfigReadError(f"a Page file's path must be a text or a Path (got {_kind(path)})")
    name = str(path)
    try:
        kind = os.stat(path).st_mode
        if stat.S_ISDIR(kind):
            raise ConfigReadError("is a folder, not a Page file", file=name)
        if not stat.S_ISREG(kind):
            raise ConfigReadError(_not_regular(kind), file=name)
        # Non-blocking, so that a file swapped for a FIFO after the check cannot hang the open.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as stream:
            found = os.fstat(stream.fileno())
            if not stat.S_ISREG(found.st_mode):
                raise ConfigReadError(_not_regular(found.st_mode), file=name)
            if found.st_size > MAX_FILE_BYTES:
                raise ConfigReadError(
                    f"the file is {found.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}", file=name
                )
            data = _read_bounded(stream, name)
    except ConfigError:
        raise
    except FileNotFoundError:
        raise ConfigReadError("no such file; check the path", file=name) from None
    except IsADirectoryError:
        raise ConfigReadError("is a folder, not a Page file", file=name) from None
    except (OSError, TypeError, ValueError) as error:
        raise ConfigReadError(f"cannot be read: {error}", file=name) from None
    return loads_page(_decode(data, name), name)


def load_page_stream(stream: IO[bytes], file: str = "<stdin>") -> LoadedPage:
    """A Page from a binary stream such as standard input, read up to :data:`MAX_FILE_BYTES`.

    Raises:
        ConfigError: the stream is too long, not UTF-8, or not a valid Page.
    """
    if not callable(getattr(stream, "read", None)):
        raise ConfigReadError(
            f"a Page stream must be a binary stream such as sys.stdin.buffer (got {_kind(stream)})", file=file
        )
    try:
        data = _read_bounded(stream, file)
    except ConfigError:
        raise
    except (OSError, TypeError, ValueError) as error:
        raise ConfigReadError(f"cannot be read: {error}", file=file) from None
    return loads_page(_decode(data, file), file)


def _kind(value: Any) -> str:
    return f"a value of type {type(value).__name__}"


def _not_regular(kind: int) -> str:
    what = (
        "a FIFO" if stat.S_ISFIFO(kind) else "a device" if stat.S_ISCHR(kind) or stat.S_ISBLK(kind) else None
    )
    what = what or ("a socket" if stat.S_ISSOCK(kind) else "not a file")
    return f"is not a regular file ({what}); save the Page to a file, or pass - to read standard input"


def _read_bounded(stream: IO[bytes], name: str) -> bytes:
    data = stream.read(MAX_FILE_BYTES + 1)
    if not isinstance(data, bytes):
        raise ConfigReadError("cannot be read: the stream gives no bytes", file=name)
    if len(data) > MAX_FILE_BYTES:
        raise ConfigReadError(f"is over {MAX_FILE_BYTES:,} bytes; the limit is {MAX_FILE_BYTES:,}", file=name)
    return data


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")  # a byte order mark is dropped
    except UnicodeDecodeError as error:
        raise ConfigReadError(
            f"is not UTF-8 text (byte {error.start}); save it as UTF-8", file=name
        ) from None


def _build(raw: _PageFile, text: str, file: str) -> LoadedPage:
    def fail(path: Path_, error: Exception) -> ConfigError:
        problem = error.reason if isinstance(error, ScheduleSyntaxError) else str(error)
        if isinstance(error, ScheduleSyntaxError):
            problem += f' at column {error.column} of "{error.text}"'
        return ConfigError(problem, _format_path(path), _locate(text, path), file)

    section = raw.page
    # [page] first, key by key, so that each mistake is reported where it is written.
    try:
        zone = resolve_zone(section.zone)
    except PageAvailError as error:
        raise fail(["page", "zone"], error) from None
    try:
        Page(id=section.id, name=section.name, zone=zone, locale=section.locale)
    except PageAvailError as error:
        raise fail(["page", _field_of(error, ("id", "name", "locale"))], error) from None
    calendar = None
    if section.holidays is not None:  # validated whether or not the hours use PH
        try:
            calendar = HolidayCalendar.from_code(section.holidays)
        except PageAvailError as error:
            raise fail(["page", "holidays"], error) from None
    hours = _hours(raw.messaging.hours, zone, calendar, fail)
    settings = _settings(raw.messaging, hours, fail)
    policy = _policy(raw.policy, fail)
    grants = _team(raw.team, section.id, text, fail)
    try:
        page = Page(
            id=section.id,
            name=section.name,
            zone=zone,
            locale=section.locale,
            settings=settings,
            grants=grants,
            policy=policy,
        )
    except PageAvailError as error:  # pragma: no cover - every part was checked above
        raise fail(["page"], error) from None
    sessions = []
    for index, item in enumerate(raw.sessions):
        if item.pages is not None and not item.pages:
            raise fail(
                ["sessions", index, "pages"],
                PageAvailError(
                    f"is empty, so the session would serve no Page; list the Pages it serves, "
                    f'e.g. pages = ["{section.id}"], or leave the key out for all of {item.person!r}\'s Pages'
                ),
            )
        try:
            sessions.append(
                Session(
                    person=item.person,
                    client=item.client,
                    started=item.started,
                    last_seen=item.last_seen,
                    ended=item.ended,
                    pages=item.pages,
                    heartbeat=item.heartbeat,
                )
            )
        except PageAvailError as error:
            field = _field_of(
                error, ("person", "client", "started", "last_seen", "ended", "pages", "heartbeat")
            )
            raise fail(["sessions", index, field], error) from None
    return LoadedPage(page, tuple(sessions), calendar, file, text)


def _hours(
    text: Optional[str], zone: Any, calendar: Optional[HolidayCalendar], fail: Any
) -> Optional[Schedule]:
    if text is None:
        return None
    try:
        return Schedule.parse(text, zone=zone, holidays=calendar)
    except HolidayCalendarError as error:
        if calendar is not None:  # pragma: no cover - a checked calendar is not refused again
            raise fail(["messaging", "hours"], error) from None
        raise fail(
            ["messaging", "hours"],
            PageAvailError(
                f"the response hours {text!r} use PH but the Page has no holiday calendar; "
                f'add holidays = "DE-BE" (a country[-subdivision] code) to [page]'
            ),
        ) from None
    except (ScheduleSyntaxError, UnknownZoneError, PageAvailError) as error:
        raise fail(["messaging", "hours"], error) from None


def _team(entries: Sequence[_TeamEntry], page: str, text: str, fail: Any) -> List[Grant]:
    """The grants of [[team]]: one entry per person and source, each with a role or tasks."""
    grants: List[Grant] = []
    seen: Dict[Tuple[str, str], int] = {}
    for index, entry in enumerate(entries):
        if entry.role is None and not entry.tasks:
            raise fail(
                ["team", index, "role"],
                PageAvailError(
                    f'{entry.person!r} needs a role or tasks; add role = "editor" '
                    f'(admin, editor, moderator, advertiser, analyst) or tasks = ["messages"]'
                ),
            )
        try:
            grant = Grant(entry.person, page, entry.role, entry.tasks, entry.via)
        except PageAvailError as error:
            raise fail(["team", index, _field_of(error, ("person", "role", "tasks", "via"))], error) from None
        key = (grant.person, str(grant.via))
        if key in seen:
            first = seen[key]
            line = _locate(text, ["team", first, "person"])
            where = f"team[{first}]" + ("" if line is None else f" (line {line})")
            raise fail(
                ["team", index, "person"],
                PageAvailError(
                    f"{grant.person!r} is already on the team at {where} through the same source "
                    f"({grant.via}); write one entry per person and source, with the role and tasks together"
                ),
            )
        seen[key] = index
        grants.append(grant)
    return grants


def _field_of(error: Exception, fields: Sequence[str], default: Optional[str] = None) -> str:
    """The field an error message names first (``'role' must be …``)."""
    message = str(error)
    for field in fields:
        if message.startswith(f"'{field}'"):
            return field
    positions = [(message.find(f"'{f}'"), f) for f in fields if f"'{f}'" in message]
    if positions:
        return min(positions)[1]
    return default or fields[0]


def _settings(raw: _MessagingSection, hours: Optional[Schedule], fail: Any) -> MessagingSettings:
    try:
        return MessagingSettings(
            enabled=raw.enabled,
            show_active=raw.show_active,
            hours=hours,
            away=raw.away,
            instant_reply=raw.instant_reply,
            away_message=raw.away_message,
        )
    except PageAvailError as error:
        field = _field_of(error, ("enabled", "show_active", "away", "instant_reply", "away_message"))
        raise fail(["messaging", field], error) from None


def _policy(raw: _PolicySection, fail: Any) -> Policy:
    def minutes(value: float, key: str, unit: str) -> timedelta:
        rule = _key_rule(_PolicySection, key)
        low = rule.above if rule.above is not None else rule.minimum
        limit = rule.maximum
        assert low is not None  # every duration of the policy has both bounds
        assert limit is not None
        if not low <= value <= limit:
            raise fail(
                ["policy", key], PageAvailError(f"must be from {low:g} to {limit:g} {unit} (got {value:g})")
            )
        return timedelta(**{unit: value})

    idle = minutes(raw.idle_timeout_minutes, "idle_timeout_minutes", "minutes")
    if idle <= timedelta(0):
        raise fail(["policy", "idle_timeout_minutes"], PageAvailError("must be above 0"))
    try:
        return Policy(
            presence=PresencePolicy(
                idle_timeout=idle,
                api_counts=raw.api_counts,
                mobile_counts=raw.mobile_counts,
                third_party_needs_heartbeat=raw.third_party_needs_heartbeat,
            ),
            rollout_percent=raw.rollout_percent,
            rollout_salt=raw.rollout_salt,
            banner=minutes(raw.banner_seconds, "banner_seconds", "seconds"),
            prompt_cooldown=minutes(raw.prompt_cooldown_hours, "prompt_cooldown_hours", "hours"),
        )
    except PageAvailError as error:
        if isinstance(error, ConfigError):
            raise
        raise fail(["policy", _field_of(error, ("rollout_percent", "rollout_salt"))], error) from None


# -- warnings: valid Pages that cannot work -------------------------------------------

#: How far ahead :func:`page_warnings` looks for open response hours.
WARNING_HORIZON = timedelta(days=366)


@attrs.frozen
class PageWarning:
    """A valid Page file with a setting that keeps every visitor from the prompt.

    Attributes:
        problem: what the setting does and how to change it.
        key: the key path, e.g. ``messaging.show_active``.
        line: the 1-based line of the key, or None when it is not written.
        file: the file's name.
    """

    problem: str
    key: str
    line: Optional[int] = None
    file: str = "<text>"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.key}: {self.problem}"

    def to_dict(self) -> Dict[str, Any]:
        """``{file, line, key, problem}`` for JSON output."""
        return {"file": self.file, "line": self.line, "key": self.key, "problem": self.problem}


def page_warnings(loaded: LoadedPage, at: datetime) -> Tuple[PageWarning, ...]:
    """What keeps every visitor of a valid Page from the "active now" prompt.

    Answers "why does no visitor ever see the prompt?" before anyone asks:
    messaging off, away by hand (until switched back, or for more than a year),
    response hours that never open in the year from *at*, nobody on the team who
    can answer messages, show-active off, the Page outside the rollout; and a
    holiday calendar that no hours use. Sessions play no part: they change by the
    minute, while these settings hold until someone edits the file.

    Args:
        loaded: a Page as read by :func:`load_page` or :func:`loads_page`.
        at: the instant the year ahead starts at (an aware datetime).

    Raises:
        OutOfRangeError: *at* lies outside the supported instants.
    """
    if not isinstance(loaded, LoadedPage):
        raise InvalidValueError._for("loaded", "a LoadedPage from load_page or loads_page", loaded)
    utc_seconds(at, "at")
    page, text = loaded.page, loaded.text
    settings, policy = page.settings, page.policy
    found: List[PageWarning] = []

    def warn(path: Path_, problem: str) -> None:
        found.append(PageWarning(problem, _format_path(path), _locate(text, path), loaded.file))

    if not settings.enabled:
        warn(
            ["messaging", "enabled"],
            "messaging is off: visitors cannot write to the Page and none sees the prompt; "
            "set enabled = true to turn it on",
        )
    last = MAX_INSTANT - timedelta(microseconds=1)  # the last supported instant
    end = at + WARNING_HORIZON if at < last - WARNING_HORIZON else last
    start = at
    if settings.away is True:
        warn(
            ["messaging", "away"],
            "the Page is set away by hand until switched back: it never counts as active and no "
            "visitor sees the prompt; set away = false when the team answers again",
        )
    elif isinstance(settings.away, datetime) and settings.away > at:
        if settings.away >= end:
            warn(
                ["messaging", "away"],
                f"the Page is set away by hand until {settings.away.isoformat()}, more than a year "
                f"after {at.isoformat()}: no visitor sees the prompt until then; set away = false "
                f"or an earlier instant",
            )
        start = settings.away
    hours = settings.hours
    if hours is not None and settings.away is not True and start < end and not hours.intervals(start, end):
        after = "" if start is at else " (after the away time)"
        warn(
            ["messaging", "hours"],
            f"the response hours never open from {start.astimezone(page.zone).isoformat()} to "
            f"{end.astimezone(page.zone).isoformat()}{after}: the Page never counts as active; "
            f'give hours that open, e.g. "Mo-Fr 09:00-17:00"',
        )
    if not page.team.answerers:
        fix = 'give someone role = "admin", "editor" or "moderator", or tasks = ["messages"]'
        if not page.team.members:
            warn(
                ["team"],
                "the team is empty: nobody can answer messages, so the Page never counts as active; "
                f"add a [[team]] entry and {fix}",
            )
        else:
            who = "; ".join(f"{p}: {page.team.access(p).reason}" for p in sorted(page.team.members))
            found.append(
                PageWarning(
                    f"nobody on the team can answer messages ({who}), so the Page never counts as "
                    f"active; {fix}",
                    "team",
                    _locate(text, ["team", 0]),
                    loaded.file,
                )
            )
    if not settings.show_active:
        warn(
            ["messaging", "show_active"],
            'show_active = false: no visitor sees the "active now" prompt (the status is still '
            "decided and explained); set show_active = true to show it",
        )
    bucket = rollout_bucket(page.id, policy.rollout_salt)
    if policy.rollout_percent == 0:
        warn(
            ["policy", "rollout_percent"],
            "rollout_percent = 0: no Page is in the rollout, so no visitor sees the prompt; "
            "raise it (100 = every Page)",
        )
    elif not bucket < policy.rollout_percent:
        warn(
            ["policy", "rollout_percent"],
            f"the Page's rollout bucket {bucket:.1f} is not below rollout_percent = "
            f"{policy.rollout_percent:g} (salt {policy.rollout_salt!r}): the Page is not in the "
            f"rollout, so no visitor sees the prompt; raise rollout_percent above {bucket:.1f}",
        )
    hours_use_ph = settings.hours is not None and any(rule.holidays for rule in settings.hours.rules)
    if loaded.holidays is not None and not hours_use_ph:
        what = "the Page has no response hours" if settings.hours is None else "no rule of the hours uses PH"
        warn(
            ["page", "holidays"],
            f"holidays = {str(loaded.holidays)!r} has no effect: {what}; add a PH rule to the hours "
            f'(e.g. "Mo-Fr 09:00-17:00; PH off") or remove the key',
        )
    return tuple(found)
