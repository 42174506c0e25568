"""`pageavail explain`, `check` and `timeline` on Page files, with golden JSON for the seed questions.

Golden files live in tests/golden/; after a deliberate change of output, rewrite
them with PAGEAVAIL_UPDATE_GOLDEN=1 and review the diff. The German Pages are
explained to a German reader (``--lang de``), the others in English.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import List, Tuple

import pytest

from pageavail.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"


def run(args: List[str]) -> Tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


SEED_CASES = [
    # (golden name, arguments): each answers one of the seed questions
    ("active-prompt-shown", ["explain", "acme-bakery.toml", "--at", "2026-11-27T10:15:00+01:00", "--visitor", "visitor-42", "--lang", "de"]),
    ("team-member-sees-no-prompt", ["explain", "acme-bakery.toml", "--at", "2026-11-27T10:15:00+01:00", "--visitor", "anna", "--lang", "de"]),
    ("offline-analyst-not-counted", ["explain", "acme-bakery.toml", "--at", "2026-11-27T11:00:00+01:00", "--lang", "de"]),
    ("business-manager-admin-without-grant", ["explain", "agency-managed.toml", "--at", "2026-11-27T12:04:00+01:00", "--lang", "de"]),
    ("api-only-team-counted-by-policy", ["explain", "ticket-tool-api.toml", "--at", "2026-11-27T11:00:00-05:00", "--locale", "en"]),
    ("third-party-inbox-without-heartbeat", ["explain", "support-desk-24-7.toml", "--at", "2026-11-28T10:00:00+01:00", "--lang", "de"]),
    ("outside-hours-on-a-holiday", ["explain", "support-desk-24-7.toml", "--at", "2026-12-25T10:00:00+01:00", "--locale", "en"]),
    ("cooldown", ["explain", "acme-bakery.toml", "--at", "2026-11-27T10:15:00+01:00", "--visitor", "v-1", "--last-prompted", "2026-11-27T08:00:00+01:00", "--lang", "de"]),
    ("timeline-friday", ["timeline", "acme-bakery.toml", "--from", "2026-11-27T00:00:00+01:00", "--to", "2026-11-28T00:00:00+01:00"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "args"), SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_golden_json(name: str, args: List[str]) -> None:
    """--json output for each seed question matches its reviewed golden file."""
    args = [args[0], str(EXAMPLES / args[1]), *args[2:], "--json"]
    code, out, err = run(args)
    assert (code, err) == (0, "")
    document = json.loads(out)
    path = GOLDEN / f"{name}.json"
    if os.environ.get("PAGEAVAIL_UPDATE_GOLDEN"):
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert document == json.loads(path.read_text(encoding="utf-8"))


def test_explain_json_has_exactly_the_contract_keys() -> None:
    """explain --json prints page, at, status, reason, checks and prompt, nothing else."""
    _, out, _ = run(
        ["explain", str(EXAMPLES / "acme-bakery.toml"), "--at", "2026-11-27T10:15:00+01:00", "--json"]
    )
    document = json.loads(out)
    assert list(document) == ["page", "at", "status", "reason", "checks", "prompt"]
    assert list(document["prompt"]) == ["shown", "reason", "checks", "payload"]
    assert [c["name"] for c in document["checks"]] == [
        "messaging_enabled",
        "not_away_by_hand",
        "within_response_hours",
        "someone_can_answer",
    ]
    assert all(
        list(c) == ["name", "passed", "detail"] for c in document["checks"] + document["prompt"]["checks"]
    )


def test_explain_human_output() -> None:
    """The human output lists the ladder as checks, with the reason in words and no colour off a terminal."""
    code, out, _ = run(
        ["explain", str(EXAMPLES / "acme-bakery.toml"), "--at", "2026-11-27T11:00:00+01:00", "--locale", "en"]
    )
    assert code == 0
    assert out.splitlines()[0] == "Acme Bakery (acme-bakery) at Fri, Nov 27, 2026 11:00 (+01:00): OFFLINE"
    assert "  ✗ Nobody who can answer messages is online: the last activity was 48 minutes ago" in out
    assert "messages).  [someone_can_answer]" in out
    assert "Not counted: omar (role analyst, directly on the Page: no task that includes messages)." in out
    assert "\033[" not in out


def test_check_ok_and_invalid(tmp_path: Path) -> None:
    """check exits 0 for a valid file, 1 for an invalid one (naming key and line), 2 for a missing one."""
    code, out, _ = run(["check", str(EXAMPLES / "agency-managed.toml")])
    assert code == 0
    assert out.startswith(
        "ok: nordlicht-fashion (Nordlicht Fashion), Europe/Berlin: 3 team members, "
        "2 of them can answer messages"
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[page]\nid = "x"\nname = "X"\nzone = "UTC"\n\n[[team]]\nperson = "a"\nrole = "owner"\n',
        encoding="utf-8",
    )
    code, out, _ = run(["check", str(bad)])
    assert code == 1
    assert f"{bad}:8: team[0].role: 'role' must be one of admin" in out
    code, _, err = run(["check", str(tmp_path / "missing.toml")])
    assert code == 2
    assert "no such file" in err


BAD_FILES = [
    # (name, file text, fragment of the one error line)
    ("bad schedule", '[page]\nid = "x"\nname = "X"\nzone = "UTC"\n[messaging]\nhours = "Mo 25:00-26:00"\n', ":6: messaging.hours: time '25:00' is out of range"),
    ("unknown role", '[page]\nid = "x"\nname = "X"\nzone = "UTC"\n[[team]]\nperson = "a"\nrole = "boss"\n', ":7: team[0].role: 'role' must be one of"),
    ("unknown client", '[page]\nid = "x"\nname = "X"\nzone = "UTC"\n[[sessions]]\nperson = "a"\nclient = "pager"\nstarted = "2026-01-01T00:00:00Z"\nlast_seen = "2026-01-01T00:00:00Z"\n', ":7: sessions[0].client: 'client' must be one of"),
    ("naive time", '[page]\nid = "x"\nname = "X"\nzone = "UTC"\n[[sessions]]\nperson = "a"\nclient = "web"\nstarted = 2026-01-01T00:00:00\nlast_seen = "2026-01-01T00:00:00Z"\n', ":8: sessions[0].started: has no UTC offset"),
    ("unknown zone", '[page]\nid = "x"\nname = "X"\nzone = "Atlantis/Capital"\n', ":4: page.zone: unknown time zone 'Atlantis/Capital'"),
    ("broken TOML", '[page]\nid = "x\nname = "X"\n', ":2: not valid TOML"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "fragment"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_give_one_line_and_exit_2(tmp_path: Path, name: str, text: str, fragment: str) -> None:
    """explain on a bad file prints one error line with file, line and key path, and exits 2."""
    path = tmp_path / "page.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(["explain", str(path), "--at", "2026-01-01T00:00:00Z"])
    assert (code, out) == (2, "")
    assert err.startswith(f"pageavail: error: {path}")
    assert fragment in err
    assert err.count("\n") == 1


def test_every_example_runs_through_every_command() -> None:
    """Each bundled example passes check, explain and timeline."""
    for path in sorted(EXAMPLES.glob("*.toml")):
        assert run(["check", str(path)])[0] == 0
        assert run(["explain", str(path), "--at", "2026-11-27T10:00:00Z"])[0] == 0
        assert (
            run(["timeline", str(path), "--from", "2026-11-27T00:00:00Z", "--to", "2026-11-29T00:00:00Z"])[0]
            == 0
        )


def test_subprocess_never_shows_a_traceback(tmp_path: Path) -> None:
    """As a real process, bad input ends with exit code 2 and no traceback."""
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe not text")
    done = subprocess.run(
        [sys.executable, "-m", "pageavail", "explain", str(bad), "--at", "2026-01-01T00:00:00Z"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "not UTF-8" in done.stderr
    good = subprocess.run(
        [
            sys.executable,
            "-m",
            "pageavail",
            "explain",
            str(EXAMPLES / "acme-bakery.toml"),
            "--at",
            "2026-11-27T10:15:00+01:00",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0
    assert "ACTIVE" in good.stdout
