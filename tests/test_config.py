"""Page files: every documented key works, and every kind of bad file says where and how to fix it."""

from __future__ import annotations

import ast
import pickle
from datetime import timedelta
from pathlib import Path

import pytest

import pageavail as pa
from pageavail.config import ConfigError, ConfigReadError, load_page, loads_page

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

MINIMAL = """\
[page]
id = "acme"
name = "Acme"
zone = "Europe/Berlin"
"""


def test_every_documented_key() -> None:
    """The example file uses every key of the documented format, and each lands in the domain values."""
    loaded = load_page(EXAMPLES / "acme-bakery.toml")
    page = loaded.page
    assert (page.id, page.name, page.zone.key, page.locale) == (
        "acme-bakery",
        "Acme Bakery",
        "Europe/Berlin",
        "de",
    )
    assert page.settings.hours is not None
    assert str(page.settings.hours) == "Mo-Fr 09:00-17:00; Sa 10:00-14:00; PH off"
    assert page.settings.hours.holidays == pa.HolidayCalendar.from_code("DE-BE")
    assert (page.settings.enabled, page.settings.show_active, page.settings.away) == (True, True, False)
    assert (
        page.settings.instant_reply
        == "Danke für deine Nachricht! Wir antworten meist innerhalb einer Stunde."
    )
    assert page.settings.away_message == "Wir sind gerade nicht da und {back_at} wieder für dich da."
    policy = page.policy
    assert policy.presence.idle_timeout == timedelta(minutes=10)
    assert policy.presence.api_counts is False
    assert (policy.rollout_percent, policy.rollout_salt) == (100, "active-prompt")
    assert (policy.banner, policy.prompt_cooldown) == (timedelta(seconds=8), timedelta(hours=24))
    assert [(g.person, g.role.value if g.role else None, str(g.via)) for g in page.grants] == [
        ("anna", "admin", "page"),
        ("ben", "editor", "page"),
        ("omar", "analyst", "page"),
    ]
    first = loaded.sessions[0]
    assert (first.person, first.client.value, first.pages) == ("anna", "web", frozenset({"acme-bakery"}))
    assert first.ended is not None
    assert first.ended.isoformat() == "2026-11-27T12:00:00+01:00"


def test_minimal_file_uses_defaults() -> None:
    """Only [page] is required; everything else has its documented default."""
    loaded = loads_page(MINIMAL)
    assert loaded.page.settings == pa.MessagingSettings()
    assert loaded.page.policy == pa.Policy()
    assert loaded.sessions == ()


def test_toml_datetimes_and_away_until() -> None:
    """Instants may be TOML datetimes or ISO texts; away may be an instant."""
    loaded = loads_page(
        MINIMAL
        + """
[messaging]
away = 2026-11-27T12:00:00+01:00

[[team]]
person = "anna"
tasks = ["messages"]

[[sessions]]
person = "anna"
client = "web"
started = 2026-11-27T09:00:00Z
last_seen = "2026-11-27T09:30:00Z"
"""
    )
    assert loaded.page.settings.away != False  # noqa: E712 - it is a datetime
    assert loaded.sessions[0].started.isoformat() == "2026-11-27T09:00:00+00:00"


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.toml")))
def test_examples_load_and_pickle(name: str) -> None:
    """Every bundled example loads, compiles and pickles."""
    loaded = load_page(EXAMPLES / name)
    assert pickle.loads(pickle.dumps(loaded)) == loaded
    loaded.compile()


BAD = [
    # (what is wrong, the text after MINIMAL or a whole file, key path, line, fragment of the fix)
    ("bad schedule", '[messaging]\nhours = "Mo-Fr 25:00-26:00"\n', "messaging.hours", 7, "column 7"),
    (
        "unknown role",
        '[[team]]\nperson = "anna"\nrole = "admin"\n\n[[team]]\nperson = "ben"\nrole = "owner"\n',
        "team[1].role",
        12,
        "must be one of admin, editor, moderator, advertiser, analyst",
    ),
    (
        "unknown client",
        '[[sessions]]\nperson = "a"\nclient = "fax"\nstarted = "2026-11-27T09:00:00Z"\nlast_seen = "2026-11-27T09:10:00Z"\n',
        "sessions[0].client",
        8,
        "must be one of web, mobile",
    ),
    (
        "naive time",
        '[[sessions]]\nperson = "a"\nclient = "web"\nstarted = "2026-11-27T09:00:00"\nlast_seen = "2026-11-27T09:10:00Z"\n',
        "sessions[0].started",
        9,
        "has no UTC offset",
    ),
    (
        "last activity before the start",
        '[[sessions]]\nperson = "a"\nclient = "web"\nstarted = "2026-11-27T09:00:00Z"\nlast_seen = "2026-11-27T08:00:00Z"\n',
        "sessions[0].last_seen",
        10,
        "must be at or after started",
    ),
    (
        "unknown key",
        '[messaging]\nhourz = "24/7"\n',
        "messaging.hourz",
        7,
        "unknown key 'hourz'; the keys here are",
    ),
    ("wrong type", '[messaging]\nshow_active = "yes"\n', "messaging.show_active", 7, "must be true or false"),
    ("bad percent", "[policy]\nrollout_percent = 150\n", "policy.rollout_percent", 7, "from 0 to 100"),
    ("team as a table", '[team]\nperson = "anna"\n', "team", None, "write [[team]] before each entry"),
    (
        "away as text",
        '[messaging]\naway = "soon"\n',
        "messaging.away",
        7,
        "must be true, false, or the instant",
    ),
]


@pytest.mark.parametrize(("what", "extra", "key", "line", "fix"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_name_key_line_and_fix(what: str, extra: str, key: str, line: int, fix: str) -> None:
    """Each mistake raises ConfigError with the key path, the line and the fix."""
    with pytest.raises(ConfigError) as caught:
        loads_page(MINIMAL + "\n" + extra, "page.toml")
    error = caught.value
    assert (error.key, error.line) == (key, line), str(error)
    assert fix in str(error)
    assert str(error).startswith(f"page.toml:{line}: {key}: " if line else f"page.toml: {key}: ")


@pytest.mark.parametrize(
    ("text", "key", "line", "fix"),
    [
        (
            '[page]\nid = "acme"\nname = "Acme"\nzone = "Mars/Base"\n',
            "page.zone",
            4,
            "unknown time zone 'Mars/Base'",
        ),
        ('[page]\nid = "acme"\nname = "Acme"\n', "page.zone", 1, "is missing; add it"),
        ('[page]\nid = "a b"\nname = "Acme"\nzone = "UTC"\n', "page.id", 2, "must be an identifier"),
        (
            '[page]\nid = "acme"\nname = "A"\nzone = "UTC"\nholidays = "XX"\n',
            "page.holidays",
            5,
            "unknown holiday",
        ),
        ('[messaging]\nhours = "24/7"\n', "", None, "the [page] table is missing"),
    ],
)
def test_bad_page_tables(text: str, key: str, line: int, fix: str) -> None:
    """Problems in [page] point at the key that needs fixing."""
    if "holidays" in text:
        text += '\n[messaging]\nhours = "PH off"\n'
    with pytest.raises(ConfigError) as caught:
        loads_page(text)
    assert (caught.value.key, caught.value.line) == (key, line), str(caught.value)
    assert fix in str(caught.value)


def test_broken_toml_gives_line_and_column() -> None:
    """TOML syntax errors give the line and column."""
    with pytest.raises(ConfigError) as caught:
        loads_page(MINIMAL + '\n[messaging\nhours = "24/7"\n', "broken.toml")
    assert caught.value.line == 6
    assert "not valid TOML" in str(caught.value)
    assert "column" in str(caught.value)


def test_unreadable_files(tmp_path: Path) -> None:
    """Missing files, folders and non-UTF-8 files raise ConfigReadError saying what is wrong."""
    with pytest.raises(ConfigReadError, match="no such file"):
        load_page(tmp_path / "missing.toml")
    with pytest.raises(ConfigReadError, match="is a folder"):
        load_page(tmp_path)
    latin = tmp_path / "latin.toml"
    latin.write_bytes(MINIMAL.replace("Acme", "Café").encode("latin-1"))
    with pytest.raises(ConfigReadError, match="not UTF-8"):
        load_page(latin)


def test_huge_files_are_refused(tmp_path: Path) -> None:
    """Files over the documented size limit are refused before parsing."""
    huge = tmp_path / "huge.toml"
    huge.write_text(MINIMAL + "# " + "x" * pa.config.MAX_FILE_BYTES + "\n", encoding="utf-8")
    with pytest.raises(ConfigReadError, match="the limit is 5,000,000"):
        load_page(huge)


def test_config_errors_pickle() -> None:
    """ConfigError keeps its attributes through pickling."""
    with pytest.raises(ConfigError) as caught:
        loads_page(MINIMAL + '\n[messaging]\nhours = "Mo 25:00-26:00"\n', "x.toml")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.key, copy.line, copy.file, str(copy)) == ("messaging.hours", 7, "x.toml", str(caught.value))


def test_core_never_imports_the_edge() -> None:
    """The domain modules import no edge module (config, cli and their private parts, the schema),
    checked on each module's imports as the parser reads them."""
    source = Path(pa.__file__).resolve().parent
    edge = {"config", "cli", "__main__", "pageschema"}
    edge |= {m.stem for m in source.glob("_config_*.py")} | {m.stem for m in source.glob("_cli_*.py")}
    assert {"_config_model", "_cli_common"} <= edge
    for module in source.glob("*.py"):
        if module.stem in edge:
            continue
        imported = set()
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level == 1 and node.module is not None:
                    imported.add(node.module.split(".")[0])
                elif node.level == 1:
                    imported.update(alias.name for alias in node.names)
                elif node.module is not None and node.module.startswith("pageavail."):
                    imported.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                imported.update(a.name.split(".")[1] for a in node.names if a.name.startswith("pageavail."))
        assert not imported & edge, (module.name, imported & edge)
