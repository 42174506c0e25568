"""The Page file described for machines and people: a JSON Schema, a reference page, a starter file.

All three are derived from the one model of the file in :mod:`pageavail.config`:
the classes the loader structures the TOML into, their types and defaults, and
the :class:`~pageavail.config.KeyRule` of each key. Nothing here is written by
hand per key, so a key added to the loader appears in the schema, in the
reference and in the starter file at once.

The schema (JSON Schema draft 2020-12) checks the file's structure: the tables,
the keys and their types, required keys, unknown keys, names from closed sets,
ids, number ranges, text lengths, reply templates, the form of instants, and
that a team entry has a role or tasks. A few rules only the loader checks, such
as the ``opening_hours`` syntax of the hours or the time zone database: each
key's ``loader_only`` rules list them, in the schema's descriptions and in the
reference page.

Examples:
    >>> schema = page_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> schema["required"], sorted(schema["properties"]["page"]["required"])
    (['page'], ['id', 'name', 'zone'])
    >>> schema["properties"]["policy"]["properties"]["rollout_percent"]["maximum"]
    100
"""

from __future__ import annotations

import json
import re
import sys
import typing
from datetime import datetime
from typing import Any, Dict, List, Tuple, Union

import attrs

from . import _config_model as config  # the edge: the shape of the Page file config.py reads
from ._validate import _ID

__all__ = [
    "DATE_PATTERN",
    "IDENTIFIER_PATTERN",
    "INSTANT_PATTERN",
    "TEMPLATE_PATTERN",
    "page_schema",
    "reference_markdown",
    "schema_text",
    "starter_page",
]

#: No line break: Python's ``re`` (which Python validators use) lets ``$`` match before a
#: final line break, where ECMA 262 does not; this keeps the two alike without lookarounds.
_ONE_LINE = {"not": {"pattern": "\n"}}
#: Blank text: only whitespace, or nothing.
_BLANK = {"not": {"pattern": r"^\s*$"}}
_END = "$"
#: An instant with an offset, in the calendar form (extended or basic), as RFC 3339 and TOML write it.
INSTANT_PATTERN = (
    r"^[0-9]{4}-?[0-9]{2}-?[0-9]{2}[Tt ][0-9]{2}(:?[0-9]{2}(:?[0-9]{2}([.,][0-9]+)?)?)?"
    r"([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)" + _END
)
#: A calendar date, ``YYYY-MM-DD``, as TOML writes a local date and as the loader reads a text.
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}" + _END
#: A reply template: text with ``{{``, ``}}``, ``{page}`` and ``{back_at}`` (and not blank, apart).
TEMPLATE_PATTERN = r"^(?:[^{}]|\{\{|\}\}|\{(?:page|back_at)\})*" + _END
IDENTIFIER_PATTERN = "^" + _ID.pattern + _END


def _any_case(name: str) -> str:
    """*name* as a pattern that matches it in any case (``[aA][dD]…``)."""
    return "".join(f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c) for c in name)


def _names_pattern(names: Tuple[str, ...]) -> str:
    return r"^\s*(?:" + "|".join(_any_case(name) for name in names) + r")\s*" + _END


def _source_pattern() -> str:
    ident = _ID.pattern
    return f"^(?:{_any_case('page')}:?|(?:{_any_case('business')}|{_any_case('partner')}):{ident}){_END}"


def _text_schema(rule: config.KeyRule) -> Dict[str, Any]:
    """A text key's schema from its rule."""
    if rule.names is not None:
        return {
            "anyOf": [
                {"enum": list(rule.names)},
                {"type": "string", "pattern": _names_pattern(rule.names)},
            ]
        }
    schema: Dict[str, Any] = {"type": "string"}
    if rule.identifier:
        schema.update(pattern=IDENTIFIER_PATTERN, **_ONE_LINE)
    elif rule.template:
        schema.update(pattern=TEMPLATE_PATTERN, **_BLANK)
    elif rule.source:
        schema.update(pattern=_source_pattern(), **_ONE_LINE)
    elif rule.pattern is not None:
        schema["pattern"] = rule.pattern
    if rule.min_length is not None:
        schema["minLength"] = rule.min_length
    if rule.max_length is not None:
        schema["maxLength"] = rule.max_length
    return schema


def _instant_schema() -> Dict[str, Any]:
    return {"type": "string", "format": "date-time", "pattern": INSTANT_PATTERN, **_ONE_LINE}


def _date_ranges_schema(rule: config.KeyRule) -> Dict[str, Any]:
    """A list of days and ``[first, last]`` pairs of days (the school holidays)."""
    day = {"type": "string", "format": "date", "pattern": DATE_PATTERN, **_ONE_LINE}
    pair = {"type": "array", "items": day, "minItems": 2, "maxItems": 2}
    schema: Dict[str, Any] = {"type": "array", "items": {"anyOf": [day, pair]}}
    if rule.min_items is not None:
        schema["minItems"] = rule.min_items
    if rule.max_items is not None:
        schema["maxItems"] = rule.max_items
    return schema


def _number(value: float) -> Union[int, float]:
    return int(value) if float(value).is_integer() else value


def _value_schema(kind: Any, rule: config.KeyRule) -> Dict[str, Any]:
    """The schema of a value of the Python type *kind* (as the loader structures it)."""
    if rule.date_ranges:  # the file writes pairs and single days; the loader makes pairs of both
        return _date_ranges_schema(rule)
    args = typing.get_args(kind) if hasattr(typing, "get_args") else getattr(kind, "__args__", ())
    origin = getattr(kind, "__origin__", None)
    if origin is Union:
        members = [a for a in args if a is not type(None)]
        if len(members) == 1:  # Optional: TOML has no null, so leaving the key out is the None
            return _value_schema(members[0], rule)
        return {"anyOf": [_value_schema(member, rule) for member in members]}
    if origin in (list, List):
        schema: Dict[str, Any] = {"type": "array", "items": _value_schema(args[0], rule)}
        if rule.min_items is not None:
            schema["minItems"] = rule.min_items
        return schema
    if kind is bool:
        return {"type": "boolean"}
    if kind is datetime:
        return _instant_schema()
    if kind is float:
        schema = {"type": "number"}
        if rule.minimum is not None:
            schema["minimum"] = _number(rule.minimum)
        if rule.above is not None:
            schema["exclusiveMinimum"] = _number(rule.above)
        if rule.maximum is not None:
            schema["maximum"] = _number(rule.maximum)
        return schema
    if kind is str:
        return _text_schema(rule)
    raise TypeError(f"no schema for {kind!r}")  # pragma: no cover - the model uses the types above


def _hints(cls: type) -> Dict[str, Any]:
    return typing.get_type_hints(cls, vars(sys.modules[config.__name__]))


def _description(rule: config.KeyRule) -> str:
    if not rule.loader_only:
        return rule.description
    return f"{rule.description} Checked by the loader only: {'; '.join(rule.loader_only)}."


def _table_schema(cls: type) -> Dict[str, Any]:
    hints = _hints(cls)
    properties: Dict[str, Any] = {}
    required: List[str] = []
    alternatives: List[Dict[str, Any]] = []
    for field in attrs.fields(cls):
        rule: config.KeyRule = field.metadata["rule"]
        schema = _value_schema(hints[field.name], rule)
        schema["description"] = _description(rule)
        default = _default(field)
        if default is not attrs.NOTHING and default is not None:
            schema["default"] = default
        if rule.example is not None:
            schema["examples"] = [rule.example]
        properties[field.name] = schema
        if field.default is attrs.NOTHING:
            required.append(field.name)
        if rule.or_nonempty is not None:
            alternatives = [
                {"required": [field.name]},
                {"required": [rule.or_nonempty], "properties": {rule.or_nonempty: {"minItems": 1}}},
            ]
    table: Dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        table["required"] = required
    if alternatives:
        table["anyOf"] = alternatives
    return table


def _default(field: Any) -> Any:
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type,unused-ignore]
        return default.factory()
    return default


_TABLES = {
    "page": (
        "The Page: its id, name, time zone, the locale of its visitors' texts, and the public and school "
        "holidays PH and SH stand for. Required."
    ),
    "messaging": "The Page's messaging settings, as its team sets them.",
    "policy": "The service's knobs; every key has a default.",
    "team": "The people with access to the Page, one entry per person and source.",
    "sessions": "Sessions of people on clients: who is online when.",
}


def page_schema() -> Dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a Page file, derived from the loader's model.

    A TOML-aware editor (taplo, Even Better TOML) validates a Page file with it;
    instants written as TOML datetimes are read as their RFC 3339 text.
    """
    properties: Dict[str, Any] = {}
    for name, cls, array in config.SECTIONS:
        table = _table_schema(cls)
        if array:
            properties[name] = {"type": "array", "description": _TABLES[name], "items": table}
        else:
            properties[name] = {**table, "description": _TABLES[name]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "pageavail Page file",
        "description": "A business Page, its messaging settings, policy, team and sessions (TOML).",
        "type": "object",
        "properties": properties,
        "required": [name for name, cls, _ in config.SECTIONS if _table_required(name)],
        "additionalProperties": False,
    }


def _table_required(name: str) -> bool:
    fields = attrs.fields_dict(config._PageFile)
    return bool(fields[name].default is attrs.NOTHING)


def schema_text() -> str:
    """:func:`page_schema` as JSON text, as ``pageavail schema`` prints it and the docs ship it."""
    return json.dumps(page_schema(), indent=2, ensure_ascii=False) + "\n"


# -- the reference page -------------------------------------------------------------


def _toml(value: Any) -> str:
    """*value* as TOML writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(_number(value))
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    raise TypeError(f"no TOML for {value!r}")  # pragma: no cover - examples are of the kinds above


def _type_words(kind: Any, rule: config.KeyRule) -> str:
    if rule.date_ranges:
        return "list of dates and [first, last] pairs"
    origin = getattr(kind, "__origin__", None)
    args: Tuple[Any, ...] = getattr(kind, "__args__", ())
    if origin is Union:
        members = [a for a in args if a is not type(None)]
        if len(members) == 1:
            return _type_words(members[0], rule)
        return " or ".join(_type_words(m, rule) for m in members)
    if origin in (list, List):
        return f"list of {_type_words(args[0], rule)}s"
    if kind is bool:
        return "true/false"
    if kind is datetime:
        return "instant"
    if kind is float:
        return "number"
    return "text"


def _allowed(kind: Any, rule: config.KeyRule) -> str:
    """The allowed values in words, as the schema checks them."""
    parts: List[str] = []
    if rule.names is not None:
        parts.append(", ".join(f"`{name}`" for name in rule.names) + " (any case)")
    if rule.identifier:
        listed = getattr(kind, "__origin__", None) is Union or getattr(kind, "__origin__", None) in (
            list,
            List,
        )
        parts.append(("each " if listed else "") + config._ID_RULE)
    if rule.source:
        parts.append("`page`, `business:ID` or `partner:ID` (ID as a Page id)")
    if rule.template:
        parts.append("may use `{page}` and `{back_at}`; `{{` and `}}` for braces; not blank")
    if rule.instant:
        either = "`true`, `false`, or " if bool in getattr(kind, "__args__", ()) else ""
        parts.append(
            f"{either}an instant with an offset, e.g. `2026-11-27T09:40:00+01:00`, or a TOML datetime"
        )
    if rule.minimum is not None and rule.maximum is not None:
        parts.append(f"{_number(rule.minimum)} to {_number(rule.maximum)}")
    elif rule.above is not None and rule.maximum is not None:
        parts.append(f"above {_number(rule.above)}, up to {_number(rule.maximum)}")
    if rule.min_length is not None and rule.max_length is not None:
        parts.append(f"{rule.min_length} to {rule.max_length:,} characters")
    elif rule.max_length is not None:
        parts.append(f"at most {rule.max_length:,} characters")
    if rule.pattern == r"\S":
        parts.append("not blank")
    if rule.date_ranges:
        parts.append(
            'each a date (`2026-10-19` or `"2026-10-19"`) or a `[first, last]` pair of dates, '
            "both days included"
        )
    if rule.min_items and rule.max_items:
        parts.append(f"{rule.min_items} to {rule.max_items:,} items")
    elif rule.min_items:
        parts.append(f"at least {rule.min_items} item")
    if rule.or_nonempty:
        parts.append(f"needed unless `{rule.or_nonempty}` lists at least one")
    if kind is bool:
        parts.append("`true` or `false`")
    if not parts and rule.loader_only:
        parts.append("see below (the loader checks it)")
    return "; ".join(parts) or "any text"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def reference_markdown() -> str:
    """The reference page of the Page file (``docs/page-file.md``), as Markdown.

    One table per table of the file: every key with its type, default, allowed
    values and an example; below each table the rules only the loader checks.
    """
    lines = [
        "# The Page file, key by key",
        "",
        "<!-- Generated from the model in pageavail.config by pageavail.pageschema.reference_markdown();",
        "     tests/test_schema.py fails when this page and the model differ. Do not edit by hand. -->",
        "",
        "A Page file is TOML. This page lists every key the loader reads, generated",
        "from the same model as the JSON Schema (`pageavail schema`), so the two and",
        "the loader cannot disagree on a key. A key not listed here is refused.",
        "Required keys have no default; every other key may be left out, and then",
        'holds the default shown ("none": the setting is off or unset).',
        "",
        "The schema is shipped as [page-file.schema.json](page-file.schema.json). How an",
        "editor validates a Page file with it, and a summary of the rules only the loader",
        "checks: [the command line](cli.md#init-and-schema-a-file-to-start-from-and-checks-in-the-editor).",
        "`pageavail init` writes a commented file with every key to start from.",
        "",
    ]
    for name, cls, array in config.SECTIONS:
        header = f"[[{name}]]" if array else f"[{name}]"
        required_table = _table_required(name)
        lines += [f"## `{header}`", "", _TABLES[name] + ("" if required_table else " May be left out."), ""]
        lines += ["| key | type | default | allowed values | example |", "| --- | --- | --- | --- | --- |"]
        hints = _hints(cls)
        notes: List[str] = []
        for field in attrs.fields(cls):
            rule: config.KeyRule = field.metadata["rule"]
            kind = hints[field.name]
            if field.default is attrs.NOTHING:
                default = "required"
            else:
                value = _default(field)
                default = "none" if value is None else f"`{_toml(value)}`"
            example = "" if rule.example is None else f"`{field.name} = {_toml(rule.example)}`"
            lines.append(
                f"| `{field.name}` | {_type_words(kind, rule)} | {default} | "
                f"{_cell(_allowed(kind, rule))} | {_cell(example)} |"
            )
            notes.append(f"- `{field.name}`: {rule.description}")
            if rule.loader_only:
                notes.append(f"  Checked by the loader only: {'; '.join(rule.loader_only)}.")
        lines += ["", *notes, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


# -- a file to start from -----------------------------------------------------------------


def starter_page() -> str:
    """A commented Page file to start from, as ``pageavail init`` writes it.

    Every key appears: the required ones with an example, the others with their
    default (or, without a default, commented out with an example). It loads,
    and ``pageavail check`` finds nothing to warn about.
    """
    lines = [
        "# A Page file for pageavail: edit the values, then run `pageavail check FILE`.",
        "# Every key is listed; the commented ones are optional. `pageavail schema` prints",
        "# the JSON Schema an editor validates this file with (see the Page file reference).",
    ]
    for name, cls, array in config.SECTIONS:
        lines += ["", f"# {_TABLES[name]}"]
        commented = name == "sessions"
        lines.append(("# " if commented else "") + (f"[[{name}]]" if array else f"[{name}]"))
        for field in attrs.fields(cls):
            rule: config.KeyRule = field.metadata["rule"]
            value = _default(field)
            if field.default is attrs.NOTHING or (name == "team" and field.name == "role"):
                text, off = _toml(rule.example), False
            elif value is None or value == []:
                text, off = _toml(rule.example), True
            else:
                text, off = _toml(value), False
            prefix = "# " if off or commented else ""
            lines.append(f"{prefix}{field.name} = {text}".ljust(40) + f"  # {rule.description}")
    return "\n".join(lines) + "\n"
