"""The commands that answer a Page team's questions: `reply`, `forecast`, `init` and `schema`,
and what `timeline` says about its units, a cut week and a short period."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import List, Tuple

import pytest

from pageavail.cli import main
from pageavail.config import load_page, page_warnings
from pageavail.pageschema import page_schema, starter_page

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BAKERY = str(EXAMPLES / "acme-bakery.toml")
FRIDAY_EVENING = "2026-11-27T18:00:00+01:00"  # after the hours: away
FRIDAY_MORNING = "2026-11-27T10:15:00+01:00"  # anna is online: active
WEEK = ["--from", "2026-11-23T00:00:00+01:00", "--to", "2026-11-30T00:00:00+01:00"]


def run(args: List[str]) -> Tuple[int, str, str]:
    """The CLI in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def refused(args: List[str], fragment: str) -> None:
    """The command exits 2 with one `pageavail: error:` line that holds *fragment*, and no output."""
    code, out, err = run(args)
    assert (code, out) == (2, ""), err
    assert err.count("\n") == 1, err
    assert err.startswith("pageavail: error: "), err
    assert fragment in err, err
    assert "Traceback" not in err


# -- reply -------------------------------------------------------------------------------------


def test_reply_outside_the_hours_is_the_away_message_with_its_reason() -> None:
    """After the hours the visitor gets the away message, with why and when the Page is back."""
    code, out, err = run(["reply", BAKERY, "--at", FRIDAY_EVENING, "--visitor", "v-42", "--locale", "en"])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Acme Bakery (acme-bakery) at Fri, Nov 27, 2026 18:00 (+01:00): AWAY"
    assert lines[1] == "Automatic reply to v-42: AWAY MESSAGE"
    assert lines[2] == "  Why: the Page is away"
    assert lines[3] == '  "Wir sind gerade nicht da und morgen um 10:00 Uhr wieder für dich da."'
    assert lines[4] == "  Back by the Page's settings: Sat, Nov 28, 2026 10:00 (+01:00)"


def test_reply_json_in_the_morning_is_the_instant_reply() -> None:
    """A new conversation while the Page is active gets the instant reply; JSON names the reason."""
    code, out, _ = run(["reply", BAKERY, "--at", FRIDAY_MORNING, "--visitor", "v-42", "--json"])
    document = json.loads(out)
    assert code == 0
    assert list(document) == ["page", "at", "visitor", "status", "history", "reply"]
    assert document["status"] == "active"
    assert document["reply"] == {
        "kind": "instant_reply",
        "text": "Danke für deine Nachricht! Wir antworten meist innerhalb einer Stunde.",
        "reason": "new_conversation",
        "detail": "a new conversation",
        "back_at": None,
    }


def test_reply_reads_the_reason_in_the_readers_language() -> None:
    """--lang words the frame and the reason; the reply text stays the visitor's."""
    code, out, _ = run(["reply", BAKERY, "--at", FRIDAY_EVENING, "--visitor", "v-42", "--lang", "de"])
    assert code == 0
    assert "Automatische Antwort an v-42: ABWESENHEITSNACHRICHT" in out
    assert "Grund: die Seite ist abwesend" in out


@pytest.mark.parametrize("form", ["lines", "list"])
def test_reply_with_history_sends_the_away_message_once(tmp_path: Path, form: str) -> None:
    """An away message already sent in this away period is not sent again (JSON lines or a JSON list)."""
    messages = [
        {"at": "2026-11-27T17:30:00+01:00", "from": "visitor", "text": "Hello?"},
        {"at": "2026-11-27T17:30:00+01:00", "from": "page", "automatic": "away_message"},
    ]
    history = tmp_path / "history.json"
    text = "\n".join(json.dumps(m) for m in messages) if form == "lines" else json.dumps(messages)
    history.write_text(text, encoding="utf-8")
    args = ["reply", BAKERY, "--at", FRIDAY_EVENING, "--visitor", "v-42", "--history", str(history)]
    code, out, _ = run([*args, "--json"])
    document = json.loads(out)
    assert code == 0
    assert document["history"] == 2
    assert document["reply"]["kind"] == "none"
    assert document["reply"]["reason"] == "away_message_already_sent"
    code, out, _ = run(args)
    assert "Automatic reply to v-42: NONE" in out
    assert "an away message was already sent in this away period" in out


def test_reply_history_times_without_offset_are_read_in_the_pages_zone(tmp_path: Path) -> None:
    """A history time without offset is read in the Page's zone, and a note says so."""
    history = tmp_path / "history.jsonl"
    history.write_text('{"at": "2026-11-27T10:00:00", "from": "visitor"}\n', encoding="utf-8")
    code, out, _ = run(
        ["reply", BAKERY, "--at", FRIDAY_MORNING, "--visitor", "v-1", "--history", str(history), "--json"]
    )
    document = json.loads(out)
    assert code == 0
    assert document["reply"]["reason"] == "conversation_under_way"
    assert "read in Europe/Berlin as 2026-11-27T10:00:00+01:00" in document["notes"][0]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{"at": "2026-11-27T10:00:00+01:00"}', "'from' is missing"),
        ('{"at": "2026-11-27T10:00:00+01:00", "from": "bot"}', "'from' must be visitor or page"),
        ('{"at": "2026-11-27T10:00:00+01:00", "from": "visitor", "by": "x"}', "unknown key 'by'"),
        ('{"at": 5, "from": "visitor"}', "'at' must be an ISO 8601 instant"),
        ('{"at": "yesterday", "from": "visitor"}', "must be an ISO 8601 instant"),
        ("[1]", "must be a JSON object"),
        ("{oops", "not a JSON object"),
        ("[oops", "not valid JSON"),
        (
            '{"at": "2026-11-27T10:00:00+01:00", "from": "visitor", "automatic": "away_message"}',
            "'automatic'",
        ),
    ],
)
def test_reply_refuses_a_bad_history_in_one_line(tmp_path: Path, content: str, fragment: str) -> None:
    """Each mistake of a history file is one error line naming the file and the message, exit 2."""
    history = tmp_path / "history.jsonl"
    history.write_text(content + "\n", encoding="utf-8")
    refused(
        ["reply", BAKERY, "--at", FRIDAY_MORNING, "--visitor", "v-1", "--history", str(history)], fragment
    )


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--visitor", "bad visitor"], "'--visitor' must be an identifier"),
        (
            ["--visitor", "v-1", "--history", "/no/such/history.jsonl"],
            "--history /no/such/history.jsonl: no such file",
        ),
        (["--visitor", "v-1", "--locale", "klingon"], "'--locale' must be a locale tag"),
        (["--visitor", "v-1", "--at", "soon"], "--at must be an ISO 8601 instant"),
    ],
)
def test_reply_refuses_bad_arguments_in_one_line(args: List[str], fragment: str) -> None:
    """Bad arguments of reply: exit 2, one line naming the flag, no traceback."""
    base = ["reply", BAKERY, "--at", FRIDAY_MORNING]
    refused([*base, *args], fragment)


def test_reply_needs_a_visitor() -> None:
    """--visitor is required: a usage error, exit 2."""
    code, _, err = run(["reply", BAKERY, "--at", FRIDAY_MORNING])
    assert code == 2
    assert "--visitor" in err


# -- forecast ------------------------------------------------------------------------------------


def test_forecast_text_gives_the_totals_each_day_and_the_week() -> None:
    """The text names the input, the expected conversations, each day and the busiest hour."""
    code, out, err = run(["forecast", BAKERY, *WEEK, "--visits-per-hour", "120", "--click-rate", "0.05"])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("Acme Bakery (acme-bakery) from Mon, Nov 23, 2026 00:00")
    assert lines[1] == "Page views per hour: 120; click rate: 5%"
    assert lines[2].startswith("Expected conversations: ")
    assert lines[3] == "Per day:"
    assert lines[4].startswith("  Mon, Nov 23: active 0.0 hr; conversations: 0")
    assert any(line.startswith("Busiest hour: Fri, Nov 27, 2026 09:00") for line in lines)
    assert lines[-7].startswith("  Mo ")
    _, out, _ = run(
        [
            "forecast",
            BAKERY,
            "--from",
            "2026-11-27T00:00:00+01:00",
            "--to",
            "2026-11-28T00:00:00+01:00",
            "--visits-per-hour",
            "120",
        ]
    )
    assert (
        out.splitlines()[-1]
        == "144 hours of the week are not in the period: they are left blank, which does not mean inactive."
    )


def test_forecast_json_per_day_and_per_hour_of_the_week_add_up() -> None:
    """JSON: units stated; the days and the weekday-hour matrix each sum to the total conversations."""
    code, out, _ = run(["forecast", BAKERY, *WEEK, "--visits-per-hour", "120", "--json"])
    document = json.loads(out)
    assert code == 0
    assert document["units"]["active_hours"] == "hours"
    assert document["click_rate"] == 0.03
    assert document["visits_per_hour"] == 120.0
    assert [day["date"] for day in document["per_day"]] == [f"2026-11-{d}" for d in range(23, 30)]
    total = document["conversations"]
    assert total > 0
    assert sum(day["conversations"] for day in document["per_day"]) == pytest.approx(total, abs=0.01)
    assert sum(map(sum, document["weekday_hour_conversations"])) == pytest.approx(total, abs=0.01)
    assert len(document["weekday_hour_conversations"]) == 7
    assert all(len(row) == 24 for row in document["weekday_hour_conversations"])
    assert document["busiest_hour"]["hour"] == "2026-11-27T09:00:00+01:00"
    assert document["active_hours"] == pytest.approx(sum(day["active_hours"] for day in document["per_day"]))


def _profile(rows: List[List[float]], labels: bool = False, header: bool = False) -> str:
    lines = ["# visits of the giveaway week"]
    if header:
        lines.append("weekday," + ",".join(str(h) for h in range(24)))
    for day, row in zip(["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"], rows):
        lines.append((f"{day}," if labels else "") + ",".join(str(v) for v in row))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("labels", "header"), [(False, False), (True, True), (True, False)])
def test_forecast_reads_a_weekday_by_hour_csv_profile(tmp_path: Path, labels: bool, header: bool) -> None:
    """A CSV of 7 rows of 24 (weekday labels and a header optional) is the visits per weekday and hour."""
    rows = [[0.0] * 24 for _ in range(7)]
    rows[4][9] = 100.0  # Friday 09:00 only
    path = tmp_path / "visits.csv"
    path.write_text(_profile(rows, labels, header), encoding="utf-8")
    code, out, _ = run(
        ["forecast", BAKERY, *WEEK, "--visits-per-hour", str(path), "--click-rate", "1", "--json"]
    )
    document = json.loads(out)
    assert code == 0
    assert document["visits_per_hour"] == {"file": str(path), "profile": rows}
    assert document["visits"] == 100.0
    friday = next(day for day in document["per_day"] if day["date"] == "2026-11-27")
    assert friday["conversations"] == document["conversations"] > 0
    assert document["weekday_hour_conversations"][4][9] == document["conversations"]
    code, out, _ = run(["forecast", BAKERY, *WEEK, "--visits-per-hour", str(path)])
    assert f"Page views per hour: {path}; click rate: 3%" in out


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("1,2,3\n", ":2: has 3 numbers; each row needs 24"),
        ("\n".join([",".join(["1"] * 24)] * 6) + "\n", "has 6 rows; give 7"),
        ("\n".join([",".join(["1"] * 24)] * 8) + "\n", ":9: an eighth row"),
        (
            "Tu," + ",".join(["1"] * 24) + "\n",
            "row 1 starts with 'Tu'; the rows go from Mo to Su, so this one is Mo",
        ),
        (",".join(["1"] * 23 + ["x"]) + "\n", "hour 23 must be a number of page views"),
        (",".join(["1"] * 23 + ["nan"]) + "\n", "hour 23 must be a number"),
        (",".join(["1"] * 23 + ["-1"]) + "\n", "hour 23 must be a number"),
    ],
)
def test_forecast_refuses_a_bad_profile_in_one_line(tmp_path: Path, content: str, fragment: str) -> None:
    """Each mistake of a CSV profile is one error line naming the file and the line, exit 2."""
    path = tmp_path / "visits.csv"
    path.write_text("# profile\n" + content, encoding="utf-8")
    refused(["forecast", BAKERY, *WEEK, "--visits-per-hour", str(path)], fragment)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--visits-per-hour", "lots"], "neither a number nor a file"),
        (["--visits-per-hour", "-5"], "--visits-per-hour must be a number of page views per hour from 0"),
        (["--visits-per-hour", "nan"], "--visits-per-hour must be a number"),
        (["--visits-per-hour", "inf"], "--visits-per-hour must be a number"),
        (["--visits-per-hour", "10", "--click-rate", "1.5"], "--click-rate must be the share"),
        (["--visits-per-hour", "10", "--click-rate", "nan"], "--click-rate must be the share"),
        (["--visits-per-hour", "10", "--click-rate", "lots"], "--click-rate must be the share"),
        (["--visits-per-hour", str(EXAMPLES)], "is not a regular file"),
    ],
)
def test_forecast_refuses_bad_arguments_in_one_line(args: List[str], fragment: str) -> None:
    """Bad visits or click rates: exit 2, one line naming the flag, no traceback."""
    refused(["forecast", BAKERY, *WEEK, *args], fragment)


def test_forecast_to_before_from_is_refused() -> None:
    """--to before --from is the same error as for timeline."""
    refused(
        [
            "forecast",
            BAKERY,
            "--from",
            "2026-11-30T00:00:00+01:00",
            "--to",
            "2026-11-23T00:00:00+01:00",
            "--visits-per-hour",
            "1",
        ],
        "--to (2026-11-23T00:00:00+01:00) must be at or after --from",
    )


# -- init ------------------------------------------------------------------------------------------


def test_init_prints_a_page_file_that_loads_and_passes_check(tmp_path: Path) -> None:
    """Without FILE, init prints the starter file; it loads, and check finds nothing to warn about."""
    code, out, err = run(["init"])
    assert (code, err) == (0, "")
    assert out == starter_page()
    path = tmp_path / "page.toml"
    path.write_text(out, encoding="utf-8")
    loaded = load_page(path)
    from datetime import datetime, timezone

    assert page_warnings(loaded, datetime(2026, 11, 27, tzinfo=timezone.utc)) == ()
    code, out, _ = run(["check", str(path), "--at", "2026-11-27T00:00:00Z"])
    assert code == 0
    assert out.startswith("ok: acme-bakery (Acme Bakery)")
    assert "warning:" not in out


def test_init_writes_a_file_and_refuses_to_overwrite_it_without_force(tmp_path: Path) -> None:
    """init FILE writes the file and says how to check it; again, it refuses unless --force."""
    path = tmp_path / "page.toml"
    code, out, _ = run(["init", str(path)])
    assert code == 0
    assert out == f"Wrote {path}; check it with: pageavail check {path}\n"
    assert path.read_text(encoding="utf-8") == starter_page()
    path.write_text("# mine\n", encoding="utf-8")
    refused(["init", str(path)], "exists already; pass --force to overwrite it")
    assert path.read_text(encoding="utf-8") == "# mine\n"
    code, _, _ = run(["init", str(path), "--force"])
    assert code == 0
    assert path.read_text(encoding="utf-8") == starter_page()
    assert run(["check", str(path)])[0] == 0


def test_init_into_a_missing_folder_is_one_error(tmp_path: Path) -> None:
    """A path that cannot be written is one error line, exit 2."""
    refused(["init", str(tmp_path / "no" / "such" / "page.toml")], "cannot be written")


def test_init_speaks_the_readers_language(tmp_path: Path) -> None:
    """The one line init prints follows --lang."""
    path = tmp_path / "seite.toml"
    code, out, _ = run(["init", str(path), "--lang", "de"])
    assert code == 0
    assert out == f"{path} geschrieben; prüfe die Datei mit: pageavail check {path}\n"


# -- schema ------------------------------------------------------------------------------------------


def test_schema_prints_the_derived_json_schema() -> None:
    """schema prints the JSON Schema derived from the model, as JSON."""
    code, out, err = run(["schema"])
    assert (code, err) == (0, "")
    assert json.loads(out) == page_schema()
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_takes_no_arguments() -> None:
    """An argument to schema is a usage error, exit 2."""
    code, out, err = run(["schema", "extra"])
    assert (code, out) == (2, "")
    assert "unrecognized arguments" in err


# -- timeline: units, a cut week, a short period --------------------------------------------------------


def test_timeline_json_states_its_units() -> None:
    """timeline --json says what its numbers count in: totals in seconds, hours, shares."""
    code, out, _ = run(["timeline", BAKERY, *WEEK, "--json"])
    document = json.loads(out)
    assert code == 0
    assert document["units"]["totals"] == "seconds"
    assert document["active_hours"] == pytest.approx(document["totals"]["active"] / 3600, abs=0.001)
    assert document["active_hours_per_week"] == pytest.approx(document["active_hours"], abs=0.001)
    assert document["weekday_hours_not_in_period"] == 0


def test_a_one_day_timeline_gives_no_figure_per_week() -> None:
    """A period shorter than a week is not extrapolated to a week: null in JSON, said in the text."""
    day = ["--from", "2026-11-27T00:00:00+01:00", "--to", "2026-11-28T00:00:00+01:00"]
    _, out, _ = run(["timeline", BAKERY, *day, "--json"])
    document = json.loads(out)
    assert document["active_hours_per_week"] is None
    assert document["active_hours"] > 0
    assert document["weekday_hours_not_in_period"] == 6 * 24
    _, out, _ = run(["timeline", BAKERY, *day])
    assert "per week" not in out.replace("no figure per week", "")
    assert "(the period is shorter than a week: no figure per week)" in out
    assert "144 hours of the week are not in the period" in out


def test_a_week_cut_at_its_end_says_so_instead_of_looking_like_a_short_day() -> None:
    """A week window that ends on Sunday noon leaves Sunday afternoon blank and says how many hours are missing."""
    cut = ["--from", "2026-11-23T00:00:00+01:00", "--to", "2026-11-29T12:00:00+01:00"]
    _, out, _ = run(["timeline", BAKERY, *cut, "--json"])
    document = json.loads(out)
    assert document["weekday_hour_observed_seconds"][6][11] == 3600
    assert document["weekday_hour_observed_seconds"][6][12] == 0
    assert document["weekday_hours_not_in_period"] == 12
    _, out, _ = run(["timeline", BAKERY, *cut])
    sunday = next(line for line in out.splitlines() if line.startswith("  Su "))
    assert sunday == "  Su  " + "·" * 12  # the afternoon is blank, not "·" (inactive)
    assert (
        "12 hours of the week are not in the period: they are left blank, which does not mean inactive."
        in out
    )


# -- as a process -------------------------------------------------------------------------------------------


def test_new_commands_never_show_a_traceback() -> None:
    """Bad input to each new command, as a real process: exit 2, one error line."""
    for args in (
        ["reply", BAKERY, "--at", "soon", "--visitor", "v"],
        ["forecast", BAKERY, *WEEK, "--visits-per-hour", "lots"],
        ["init", "/no/such/folder/page.toml"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "pageavail", *args], capture_output=True, timeout=60, check=False
        )
        assert done.returncode == 2
        assert done.stdout == b""
        assert done.stderr.count(b"\n") == 1
        assert b"Traceback" not in done.stderr
