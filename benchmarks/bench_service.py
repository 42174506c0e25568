"""Service speed: events/s and page views/s over HTTP, and one apply plus the next prompt in the library.

Run: python benchmarks/bench_service.py [--quick]

The HTTP part starts the reference service (examples/service/app.py) under
uvicorn on a free loopback port with a fresh SQLite file, and drives it with
httpx at a few concurrency levels: single events (POST, each committed before
the reply) and page views (GET prompt). The service reports its own time in a
``Server-Timing`` header: ``pageavail`` is the library's share (reading the
event, apply, prompt, snapshots), ``handler`` the whole route including
SQLite; the rest of each request's latency is HTTP, the framework and the
client. Client and server share this machine, so the figures are a floor for
what one process does, not a capacity plan.

The library part needs none of that: one ``LivePage.apply`` of an activity
event followed by the ``prompt`` of the next page view, with 20 and 2,000
open sessions on the Page.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Awaitable, Callable, Iterator, List, Optional, Tuple

import pageavail as pa

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "examples" / "service" / "app.py"
T0 = datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc)
GOAL_MICROS = 5.0
PROMPT_GOAL_MICROS = 2.0
PEOPLE = [f"p{i}" for i in range(50)]

PAGE_FILE = "\n".join(
    [
        '[page]\nid = "desk"\nname = "Help Desk"\nzone = "Europe/Berlin"\n',
        *(f'[[team]]\nperson = "{person}"\nrole = "editor"\n' for person in PEOPLE),
    ]
)


# -- the library ------------------------------------------------------------------------------


def live_page(sessions: int) -> Tuple[pa.LivePage, random.Random, List[Tuple[str, str]]]:
    """A LivePage with *sessions* devices, each with a session started in the ten minutes
    before T0, the random numbers that chose them (to go on with) and the devices."""
    page = pa.Page(
        id="desk",
        name="Help Desk",
        zone="Europe/Berlin",
        grants=[pa.Grant(p, "desk", role="editor") for p in PEOPLE],
    )
    rng = random.Random(sessions)
    devices = [(rng.choice(PEOPLE), f"d{index}") for index in range(sessions)]
    live = pa.LivePage.start(page).apply_all(
        pa.PresenceEvent.started(
            person, device=device, client="web", at=T0 - timedelta(seconds=rng.randrange(600))
        )
        for person, device in devices
    )
    return live, rng, devices


def library_row(sessions: int, steps: int, repeat: int) -> Tuple[float, float, float, float]:
    """Microseconds for apply, status, prompt, and apply plus prompt, with *sessions* open sessions."""
    base, rng, devices = live_page(sessions)
    moments = [T0 + timedelta(milliseconds=50 * step) for step in range(steps)]
    events = [
        pa.PresenceEvent.activity(person, device=device, at=at)
        for (person, device), at in zip((rng.choice(devices) for _ in moments), moments)
    ]
    pairs = list(zip(events, moments))

    def both() -> None:
        live = base
        for event, at in pairs:
            live = live.apply(event)
            live.prompt(at, visitor="v-1")

    def apply_only() -> None:
        live = base
        for event, _ in pairs:
            live = live.apply(event)

    final = base.apply_all(events)

    def prompt_only() -> None:
        for _, at in pairs:
            final.prompt(at, visitor="v-1")

    def status_only() -> None:
        for _, at in pairs:
            final.state(at)

    def best(run: Callable[[], None]) -> float:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        return min(times) / steps * 1e6

    return best(apply_only), best(status_only), best(prompt_only), best(both)


def older_value(sessions: int, later: int) -> Tuple[float, float]:
    """Microseconds for the first and the next page view of a value *later* applies old.

    The values of one lineage share a store changed in place for the newest one;
    an older value asked makes a store of its own first (a copy with the later
    changes undone), once.
    """
    base, rng, devices = live_page(sessions)
    firsts, nexts = [], []
    for round_ in range(5):
        old = base.apply(pa.PresenceEvent.activity(devices[round_][0], device=devices[round_][1], at=T0))
        live = old
        for step in range(later):
            person, device = rng.choice(devices)
            live = live.apply(
                pa.PresenceEvent.activity(
                    person, device=device, at=T0 + (step + 1) * timedelta(milliseconds=50)
                )
            )
        started = time.perf_counter()
        old.prompt(T0, visitor="v-1")
        firsts.append(time.perf_counter() - started)
        started = time.perf_counter()
        old.prompt(T0, visitor="v-1")
        nexts.append(time.perf_counter() - started)
    return min(firsts) * 1e6, min(nexts) * 1e6


def older_value_memory(sessions: int, heartbeats: int, spread: bool) -> float:
    """KiB that an older value kept alive holds beyond the newest alone, after *heartbeats*
    later heartbeats (on random devices, or on one), by ``tracemalloc`` from before the Page."""
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        old, rng, devices = live_page(sessions)
        live = old
        for step in range(heartbeats):
            person, device = rng.choice(devices) if spread else devices[0]
            at = T0 + step * timedelta(milliseconds=50)
            live = live.apply(pa.PresenceEvent.activity(person, device=device, at=at))
        gc.collect()
        both = tracemalloc.get_traced_memory()[0]
        del old
        gc.collect()
        alone = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    return (both - alone) / 1024


def library(quick: bool) -> None:
    steps, repeat = (2_000, 3) if quick else (20_000, 5)
    print(f"Library: one apply (an activity event) plus the next prompt, {steps:,} steps, best of {repeat}")
    print(f"{'sessions':>9}{'apply':>10}{'status':>10}{'prompt':>10}{'apply+prompt':>14}{'goal':>9}")
    for sessions in (20, 2_000):
        apply_us, status_us, prompt_us, both_us = library_row(sessions, steps, repeat)
        verdict = "met" if both_us <= GOAL_MICROS else "missed"
        print(
            f"{sessions:>9,}{apply_us:>8.2f}µs{status_us:>8.2f}µs{prompt_us:>8.2f}µs{both_us:>12.2f}µs"
            f"{GOAL_MICROS:>7.1f}µs  {verdict}"
        )
    for sessions in (20, 2_000):
        for later in (1, 100):
            first_us, next_us = older_value(sessions, later)
            print(
                f"{sessions:>9,} sessions, a value {later:>3} applies old: first page view "
                f"{first_us:>7.1f}µs "
                f"(a store of its own), the next {next_us:.1f}µs"
            )
    heartbeats = 10_000 if quick else 100_000
    for sessions, spread in ((20, True), (2_000, True), (2_000, False)):
        held = older_value_memory(sessions, heartbeats, spread)
        where = "random devices" if spread else "one device"
        print(
            f"{sessions:>9,} sessions, a value kept while {heartbeats:,} heartbeats on {where} are applied: "
            f"it holds {held:,.1f} KiB beyond the newest (tracemalloc)"
        )
    print(
        "(status: the ladder alone, as LivePage.state answers it; prompt: status plus the visitor's\n"
        f" payload, which every view here gets; goals: apply + prompt ≤ {GOAL_MICROS:.0f} µs, "
        f"a prompt ≤ {PROMPT_GOAL_MICROS:.0f} µs)"
    )


# -- over HTTP --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_times(header: str) -> Tuple[float, float]:
    """``pageavail`` and ``handler`` durations (ms) from a Server-Timing header."""
    found = dict(part.strip().split(";dur=") for part in header.split(","))
    return float(found["pageavail"]), float(found["handler"])


async def drive(
    httpx: Any, url: str, concurrency: int, requests: int, send: Callable[[Any, int], Awaitable[Any]]
) -> Tuple[float, float, float, float]:
    """Requests/s, then the mean latency, pageavail and handler time (ms) over *concurrency* workers."""
    latencies: List[float] = []
    ours: List[float] = []
    handler: List[float] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=30.0, limits=limits) as client:

        async def worker(number: int) -> None:
            for index in range(number, requests, concurrency):
                started = time.perf_counter()
                for attempt in range(3):  # a connection the server closed as idle: send again (harmless)
                    try:
                        response = await send(client, index)
                        break
                    except httpx.TransportError:
                        if attempt == 2:
                            raise
                latencies.append((time.perf_counter() - started) * 1e3)
                response.raise_for_status()
                mine, whole = server_times(response.headers["server-timing"])
                ours.append(mine)
                handler.append(whole)

        started = time.perf_counter()
        await asyncio.gather(*(worker(number) for number in range(concurrency)))
        elapsed = time.perf_counter() - started
    mean = sum(latencies) / len(latencies)
    return requests / elapsed, mean, sum(ours) / len(ours), sum(handler) / len(handler)


def http(quick: bool) -> None:
    try:
        import httpx
        import starlette  # noqa: F401
        import uvicorn
    except ImportError as missing:
        print(f"\nHTTP part skipped: {missing.name} is not installed (pip install '.[service]')")
        return
    levels, requests = ((1, 8), 200) if quick else ((1, 8, 32), 2_000)
    print(
        f"\nHTTP: uvicorn {uvicorn.__version__}, one server process, SQLite in WAL mode; "
        f"{requests:,} requests a row"
    )
    print(
        f"{'':>20}{'workers':>8}{'req/s':>8}{'latency':>10}{'server CPU':>12}{'handler':>10}{'pageavail':>11}"
        f"{'of latency':>12}{'of CPU':>8}"
    )
    runs = [("events, sync=full", "full", post_event), ("events, sync=normal", "normal", post_event)]
    runs.append(("page views", "full", get_prompt))
    for label, sync, send in runs:
        with serving(httpx, sync) as (url, pid):
            if send is get_prompt:  # 200 people online, so that every visitor gets the payload
                asyncio.run(drive(httpx, url, 4, 200, post_event))
                assert httpx.get(f"{url}/pages/desk/prompt", timeout=10).json()["shown"]
            for concurrency in levels:
                before = cpu_seconds(pid)
                rate, latency, ours, handler = asyncio.run(drive(httpx, url, concurrency, requests, send))
                after = cpu_seconds(pid)
                cpu = None if before is None or after is None else (after - before) / requests * 1e3
                cpu_text = "n/a" if cpu is None else f"{cpu:.2f}ms"
                share = "n/a" if not cpu else f"{ours / cpu:.1%}"
                print(
                    f"{label:>20}{concurrency:>8}{rate:>8,.0f}{latency:>8.2f}ms{cpu_text:>12}{handler:>8.3f}ms"
                    f"{ours:>9.3f}ms{ours / latency:>12.1%}{share:>8}"
                )
    print(
        "(server CPU: the server process's CPU time per request, from /proc; handler: the route's own time;\n"
        " pageavail: the library's part of it, from the Server-Timing header)"
    )


def cpu_seconds(pid: int) -> Optional[float]:
    """User plus system CPU seconds of process *pid* so far (Linux), or None where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def serving(httpx: Any, sync: str) -> Iterator[Tuple[str, int]]:
    """The service on a free loopback port with a fresh database, stopped at the end: its URL and pid."""
    with tempfile.TemporaryDirectory() as folder:
        pages = Path(folder) / "pages"
        pages.mkdir()
        (pages / "desk.toml").write_text(PAGE_FILE, encoding="utf-8")
        port = free_port()
        command = [
            sys.executable,
            str(APP),
            "--pages",
            str(pages),
            "--db",
            str(Path(folder) / "events.sqlite3"),
        ]
        command += ["--port", str(port), "--prune-seconds", "0", "--sync", sync]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            ready(httpx, url, server)
            yield url, server.pid
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=15)


def ready(httpx: Any, url: str, server: Any) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(f"{url}/health", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.05)
    raise SystemExit("the service did not start within 30 s")


def post_event(client: Any, index: int) -> Awaitable[Any]:
    person, device = PEOPLE[index % len(PEOPLE)], f"d{index % 200}"
    if index < 200:
        body = {"kind": "started", "person": person, "device": device, "client": "web"}
    else:
        body = {"kind": "activity", "person": person, "device": device}
    return client.post("/pages/desk/events", json=body)  # type: ignore[no-any-return]


def get_prompt(client: Any, index: int) -> Awaitable[Any]:
    return client.get("/pages/desk/prompt", params={"visitor": f"v-{index}"})  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer requests and steps (a smoke run)")
    options = parser.parse_args()
    print(f"Python {sys.version.split()[0]}; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    library(options.quick)
    http(options.quick)


if __name__ == "__main__":
    main()
