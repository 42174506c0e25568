"""Decisions per second on a compiled Page: status plus prompt, as on every page view.

Run: python benchmarks/bench_decision.py [--quick]

A Page with response hours and public holidays, 5 people, and 20, 200 or 2,000
sessions over a day. Each row times, per call over 1,000 page views spread over
that day: ``prompt()`` (the status and the visitor prompt with its payload: the
page-view path; *shown* is the share of views that get the payload),
``decide()`` (the status with the team's full explanation and the next change),
and the one-off ``compile()``. The Page is warmed with other instants of the
same day than the ones timed, so nothing is reused from the timed instants
themselves. The last lines give the memory of a typical compiled Page
(measured with ``tracemalloc``), what of it the Page and the sessions passed
in already hold, and the goals.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import timeit
import tracemalloc
from datetime import datetime, timedelta, timezone
from typing import Callable, List

import pageavail as pa

T0 = datetime(2026, 11, 27, 7, 0, tzinfo=timezone.utc)
PEOPLE = ["anna", "ben", "cleo", "dev", "eli"]


def build(count: int) -> pa.CompiledPage:
    rng = random.Random(count)
    hours = pa.Schedule.parse(
        "Mo-Fr 09:00-17:00; Sa 10:00-14:00; PH off", zone="Europe/Berlin", holidays="DE-BE"
    )
    page = pa.Page(
        id="acme",
        name="Acme Bakery",
        zone="Europe/Berlin",
        locale="de",
        settings=pa.MessagingSettings(hours=hours),
        grants=[pa.Grant(p, "acme", role="editor" if i else "admin") for i, p in enumerate(PEOPLE)],
    )
    sessions = []
    for _ in range(count):
        start = T0 + timedelta(seconds=rng.randrange(12 * 3600))
        sessions.append(
            pa.Session(
                rng.choice(PEOPLE),
                rng.choice(["web", "mobile", "api"]),
                start,
                start + timedelta(minutes=rng.randrange(1, 90)),
            )
        )
    return page.compile(sessions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    repeat = 2 if parser.parse_args().quick else 5
    rng = random.Random(3)
    views: List[datetime] = [T0 + timedelta(seconds=rng.randrange(12 * 3600)) for _ in range(1000)]
    warm = [T0 + timedelta(seconds=rng.randrange(12 * 3600)) for _ in range(1000)]
    visitors = [f"v-{i}" for i in range(1000)]
    print(f"Python {sys.version.split()[0]}; Page with hours and holidays; 5 people")
    print(
        f"{'sessions':>9}{'prompt':>10}{'shown':>7}{'prompts/s':>12}{'decide':>10}{'decisions/s':>13}"
        f"{'compile':>10}"
    )
    for count in (20, 200, 2000):
        live = build(count)
        for at, visitor in zip(warm, visitors):  # warm: the week's hours, the texts, the checks
            live.decide(at)
            live.prompt(at, visitor=visitor)
        shown = sum(live.prompt(at, visitor=visitor).shown for at, visitor in zip(views, visitors))

        def prompts(live: pa.CompiledPage = live) -> None:
            for at, visitor in zip(views, visitors):
                live.prompt(at, visitor=visitor)

        def decisions(live: pa.CompiledPage = live) -> None:
            for at in views:
                live.decide(at)

        per_prompt = min(timeit.repeat(prompts, number=1, repeat=repeat)) / len(views)
        per_decide = min(timeit.repeat(decisions, number=1, repeat=repeat)) / len(views)
        page, sessions = live.page, live.presence.sessions
        compile_time = (
            min(timeit.repeat(lambda p=page, s=sessions: p.compile(s), number=10, repeat=repeat)) / 10
        )
        print(
            f"{count:>9,}{per_prompt * 1e6:>8.2f}µs{shown / len(views):>7.0%}{1 / per_prompt:>12,.0f}"
            f"{per_decide * 1e6:>8.1f}µs{1 / per_decide:>13,.0f}{compile_time * 1e3:>8.3f}ms"
        )
    print("goals: prompt ≤ 2 µs at 20 and 2,000 sessions; decide ≤ 10 µs; compile with 20 sessions ≤ 0.05 ms")
    at = views[0]
    whole = memory(lambda: _asked(build(20), at))
    page = memory(lambda: _asked(build(20), at).page)
    print(
        f"memory of a typical compiled Page (20 sessions, asked once): {whole / 1024:.1f} KiB "
        f"(goal ≤ 5 KiB);\n  of it the Page itself (settings, parsed hours, team), asked the same: "
        f"{page / 1024:.1f} KiB; the sessions and what is compiled from them: {(whole - page) / 1024:.1f} KiB"
    )


def _asked(live: pa.CompiledPage, at: datetime) -> pa.CompiledPage:
    """*live* after one page view at *at*."""
    live.prompt(at)
    return live


def memory(make: Callable[[], object], count: int = 100) -> float:
    """Bytes held per value *make* returns, each made anew (and kept) *count* times."""
    make()  # load modules and shared data first
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = [make() for _ in range(count)]
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del kept
    return (after - before) / count


if __name__ == "__main__":
    main()
