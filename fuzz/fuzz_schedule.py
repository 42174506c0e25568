"""Coverage-guided fuzzing of the response-hours parser and its queries (atheris).

Run: python fuzz/fuzz_schedule.py -max_total_time=60 [corpus folder]

Any exception that is not a pageavail.PageAvailError is a crash. CI runs this
for a bounded time on every submission.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta, timezone

import atheris

with atheris.instrument_imports():
    import pageavail as pa
    from pageavail import _compile, _parser, _selectors, _time  # noqa: F401
    from pageavail import schedule as _schedule  # noqa: F401 - instrument the lazily loaded modules

ZONES = ["UTC", "Europe/Berlin", "America/Santiago", "Australia/Lord_Howe", "Europe/Dublin"]
SEEDS = [
    "Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00; PH off",
    "Fr 22:00-02:00, Sa 10:00-14:00",
    '2026 Dec 24-2027 Jan 02 off; Dec 24-26 10:00-12:00 "xmas"',
    "Tu 23:59-48:00; We 22:00-22:00; Su-Mo 00:00-24:00",
    "24/7; Jun-Aug Mo-Fr 08:00-14:00 off",
    "Mo-Fr 12:00-18:00; We off; Sa,PH 12:00-17:00; Th[3],Th[-1] off",
    "Mo[1,3] 10-12; Sa[-1] +1 day off; Su[1-2] 22:00-02:00",
    "easter -2 days-easter +1 day off; 2026 easter +39 days 10:00-12:00",
    "week 01-53/2 Fr 09:00-12:00; week 02-52/2 We 09:00-12:00",
    "Mo-Fr: 09:00-17:00; PH,PH -1 day off || Sa 10-14; SH off",
    "Apr: 08:00-12:00; Dec 25,easter off; 24/7: closed",
    'Mo-Fr 10:00+; Sa 07:00+,12:00-16:00; Su 22:00-04:00+ || "by appointment"',
    'Mo-Fr 10:00-12:00 unknown; We "on request"; Dec 24,25,31 off; Jan 03,Dec 04,24 10:00-12:00',
    "Mar Su[-1]-Oct Su[-1] 10:00-18:00; Jan Su[2]-Jan 15 off; Dec 20-Dec Su[-1] +4 days 09:00-12:00",
]
#: School holidays for texts that use SH.
SCHOOL = [(date(2026, 7, 9), date(2026, 8, 22)), (date(2026, 12, 23), date(2027, 1, 2))]


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    if provider.ConsumeBool():
        text = provider.ConsumeUnicodeNoSurrogates(200)
    else:
        seed = SEEDS[provider.ConsumeIntInRange(0, len(SEEDS) - 1)]
        cut = provider.ConsumeIntInRange(0, len(seed))
        text = seed[:cut] + provider.ConsumeUnicodeNoSurrogates(20) + seed[cut:]
    zone = ZONES[provider.ConsumeIntInRange(0, len(ZONES) - 1)]
    try:
        schedule = pa.Schedule.parse(text, zone=zone, holidays="DE", school_holidays=SCHOOL)
    except pa.PageAvailError:
        return
    again = pa.Schedule.parse(str(schedule), zone=zone, holidays="DE", school_holidays=SCHOOL)
    if again != schedule:
        raise AssertionError(f"round trip changed {text!r} -> {str(schedule)!r}")
    at = datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(
        minutes=provider.ConsumeIntInRange(0, 3 * 366 * 1440)
    )
    state = schedule.is_open(at)
    change = schedule.next_change(at)
    if change is not None and schedule.is_open(change) == state:
        raise AssertionError(f"next_change did not flip for {text!r} at {at}")
    schedule.intervals(at, at + timedelta(days=3))
    schedule.check(at)
    kind = schedule.state(at)
    if (kind is pa.HoursState.OPEN) != state:
        raise AssertionError(f"state {kind} and is_open {state} disagree for {text!r} at {at}")
    turn = schedule.next_state_change(at)
    if turn is not None and schedule.state(turn) is kind:
        raise AssertionError(f"next_state_change did not change the state for {text!r} at {at}")
    pieces = schedule.state_intervals(at, at + timedelta(days=1))
    if pieces and (pieces[0][0].start != at or pieces[-1][0].end != at + timedelta(days=1)):
        raise AssertionError(f"state intervals do not tile the day for {text!r} at {at}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
