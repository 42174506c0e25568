"""The Schedule methods for foreign formats delegate to pageavail.formats."""

from __future__ import annotations

from datetime import datetime

import pytest

import pageavail as pa
from pageavail import formats
from pageavail._time import ZoneInfo

pytest.importorskip("icalendar")

BERLIN = ZoneInfo("Europe/Berlin")


def test_schedule_methods_delegate() -> None:
    """The Schedule methods give what the module's functions give."""
    hours = pa.Schedule.parse("Mo-Fr 09:00-17:00; Sa 22:00-02:00", zone=BERLIN)
    start, end = datetime(2026, 11, 30, tzinfo=BERLIN), datetime(2026, 12, 7, tzinfo=BERLIN)
    assert hours.to_facebook() == formats.to_facebook(hours)
    assert hours.to_google() == formats.to_google(hours)
    assert hours.to_schema_org() == formats.to_schema_org(hours)
    assert hours.to_ical(start, end) == formats.to_ical(hours, start, end)
    assert pa.Schedule.from_facebook(hours.to_facebook(), zone=BERLIN) == formats.from_facebook(
        hours.to_facebook(), BERLIN
    )
    assert str(pa.Schedule.from_google(hours.to_google()["regularHours"], zone=BERLIN)) == str(hours).replace(
        "; ", ", "
    )
    assert str(pa.Schedule.from_schema_org(hours.to_schema_org(), zone=BERLIN)) == str(hours).replace(
        "; ", ", "
    )
    assert pa.Schedule.from_ical(hours.to_ical(start, end)).intervals(start, end) == hours.intervals(
        start, end
    )
