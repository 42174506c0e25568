"""What the commands share: instants, the Page file and other files, JSON and notes, colour.

The edge may read the clock (``--at now``) and standard input (``-``); these
helpers are where it does.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import stat
import sys
from datetime import datetime, timezone, tzinfo
from typing import Dict, List, Optional, Sequence, TextIO

from . import wording as w
from ._i18n import Moment, Text, environment_locale, normalize_locale
from ._time import MAX_INSTANT, utc_seconds
from .config import MAX_FILE_BYTES, LoadedPage, load_page, load_page_stream
from .errors import InvalidInstantError, InvalidValueError
from .rules import Check

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2


#: Arguments longer than this are shown shortened in messages: their first
#: :data:`SHOWN_START` characters and their length.
SHOWN_ARGUMENT = 200
SHOWN_START = 60


def _short(text: str) -> str:
    """*text* for a message: as is when short, else its start and its length."""
    if len(text) <= SHOWN_ARGUMENT:
        return text
    return f"{text[:SHOWN_START]}… ({len(text):,} characters)"


def parse_instant(
    text: str,
    option: str = "--at",
    zone: Optional[tzinfo] = None,
    notes: Optional[List[str]] = None,
    *,
    end: bool = False,
) -> datetime:
    """An aware datetime from ISO 8601 text, ``now``, or a wall time in *zone*.

    Args:
        text: ``2026-12-24T10:00:00+01:00``; ``now`` (the clock); or a time
            without offset, read in *zone* when one is given.
        option: the flag, for messages.
        zone: the zone that reads a time without offset; without one such a
            time is an error.
        notes: where to say how a time without offset was read.
        end: the end of a period, which may be the end of the supported instants itself.

    Raises:
        InvalidInstantError: not an instant; a wall time skipped or repeated by
            a clock change in *zone*.
        OutOfRangeError: outside the supported instants.
    """
    from dateutil.parser import isoparse

    if text.strip().lower() == "now":
        return datetime.now(timezone.utc).replace(microsecond=0)
    try:
        value = isoparse(text)
    except (ValueError, OverflowError):
        raise InvalidInstantError(
            f"{option} must be an ISO 8601 instant such as 2026-12-24T10:00:00+01:00, or now "
            f"(got {_short(text)!r})"
        ) from None
    if value.tzinfo is None:
        if zone is None:
            raise InvalidInstantError(
                f"{option} {text!r} has no offset; add one, e.g. {value.isoformat()}+01:00 or "
                f"{value.isoformat()}Z"
            )
        value = _wall_time(value, zone, option, text, end)
        if notes is not None:
            notes.append(f"{option} {text} has no offset; read in {zone} as {value.isoformat()}")
    utc_seconds(value, option, end=end)
    return value


def _wall_time(wall: datetime, zone: tzinfo, option: str, text: str, end: bool = False) -> datetime:
    """The one instant whose wall-clock time in *zone* is *wall*; an error for a gap or a fold."""
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    utc_seconds(first, option, end=end)  # the range first: the round trip below needs it
    utc_seconds(second, option, end=end)

    def exists(candidate: datetime) -> bool:
        return candidate.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) == wall

    if not exists(first) and not exists(second):
        raise InvalidInstantError(
            f"{option} {text!r} does not exist in {zone}: the clocks jump over it; "
            f"give an offset, or a time outside the jump"
        )
    if first.utcoffset() != second.utcoffset():
        raise InvalidInstantError(
            f"{option} {text!r} happens twice in {zone}: the clocks go back over it; give the offset, "
            f"{first.isoformat()} (the first time) or {second.isoformat()} (the second)"
        )
    return first


def _reader(args: argparse.Namespace) -> str:
    """The reader's locale: ``--lang``, else the environment as gettext reads it, else English."""
    if getattr(args, "lang", None) is not None:
        return normalize_locale(args.lang, "--lang")
    return environment_locale(os.environ) or "en"


class _Style:
    """ANSI colour on a terminal (unless NO_COLOR is set), plain text elsewhere."""

    def __init__(self, out: TextIO) -> None:
        isatty = getattr(out, "isatty", None)
        self.on = bool(isatty and isatty()) and "NO_COLOR" not in os.environ

    def paint(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.on else text

    def mark(self, passed: bool) -> str:
        return self.paint("✓", "32") if passed else self.paint("✗", "31")

    def status(self, text: str, good: bool) -> str:
        return self.paint(text.upper(), "1;32" if good else "1;31")


def _check_lines(checks: Sequence[Check], locale: str, style: _Style) -> List[str]:
    """One line per check: the mark, the sentence, and the check's name (an identifier)."""
    return [f"  {style.mark(c.passed)} {c.text(locale)}  [{c.name}]" for c in checks]


def _next_change(at: Optional[datetime]) -> Text:
    if at is None:
        return w.CLI_NEXT_CHANGE_NEVER()
    if at >= MAX_INSTANT:  # the library's answer for a change that comes only after the range
        return w.CLI_NEXT_CHANGE_BEYOND(moment=Moment(at))
    return w.CLI_NEXT_CHANGE(moment=Moment(at))


def _page_file(path: str) -> LoadedPage:
    """The Page file at *path*, or from standard input for ``-``."""
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream without bytes underneath, e.g. in tests
            stream = io.BytesIO(sys.stdin.read(10_000_000).encode("utf-8", "surrogateescape"))
        return load_page_stream(stream, "<stdin>")
    return load_page(path)


def _note_lines(notes: Sequence[str]) -> List[str]:
    return [f"note: {note}" for note in notes]


def _write_json(out: TextIO, document: Dict[str, object], notes: Sequence[str]) -> None:
    """One JSON object; ``notes`` only when the command read something for the user."""
    if notes:
        document["notes"] = list(notes)
    out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def _read_text(path: str, option: str) -> str:
    """The UTF-8 text of the regular file at *path* (``-``: standard input), for *option*."""
    where = f"{option} {_short(path)}"
    if path == "-":
        where = f"{option} - (standard input)"
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream without bytes underneath, e.g. in tests
            text = sys.stdin.read(MAX_FILE_BYTES + 1)
            data = text.encode("utf-8", "surrogateescape")
        else:
            data = stream.read(MAX_FILE_BYTES + 1)
    else:
        try:
            kind = os.stat(path).st_mode
            if not stat.S_ISREG(kind):
                raise InvalidValueError(f"{where}: is not a regular file; give the path of a file")
            with open(path, "rb") as stream:
                data = stream.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise InvalidValueError(f"{where}: no such file; check the path") from None
        except InvalidValueError:
            raise
        except (OSError, ValueError) as error:  # ValueError: a NUL in the path
            reason = getattr(error, "strerror", None) or error
            raise InvalidValueError(f"{where}: cannot be read: {reason}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InvalidValueError(f"{where}: is over {MAX_FILE_BYTES:,} bytes; the limit is {MAX_FILE_BYTES:,}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidValueError(
            f"{where}: is not UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from None
