"""Hostile files and values for the commands added to the command line: one error line, exit 2."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import List, Tuple

import pytest

from pageavail.cli import main


def run(args: List[str]) -> Tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def refused(args: List[str], fragment: str) -> str:
    code, out, err = run(args)
    assert (code, out) == (2, ""), err
    assert err.count("\n") == 1, err
    assert err.startswith("pageavail: error: "), err
    assert fragment in err, err
    return err


class _Stdin(io.TextIOWrapper):
    """Standard input with bytes underneath, as a real process has."""


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.fixture
def page(tmp_path: Path) -> str:
    code, out, err = run(["init"])
    assert code == 0, err
    path = tmp_path / "page.toml"
    path.write_text(out, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        "\n".join(["[" * 100_000]),
        '{"at": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ],
)
def test_a_history_nested_too_deeply_is_one_error_line(page: str, tmp_path: Path, text: str) -> None:
    history = tmp_path / "history.json"
    history.write_text(text, encoding="utf-8")
    args = ["reply", page, "--at", "2026-11-30T10:00:00+01:00", "--visitor", "v1", "--history", str(history)]
    refused(args, f"--history {history}")


def test_hours_from_standard_input_that_is_not_utf8_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"\xff\xfe{}")
    refused(
        ["hours", "-", "--from-format", "facebook", "--zone", "UTC", "--to-format", "google"], "not UTF-8"
    )


def test_hours_from_standard_input_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b'\xef\xbb\xbf{"mon_1_open": "09:00", "mon_1_close": "17:00"}')
    code, out, err = run(
        ["hours", "-", "--from-format", "facebook", "--zone", "UTC", "--to-format", "opening-hours"]
    )
    assert (code, out, err) == (0, "Mo 09:00-17:00\n", "")


def test_a_bad_document_names_its_file(tmp_path: Path) -> None:
    path = tmp_path / "hours.json"
    path.write_text('{"mon_1_open": ', encoding="utf-8")
    refused(
        ["hours", str(path), "--from-format", "facebook", "--zone", "UTC", "--to-format", "google"], str(path)
    )
    path.write_text('{"mon_1_open": "25:00", "mon_1_close": "17:00"}', encoding="utf-8")
    err = refused(
        ["hours", str(path), "--from-format", "facebook", "--zone", "UTC", "--to-format", "google"], str(path)
    )
    assert "'hours.mon_1_open'" in err
    refused(
        ["hours", str(path), "--from-format", "facebook", "--zone", "Mars/X", "--to-format", "google"],
        "Mars/X",
    )


def test_dated_hours_are_written_up_to_the_end_of_the_supported_instants() -> None:
    args = ["hours", "Mo-Fr 09:00-17:00; Dec 25 off", "--zone", "UTC", "--to-format", "google"]
    code, out, err = run([*args, "--at", "9996-12-01T00:00:00Z", "--days", "366"])
    assert code == 0, err
    periods = json.loads(out)["specialHours"]["specialHourPeriods"]
    assert periods == [{"startDate": {"year": 9996, "month": 12, "day": 25}, "closed": True}]


def _profile(tmp_path: Path, cell: str) -> str:
    rows = ["weekday," + ",".join(str(hour) for hour in range(24))]
    rows += [day + "," + ",".join([cell] + ["10"] * 23) for day in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")]
    path = tmp_path / "visits.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("cell", ["1_0", "١٠", "nan", "-1", "1e400", "0x10", " ", "10 10", "inf"])
def test_a_profile_cell_is_a_plain_decimal_number(page: str, tmp_path: Path, cell: str) -> None:
    args = ["forecast", page, "--from", "2026-11-30T00:00Z", "--to", "2026-12-07T00:00Z"]
    refused([*args, "--visits-per-hour", _profile(tmp_path, cell)], ":2: hour 0 must be a number")


@pytest.mark.parametrize("value", ["1_0", "١٠", "1e400", "-0.5"])
def test_the_numbers_of_forecast_are_plain_decimals(page: str, value: str) -> None:
    args = ["forecast", page, "--from", "2026-11-30T00:00Z", "--to", "2026-12-07T00:00Z"]
    refused([*args, "--visits-per-hour", value], "--visits-per-hour")
    refused([*args, "--visits-per-hour", "10", "--click-rate", value], "--click-rate")


@pytest.mark.parametrize("cell", ["10", "0", "1e3", "2.5", "-0", "+3", ".5"])
def test_plain_decimal_cells_are_read(page: str, tmp_path: Path, cell: str) -> None:
    args = ["forecast", page, "--from", "2026-11-30T00:00Z", "--to", "2026-12-07T00:00Z", "--json"]
    code, out, err = run([*args, "--visits-per-hour", _profile(tmp_path, cell)])
    assert code == 0, err
    assert json.loads(out)["visits_per_hour"]["profile"][0][0] == float(cell)


@pytest.mark.parametrize("command", ["forecast", "timeline"])
def test_a_period_may_end_at_the_end_of_the_supported_instants(page: str, command: str) -> None:
    args = [command, page, "--from", "9996-12-25T00:00Z", "--to", "9997-01-01T00:00Z", "--json"]
    if command == "forecast":
        args += ["--visits-per-hour", "10"]
    code, out, err = run(args)
    assert code == 0, err
    assert json.loads(out)["to"] == "9997-01-01T01:00:00+01:00"
    refused([*args[:5], "9997-01-01T00:00:01Z", *args[6:]], "--to")


def test_a_folder_or_a_path_with_nul_is_told_once(tmp_path: Path) -> None:
    for fmt in ("ical", "facebook"):
        err = refused(
            ["hours", str(tmp_path), "--from-format", fmt, "--zone", "UTC"], "is not a regular file"
        )
        assert err.count("--from-format") == 1, err
    refused(["hours", "a\0b", "--from-format", "ical", "--to-format", "google"], "cannot be read")


def test_a_long_path_is_shortened_once(tmp_path: Path) -> None:
    long = str(tmp_path / ("x" * 300))
    for args in (["init", long, "--force"], ["hours", long, "--from-format", "ical"]):
        err = refused(args, f"({len(long)} characters)")
        assert err.count("characters)") == 1, err


@pytest.mark.parametrize("fmt", ["opening-hours", "facebook", "google", "schema-org", "ical"])
def test_json_is_refused_with_a_format_that_is_the_output(fmt: str) -> None:
    args = ["hours", "Mo-Fr 09:00-17:00", "--zone", "UTC", "--to-format", fmt, "--at", "2026-11-30T00:00Z"]
    refused([*args, "--json"], "--json does not go with --to-format")


def _reply(page: str, tmp_path: Path, lines: List[str], *extra: str) -> List[str]:
    history = tmp_path / "history.jsonl"
    history.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [
        "reply",
        page,
        "--at",
        "2026-11-30T10:00:00+01:00",
        "--visitor",
        "v1",
        "--history",
        str(history),
        *extra,
    ]


def test_history_values_of_the_wrong_kind_are_named_in_json_words(page: str, tmp_path: Path) -> None:
    refused(_reply(page, tmp_path, ['{"at": null, "from": "visitor"}']), "(got null)")
    refused(
        _reply(page, tmp_path, ['{"at": "2026-11-27T09:40:00+01:00", "from": "visitor", "text": 5}']),
        "'text'",
    )


def test_history_after_the_message_is_left_out_and_said(page: str, tmp_path: Path) -> None:
    lines = [
        '{"at": "2026-11-27T09:40:00+01:00", "from": "visitor"}',
        '{"at": "2026-12-01T09:40:00+01:00", "from": "visitor"}',
    ]
    code, out, err = run(_reply(page, tmp_path, lines, "--json"))
    assert code == 0, err
    document = json.loads(out)
    assert document["history"] == 1
    assert document["notes"] == ["--history holds 1 message after --at; it is left out"]
    code, text, err = run(_reply(page, tmp_path, lines))
    assert text.splitlines()[0] == "note: --history holds 1 message after --at; it is left out"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (
            ["hours", "24/7", "--zone", "UTC", "--at", "now", "--days", "0"],
            "argument --days: must be from 1 to 366",
        ),
        (["hours", "24/7", "--zone", "UTC", "--days", "1" * 400], "argument --days: must be from 1 to 366"),
        (["hours", "24/7", "--zone", "UTC", "--days", "x"], "argument --days: must be a whole number"),
        (
            ["hours", "24/7", "--zone", "UTC", "--to-format", "xml"],
            "argument --to-format: invalid choice: 'xml'",
        ),
        (["hours", "x", "--from-format", "csv", "--zone", "UTC"], "argument --from-format: invalid choice"),
    ],
)
def test_a_bad_option_value_is_one_error_line(args: List[str], fragment: str) -> None:
    refused(args, fragment)


def test_a_missing_argument_keeps_the_usage() -> None:
    code, _, err = run(["forecast", "x"])
    assert code == 2
    assert err.startswith("usage: pageavail forecast"), err


def test_init_refuses_a_bad_lang_before_writing(tmp_path: Path) -> None:
    path = tmp_path / "page.toml"
    refused(["init", str(path), "--lang", "xx"], "--lang")
    assert not path.exists()
    refused(["init", "-", "--lang", "xx"], "--lang")


def test_init_to_a_path_with_nul_is_one_error_line() -> None:
    refused(["init", "a\0b"], "cannot be written")


@pytest.mark.parametrize(
    "args",
    [
        ["hours", "24/7", "--zone", "UTC", "--at", "2026-11-30T10:00Z", "--json"],
        ["hours", "24/7", "--zone", "UTC", "--to-format", "google"],
        [
            "forecast",
            "PAGE",
            "--from",
            "2026-11-30T00:00Z",
            "--to",
            "2026-12-01T00:00Z",
            "--visits-per-hour",
            "1",
            "--json",
        ],
        ["timeline", "PAGE", "--from", "2026-11-30T00:00Z", "--to", "2026-12-01T00:00Z", "--json"],
        ["check", "PAGE", "--json"],
    ],
)
def test_every_command_refuses_a_bad_lang(page: str, args: List[str]) -> None:
    refused(
        [page if arg == "PAGE" else arg for arg in args] + ["--lang", "xx"], "'--lang' must be a locale tag"
    )


_PERIOD = ["--from", "2026-11-23T00:00:00+01:00", "--to", "2026-11-24T00:00:00+01:00"]


@pytest.mark.parametrize(
    "args",
    [
        ["forecast", "examples/acme-bakery.toml", *_PERIOD, "--visits-per-hour=--"],
        ["forecast", "examples/acme-bakery.toml", *_PERIOD, "--visits-per-hour", "5", "--click-rate=--"],
        ["forecast", "examples/acme-bakery.toml", "--from=--", "--to", "2026-11-24T00:00:00+01:00"],
        ["explain", "examples/acme-bakery.toml", "--at=--"],
        ["hours", "Mo-Fr 09:00-17:00", "--zone=--", "--at", "2026-11-27T10:00:00+01:00"],
    ],
)
def test_dashes_given_as_an_options_value_are_refused_on_one_line(args: List[str]) -> None:
    """argparse drops a value of '--' (``--at=--``) on some Pythons and hands the command an empty list:
    the command line refuses it first, naming the option, instead of failing inside the command."""
    option = next(a for a in args if a.endswith("=--")).partition("=")[0]
    refused(args, f"argument {option}: '--' is not a value")


@pytest.mark.parametrize("option", ["--visits-per-hour", "--click-rate"])
def test_negative_zero_is_shown_as_zero(option: str) -> None:
    """'-0' is zero: the forecast shows "0", never "-0"."""
    values = {"--visits-per-hour": "5", "--click-rate": "0.03", option: "-0"}
    code, out, err = run(
        ["forecast", "examples/acme-bakery.toml", *_PERIOD, *[x for kv in values.items() for x in kv]]
    )
    assert code == 0, err
    assert "-0" not in out.split("\n")[1], out
    shown = {"--visits-per-hour": "Page views per hour: 0;", "--click-rate": "click rate: 0%"}[option]
    assert shown in out, out
