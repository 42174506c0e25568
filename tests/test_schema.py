"""The Page file's JSON Schema, reference page and starter file: derived from the loader's model,
and the schema agrees with the loader on Page files drawn by Hypothesis.

The property compares the two on the structural level: every Page file the
loader accepts, the schema accepts; and for files that differ from a valid one
by a structural mistake (a missing or unknown key, a value of the wrong type, a
name outside its set, a number out of range, a text too long, a bad id, a bad
template, an instant without offset, a team entry with neither role nor
tasks), both refuse. Mistakes only the loader can see (the rules listed as
"checked by the loader only" in docs/page-file.md) are drawn too: the loader
refuses them and the schema, as documented, lets them pass.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import attrs
import pytest
from dateutil.parser import isoparse as parse_iso
from hypothesis import given
from hypothesis import strategies as st

from pageavail import pageschema
from pageavail._validate import _ID
from pageavail.config import SECTIONS, ConfigError, KeyRule, loads_page
from pageavail.pageschema import INSTANT_PATTERN, page_schema, reference_markdown, schema_text, starter_page

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - older Pythons
    import tomli as tomllib

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
VALIDATOR = jsonschema.Draft202012Validator(page_schema())


# -- TOML text from data, and JSON from TOML (as an editor sees it) -----------------------------


def _key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else json.dumps(name)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # ASCII escapes are valid TOML basic strings
    if isinstance(value, date):  # a datetime, or a TOML local date
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def to_toml(data: Dict[str, Any]) -> str:
    """A TOML document for *data*: plain values first, then tables and arrays of tables."""
    lines = [f"{_key(k)} = {_value(v)}" for k, v in data.items() if not _is_table(v) and not _is_array(v)]
    for name, value in data.items():
        if _is_table(value):
            lines += ["", f"[{_key(name)}]", *(f"{_key(k)} = {_value(v)}" for k, v in value.items())]
        elif _is_array(value):
            for entry in value:
                lines += ["", f"[[{_key(name)}]]", *(f"{_key(k)} = {_value(v)}" for k, v in entry.items())]
    return "\n".join(lines) + "\n"


def _is_table(value: Any) -> bool:
    return isinstance(value, dict)


def _is_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def as_json(value: Any) -> Any:
    """TOML data as JSON holds it: datetimes, dates and times become their RFC 3339 text."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def loader_accepts(text: str) -> bool:
    try:
        loads_page(text)
    except ConfigError:
        return False
    return True


def schema_accepts(text: str) -> bool:
    return VALIDATOR.is_valid(as_json(tomllib.loads(text)))


# -- Page files ---------------------------------------------------------------------------------

UTC = timezone.utc
ids = st.from_regex(_ID, fullmatch=True)
safe_text = st.text(
    st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x17F), min_size=1, max_size=20
)
names = st.builds(lambda a, b: f"{a} {b}".strip(), safe_text, st.text(" abc", max_size=5))


def any_case(name: str) -> st.SearchStrategy[str]:
    """*name* in any case, maybe with spaces around: the loader reads names so."""
    cased = st.lists(st.booleans(), min_size=len(name), max_size=len(name)).map(
        lambda flags: "".join(c.upper() if f else c for c, f in zip(name, flags))
    )
    return st.builds(
        lambda pad, text, end: pad + text + end, st.sampled_from(["", " "]), cased, st.sampled_from(["", " "])
    )


def choice_of(rule_names: Tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from(rule_names).flatmap(any_case)


def _rule(cls: type, name: str) -> KeyRule:
    rule: KeyRule = attrs.fields_dict(cls)[name].metadata["rule"]
    return rule


SECTION = {name: cls for name, cls, _ in SECTIONS}
ROLES = _rule(SECTION["team"], "role").names or ()
TASKS = _rule(SECTION["team"], "tasks").names or ()
CLIENTS = _rule(SECTION["sessions"], "client").names or ()

templates = (
    st.lists(
        st.sampled_from(["Thanks", " ", "{page}", "{back_at}", "{{", "}}", "!", "\n"]), min_size=1, max_size=8
    )
    .map("".join)
    .filter(lambda t: bool(t.strip()))
)
base = st.datetimes(datetime(2000, 1, 1), datetime(2030, 1, 1)).map(lambda d: d.replace(microsecond=0))
offsets = st.sampled_from(
    [timezone.utc, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5, minutes=-30))]
)


def instant_forms(value: datetime) -> st.SearchStrategy[Any]:
    """A TOML datetime, or a text in the extended or basic calendar form."""
    fraction = f".{value.microsecond:06d}" if value.microsecond else ""  # the same instant, not a cut one
    basic = value.strftime("%Y%m%dT%H%M%S") + fraction + value.strftime("%z")
    return st.sampled_from([value, value.isoformat(), value.isoformat().replace("+00:00", "Z"), basic])


def instants() -> st.SearchStrategy[Any]:
    return st.builds(lambda d, z: d.replace(tzinfo=z), base, offsets).flatmap(instant_forms)


days = st.dates(date(2000, 1, 1), date(2040, 12, 31))


def day_forms(value: date) -> st.SearchStrategy[Any]:
    """A TOML date, or its YYYY-MM-DD text."""
    return st.sampled_from([value, value.isoformat()])


@st.composite
def school_holiday_items(draw: st.DrawFn) -> Any:
    """One day, or a [first, last] pair with first at or before last, in any of the forms."""
    first = draw(days)
    if draw(st.booleans()):
        return draw(day_forms(first))
    last = first + draw(st.timedeltas(timedelta(0), timedelta(days=60)))
    return [draw(day_forms(first)), draw(day_forms(last))]


def optional(draw: st.DrawFn, table: Dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    if draw(st.booleans()):
        table[key] = draw(strategy)


@st.composite
def page_files(draw: st.DrawFn) -> Dict[str, Any]:
    """A valid Page file as TOML data, every optional key present or not."""
    page: Dict[str, Any] = {
        "id": draw(ids),
        "name": draw(names),
        "zone": draw(st.sampled_from(["Europe/Berlin", "UTC", "America/New_York"])),
    }
    optional(draw, page, "locale", st.sampled_from(["en", "de", "pt-BR", "fr_CA"]))
    optional(draw, page, "holidays", st.sampled_from(["DE-BE", "US"]))
    optional(draw, page, "school_holidays", st.lists(school_holiday_items(), min_size=1, max_size=4))
    data: Dict[str, Any] = {"page": page}
    if draw(st.booleans()):
        messaging: Dict[str, Any] = {}
        optional(draw, messaging, "enabled", st.booleans())
        optional(draw, messaging, "show_active", st.booleans())
        optional(
            draw, messaging, "hours", st.sampled_from(["Mo-Fr 09:00-17:00", "24/7", "Sa 10:00-14:00; Su off"])
        )
        optional(draw, messaging, "away", st.one_of(st.booleans(), instants()))
        optional(draw, messaging, "instant_reply", templates)
        optional(draw, messaging, "away_message", templates)
        data["messaging"] = messaging
    if draw(st.booleans()):
        policy: Dict[str, Any] = {}
        optional(draw, policy, "idle_timeout_minutes", st.one_of(st.integers(1, 1440), st.floats(0.01, 1440)))
        optional(draw, policy, "api_counts", st.booleans())
        optional(draw, policy, "mobile_counts", st.booleans())
        optional(draw, policy, "third_party_needs_heartbeat", st.booleans())
        optional(draw, policy, "rollout_percent", st.one_of(st.integers(0, 100), st.floats(0, 100)))
        optional(draw, policy, "rollout_salt", safe_text)
        optional(draw, policy, "banner_seconds", st.one_of(st.integers(0, 3600), st.floats(0, 3600)))
        optional(draw, policy, "prompt_cooldown_hours", st.one_of(st.integers(0, 8760), st.floats(0, 8760)))
        data["policy"] = policy
    people = draw(st.lists(ids, max_size=3, unique_by=str.lower))
    team = []
    for person in people:
        entry: Dict[str, Any] = {"person": person}
        optional(draw, entry, "role", choice_of(ROLES))
        tasks = draw(st.lists(choice_of(TASKS), min_size=0 if "role" in entry else 1, max_size=3))
        if tasks or draw(st.booleans()):
            entry["tasks"] = tasks
        optional(
            draw,
            entry,
            "via",
            st.one_of(
                st.just("page"),
                st.builds(lambda k, i: f"{k}:{i}", st.sampled_from(["business", "Partner"]), ids),
            ),
        )
        team.append(entry)
    if team or draw(st.booleans()):
        data["team"] = team
    sessions = []
    for _ in range(draw(st.integers(0, 2))):
        started = draw(base).replace(tzinfo=draw(offsets))
        last_seen = started + draw(st.timedeltas(timedelta(0), timedelta(hours=5)))
        entry = {
            "person": draw(ids),
            "client": draw(choice_of(CLIENTS)),
            "started": draw(instant_forms(started)),
            "last_seen": draw(instant_forms(last_seen)),
        }
        if draw(st.booleans()):
            entry["ended"] = draw(
                instant_forms(last_seen + draw(st.timedeltas(timedelta(0), timedelta(hours=5))))
            )
        optional(draw, entry, "pages", st.lists(ids, min_size=1, max_size=3))
        optional(draw, entry, "heartbeat", st.booleans())
        sessions.append(entry)
    if sessions:
        data["sessions"] = sessions
    return data


# -- mistakes -------------------------------------------------------------------------------------

#: Values of each JSON type, to put where another type belongs.
WRONG_TYPES: Dict[str, List[Any]] = {
    "string": ["text"],
    "number": [5, 2.5],
    "boolean": [True],
    "array": [["a"]],
    "table": [{"a": 1}],
}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "table"
    return "instant"


def _places(data: Dict[str, Any]) -> List[Tuple[Dict[str, Any], str]]:
    """Every (table, key) of the file below the top."""
    found = []
    for value in data.values():
        tables = value if isinstance(value, list) else [value]
        for table in tables:
            if isinstance(table, dict):
                found += [(table, key) for key in table]
    return found


Mutation = Callable[[st.DrawFn, Dict[str, Any]], None]


#: The keys that hold instants: text and TOML datetimes are both of their type.
INSTANT_KEYS = {"away", "started", "last_seen", "ended"}


def wrong_type(draw: st.DrawFn, data: Dict[str, Any]) -> None:
    table, key = draw(st.sampled_from(_places(data)))
    accepted = {_kind(table[key])}
    if key in INSTANT_KEYS:
        accepted |= {"string", "instant"}
    if key == "away":
        accepted.add("boolean")
    table[key] = draw(st.sampled_from([v for k, vs in WRONG_TYPES.items() if k not in accepted for v in vs]))


def missing_key(draw: st.DrawFn, data: Dict[str, Any]) -> None:
    required = [("page", k) for k in ("id", "name", "zone")]
    required += [("team", k) for k in ("person",) if data.get("team")]
    required += [
        ("sessions", k) for k in ("person", "client", "started", "last_seen") if data.get("sessions")
    ]
    section, key = draw(st.sampled_from([("", "page"), *required]))
    if not section:
        del data["page"]
        return
    value = data[section]
    table = value[draw(st.integers(0, len(value) - 1))] if isinstance(value, list) else value
    del table[key]


def unknown_key(draw: st.DrawFn, data: Dict[str, Any]) -> None:
    places: List[Dict[str, Any]] = [data, *(v for v in data.values() if isinstance(v, dict))]
    places += [e for v in data.values() if isinstance(v, list) for e in v]
    draw(st.sampled_from(places))[draw(st.sampled_from(["hourz", "extra", "Page", "ID"]))] = "x"


BAD_VALUES: Dict[Tuple[str, str], List[Any]] = {
    ("page", "id"): ["", "-acme", "acme bakery", "a" * 129, "acme\n", "ä"],
    ("page", "name"): ["", "   ", "n" * 201],
    ("page", "school_holidays"): [
        [],  # empty: leave the key out instead
        "2026-07-09",  # one day, not in a list
        [["2026-07-09"]],  # a range of one date
        [["2026-07-09", "2026-07-10", "2026-07-11"]],  # a range of three dates
        ["2026-7-9"],  # not YYYY-MM-DD
        ["2026-07-09T10:00:00Z"],  # an instant, not a day
        [5],  # a number
        [{"first": "2026-07-09"}],  # a table
        ["2026-07-09"] * 1001,  # over the limit
    ],
    ("messaging", "instant_reply"): ["", "  ", "x" * 2001, "{oops}", "{page!r}", "{", "}", "{0}"],
    ("messaging", "away_message"): ["{page:>9}", "{}", "back {back_at"],
    ("messaging", "away"): ["yes", "2026-11-27T09:40:00", "2026-11-27", 1],
    ("messaging", "hours"): ["x" * 10_001],
    ("policy", "idle_timeout_minutes"): [0, -1, 1440.5, 10_000],
    ("policy", "rollout_percent"): [-0.1, 100.01, 1000],
    ("policy", "rollout_salt"): ["", "s" * 201],
    ("policy", "banner_seconds"): [-1, 3600.5],
    ("policy", "prompt_cooldown_hours"): [-1, 8761],
    ("team", "role"): ["owner", "admins", "ad min"],
    ("team", "tasks"): [["billing"], "messages"],
    ("team", "via"): ["business:", "group:x", " page", "partner:-x", "business"],
    ("team", "person"): ["", "a b"],
    ("sessions", "client"): ["desktop", "web app"],
    ("sessions", "started"): ["2026-11-27T09:40:00", "2026-11-27", "soon"],
    ("sessions", "pages"): [[], ["a b"], "acme"],
}


def bad_value(draw: st.DrawFn, data: Dict[str, Any]) -> None:
    (section, key), values = draw(st.sampled_from(sorted(BAD_VALUES.items())))
    value = data.setdefault(section, [] if section in ("team", "sessions") else {})
    if isinstance(value, list):
        if not value:
            value.append(
                {"person": "bea", "role": "editor"}
                if section == "team"
                else {
                    "person": "bea",
                    "client": "web",
                    "started": "2026-11-27T09:00:00Z",
                    "last_seen": "2026-11-27T09:05:00Z",
                }
            )
        value = value[draw(st.integers(0, len(value) - 1))]
    value[key] = draw(st.sampled_from(values))


def no_role_nor_tasks(draw: st.DrawFn, data: Dict[str, Any]) -> None:
    team = data.setdefault("team", [])
    if not team:
        team.append({"person": "bea"})
    entry = team[draw(st.integers(0, len(team) - 1))]
    entry.pop("role", None)
    if draw(st.booleans()):
        entry["tasks"] = []
    else:
        entry.pop("tasks", None)


def not_a_table(draw: st.DrawFn, data: Dict[str, Any]) -> None:
    name = draw(st.sampled_from(["page", "messaging", "policy", "team", "sessions"]))
    data[name] = draw(
        st.sampled_from([5, "x", [1], {"person": "anna"} if name in ("team", "sessions") else [1, 2]])
    )


STRUCTURAL: List[Mutation] = [wrong_type, missing_key, unknown_key, bad_value, no_role_nor_tasks, not_a_table]

#: Mistakes only the loader sees (docs/page-file.md lists them as such), each with the key it breaks.
LOADER_ONLY: List[Tuple[str, str, Any]] = [
    ("page", "zone", "Mars/Olympus_Mons"),  # not in the time zone database
    ("page", "locale", "xx-bogus-tag"),  # not a locale Babel knows
    ("page", "holidays", "XX"),  # not a country the holidays package knows
    ("page", "school_holidays", ["2026-02-30"]),  # a day that does not exist
    ("page", "school_holidays", ["2026-13-01"]),  # a month that does not exist
    ("page", "school_holidays", [["2026-08-22", "2026-07-09"]]),  # a range that ends before it starts
    ("page", "school_holidays", ["0001-01-01"]),  # outside the supported years
    ("messaging", "hours", "Mo-Fr 09:00-17:00; SH off"),  # SH without [page] school_holidays
    ("page", "name", "Acme\tBakery"),  # a tab is not printable
    ("messaging", "hours", "Mo-Fr 09:00-17:00 nonsense"),  # not the opening_hours syntax
    ("messaging", "hours", "Mo-Fr 09:00-17:00; PH off"),  # PH without [page] holidays
    ("messaging", "instant_reply", "Hi\x07"),  # a control character
    ("messaging", "away", "2026-02-30T09:00:00+01:00"),  # a date that does not exist
    ("messaging", "away", "9999-01-01T00:00:00Z"),  # outside the supported instants
    ("policy", "idle_timeout_minutes", 1e-9),  # rounds to 0 microseconds
    ("messaging", "instant_reply", datetime(2026, 11, 27, 9, 0, tzinfo=UTC)),  # a TOML datetime is JSON text
]


def _with_people(data: Dict[str, Any]) -> Dict[str, Any]:
    data.pop("sessions", None)
    data["team"] = [
        {"person": "anna", "role": "admin"},
        {"person": "anna", "role": "editor"},
    ]  # the same source twice
    return data


def _with_reversed_session(data: Dict[str, Any]) -> Dict[str, Any]:
    data["sessions"] = [
        {
            "person": "anna",
            "client": "web",
            "started": "2026-11-27T10:00:00Z",
            "last_seen": "2026-11-27T09:00:00Z",
        }
    ]
    return data


# -- the properties ----------------------------------------------------------------------------------


@given(page_files())
def test_the_schema_accepts_every_page_file_the_loader_accepts(data: Dict[str, Any]) -> None:
    """A valid Page file, in any of its forms, passes both the loader and the schema."""
    text = to_toml(data)
    assert loader_accepts(text), text
    assert schema_accepts(text), text


@given(page_files(), st.data())
def test_the_schema_and_the_loader_refuse_the_same_structural_mistakes(
    data: Dict[str, Any], mutation_data: st.DataObject
) -> None:
    """A Page file with one structural mistake is refused by both, or (rarely, when the draw made
    nothing wrong) accepted by both: never by one alone."""
    mutation = mutation_data.draw(st.sampled_from(STRUCTURAL), label="mutation")
    mutation(mutation_data.draw, data)
    text = to_toml(data)
    assert loader_accepts(text) == schema_accepts(text), text


@given(page_files(), st.sampled_from(LOADER_ONLY))
def test_what_only_the_loader_checks_passes_the_schema(
    data: Dict[str, Any], mistake: Tuple[str, str, Any]
) -> None:
    """The rules docs/page-file.md lists as the loader's own: the loader refuses, the schema lets pass."""
    section, key, value = mistake
    data.pop("sessions", None)
    data.setdefault(section, {})[key] = value
    for other in ("holidays", "school_holidays"):
        if key != other:
            data["page"].pop(other, None)
    text = to_toml(data)
    assert not loader_accepts(text), text
    assert schema_accepts(text), text


@pytest.mark.parametrize("build", [_with_people, _with_reversed_session])
def test_cross_entry_rules_are_the_loaders(build: Callable[[Dict[str, Any]], Dict[str, Any]]) -> None:
    """One entry per person and source, and a session's instants in order: only the loader checks."""
    text = to_toml(build({"page": {"id": "acme", "name": "Acme", "zone": "UTC"}}))
    assert not loader_accepts(text)
    assert schema_accepts(text)


def test_the_examples_and_the_starter_file_pass_the_schema() -> None:
    """The bundled example Pages and the file `pageavail init` writes are valid by the schema."""
    for path in sorted((ROOT / "examples").glob("*.toml")):
        assert schema_accepts(path.read_text(encoding="utf-8")), path.name
    assert schema_accepts(starter_page())
    assert loader_accepts(starter_page())


@given(st.datetimes(datetime(4, 1, 2), datetime(9996, 12, 30)), offsets, st.booleans())
def test_the_instant_pattern_takes_what_toml_and_rfc_3339_write(
    value: datetime, zone: timezone, basic: bool
) -> None:
    """An aware datetime written as TOML or RFC 3339 does (or in the basic form) matches the pattern."""
    aware = value.replace(tzinfo=zone, microsecond=0 if basic else value.microsecond)
    text = aware.isoformat()
    if basic:
        text = f"{value.year:04d}{value:%m%dT%H%M%S}{aware:%z}"
    assert re.search(INSTANT_PATTERN, text)
    assert parse_iso(text) == aware


# -- derived, not written by hand -----------------------------------------------------------------------


def test_the_schema_is_valid_draft_2020_12_and_lists_every_key_of_the_model() -> None:
    """The schema is a valid draft 2020-12 schema with a property for each field of each table of the model."""
    schema = page_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for name, cls, array in SECTIONS:
        table = schema["properties"][name]["items"] if array else schema["properties"][name]
        assert list(table["properties"]) == [f.name for f in attrs.fields(cls)]
        assert table["additionalProperties"] is False
        for field in attrs.fields(cls):
            assert table["properties"][field.name]["description"]


@pytest.mark.parametrize(
    "key", ["idle_timeout_minutes", "rollout_percent", "banner_seconds", "prompt_cooldown_hours"]
)
def test_the_loader_and_the_schema_share_each_limit(key: str) -> None:
    """The largest number the model allows passes the loader and the schema; a little more fails both."""
    rule = _rule(SECTION["policy"], key)
    assert rule.maximum is not None
    for value, valid in ((rule.maximum, True), (rule.maximum + 0.5, False)):
        text = to_toml({"page": {"id": "a", "name": "A", "zone": "UTC"}, "policy": {key: value}})
        assert loader_accepts(text) is valid
        assert schema_accepts(text) is valid
    assert page_schema()["properties"]["policy"]["properties"][key]["maximum"] == rule.maximum


def test_the_shipped_schema_is_the_derived_one() -> None:
    """docs/page-file.schema.json is what `pageavail schema` prints (regenerate it after a change)."""
    shipped = (DOCS / "page-file.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(), "python -m pageavail schema > docs/page-file.schema.json"


def test_the_reference_page_is_the_rendered_one_and_lists_every_key() -> None:
    """docs/page-file.md is what reference_markdown() renders, with a row for every key of every table."""
    page = (DOCS / "page-file.md").read_text(encoding="utf-8")
    assert page == reference_markdown(), (
        "python -c \"from pageavail.pageschema import reference_markdown as r; print(r(), end='')\" > docs/page-file.md"
    )
    for name, cls, array in SECTIONS:
        header = f"## `[[{name}]]`" if array else f"## `[{name}]`"
        section = page.split(header, 1)[1].split("\n## ", 1)[0]
        for field in attrs.fields(cls):
            assert f"| `{field.name}` |" in section, (name, field.name)
            rule: KeyRule = field.metadata["rule"]
            for only in rule.loader_only:
                assert only in section


def test_the_starter_file_lists_every_key() -> None:
    """`pageavail init` writes every key of every table, set or commented out."""
    text = starter_page()
    for name, cls, _ in SECTIONS:
        for field in attrs.fields(cls):
            assert re.search(rf"^(# )?{field.name} = ", text, re.MULTILINE), (name, field.name)


def test_the_module_documents_its_public_names() -> None:
    """Each public name of pageavail.pageschema exists and is documented."""
    for name in pageschema.__all__:
        obj = getattr(pageschema, name)
        assert obj is not None
        if callable(obj):
            assert obj.__doc__
