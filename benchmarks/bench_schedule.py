"""Schedule speed, side by side with opening-hours-py (the Rust-backed peer), in one run.

Run: python benchmarks/bench_schedule.py [--quick]

Every figure is the best of several repeats, per call, over the same 1,000
instants spread across 2026 in Europe/Berlin. The peer is timed twice: with
aware datetimes and its ``timezone`` argument (the same job as ours), and with
naive wall-clock datetimes (its fastest mode, which cannot be right across DST).
Ratios are ours / peer: below 1 means pageavail is faster.
"""

from __future__ import annotations

import argparse
import sys
import timeit
from datetime import datetime, timedelta
from typing import Callable, Dict, List, Optional

import pageavail as pa
from pageavail._time import ZoneInfo

TEXT = "Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00"
ZONE = ZoneInfo("Europe/Berlin")
YEAR_START = datetime(2026, 1, 1, tzinfo=ZONE)
YEAR_END = datetime(2027, 1, 1, tzinfo=ZONE)
INSTANTS = [YEAR_START + timedelta(minutes=523 * i + 7) for i in range(1000)]
NAIVE = [at.replace(tzinfo=None) for at in INSTANTS]


def best(function: Callable[[], object], number: int, repeat: int) -> float:
    """Best seconds per call of *function* over *repeat* runs of *number* calls."""
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number


def per_instant(query: Callable[[datetime], object], instants: List[datetime], repeat: int) -> float:
    """Best seconds per query, cycling over *instants*."""

    def loop() -> None:
        for at in instants:
            query(at)

    return best(loop, 1, repeat) / len(instants)


def measure(repeat: int) -> Dict[str, Dict[str, Optional[float]]]:
    results: Dict[str, Dict[str, Optional[float]]] = {}
    ours = pa.Schedule.parse(TEXT, zone="Europe/Berlin")
    ours.intervals(YEAR_START, YEAR_END)  # compile 2026 (and what a query may touch)
    ours.next_change(INSTANTS[-1])

    def ours_cold_year() -> None:
        pa.Schedule.parse(TEXT, zone="Europe/Berlin").intervals(YEAR_START, YEAR_END)

    results["parse"] = {"ours": best(lambda: pa.Schedule.parse(TEXT, zone="Europe/Berlin"), 2000, repeat)}
    results["is_open"] = {"ours": per_instant(ours.is_open, INSTANTS, repeat)}
    results["next_change"] = {"ours": per_instant(ours.next_change, INSTANTS, repeat)}
    results["year of intervals"] = {"ours": best(lambda: ours.intervals(YEAR_START, YEAR_END), 20, repeat)}
    results["parse + first year (cold)"] = {"ours": best(ours_cold_year, 5, repeat)}

    try:
        import opening_hours as oh
    except ImportError:
        print("opening-hours-py is not installed (Python 3.10+: pip install '.[test]'); ours only.\n")
        return results

    aware = oh.OpeningHours(TEXT, timezone=ZONE)
    naive = oh.OpeningHours(TEXT)
    naive_start, naive_end = YEAR_START.replace(tzinfo=None), YEAR_END.replace(tzinfo=None)
    results["parse"].update(peer_aware=best(lambda: oh.OpeningHours(TEXT, timezone=ZONE), 2000, repeat))
    results["parse"]["peer_naive"] = best(lambda: oh.OpeningHours(TEXT), 2000, repeat)
    results["is_open"].update(
        peer_aware=per_instant(aware.is_open, INSTANTS, repeat),
        peer_naive=per_instant(naive.is_open, NAIVE, repeat),
    )
    results["next_change"].update(
        peer_aware=per_instant(aware.next_change, INSTANTS, repeat),
        peer_naive=per_instant(naive.next_change, NAIVE, repeat),
    )
    results["year of intervals"].update(
        peer_aware=best(lambda: list(aware.intervals(YEAR_START, YEAR_END)), 20, repeat),
        peer_naive=best(lambda: list(naive.intervals(naive_start, naive_end)), 20, repeat),
    )
    results["parse + first year (cold)"].update(
        peer_aware=best(
            lambda: list(oh.OpeningHours(TEXT, timezone=ZONE).intervals(YEAR_START, YEAR_END)), 5, repeat
        ),
        peer_naive=best(lambda: list(oh.OpeningHours(TEXT).intervals(naive_start, naive_end)), 5, repeat),
    )
    return results


def show(seconds: Optional[float]) -> str:
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:9.2f} µs"
    return f"{seconds * 1e3:9.3f} ms"


def ratio(ours: Optional[float], peer: Optional[float]) -> str:
    return "-" if ours is None or peer is None else f"{ours / peer:6.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    options = parser.parse_args()
    results = measure(repeat=2 if options.quick else 7)
    print(f"pageavail {pa.__version__} on Python {sys.version.split()[0]}; schedule {TEXT!r} in {ZONE.key}")
    header = f"{'operation':<27}{'pageavail':>13}{'peer aware':>13}{'peer naive':>13}"
    header += f"{'ours/aware':>11}{'ours/naive':>11}"
    print(header)
    print("-" * len(header))
    for name, row in results.items():
        print(
            f"{name:<27}{show(row.get('ours')):>13}{show(row.get('peer_aware')):>13}"
            f"{show(row.get('peer_naive')):>13}{ratio(row.get('ours'), row.get('peer_aware')):>11}"
            f"{ratio(row.get('ours'), row.get('peer_naive')):>11}"
        )


if __name__ == "__main__":
    main()
