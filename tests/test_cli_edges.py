"""The command line at its edges: standard input, odd files, the clock, times without offset,
the supported years, flags named as flags, long arguments shortened, and never a traceback."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import List, Optional, Tuple

import pytest

from pageavail import __version__
from pageavail.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BAKERY = str(EXAMPLES / "acme-bakery.toml")
RANGE = "must lie from 0004-01-01T00:00:00+00:00 up to, not including, 9997-01-01T00:00:00+00:00"
RANGE_END = "must lie from 0004-01-01T00:00:00+00:00 up to and including 9997-01-01T00:00:00+00:00"

MINIMAL = """\
[page]
id = "acme"
name = "Acme"
zone = "Europe/Berlin"

[[team]]
person = "anna"
role = "admin"
"""


def run(args: List[str]) -> Tuple[int, str, str]:
    """The CLI in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def run_process(args: List[str], stdin: Optional[bytes] = None) -> subprocess.CompletedProcess[bytes]:
    """`python -m pageavail` as a real process, with a deadline so that a hang fails the test."""
    try:
        return subprocess.run(
            [sys.executable, "-m", "pageavail", *args],
            input=stdin,
            capture_output=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"pageavail {' '.join(args)[:80]} did not end within 60 s")


# -- files ------------------------------------------------------------------------------


def test_a_file_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    """A Page file saved as UTF-8 with a BOM works like one without."""
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    code, out, err = run(["check", str(path), "--at", "2026-11-27T10:00:00Z"])
    assert (code, err) == (0, "")
    assert out.startswith("ok: acme (Acme)")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX only")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    """A FIFO is refused with exit 2 instead of waiting for a writer."""
    fifo = tmp_path / "page.toml"
    os.mkfifo(fifo)
    done = run_process(["check", str(fifo)])
    assert done.returncode == 2
    assert b"is not a regular file (a FIFO)" in done.stderr
    assert b"Traceback" not in done.stderr


def test_a_folder_is_refused(tmp_path: Path) -> None:
    """A folder is refused with exit 2."""
    code, _, err = run(["explain", str(tmp_path), "--at", "2026-11-27T10:00:00Z"])
    assert code == 2
    assert "is a folder" in err


def test_dash_reads_the_page_from_standard_input() -> None:
    """`-` reads the Page file from standard input, for every command that takes a file."""
    done = run_process(["check", "-", "--at", "2026-11-27T10:00:00Z"], stdin=MINIMAL.encode())
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"ok: acme (Acme)")
    done = run_process(["explain", "-", "--at", "2026-11-27T10:00:00Z", "--json"], stdin=MINIMAL.encode())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["page"] == "acme"
    bad = run_process(["check", "-"], stdin=b'[page]\nid = "a"\n')
    assert bad.returncode == 1
    assert b"<stdin>:1: page.name: is missing" in bad.stdout


def test_standard_input_is_read_with_a_bound() -> None:
    """Standard input over the size limit is refused with exit 2, not read to its end."""
    done = run_process(["check", "-"], stdin=b"#" * 5_000_100)
    assert done.returncode == 2
    assert b"<stdin>: is over 5,000,000 bytes" in done.stderr


# -- instants -----------------------------------------------------------------------------


def test_at_now_reads_the_clock() -> None:
    """--at now decides at the current instant."""
    before = datetime.now(timezone.utc) - timedelta(seconds=1)
    code, out, _ = run(["explain", BAKERY, "--at", "now", "--json"])
    after = datetime.now(timezone.utc) + timedelta(seconds=1)
    assert code == 0
    at = datetime.fromisoformat(json.loads(out)["at"])
    assert before <= at <= after


def test_a_time_without_offset_is_read_in_the_pages_zone() -> None:
    """explain reads an ISO time without offset in the Page's zone and says so, in text and JSON."""
    code, out, err = run(["explain", BAKERY, "--at", "2026-11-27T10:15:00", "--json"])
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["at"] == "2026-11-27T10:15:00+01:00"
    assert document["notes"] == [
        "--at 2026-11-27T10:15:00 has no offset; read in Europe/Berlin as 2026-11-27T10:15:00+01:00"
    ]
    code, out, _ = run(["explain", BAKERY, "--at", "2026-11-27T10:15:00"])
    assert out.splitlines()[0].startswith(
        "note: --at 2026-11-27T10:15:00 has no offset; read in Europe/Berlin"
    )
    aware = json.loads(run(["explain", BAKERY, "--at", "2026-11-27T10:15:00+01:00", "--json"])[1])
    assert "notes" not in aware  # the contract's keys only, when nothing was read for the user


def test_hours_reads_a_time_without_offset_in_its_zone() -> None:
    """hours reads a time without offset in --zone."""
    code, out, _ = run(
        ["hours", "Mo-Fr 09:00-17:00", "--zone", "America/New_York", "--at", "2026-07-01T08:30:00", "--json"]
    )
    assert code == 0
    document = json.loads(out)
    assert document["at"] == "2026-07-01T08:30:00-04:00"
    assert document["next_change"] == "2026-07-01T09:00:00-04:00"
    assert "read in America/New_York" in document["notes"][0]


def test_timeline_reads_times_without_offset_in_the_pages_zone() -> None:
    """timeline reads --from and --to without offset in the Page's zone."""
    code, out, _ = run(
        ["timeline", BAKERY, "--from", "2026-11-27T00:00:00", "--to", "2026-11-28T00:00:00", "--json"]
    )
    assert code == 0
    document = json.loads(out)
    assert (document["from"], document["to"]) == ("2026-11-27T00:00:00+01:00", "2026-11-28T00:00:00+01:00")
    assert len(document["notes"]) == 2


@pytest.mark.parametrize(
    ("at", "fragment"),
    [
        ("2026-03-29T02:30:00", "--at '2026-03-29T02:30:00' does not exist in Europe/Berlin"),
        ("2026-10-25T02:30:00", "2026-10-25T02:30:00+02:00 (the first time) or 2026-10-25T02:30:00+01:00"),
    ],
    ids=["skipped", "repeated"],
)
def test_wall_times_skipped_or_repeated_by_dst_are_refused(at: str, fragment: str) -> None:
    """A time without offset that the clocks skip, or show twice, is refused with the offsets to choose."""
    code, out, err = run(["explain", BAKERY, "--at", at])
    assert (code, out) == (2, "")
    assert fragment in err


# -- years --------------------------------------------------------------------------------

FAR = ["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00"]
NO_HOURS = '[page]\nid = "x"\nname = "X"\nzone = "UTC"\n'


def _commands(page: str, at: str) -> List[List[str]]:
    return [
        ["explain", page, "--at", at],
        ["explain", page, "--at", "2026-11-27T10:00:00Z", "--last-prompted", at],
        ["check", page, "--at", at],
        ["timeline", page, "--from", at, "--to", "2026-11-27T10:00:00Z"],
        ["timeline", page, "--from", "2026-11-27T10:00:00Z", "--to", at],
        ["hours", "Mo-Fr 09:00-17:00", "--zone", "Europe/Berlin", "--at", at],
        ["hours", "24/7", "--zone", "UTC", "--at", at],
    ]


@pytest.mark.parametrize("at", FAR)
@pytest.mark.parametrize("kind", ["with hours", "without hours"])
def test_years_outside_the_range_give_the_one_error_naming_the_flag(
    tmp_path: Path, at: str, kind: str
) -> None:
    """Every command refuses an instant outside the supported range with the library's one message."""
    page = BAKERY
    if kind == "without hours":
        page = str(tmp_path / "page.toml")
        Path(page).write_text(NO_HOURS, encoding="utf-8")
    for args in _commands(page, at):
        code, out, err = run(args)
        flag = args[args.index(at) - 1]
        assert (code, out) == (2, ""), args
        expected = RANGE_END if flag == "--to" else RANGE  # an end may be the end of the range itself
        assert (
            err
            == f"pageavail: error: {flag!r} {expected} (got {at}); pageavail answers for these instants only\n"
        )


def test_years_outside_the_range_as_a_process() -> None:
    """As a real process, year 1 and year 9999 end with exit 2 and no traceback."""
    for at in FAR:
        done = run_process(["explain", BAKERY, "--at", at])
        assert done.returncode == 2
        assert b"Traceback" not in done.stderr
        assert RANGE.encode() in done.stderr


def test_hours_near_the_end_of_the_range_lists_what_it_can() -> None:
    """hours near the last supported instant lists the open intervals up to it and says so."""
    code, out, err = run(["hours", "24/7", "--zone", "UTC", "--at", "9996-12-30T00:00:00Z", "--json"])
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["intervals"][0]["start"] == "9996-12-30T00:00:00+00:00"
    assert "the supported instants end at 9997-01-01T00:00:00+00:00" in document["notes"][0]


NEAR_THE_END = "9996-12-31T23:00:00+00:00"


@pytest.mark.parametrize(
    "args",
    [
        ["explain", BAKERY, "--at", NEAR_THE_END],
        ["explain", str(EXAMPLES / "support-desk-24-7.toml"), "--at", NEAR_THE_END],
        ["check", BAKERY, "--at", NEAR_THE_END],
        ["timeline", BAKERY, "--from", "9996-12-30T00:00:00Z", "--to", NEAR_THE_END],
        ["hours", "Mo-Fr 09:00-17:00", "--zone", "Europe/Berlin", "--at", NEAR_THE_END],
    ],
    ids=["explain", "explain 24/7", "check", "timeline", "hours"],
)
def test_near_the_end_of_the_range_an_answer_or_one_error_about_the_range(args: List[str]) -> None:
    """Near the last supported instant a command answers, or refuses in one line about the range itself,
    never naming an instant the user did not give (such as a next change past the range)."""
    code, _, err = run(args)
    assert code in (0, 2)
    if code == 2:
        assert err.startswith("pageavail: error: ")
        assert err.count("\n") == 1
        assert "(got 9997" not in err, err
        assert "supported instants" in err


# -- flags and messages -----------------------------------------------------------------------


def test_version() -> None:
    """--version prints the version and exits 0."""
    code, out, _ = run(["--version"])
    assert (code, out) == (0, f"pageavail {__version__}\n")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["timeline", BAKERY, "--from", "2026-11-27T10:00:00Z", "--to", "2026-11-20T10:00:00Z"], "--to (2026-11-20T10:00:00+00:00) must be at or after --from"),
        (["explain", BAKERY, "--at", "2026-11-27T10:00:00Z", "--locale", "x!y"], "'--locale' must be a locale tag"),
        (["explain", BAKERY, "--at", "2026-11-27T10:00:00Z", "--visitor", "a b"], "'--visitor' must be an identifier"),
        (["hours", "PH off", "--zone", "UTC", "--at", "2026-11-27T10:00:00Z"], "add --holidays DE-BE"),
    ],
    ids=["from and to", "locale", "visitor", "holidays"],
)  # fmt: skip
def test_errors_name_the_flags(args: List[str], fragment: str) -> None:
    """An error about a flag's value names the flag, never a Python parameter."""
    code, _, err = run(args)
    assert code == 2
    assert fragment in err
    for parameter in ("'start'", "'end'", "'locale'", "'visitor'", "holidays="):
        assert parameter not in err


LONG = "9" * 20_000


@pytest.mark.parametrize(
    "args",
    [
        ["explain", BAKERY, "--at", LONG],
        ["hours", "24/7", "--zone", "Z" * 20_000, "--at", "2026-11-27T10:00:00Z"],
        ["hours", "24/7", "--zone", "UTC", "--at", "2026-11-27T10:00:00Z", "--days", LONG],
        ["explain", "p" * 20_000 + ".toml", "--at", "2026-11-27T10:00:00Z"],
        ["explain", BAKERY, "--at", "2026-11-27T10:00:00Z", "--visitor", "v" * 20_000],
    ],
    ids=["instant", "zone", "days", "file", "visitor"],
)
def test_over_long_arguments_are_shown_shortened(args: List[str]) -> None:
    """An over-long argument appears in the error shortened, with its length."""
    code, _, err = run(args)
    assert code == 2
    assert len(err) < 1_000, err[:300]
    assert "(20,000 characters)" in err or "(20,005 characters)" in err


def test_output_cut_short_by_the_reader_ends_quietly() -> None:
    """Output to a reader that has gone (`pageavail timeline … | head`) ends without a traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pageavail", "timeline", BAKERY, "--from", "2026-01-01T00:00:00Z", "--to", "2030-01-01T00:00:00Z"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    with process:
        assert process.stdout is not None
        process.stdout.close()  # the reader goes before the first line
        try:
            _, err = process.communicate(timeout=60)
        finally:
            process.kill()
    assert b"Traceback" not in err
    assert b"BrokenPipeError" not in err


def test_a_terminal_that_cannot_show_the_marks_gets_them_escaped() -> None:
    """On an ASCII-only output the check marks are escaped, not a traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "pageavail", "explain", BAKERY, "--at", "2026-11-27T10:15:00+01:00"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert b"\\u2713 Messaging is on.  [messaging_enabled]" in done.stdout


# -- check warnings --------------------------------------------------------------------------


def test_check_warns_about_pages_no_visitor_sees_the_prompt_of(tmp_path: Path) -> None:
    """check prints one warning line per setting that keeps every visitor from the prompt, and exits 0."""
    path = tmp_path / "page.toml"
    path.write_text(
        MINIMAL.replace('role = "admin"', 'role = "analyst"')
        + '\n[messaging]\nshow_active = false\nhours = "2020 Jan 01 10:00-12:00"\n\n[policy]\nrollout_percent = 0\n',
        encoding="utf-8",
    )
    code, out, err = run(["check", str(path), "--at", "2026-11-27T10:00:00Z"])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("ok: acme")
    assert [line.split(": ")[1:3] for line in lines[1:]] == [
        [f"{path}:12", "messaging.hours"],
        [f"{path}:6", "team"],
        [f"{path}:11", "messaging.show_active"],
        [f"{path}:15", "policy.rollout_percent"],
    ]
    assert all(line.startswith("warning: ") for line in lines[1:])
    code, out, _ = run(["check", str(path), "--at", "2026-11-27T10:00:00Z", "--json"])
    document = json.loads(out)
    assert (code, document["valid"], document["error"]) == (0, True, None)
    assert [w["key"] for w in document["warnings"]] == [
        "messaging.hours",
        "team",
        "messaging.show_active",
        "policy.rollout_percent",
    ]


def test_check_json_reports_an_invalid_file(tmp_path: Path) -> None:
    """check --json prints the mistake as an object and exits 1."""
    path = tmp_path / "page.toml"
    path.write_text('[page]\nid = "a"\nname = "A"\nzone = "Mars/Base"\n', encoding="utf-8")
    code, out, _ = run(["check", str(path), "--json"])
    document = json.loads(out)
    assert (code, document["valid"]) == (1, False)
    assert (document["error"]["key"], document["error"]["line"]) == ("page.zone", 4)


def test_the_examples_pass_check_without_warnings() -> None:
    """Every bundled example is a Page that can work: check gives no warning."""
    for path in sorted(EXAMPLES.glob("*.toml")):
        code, out, _ = run(["check", str(path), "--at", "2026-11-27T10:00:00Z"])
        assert code == 0
        assert "warning:" not in out, out
