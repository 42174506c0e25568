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

import re
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Iterator, List, Optional, Sequence, Tuple, Union

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from .errors import PageAvailError, ScheduleSyntaxError
from .presence import PresencePolicy, Session
from .rules import CompiledPage, MessagingSettings, Page, Policy
from .schedule import Schedule
from .team import Grant

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on older Pythons
    import tomli as tomllib

__all__ = ["MAX_FILE_BYTES", "ConfigError", "ConfigReadError", "LoadedPage", "load_page", "loads_page"]

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


@attrs.define
class _PageSection:
    id: str
    name: str
    zone: str
    locale: str = "en"
    holidays: Optional[str] = None


@attrs.define
class _MessagingSection:
    enabled: bool = True
    show_active: bool = True
    hours: Optional[str] = None
    away: Union[bool, datetime] = False
    instant_reply: Optional[str] = None
    away_message: Optional[str] = None


@attrs.define
class _PolicySection:
    idle_timeout_minutes: float = 10
    api_counts: bool = False
    mobile_counts: bool = True
    third_party_needs_heartbeat: bool = True
    rollout_percent: float = 100
    rollout_salt: str = "active-prompt"
    banner_seconds: float = 8
    prompt_cooldown_hours: float = 24


@attrs.define
class _TeamEntry:
    person: str
    role: Optional[str] = None
    tasks: List[str] = attrs.Factory(list)
    via: str = "page"


@attrs.define
class _SessionEntry:
    person: str
    client: str
    started: datetime
    last_seen: datetime
    ended: Optional[datetime] = None
    pages: Optional[List[str]] = None
    heartbeat: bool = False


@attrs.define
class _PageFile:
    page: _PageSection
    messaging: _MessagingSection = attrs.Factory(_MessagingSection)
    policy: _PolicySection = attrs.Factory(_PolicySection)
    team: List[_TeamEntry] = attrs.Factory(list)
    sessions: List[_SessionEntry] = attrs.Factory(list)


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
            raise _Mistake(f'must be a list of texts, e.g. ["acme"] (got {value!r})')
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
        key = re.compile(r"^\s*" + re.escape(str(rest[0])) + r"\s*=")
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


def _describe(path: Path_, error: BaseException) -> Tuple[Path_, str]:
    if isinstance(error, ForbiddenExtraKeysError):
        extra = sorted(error.extra_fields)
        known = sorted(f.name for f in attrs.fields(error.cl))
        key = extra[0]
        return [*path, key], f"unknown key {key!r}; the keys here are {', '.join(known)}"
    if isinstance(error, KeyError):
        return path, "is missing; add it"
    if isinstance(error, _Mistake):
        return path, str(error)
    return path, f"has a value of the wrong kind ({error})"


@attrs.frozen
class LoadedPage:
    """A Page and its sessions, as read from a file."""

    page: Page
    sessions: Tuple[Session, ...]

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

    Raises:
        ConfigError: the file cannot be read, or does not describe a valid Page.
    """
    name = str(path)
    try:
        target = Path(path)
        size = target.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ConfigReadError(f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}", file=name)
        text = target.read_bytes().decode("utf-8")
    except ConfigError:
        raise
    except FileNotFoundError:
        raise ConfigReadError("no such file; check the path", file=name) from None
    except IsADirectoryError:
        raise ConfigReadError("is a folder, not a Page file", file=name) from None
    except UnicodeDecodeError as error:
        raise ConfigReadError(
            f"is not UTF-8 text (byte {error.start}); save it as UTF-8", file=name
        ) from None
    except (OSError, TypeError, ValueError) as error:
        raise ConfigReadError(f"cannot be read: {error}", file=name) from None
    return loads_page(text, name)


def _build(raw: _PageFile, text: str, file: str) -> LoadedPage:
    def fail(path: Path_, error: Exception) -> ConfigError:
        problem = error.reason if isinstance(error, ScheduleSyntaxError) else str(error)
        if isinstance(error, ScheduleSyntaxError):
            problem += f' at column {error.column} of "{error.text}"'
        return ConfigError(problem, _format_path(path), _locate(text, path), file)

    page_section = raw.page
    try:
        hours = None
        if raw.messaging.hours is not None:
            hours = Schedule.parse(
                raw.messaging.hours, zone=page_section.zone, holidays=page_section.holidays
            )
    except ScheduleSyntaxError as error:
        raise fail(["messaging", "hours"], error) from None
    except PageAvailError as error:
        key = "zone" if "zone" in str(error) and "time zone" in str(error) else "holidays"
        raise fail(
            ["page", key] if key != "holidays" or page_section.holidays else ["messaging", "hours"], error
        ) from None
    settings = _settings(raw.messaging, hours, fail)
    policy = _policy(raw.policy, fail)
    grants = []
    for index, entry in enumerate(raw.team):
        try:
            grants.append(Grant(entry.person, page_section.id, entry.role, entry.tasks, entry.via))
        except PageAvailError as error:
            raise fail(["team", index, _field_of(error, ("person", "role", "tasks", "via"))], error) from None
    try:
        page = Page(
            id=page_section.id,
            name=page_section.name,
            zone=page_section.zone,
            locale=page_section.locale,
            settings=settings,
            grants=grants,
            policy=policy,
        )
    except PageAvailError as error:
        raise fail(["page", _field_of(error, ("id", "name", "zone", "locale"), "zone")], error) from None
    sessions = []
    for index, item in enumerate(raw.sessions):
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
    return LoadedPage(page, tuple(sessions))


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
    def minutes(value: float, key: str, unit: str, limit: float) -> timedelta:
        if not 0 <= value <= limit:
            raise fail(["policy", key], PageAvailError(f"must be from 0 to {limit:g} {unit} (got {value:g})"))
        return timedelta(**{unit: value})

    idle = minutes(raw.idle_timeout_minutes, "idle_timeout_minutes", "minutes", 1440)
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
            banner=minutes(raw.banner_seconds, "banner_seconds", "seconds", 3600),
            prompt_cooldown=minutes(raw.prompt_cooldown_hours, "prompt_cooldown_hours", "hours", 8760),
        )
    except PageAvailError as error:
        if isinstance(error, ConfigError):
            raise
        raise fail(["policy", _field_of(error, ("rollout_percent", "rollout_salt"))], error) from None
