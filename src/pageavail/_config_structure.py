"""Structuring the parsed TOML into the file-shaped classes, and saying what did not fit.

``cattrs`` does the structuring with hooks that accept only the kinds TOML
writes (no number where a text belongs, no naive instants); its grouped errors
are walked to the first mistake, described with its key path.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from typing import Any, Iterator, List, Optional, Sequence, Tuple, Union

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ._config_errors import Path_
from ._config_model import MAX_SCHOOL_HOLIDAYS, SCHOOL_HOLIDAY_YEARS


class _Mistake(Exception):
    """A value of the wrong kind, found while structuring (becomes a ConfigError).

    *at* is the place of the mistake below the key, as list indexes (``[2, 1]``).
    """

    def __init__(self, message: str, at: Sequence[int] = ()) -> None:
        super().__init__(message)
        self.at = list(at)


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


#: The form of a date as a text: four digits of year, two of month and two of day.
_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z", re.ASCII)
_SCHOOL_EXAMPLE = 'school_holidays = [["2026-07-09", "2026-08-22"], "2026-10-19"]'


def _short(value: Any) -> str:
    """*value* as TOML writes it (``true``, ``"2026-07-09"``, ``{ first = "2026-07-09" }``), cut short."""
    text = _toml(value, 81)
    return text if len(text) <= 80 else text[:77] + "..."


#: The escapes of a TOML basic string; any other character that is not printable is written ``\uXXXX``.
_TOML_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")


def _toml_text(text: str) -> str:
    """*text* as a TOML basic string: in double quotes, with escapes for the characters that are not
    printable (a right-to-left override shows as ``\\u202e``, so a message reads as written)."""
    out = []
    for char in text:
        if char in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[char])
        elif char.isprintable():
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def _toml(value: Any, room: int) -> str:
    """*value* in TOML's spelling, stopping once about *room* characters are written (so a value
    nested deeply stops early, within Python's recursion limit)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _toml_text(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return repr(value) if math.isfinite(value) else "inf" if value > 0 else "-inf"
    if isinstance(value, (int, date, time)):  # a date, a time, a datetime: ISO 8601 as TOML writes them
        return value.isoformat() if isinstance(value, (date, time)) else str(value)
    if isinstance(value, (list, dict)):
        items = value.items() if isinstance(value, dict) else [(None, item) for item in value]
        parts: List[str] = []
        written = 2
        for key, item in items:
            if written > room:
                parts.append("...")
                break
            name = "" if key is None else (key if _BARE_KEY.match(key) else _toml_text(key)) + " = "
            parts.append(name + _toml(item, room - written - len(name)))
            written += len(parts[-1]) + 2
        if isinstance(value, dict):
            return "{ " + ", ".join(parts) + " }" if parts else "{}"
        return "[" + ", ".join(parts) + "]"
    return repr(value)  # pragma: no cover - TOML gives no other kinds


def _day(value: Any, at: Sequence[int]) -> date:
    """One date of the school holidays: a TOML date or a ``YYYY-MM-DD`` text."""
    if isinstance(value, datetime):
        raise _Mistake(
            f"{value.isoformat()} is a date and time; give the day alone, e.g. {value.date().isoformat()}", at
        )
    if isinstance(value, str):
        text = value
        shown = _toml_text(text if len(text) <= 40 else text[:37] + "...")  # as TOML quotes it
        if not _DATE_TEXT.match(text):
            raise _Mistake(f"{shown} is not a date; write YYYY-MM-DD, e.g. 2026-07-09", at)
        try:
            value = date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError:
            raise _Mistake(
                f"{shown} is not a date; write YYYY-MM-DD with a month from 01 to 12 and a day "
                "the month has, e.g. 2026-07-09",
                at,
            ) from None
    if not isinstance(value, date):
        kind = "a time of day" if isinstance(value, time) else _short(value)
        raise _Mistake(f'must be a date such as 2026-07-09 or "2026-07-09" (got {kind})', at)
    first, last = SCHOOL_HOLIDAY_YEARS
    if not first <= value.year <= last:
        raise _Mistake(
            f"{value.isoformat()} lies outside the years {first:04d} to {last} that pageavail answers for; "
            "check the year",
            at,
        )
    return value


def _school_holidays(value: Any, _: Any) -> Optional[Tuple[Tuple[date, date], ...]]:
    """``[page] school_holidays``: days and ``[first, last]`` pairs, each made a pair, in file order."""
    if not isinstance(value, list):
        raise _Mistake(
            f"must be a list of days and [first, last] ranges (got {_short(value)}); e.g. {_SCHOOL_EXAMPLE}"
        )
    if not value:
        raise _Mistake(
            f"is empty; list the school holidays, e.g. {_SCHOOL_EXAMPLE}, or leave the key out "
            "when the hours do not use SH"
        )
    if len(value) > MAX_SCHOOL_HOLIDAYS:
        raise _Mistake(
            f"lists {len(value):,} items; the limit is {MAX_SCHOOL_HOLIDAYS:,}: join days that follow "
            "each other into [first, last] ranges, and leave out the years that are over"
        )
    ranges: List[Tuple[date, date]] = []
    for index, item in enumerate(value):
        if isinstance(item, list):
            if len(item) != 2:
                raise _Mistake(
                    f"has {len(item)} item{'' if len(item) == 1 else 's'}; a range is a [first, last] pair, "
                    'e.g. ["2026-07-09", "2026-08-22"], and a single day is written alone, e.g. "2026-10-19"',
                    [index],
                )
            first, last = _day(item[0], [index, 0]), _day(item[1], [index, 1])
            if last < first:
                raise _Mistake(
                    f"ends ({last.isoformat()}) before it starts ({first.isoformat()}); "
                    f'write [first, last], e.g. ["{last.isoformat()}", "{first.isoformat()}"]',
                    [index],
                )
            ranges.append((first, last))
        else:
            day = _day(item, [index])
            ranges.append((day, day))
    return tuple(ranges)


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
    converter.register_structure_hook_func(
        lambda kind: kind == Optional[Tuple[Tuple[date, date], ...]], _school_holidays
    )
    return converter


_CONVERTER = _converter()


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
        return [*path, *error.at], str(error) + ("" if example is None else f"; e.g. {path[-1]} = {example}")
    return path, f"has a value of the wrong kind ({error})"
