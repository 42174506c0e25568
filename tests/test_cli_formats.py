"""`pageavail hours --from-format/--to-format`: hours read from and written to other formats."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List

import pytest

import pageavail as pa

from .test_cli_commands import refused, run

FACEBOOK = {
    "mon_1_open": "09:00",
    "mon_1_close": "12:00",
    "mon_2_open": "13:00",
    "mon_2_close": "17:00",
    "sat_1_open": "22:00",
    "sat_1_close": "02:00",
}


@pytest.fixture
def facebook(tmp_path: Path) -> str:
    path = tmp_path / "hours.json"
    path.write_text(json.dumps(FACEBOOK), encoding="utf-8")
    return str(path)


def test_facebook_hours_are_evaluated_like_text(facebook: str) -> None:
    """A Facebook document is read in --zone and evaluated as its opening_hours text would be."""
    code, out, err = run(["hours", facebook, "--from-format", "facebook", "--zone", "Europe/Berlin", "--at",
                          "2026-11-30T12:30:00+01:00", "--json"])  # fmt: skip
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["schedule"] == "Mo 09:00-12:00,13:00-17:00, Sa 22:00-02:00"
    assert document["open"] is False
    assert document["next_change"] == "2026-11-30T13:00:00+01:00"


def test_to_opening_hours_and_back_through_google(facebook: str, tmp_path: Path) -> None:
    """Facebook → opening_hours text and → Google; the Google document reads back to the same hours."""
    code, text, _ = run(["hours", facebook, "--from-format", "facebook", "--zone", "UTC", "--to-format",
                         "opening-hours"])  # fmt: skip
    assert (code, text) == (0, "Mo 09:00-12:00,13:00-17:00, Sa 22:00-02:00\n")
    code, google, _ = run(["hours", facebook, "--from-format", "facebook", "--zone", "UTC", "--to-format",
                           "google"])  # fmt: skip
    assert code == 0
    periods = json.loads(google)["regularHours"]["periods"]
    assert periods[-1] == {
        "openDay": "SATURDAY",
        "openTime": {"hours": 22, "minutes": 0},
        "closeDay": "SUNDAY",
        "closeTime": {"hours": 2, "minutes": 0},
    }
    path = tmp_path / "google.json"
    path.write_text(google, encoding="utf-8")
    code, again, _ = run(["hours", str(path), "--from-format", "google", "--zone", "UTC", "--to-format",
                          "opening-hours"])  # fmt: skip
    assert (code, again) == (0, text)


def test_holidays_become_special_hours_for_the_period() -> None:
    """PH off cannot be weekly Google hours: over a period, each holiday is a closed special day."""
    args = ["hours", "Mo-Fr 09:00-17:00; PH off", "--zone", "Europe/Berlin", "--holidays", "DE-BE",
            "--to-format", "google"]  # fmt: skip
    refused(args, "on the command line: --at (the first day) and --days")
    code, out, _ = run([*args, "--at", "2026-12-20T00:00:00+01:00", "--days", "10"])
    assert code == 0
    special = json.loads(out)["specialHours"]["specialHourPeriods"]
    assert special == [{"startDate": {"year": 2026, "month": 12, "day": 25}, "closed": True}]


def test_ical_export_needs_a_period_and_lists_the_open_intervals() -> None:
    """--to-format ical writes one event per open interval of the period --at/--days."""
    pytest.importorskip("icalendar")
    args = ["hours", "Mo-Fr 09:00-17:00", "--zone", "Europe/Berlin", "--to-format", "ical"]
    refused(args, "give its start with --at")
    code, out, _ = run([*args, "--at", "2026-11-30T00:00:00+01:00", "--days", "2"])
    assert code == 0
    assert out.count("BEGIN:VEVENT") == 2
    assert "DTSTART;TZID=Europe/Berlin:20261201T090000" in out
    schedule = pa.Schedule.from_ical(out)
    assert schedule.is_open(pa.testing.instant("2026-12-01T16:59:00+01:00"))


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (
            ["hours", "x.json", "--from-format", "facebook", "--at", "now"],
            "--zone is required with --from-format",
        ),
        (["hours", "Mo 10:00-11:00", "--at", "now"], "--zone is required"),
        (["hours", "Mo 10:00-11:00", "--zone", "UTC"], "--at is required"),
        (
            ["hours", "missing.json", "--from-format", "google", "--zone", "UTC", "--at", "now"],
            "no such file",
        ),
        (
            [
                "hours",
                "x.json",
                "--from-format",
                "google",
                "--zone",
                "UTC",
                "--holidays",
                "DE",
                "--at",
                "now",
            ],
            "leave --holidays out",
        ),
    ],
)
def test_bad_uses_are_one_line(args: List[str], fragment: str) -> None:
    refused(args, fragment)


def test_a_bad_document_names_the_foreign_key(tmp_path: Path) -> None:
    path = tmp_path / "google.json"
    path.write_text('{"periods": [{"openDay": "MONDAY", "openTime": "09:00", "closeDay": "MONDAY"}]}')
    refused(["hours", str(path), "--from-format", "google", "--zone", "UTC", "--at", "now"], "periods[0]")
    path.write_text("{not json")
    refused(["hours", str(path), "--from-format", "facebook", "--zone", "UTC", "--at", "now"], "line 1")


def test_school_holidays_are_named_not_taken_for_public_ones(tmp_path: Path) -> None:
    """SH without school holidays is told as SH, in the Page file (with the key that gives them) and on the
    command line."""
    refused(["hours", "Mo-Fr 09:00-17:00; SH off", "--zone", "UTC", "--at", "now"], "use SH")
    page = tmp_path / "sh.toml"
    page.write_text(
        '[page]\nid = "a"\nname = "A"\nzone = "Europe/Berlin"\n[messaging]\nhours = "Mo-Fr 09:00-17:00; SH off"\n',
        encoding="utf-8",
    )
    code, out, err = run(["check", str(page)])
    assert code == 1, err
    said = out + err
    assert "use SH but [page] has no school_holidays; add school_holidays = [" in said
    assert "use PH" not in said


def test_a_change_only_after_the_supported_instants_is_not_shown_as_one() -> None:
    """Late on the last supported day the hours open again only after the range: the text says no change
    comes before its end, instead of giving the end as if the hours changed then."""
    code, out, _ = run(["hours", "Mo-Su 10:00-12:00", "--zone", "Europe/Berlin", "--at",
                        "9996-12-31T13:00:00+01:00", "--lang", "en"])  # fmt: skip
    assert code == 0
    assert (
        "  Next change: none before Wed, Jan 1, 9997 01:00 (+01:00), the end of the supported instants" in out
    )
    code, out, _ = run(["hours", "Mo-Su 10:00-12:00", "--zone", "Europe/Berlin", "--at",
                        "9996-12-30T13:00:00+01:00", "--lang", "en"])  # fmt: skip
    assert "  Next change: Tue, Dec 31, 9996 10:00 (+01:00)" in out
