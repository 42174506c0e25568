"""Presence speed: compile time and per-query time for 10, 1,000 and 100,000 sessions.

Run: python benchmarks/bench_presence.py [--quick]

Queries are binary searches over merged instants, so their time grows with
log(n), not n: while n grows ten-thousand-fold the per-query time stays flat
(its constant overhead dominates the dozen or so comparisons), and the last
column, time per log2(n), falls. There is no peer library
for presence; the baseline is a plain loop over the sessions.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import timeit
from datetime import datetime, timedelta, timezone
from typing import List

from pageavail.presence import PagePresence, Session
from pageavail.team import Grant, Team

T0 = datetime(2026, 11, 1, tzinfo=timezone.utc)
CLIENTS = ["web", "mobile", "page_manager", "business_inbox", "api"]


def make_sessions(count: int, people: List[str], seed: int = 7) -> List[Session]:
    """*count* sessions of *people* spread over 30 days, each 1 to 240 minutes long."""
    rng = random.Random(seed)
    items = []
    for _ in range(count):
        start = T0 + timedelta(seconds=rng.randrange(30 * 86_400))
        seen = start + timedelta(minutes=rng.randrange(1, 240))
        items.append(Session(rng.choice(people), rng.choice(CLIENTS), start, seen))
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    options = parser.parse_args()
    repeat = 2 if options.quick else 5
    people = [f"p{i}" for i in range(50)]
    team = Team.of(
        "acme", [Grant(p, "acme", role="editor" if i % 5 else "analyst") for i, p in enumerate(people)]
    )
    rng = random.Random(1)
    queries = [T0 + timedelta(seconds=rng.randrange(30 * 86_400)) for _ in range(2000)]
    print(f"Python {sys.version.split()[0]}; 50 people, 5 clients, 30 days")
    print(f"{'sessions':>9}{'compile':>12}{'is_live':>12}{'loop is_live':>14}{'per log2(n)':>13}")
    for count in (10, 1_000, 100_000):
        row(team, make_sessions(count, people), queries, repeat)


def row(team: Team, items: List[Session], queries: List[datetime], repeat: int) -> None:
    """Time compiling *items* and querying them; print one line."""
    count = len(items)
    compile_time = min(timeit.repeat(lambda: PagePresence.compile(team, items), number=1, repeat=repeat))
    presence = PagePresence.compile(team, items)

    def queries_loop() -> None:
        for at in queries:
            presence.is_live(at)

    per_query = min(timeit.repeat(queries_loop, number=1, repeat=repeat)) / len(queries)
    counted = [s for s in items if s.client.value != "api" and s.person in team.answerers]

    def plain_loop() -> None:
        for at in queries[:20]:
            any(s.started <= at < s.last_seen + timedelta(minutes=10) for s in counted)

    per_plain = min(timeit.repeat(plain_loop, number=1, repeat=repeat)) / 20
    print(
        f"{count:>9,}{compile_time * 1e3:>10.1f}ms{per_query * 1e6:>10.2f}µs"
        f"{per_plain * 1e6:>12.1f}µs{per_query * 1e9 / math.log2(count):>11.1f}ns"
    )


if __name__ == "__main__":
    main()
