"""Array queries: instants per second, against a plain loop of is_open and of state().

Run: python benchmarks/bench_timeline.py [--quick]

A month of the Acme Bakery Page (hours, holidays, sessions through the days);
ten million page views as numpy datetime64, looked up in one searchsorted; the
plain loops take a sample of 20,000 instants as aware datetimes.
"""

from __future__ import annotations

import argparse
import random
import sys
import timeit
from datetime import datetime, timedelta, timezone

import numpy as np

import pageavail as pa

ZONE = pa.schedule.ZoneInfo("Europe/Berlin")
START = datetime(2026, 11, 1, tzinfo=ZONE)
END = datetime(2026, 12, 1, tzinfo=ZONE)


def build() -> pa.CompiledPage:
    rng = random.Random(5)
    hours = pa.Schedule.parse(
        "Mo-Fr 09:00-17:00; Sa 10:00-14:00; PH off", zone="Europe/Berlin", holidays="DE-BE"
    )
    people = ["anna", "ben", "cleo"]
    sessions = []
    for day in range(30):
        for person in people:
            start = START + timedelta(days=day, hours=rng.uniform(7, 15))
            sessions.append(
                pa.Session(person, "web", start, start + timedelta(minutes=rng.randrange(20, 240)))
            )
    page = pa.Page(
        id="acme",
        name="Acme",
        zone="Europe/Berlin",
        settings=pa.MessagingSettings(hours=hours),
        grants=[pa.Grant(p, "acme", role="editor") for p in people],
    )
    return page.compile(sessions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a million instants, fewer repeats")
    quick = parser.parse_args().quick
    count, repeat = (1_000_000, 2) if quick else (10_000_000, 5)
    live = build()
    line = pa.Timeline.build(live, START, END)
    rng = np.random.default_rng(1)
    lo = np.datetime64(START.astimezone(timezone.utc).replace(tzinfo=None), "ns").astype(np.int64)
    hi = np.datetime64(END.astimezone(timezone.utc).replace(tzinfo=None), "ns").astype(np.int64)
    instants = rng.integers(lo, hi, size=count).astype("datetime64[ns]")
    array_time = min(timeit.repeat(lambda: line.status_codes(instants), number=1, repeat=repeat))
    sample = [datetime.fromtimestamp(int(x) / 1e9, timezone.utc) for x in instants[:20_000].astype(np.int64)]
    hours = live.page.settings.hours
    assert hours is not None
    loop_open = min(timeit.repeat(lambda: [hours.is_open(at) for at in sample], number=1, repeat=repeat))
    loop_state = min(timeit.repeat(lambda: [live.state(at) for at in sample], number=1, repeat=repeat))
    build_time = min(timeit.repeat(lambda: pa.Timeline.build(live, START, END), number=1, repeat=repeat))
    per_array = count / array_time
    print(
        f"Python {sys.version.split()[0]}; numpy {np.__version__}; {len(line.segments)} segments in a month"
    )
    print(f"{'timeline.status_codes (numpy)':<34}{per_array:>16,.0f} instants/s")
    for label, seconds in (
        ("loop of Schedule.is_open", loop_open),
        ("loop of CompiledPage.state", loop_state),
    ):
        rate = len(sample) / seconds
        print(f"{label:<34}{rate:>16,.0f} instants/s   arrays are x{per_array / rate:,.0f}")
    print(f"{'Timeline.build (one month)':<34}{build_time * 1e3:>13.1f} ms")


if __name__ == "__main__":
    main()
