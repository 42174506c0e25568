"""Scale-out: a day of page views for many Pages on a local Dask cluster, checked against pandas.

Run: python examples/dask_visits.py   (needs: pip install 'pageavail[dask]')

Makes 60 Pages in three zones, each with a teammate online for a stretch of
the day, and 30,000 page views of them (a fifth by visitors who are not signed
in). Dask evaluates the views partition by partition, with
``pageavail.analysis.evaluate_visits``, on a local ``distributed`` cluster; the
same call on the whole table in pandas must give the same answer. The cluster
runs its workers as threads of this process, and every wait is bounded, so the
example neither hangs nor needs worker processes. The tests run this file.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from typing import Dict, Tuple

import dask
import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster

import pageavail as pa
from pageavail.analysis import evaluate_visits

DAY = datetime(2026, 11, 27, tzinfo=timezone.utc), datetime(2026, 11, 28, tzinfo=timezone.utc)
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Tokyo")
HOURS = ("Mo-Fr 09:00-17:00", "Mo-Sa 08:00-20:00", None)  # None: always within hours


def make_pages(count: int, seed: int = 7) -> Dict[str, pa.CompiledPage]:
    """*count* Pages, each compiled with one teammate online for a few hours of the day."""
    draw = random.Random(seed)
    pages = {}
    for number in range(count):
        page_id, zone = f"page-{number:03d}", ZONES[number % len(ZONES)]
        text = HOURS[number % len(HOURS)]
        hours = None if text is None else pa.Schedule.parse(text, zone=zone)
        page = pa.Page(
            id=page_id,
            name=f"Shop {number}",
            zone=zone,
            settings=pa.MessagingSettings(hours=hours),
            grants=[pa.Grant("anna", page_id, role="editor")],
            policy=pa.Policy(prompt_cooldown=timedelta(hours=draw.choice([1, 6, 24]))),
        )
        online = DAY[0] + timedelta(minutes=draw.randrange(0, 20 * 60))
        sessions = [pa.Session("anna", "web", online, online + timedelta(hours=draw.randrange(1, 5)))]
        pages[page_id] = page.compile(sessions)
    return pages


def make_views(pages: Dict[str, pa.CompiledPage], count: int, seed: int = 11) -> pd.DataFrame:
    """*count* page views over the day: page_id, visitor (None when not signed in), at."""
    draw = random.Random(seed)
    ids = sorted(pages)
    rows = []
    for _ in range(count):
        visitor = None if draw.random() < 0.2 else f"v-{draw.randrange(2_000)}"
        at = DAY[0] + timedelta(seconds=draw.randrange(86_400))
        rows.append({"page_id": draw.choice(ids), "visitor": visitor, "at": at})
    return pd.DataFrame(rows)


def evaluate_on_dask(views: pd.DataFrame, pages: Dict[str, pa.CompiledPage]) -> pd.DataFrame:
    """The views evaluated partition by partition on a local cluster of threads, every wait bounded.

    Each Page's views fall in one partition (the table is indexed by Page), so a
    visitor's views of one Page are together and cooldowns are exact.
    """
    table = dd.from_pandas(views.set_index(views["page_id"].rename("page")), npartitions=6, sort=True)
    meta = evaluate_visits(views.iloc[:0], pages, *DAY)
    bounded = {"distributed.comm.timeouts.connect": "20s", "distributed.comm.timeouts.tcp": "20s"}
    with dask.config.set(bounded):
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None, timeout="60s"
        )
        try:
            with Client(cluster, timeout="60s") as client:
                graph = table.map_partitions(evaluate_visits, pages, *DAY, meta=meta)
                result: pd.DataFrame = client.compute(graph).result(timeout=300)
        finally:
            cluster.close(timeout=30)
    return result.reset_index(drop=True)


def in_order(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["page_id", "at", "visitor"], na_position="first").reset_index(drop=True)


def rows(frame: pd.DataFrame) -> list:
    """The rows as plain values (dask may store texts in another string dtype than pandas)."""
    visitors = [None if pd.isna(v) else str(v) for v in frame["visitor"]]
    return list(
        zip(map(str, frame["page_id"]), visitors, frame["at"], map(str, frame["status"]), frame["shown"])
    )


def main(pages: int = 60, views: int = 30_000) -> Tuple[pd.DataFrame, pd.Series]:
    compiled = make_pages(pages)
    table = make_views(compiled, views)
    on_dask = in_order(evaluate_on_dask(table, compiled))
    on_pandas = in_order(evaluate_visits(table, compiled, *DAY))
    assert rows(on_dask) == rows(on_pandas), "dask and pandas disagree"
    shown = on_dask.groupby("page_id")["shown"].sum().sort_values(ascending=False)
    print(f"{len(on_dask):,} views of {pages} Pages on {DAY[0]:%Y-%m-%d} (UTC): dask and pandas agree")
    print(f"prompts shown: {int(shown.sum()):,}; the most on {shown.index[0]}: {int(shown.iloc[0]):,}")
    print(on_dask["status"].value_counts().sort_index().to_string())
    return on_dask, shown


if __name__ == "__main__":
    main()
