"""Structuring the parsed TOML into the file-shaped classes, and saying what did not fit.

``cattrs`` does the structuring with hooks that accept only the kinds TOML
writes (no number where a text belongs, no naive instants); its grouped errors
are walked to the first mistake, described with its key path.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterator, List, Tuple, Union

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ._config_errors import Path_


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
