"""Page files: nothing wrong is silently accepted, every key is reported at its own path and line,
and the loader reads only regular files (BOM, FIFOs, devices, folders, standard input)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

import pageavail as pa
from pageavail import config
from pageavail.config import MAX_FILE_BYTES, ConfigError, ConfigReadError, load_page, loads_page

MINIMAL = """\
[page]
id = "acme"
name = "Acme"
zone = "Europe/Berlin"
"""

AT = datetime(2026, 11, 27, 10, tzinfo=timezone.utc)


def _error(text: str) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        loads_page(text, "page.toml")
    return caught.value


def test_the_same_person_twice_through_the_same_grant_is_refused_naming_both_lines() -> None:
    """Two [[team]] entries for one person and one source are refused, naming both entries and lines."""
    text = MINIMAL + (
        '\n[[team]]\nperson = "anna"\nrole = "analyst"\n'
        '\n[[team]]\nperson = "ben"\nrole = "admin"\n'
        '\n[[team]]\nperson = "anna"\nrole = "admin"\n'
    )
    error = _error(text)
    assert (error.key, error.line) == ("team[2].person", 15), str(error)
    assert "'anna' is already on the team at team[0] (line 7)" in str(error)
    assert "one entry" in str(error)


def test_one_person_through_two_sources_is_two_grants() -> None:
    """One person may hold a grant directly and another through a business: one entry per source."""
    loaded = loads_page(
        MINIMAL
        + '\n[[team]]\nperson = "anna"\nrole = "analyst"\n'
        + '\n[[team]]\nperson = "anna"\nrole = "editor"\nvia = "business:4711"\n'
    )
    assert len(loaded.page.grants) == 2
    assert loaded.page.team.access("anna").can_answer


def test_a_grant_without_role_or_tasks_is_reported_at_its_role() -> None:
    """A [[team]] entry with neither role nor tasks is reported at team[i].role, not at its person."""
    error = _error(MINIMAL + '\n[[team]]\nperson = "anna"\nrole = "admin"\n\n[[team]]\nperson = "ben"\n')
    assert (error.key, error.line) == ("team[1].role", 10), str(error)
    assert "needs a role or tasks" in str(error)


def test_a_bad_page_id_is_reported_at_the_page_id_even_with_a_team() -> None:
    """A bad [page] id is reported at page.id, not at the first team entry that repeats it."""
    error = _error(
        '[page]\nid = "a b"\nname = "A"\nzone = "UTC"\n\n[[team]]\nperson = "anna"\nrole = "admin"\n'
    )
    assert (error.key, error.line) == ("page.id", 2), str(error)


@pytest.mark.parametrize(
    "messaging",
    ["", '[messaging]\nhours = "Mo-Fr 09:00-17:00"\n'],
    ids=["no hours", "hours without PH"],
)
def test_holidays_are_validated_even_when_no_hours_use_them(messaging: str) -> None:
    """An unknown holiday calendar is refused at page.holidays even when no hours use PH."""
    error = _error(MINIMAL + 'holidays = "XX-YY"\n' + messaging)
    assert (error.key, error.line) == ("page.holidays", 5), str(error)
    assert "unknown holiday country 'XX'" in str(error)


def test_ph_without_a_calendar_says_how_to_fix_the_file() -> None:
    """Hours using PH without [page] holidays name the key to add, not a Python argument."""
    error = _error(MINIMAL + '[messaging]\nhours = "Mo-Fr 09:00-17:00; PH off"\n')
    assert (error.key, error.line) == ("messaging.hours", 6), str(error)
    assert 'holidays = "DE-BE"' in str(error)
    assert "holidays='DE-BE'" not in str(error)


def test_a_bad_zone_is_reported_at_the_zone_whatever_else_is_there() -> None:
    """An unknown zone is reported at page.zone, with or without hours and holidays."""
    error = _error(
        '[page]\nid = "a"\nname = "A"\nzone = "Mars/Base"\nholidays = "DE"\n[messaging]\nhours = "PH off"\n'
    )
    assert (error.key, error.line) == ("page.zone", 4), str(error)


def test_dotted_keys_are_located_on_their_own_line() -> None:
    """A dotted key (messaging.hours = ...) inside [page] is reported on its own line, not the header's."""
    error = _error(MINIMAL + 'locale = "de"\nmessaging.hours = "24/7"\n')
    assert (error.key, error.line) == ("page.messaging", 6), str(error)


@pytest.mark.parametrize(
    ("entry", "key", "example"),
    [
        ('[[team]]\nperson = "anna"\ntasks = "messages"\n', "team[0].tasks", 'tasks = ["messages"]'),
        (
            '[[sessions]]\nperson = "a"\nclient = "web"\nstarted = "2026-11-27T09:00:00Z"\n'
            'last_seen = "2026-11-27T09:10:00Z"\npages = "acme"\n',
            "sessions[0].pages",
            'pages = ["acme-bakery"]',
        ),
    ],
    ids=["tasks", "pages"],
)
def test_a_list_key_given_a_text_shows_its_own_example(entry: str, key: str, example: str) -> None:
    """A list key given a text gets an example of that key, not of another one."""
    error = _error(MINIMAL + entry)
    assert error.key == key
    assert example in str(error)


def test_a_session_that_serves_no_page_is_refused() -> None:
    """pages = [] in a session is refused (it would silently never count); the key left out means all Pages."""
    error = _error(
        MINIMAL + '[[sessions]]\nperson = "a"\nclient = "web"\nstarted = "2026-11-27T09:00:00Z"\n'
        'last_seen = "2026-11-27T09:10:00Z"\npages = []\n'
    )
    assert (error.key, error.line) == ("sessions[0].pages", 10), str(error)
    assert 'pages = ["acme"]' in str(error)


def test_a_utf8_bom_is_read_as_text(tmp_path: Path) -> None:
    """A file saved as UTF-8 with a byte order mark loads, from a path and from text."""
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert load_page(path).page.id == "acme"
    assert loads_page("\ufeff" + MINIMAL).page.id == "acme"


def _load_in_a_process(path: str) -> subprocess.CompletedProcess[str]:
    """load_page(path) in a child process with a memory cap, so that a hang or a runaway read fails the test."""
    code = (
        "import resource, sys\n"
        "try:\n"
        "    resource.setrlimit(resource.RLIMIT_AS, (1 << 31, 1 << 31))\n"
        "except (ValueError, OSError):  # not every platform caps address space\n"
        "    pass\n"
        "from pageavail.config import ConfigReadError, load_page\n"
        "try:\n"
        "    load_page(sys.argv[1])\n"
        "except ConfigReadError as error:\n"
        "    print(error)\n"
    )
    try:
        return subprocess.run(
            [sys.executable, "-c", code, path], capture_output=True, text=True, timeout=30, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"load_page({path!r}) did not return within 30 s")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX only")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    """A FIFO is refused without reading from it (it would wait for a writer forever)."""
    fifo = tmp_path / "page.toml"
    os.mkfifo(fifo)
    done = _load_in_a_process(str(fifo))
    assert "is not a regular file" in done.stdout, done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_refused_at_once() -> None:
    """A device such as /dev/zero (endless, with size 0) is refused without reading it."""
    done = _load_in_a_process("/dev/zero")
    assert "is not a regular file" in done.stdout, done.stderr


def test_a_folder_is_refused(tmp_path: Path) -> None:
    """A folder is refused with a message that says so."""
    with pytest.raises(ConfigReadError, match="is a folder"):
        load_page(tmp_path)


def test_a_stream_is_read_with_a_bound() -> None:
    """A Page read from a stream (standard input) loads, and a stream over the limit is refused."""
    assert config.load_page_stream(io.BytesIO(MINIMAL.encode()), "<stdin>").page.id == "acme"
    with pytest.raises(ConfigReadError, match="the limit is 5,000,000") as caught:
        config.load_page_stream(io.BytesIO(b"#" * (MAX_FILE_BYTES + 10)), "<stdin>")
    assert str(caught.value).startswith("<stdin>: ")


def _codes(text: str) -> list:
    return [(w.key, w.line) for w in config.page_warnings(loads_page(text, "page.toml"), AT)]


TEAM = '\n[[team]]\nperson = "anna"\nrole = "admin"\n'


def test_a_page_that_can_work_has_no_warnings() -> None:
    """A Page with someone who can answer, open hours, rollout and show-active on gives no warning."""
    assert _codes(MINIMAL + '[messaging]\nhours = "Mo-Fr 09:00-17:00"\n' + TEAM) == []


@pytest.mark.parametrize(
    ("what", "text", "expected"),
    [
        ("empty team", MINIMAL, [("team", None)]),
        ("nobody can answer", MINIMAL + '[[team]]\nperson = "omar"\nrole = "analyst"\n', [("team", 5)]),
        ("messaging off", MINIMAL + "[messaging]\nenabled = false\n" + TEAM, [("messaging.enabled", 6)]),
        ("show-active off", MINIMAL + "[messaging]\nshow_active = false\n" + TEAM, [("messaging.show_active", 6)]),
        ("away by hand", MINIMAL + "[messaging]\naway = true\n" + TEAM, [("messaging.away", 6)]),
        ("away past a year", MINIMAL + "[messaging]\naway = 2028-01-01T00:00:00Z\n" + TEAM, [("messaging.away", 6)]),
        ("rollout 0", MINIMAL + "[policy]\nrollout_percent = 0\n" + TEAM, [("policy.rollout_percent", 6)]),
        ("hours never open", MINIMAL + '[messaging]\nhours = "2020 Jan 01 10:00-12:00"\n' + TEAM, [("messaging.hours", 6)]),
        ("hours closed", MINIMAL + '[messaging]\nhours = "off"\n' + TEAM, [("messaging.hours", 6)]),
        ("holidays unused", MINIMAL + 'holidays = "DE-BE"\n' + TEAM, [("page.holidays", 5)]),
    ],
)  # fmt: skip
def test_pages_that_cannot_work_give_a_warning(what: str, text: str, expected: list) -> None:
    """Each setting that keeps every visitor from the prompt gives one warning at its key and line."""
    assert _codes(text) == expected


def test_rollout_bucket_outside_the_percentage_warns() -> None:
    """A Page whose rollout bucket is at or above rollout_percent is warned about, with its bucket."""
    # acme's bucket with the default salt is about 45 (pinned in the rules tests' doctest style)
    from pageavail.rules import rollout_bucket

    bucket = rollout_bucket("acme", "active-prompt")
    below = int(bucket)  # the Page is out of the rollout at this percentage
    warnings = config.page_warnings(loads_page(MINIMAL + f"[policy]\nrollout_percent = {below}\n" + TEAM), AT)
    assert [w.key for w in warnings] == ["policy.rollout_percent"]
    assert f"bucket {bucket:.1f}" in str(warnings[0])
    assert (
        config.page_warnings(loads_page(MINIMAL + f"[policy]\nrollout_percent = {below + 1}\n" + TEAM), AT)
        == ()
    )


def test_hours_that_open_only_after_the_away_time_count_from_its_end() -> None:
    """Hours that open only while the Page is away by hand still give a warning at messaging.hours."""
    text = MINIMAL + ('[messaging]\nhours = "2027 Jan 01 10:00-12:00"\naway = 2027-02-01T00:00:00Z\n' + TEAM)
    assert _codes(text) == [("messaging.hours", 6)]


def test_warnings_read_like_errors() -> None:
    """A warning reads 'file:line: key: problem' like an error, with the fix."""
    (warning,) = config.page_warnings(
        loads_page(MINIMAL + "[messaging]\nshow_active = false\n" + TEAM, "page.toml"), AT
    )
    assert str(warning).startswith("page.toml:6: messaging.show_active: ")
    assert "show_active = true" in str(warning)


def test_warnings_near_the_end_of_the_supported_range() -> None:
    """Warnings look at most up to the last supported instant, never past it."""
    late = datetime(9996, 12, 31, tzinfo=timezone.utc)
    assert config.page_warnings(loads_page(MINIMAL + '[messaging]\nhours = "24/7"\n' + TEAM), late) == ()


ODD = [
    None,  # nothing
    0,  # a number (and, for a path, a file descriptor)
    float("nan"),  # not a number
    b"[page]",  # bytes, not text
    "",  # empty text
    "x" * 100_000,  # huge text
    [],  # a wrong container
    datetime(2026, 1, 1),  # a naive datetime
    datetime(1, 1, 1, tzinfo=timezone.utc),  # outside the supported range
    io.StringIO("[page]"),  # a text stream where bytes are needed
]


@pytest.mark.parametrize("value", ODD, ids=[type(v).__name__ + str(i) for i, v in enumerate(ODD)])
def test_the_loaders_raise_only_library_errors(value: object) -> None:
    """load_page, loads_page, load_page_stream and page_warnings raise only the library's errors."""
    loaded = loads_page(MINIMAL)
    calls = [
        lambda: load_page(value),  # type: ignore[arg-type]
        lambda: loads_page(value),  # type: ignore[arg-type]
        lambda: config.load_page_stream(value),  # type: ignore[arg-type]
        lambda: config.page_warnings(value, AT),  # type: ignore[arg-type]
        lambda: config.page_warnings(loaded, value),  # type: ignore[arg-type]
    ]
    for call in calls:
        with contextlib.suppress(pa.PageAvailError):
            call()
