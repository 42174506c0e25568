"""Schedule speed and memory, side by side with opening-hours-py (the Rust-backed peer), in one run.

Run: python benchmarks/bench_schedule.py [--quick]

Every figure is the best of several repeats, per call. Warm queries cycle over
the same 1,000 instants spread across 2026 in Europe/Berlin. The peer is timed
with aware datetimes and its ``timezone`` argument (the same job as ours) and
with naive wall-clock datetimes (its fastest mode, which cannot be right across
DST). Ratios are ours / peer (aware): below 1 means pageavail is faster.

A *cold start* is what a service pays for a Page it meets for the first time:
parse, then one question in a year not asked about before. pageavail shares
parses of a text, the compiled rules and weekly pattern of a set of rules, the
steps of equal rules, evaluated days and calendars from a code between
schedules (bounded tables), so a text seen before ("shared") costs less than a
new one ("new text": every such table is emptied before each call).
"""

from __future__ import annotations

import argparse
import gc
import sys
import timeit
import tracemalloc
from datetime import date, datetime, timedelta
from typing import Callable, Dict, List, Optional, Tuple

import pageavail as pa
from pageavail import _calendar as calendar_module
from pageavail import _compile as compile_module
from pageavail import schedule as schedule_module
from pageavail._time import ZoneInfo

TEXT = "Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00"
DATED = "Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00; Dec 24-26 off; 2026 Dec 31 10:00-12:00"
ZONE = ZoneInfo("Europe/Berlin")
YEAR_START = datetime(2026, 1, 1, tzinfo=ZONE)
YEAR_END = datetime(2027, 1, 1, tzinfo=ZONE)
INSTANTS = [YEAR_START + timedelta(minutes=523 * i + 7) for i in range(1000)]
NAIVE = [at.replace(tzinfo=None) for at in INSTANTS]
#: One instant in each of many years: every cold start asks about another year.
COLD = [datetime(2030 + i % 900, 3, 4, 10, 30, tzinfo=ZONE) for i in range(1000)]

#: School holidays from 2026 to 9000 (one range): the next change is in 9001.
SH_TEXT = "Mo-Fr 09:00-17:00; SH off"
SH_RANGES = [(date(2026, 1, 1), date(9000, 12, 31))]
SH_AT = datetime(2026, 11, 27, 10, tzinfo=ZONE)

#: The goals of issue 14, as the largest ratio ours / peer (aware) allowed.
GOALS = {"cold start: parse + is_open": 1.0, "parse": 3.0}
MEMORY_GOAL = 5 * 1024


def best(function: Callable[[], object], number: int, repeat: int) -> float:
    """Best seconds per call of *function* over *repeat* runs of *number* calls."""
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number


def per_instant(query: Callable[[datetime], object], instants: List[datetime], repeat: int) -> float:
    """Best seconds per query, cycling over *instants*."""

    def loop() -> None:
        for at in instants:
            query(at)

    return best(loop, 1, repeat) / len(instants)


def forget() -> None:
    """Empty pageavail's shared tables, so that the next parse starts from nothing."""
    for module, name in (
        (schedule_module, "_PARSED"),
        (schedule_module, "_PROGRAMS"),
        (compile_module, "_RULE_STEPS"),
        (compile_module, "_SELECTIONS"),
        (compile_module, "_DAY_SPANS"),
        (calendar_module, "_BY_CODE"),
    ):
        getattr(module, name, {}).clear()  # absent in older versions: nothing to empty


def cold(query: Callable[[object, datetime], object], new_text: bool) -> Callable[[], None]:
    """Parse and ask one question in another year, many times (optionally from empty tables)."""

    def loop() -> None:
        for at in COLD:
            if new_text:
                forget()
            query(pa.Schedule.parse(TEXT, zone="Europe/Berlin"), at)

    return loop


Row = Dict[str, Optional[float]]
#: Seconds to empty the shared tables once (see :func:`measure`).
FORGET_SECONDS = 0.0


def measure(repeat: int) -> Dict[str, Row]:
    results: Dict[str, Row] = {}
    ours = pa.Schedule.parse(TEXT, zone="Europe/Berlin")
    ours.intervals(YEAR_START, YEAR_END)  # compile 2026 (and what a query may touch)
    for at in INSTANTS:
        ours.is_open(at)
        ours.next_change(at)

    def ours_cold_year() -> None:
        forget()
        pa.Schedule.parse(TEXT, zone="Europe/Berlin").intervals(YEAR_START, YEAR_END)

    def parse_new() -> None:
        forget()
        pa.Schedule.parse(TEXT, zone="Europe/Berlin")

    n = len(COLD)

    def forget_only() -> None:
        for _ in COLD:
            forget()

    # Emptying the tables before each "new text" call is the harness's work, not the
    # library's: timed alone in the same way, and taken off those figures.
    global FORGET_SECONDS
    FORGET_SECONDS = best(forget_only, 1, repeat) / n
    results["cold start: parse + is_open"] = {
        "ours": best(cold(lambda s, at: s.is_open(at), True), 1, repeat) / n,  # type: ignore[attr-defined]
        "ours_shared": best(cold(lambda s, at: s.is_open(at), False), 1, repeat) / n,  # type: ignore[attr-defined]
    }
    results["cold: parse + next_change"] = {
        "ours": best(cold(lambda s, at: s.next_change(at), True), 1, repeat) / n,  # type: ignore[attr-defined]
        "ours_shared": best(cold(lambda s, at: s.next_change(at), False), 1, repeat) / n,  # type: ignore[attr-defined]
    }
    results["parse"] = {
        "ours": best(parse_new, 2000, repeat),
        "ours_shared": best(lambda: pa.Schedule.parse(TEXT, zone="Europe/Berlin"), 2000, repeat),
    }
    results["is_open"] = {"ours": per_instant(ours.is_open, INSTANTS, repeat)}
    results["next_change"] = {"ours": per_instant(ours.next_change, INSTANTS, repeat)}
    results["year of intervals"] = {"ours": best(lambda: ours.intervals(YEAR_START, YEAR_END), 20, repeat)}
    results["cold: parse + year of intervals"] = {"ours": best(ours_cold_year, 5, repeat)}

    def school_holidays_to_9000() -> None:  # closed until 9001: the stretch of whole years is skipped
        forget()
        pa.Schedule.parse(SH_TEXT, zone="Europe/Berlin", school_holidays=SH_RANGES).next_change(SH_AT)

    results["cold: SH 2026-9000 next_change"] = {"ours": best(school_holidays_to_9000, 1, repeat)}
    for name in (  # the figures whose every call empties the tables once
        "cold start: parse + is_open",
        "cold: parse + next_change",
        "parse",
        "cold: parse + year of intervals",
        "cold: SH 2026-9000 next_change",
    ):
        results[name]["ours"] = max(0.0, (results[name]["ours"] or 0.0) - FORGET_SECONDS)

    try:
        import opening_hours as oh
    except ImportError:
        print("opening-hours-py is not installed (Python 3.10+: pip install '.[test]'); ours only.\n")
        return results

    aware = oh.OpeningHours(TEXT, timezone=ZONE)
    naive = oh.OpeningHours(TEXT)
    naive_start, naive_end = YEAR_START.replace(tzinfo=None), YEAR_END.replace(tzinfo=None)
    naive_cold = [at.replace(tzinfo=None) for at in COLD]

    def peer_cold(method: str, instants: List[datetime], zone: Optional[ZoneInfo]) -> Callable[[], None]:
        def loop() -> None:
            for at in instants:
                made = oh.OpeningHours(TEXT, timezone=zone) if zone else oh.OpeningHours(TEXT)
                getattr(made, method)(at)

        return loop

    results["cold start: parse + is_open"].update(
        peer_aware=best(peer_cold("is_open", COLD, ZONE), 1, repeat) / n,
        peer_naive=best(peer_cold("is_open", naive_cold, None), 1, repeat) / n,
    )
    results["cold: parse + next_change"].update(
        peer_aware=best(peer_cold("next_change", COLD, ZONE), 1, repeat) / n,
        peer_naive=best(peer_cold("next_change", naive_cold, None), 1, repeat) / n,
    )
    results["parse"].update(
        peer_aware=best(lambda: oh.OpeningHours(TEXT, timezone=ZONE), 2000, repeat),
        peer_naive=best(lambda: oh.OpeningHours(TEXT), 2000, repeat),
    )
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
    results["cold: parse + year of intervals"].update(
        peer_aware=best(
            lambda: list(oh.OpeningHours(TEXT, timezone=ZONE).intervals(YEAR_START, YEAR_END)), 5, repeat
        ),
        peer_naive=best(lambda: list(oh.OpeningHours(TEXT).intervals(naive_start, naive_end)), 5, repeat),
    )
    return results


def memory(text: str, distinct: bool, pages: int = 200) -> Tuple[float, float]:
    """Bytes held per schedule, after a few queries and after a year of them.

    Measured with ``tracemalloc`` over *pages* schedules kept alive together
    (so that freed temporaries kept on free lists average out): with
    *distinct*, each from its own text (an hour of ``10:mm`` added), so that
    nothing is shared; else all from *text*, sharing its parse and pattern.
    """
    at = datetime(2026, 11, 27, 10, 30, tzinfo=ZONE)
    texts = [f"{text}; Su 10:{i % 60:02d}-1{1 + i // 60}:00" if distinct else text for i in range(pages)]
    forget()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    schedules = [pa.Schedule.parse(t, zone="Europe/Berlin") for t in texts]
    for schedule in schedules:
        for minutes in (0, 5, 90, 400):  # what a page view asks: open? until when?
            schedule.is_open(at + timedelta(minutes=minutes))
            schedule.next_change(at + timedelta(minutes=minutes))
    few = (tracemalloc.get_traced_memory()[0] - before) / pages
    for schedule in schedules[:20]:  # a year of questions
        for instant in INSTANTS:
            schedule.is_open(instant)
            schedule.next_change(instant)
    year = (tracemalloc.get_traced_memory()[0] - before - few * pages) / 20 + few
    tracemalloc.stop()
    return few, year


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
    header = (
        f"{'operation':<32}{'new text':>13}{'shared':>13}{'peer aware':>13}{'peer naive':>13}"
        f"{'new/aware':>11}{'shared/aw':>11}{'goal':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, row in results.items():
        goal = GOALS.get(name)
        print(
            f"{name:<32}{show(row.get('ours')):>13}{show(row.get('ours_shared')):>13}"
            f"{show(row.get('peer_aware')):>13}{show(row.get('peer_naive')):>13}"
            f"{ratio(row.get('ours'), row.get('peer_aware')):>11}"
            f"{ratio(row.get('ours_shared'), row.get('peer_aware')):>11}"
            f"{'' if goal is None else f'<= {goal:g}':>8}"
        )
    print(
        f"(new text: each call starts from empty shared tables; emptying them, "
        f"{FORGET_SECONDS * 1e6:.2f} µs a call timed alone, is taken off)"
    )
    print()
    for label, text in (("weekly", TEXT), ("with dates", DATED)):
        for distinct in (True, False):
            few, year = memory(text, distinct)
            kind = "its own text" if distinct else "a shared text"
            print(
                f"memory per schedule ({label}, {kind}; tracemalloc): {few:,.0f} bytes after a few "
                f"queries (goal <= {MEMORY_GOAL:,}), {year:,.0f} bytes after a year of queries"
            )


if __name__ == "__main__":
    main()
