"""The command line: `pageavail hours`, in-process and as a real subprocess."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from typing import List, Tuple

import pytest

from pageavail.cli import main

README_ARGS = [
    "hours",
    "Mo-Fr 09:00-17:00; Sa 10:00-14:00; PH off",
    "--zone",
    "Europe/Berlin",
    "--holidays",
    "DE-BE",
    "--at",
    "2026-12-24T10:00:00+01:00",
]


def run(args: List[str]) -> Tuple[int, str, str]:
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_readme_command_prints_state_rule_change_and_week() -> None:
    """The README's first command prints open/closed, the deciding rule, the next change and the week."""
    code, out, err = run(README_ARGS)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[1] == "At Thu, Dec 24, 2026 10:00 (+01:00): OPEN"
    assert lines[2] == "  Decided by rule 1: Mo-Fr 09:00-17:00"
    assert lines[3] == "  Next change: Thu, Dec 24, 2026 17:00 (+01:00)"
    # Dec 25 and 26 are holidays in Berlin; the 26th is a Saturday, closed by PH off
    assert lines[5:] == [
        "  Thu, Dec 24 10:00-17:00",
        "  Mon, Dec 28 09:00-17:00",
        "  Tue, Dec 29 09:00-17:00",
        "  Wed, Dec 30 09:00-17:00",
        "  Thu, Dec 31 09:00-10:00",
    ]


def test_the_reader_reads_the_frame_in_their_language() -> None:
    """--lang (or the environment) words the frame, its dates and weekdays: no hand-formatted date."""
    code, out, err = run([*README_ARGS, "--lang", "de"])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].endswith("(Europe/Berlin, Feiertage von DE-BE)")
    assert lines[1] == "Am Do., 24. Dez. 2026 10:00 (+01:00): GEÖFFNET"
    assert lines[2] == "  Entschieden durch Regel 1: Mo-Fr 09:00-17:00"
    assert lines[3] == "  Nächste Änderung: Do., 24. Dez. 2026 17:00 (+01:00)"
    assert lines[4] == "Geöffnet in den nächsten 7 Tagen:"
    assert lines[5] == "  Do., 24. Dez. 10:00–17:00"


def test_json_output() -> None:
    """--json prints one object with the state, the rule, the next change and the intervals."""
    code, out, _ = run([*README_ARGS, "--json"])
    document = json.loads(out)
    assert code == 0
    assert document["open"] is True
    assert document["rule"] == "Mo-Fr 09:00-17:00"
    assert document["rule_number"] == 1
    assert document["next_change"] == "2026-12-24T17:00:00+01:00"
    assert document["intervals"][1] == {
        "start": "2026-12-28T09:00:00+01:00",
        "end": "2026-12-28T17:00:00+01:00",
    }
    assert document["holidays"] == "DE-BE"
    assert document["zone"] == "Europe/Berlin"


def test_closed_by_holiday() -> None:
    """On a public holiday the PH rule decides."""
    args = [*README_ARGS[:-1], "2026-12-25T10:00:00+01:00"]
    code, out, _ = run(args)
    assert code == 0
    assert "CLOSED" in out
    assert "Decided by rule 3: PH off" in out


def test_spans_over_midnight_are_printed_with_both_days() -> None:
    """An interval that crosses midnight names both days."""
    code, out, _ = run(
        ["hours", "Fr 22:00-02:00", "--zone", "UTC", "--at", "2026-11-27T12:00:00Z", "--days", "2"]
    )
    assert code == 0
    assert "  Fri, Nov 27 22:00 - Sat, Nov 28 02:00" in out.splitlines()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["hours", "Mo 25:00-26:00", "--zone", "UTC", "--at", "2026-01-01T00:00:00Z"], "column 4"),
        (["hours", "24/7", "--zone", "Mars/Base", "--at", "2026-01-01T00:00:00Z"], "unknown time zone"),
        (["hours", "24/7", "--zone", "Europe/Berlin", "--at", "2026-03-29T02:30:00"], "does not exist"),
        (["hours", "24/7", "--zone", "UTC", "--at", "tomorrow"], "ISO 8601"),
        (["hours", "PH off", "--zone", "UTC", "--at", "2026-01-01T00:00:00Z"], "no holiday calendar"),
        (
            ["hours", "PH off", "--zone", "UTC", "--holidays", "XX", "--at", "2026-01-01T00:00:00Z"],
            "unknown holiday",
        ),
    ],
)
def test_bad_input_is_one_error_line_and_exit_2(args: List[str], fragment: str) -> None:
    """Bad input gives exit code 2 and a 'pageavail: error:' message, never a traceback."""
    code, out, err = run(args)
    assert code == 2
    assert out == ""
    assert err.startswith("pageavail: error: ")
    assert fragment in err
    assert "Traceback" not in err


def test_usage_errors_exit_2() -> None:
    """Missing arguments are usage errors with exit code 2."""
    code, _, err = run(["hours", "24/7"])
    assert code == 2
    assert "--zone" in err


def test_subprocess_and_module_entry_point() -> None:
    """`python -m pageavail` runs the same command line as a real process."""
    done = subprocess.run(
        [sys.executable, "-m", "pageavail", *README_ARGS], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "OPEN" in done.stdout
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "pageavail",
            "hours",
            "Mo 25:00-26:00",
            "--zone",
            "UTC",
            "--at",
            "2026-01-01T00:00:00Z",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert "out of range" in bad.stderr
