"""A reference service for pageavail: presence events in, visitor prompts out.

Run it (``pip install ".[service]"`` first):

    python examples/service/app.py --pages examples --db service.sqlite3 --port 8000

or under uvicorn's own command, configured by the environment:

    PAGEAVAIL_PAGES=examples uvicorn app:app --app-dir examples/service

Routes:

    POST /pages/{id}/events    one event or a list (PresenceEvent.to_dict() form); an event
                               without "at" is stamped with the server's clock
    GET  /pages/{id}/prompt    ?visitor=&locale=&last_prompted=  what a visitor sees now
    GET  /pages/{id}/explain   ?at=&lang=  the status and its checks, for the Page's team
    GET  /health               ready to serve

Every accepted event is committed to SQLite before the reply. Each Page's live
value is snapshotted every ``--snapshot-every`` events, and on start it is
restored from its last snapshot plus the events after it. Every
``--prune-seconds`` each Page forgets what ended more than ``--keep-hours`` ago
(``LivePage.prune``) and is snapshotted. The clock is read here, at the edge,
and nowhere in the library.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import sqlite3
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, AsyncIterator, Dict, Iterator, List, Optional, Sequence, Tuple

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

import pageavail as pa
from pageavail.cli import parse_instant
from pageavail.config import load_page

log = logging.getLogger("uvicorn.error")

#: The largest request body read, in bytes.
MAX_BODY = 1_000_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, even after old rows are deleted
    page TEXT NOT NULL,
    received TEXT NOT NULL,                 -- the server's clock, for the record
    event TEXT NOT NULL                     -- PresenceEvent.to_dict() as JSON
);
CREATE INDEX IF NOT EXISTS events_of_page ON events (page, seq);
CREATE TABLE IF NOT EXISTS snapshots (
    page TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,                   -- the last event the snapshot holds
    taken TEXT NOT NULL,
    snapshot TEXT NOT NULL                  -- LivePage.snapshot() as JSON
);
"""


@dataclass(frozen=True)
class Settings:
    """Where the Pages and the database are, and how often to snapshot and prune."""

    pages: Path
    db: Path
    host: str = "127.0.0.1"
    port: int = 8000
    snapshot_every: int = 500
    keep: timedelta = timedelta(days=1)
    prune_seconds: float = 300.0
    sync: str = "full"

    @classmethod
    def parse(cls, argv: Optional[Sequence[str]] = None) -> Settings:
        """Settings from command-line flags, each defaulting to its environment variable."""
        env = os.environ.get
        parser = argparse.ArgumentParser(description="pageavail reference service")
        parser.add_argument("--pages", default=env("PAGEAVAIL_PAGES", "pages"), help="folder of Page files")
        parser.add_argument("--db", default=env("PAGEAVAIL_DB", "pageavail.sqlite3"), help="SQLite file")
        parser.add_argument("--host", default=env("PAGEAVAIL_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(env("PAGEAVAIL_PORT", "8000")))
        parser.add_argument(
            "--snapshot-every",
            type=int,
            default=int(env("PAGEAVAIL_SNAPSHOT_EVERY", "500")),
            help="snapshot a Page after this many events (default 500)",
        )
        parser.add_argument(
            "--keep-hours",
            type=float,
            default=float(env("PAGEAVAIL_KEEP_HOURS", "24")),
            help="prune what ended longer ago than this (default 24)",
        )
        parser.add_argument(
            "--prune-seconds",
            type=float,
            default=float(env("PAGEAVAIL_PRUNE_SECONDS", "300")),
            help="prune every this many seconds; 0 never (default 300)",
        )
        parser.add_argument(
            "--sync",
            choices=["full", "normal"],
            default=env("PAGEAVAIL_SYNC", "full"),
            help="SQLite synchronous: full survives a power cut, normal only a crash of the process",
        )
        args = parser.parse_args(argv)
        if args.snapshot_every < 1 or args.keep_hours <= 0 or args.prune_seconds < 0:
            parser.error(
                "--snapshot-every must be 1 or more, --keep-hours above 0, --prune-seconds 0 or more"
            )
        if args.sync not in ("full", "normal"):
            parser.error(f"--sync must be full or normal (got {args.sync!r})")
        return cls(
            Path(args.pages),
            Path(args.db),
            args.host,
            args.port,
            args.snapshot_every,
            timedelta(hours=args.keep_hours),
            args.prune_seconds,
            args.sync,
        )


def now() -> datetime:
    """The server's clock: the one place the time is read."""
    return datetime.now(timezone.utc)


def load_pages(folder: Path) -> Dict[str, pa.Page]:
    """Every ``*.toml`` Page file of *folder*, by Page id (a file's sessions are not used here)."""
    pages: Dict[str, pa.Page] = {}
    for path in sorted(folder.glob("*.toml")):
        page = load_page(path).page
        if page.id in pages:
            raise pa.PageAvailError(f"{path}: the Page id {page.id!r} is already used by another file")
        pages[page.id] = page
    if not pages:
        raise pa.PageAvailError(f"{folder}: no Page files (*.toml) found")
    return pages


def read_event(data: Any, where: str, stamp: datetime) -> pa.PresenceEvent:
    """An event from JSON; one without ``at`` happened when the server received it."""
    if isinstance(data, dict) and "at" not in data:
        data = {**data, "at": stamp.isoformat()}
    return pa.PresenceEvent.from_dict(data, where)


def to_json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class Service:
    """The Pages, their live values and the database.

    The routes call these methods on the event loop's one thread, and none of
    them awaits, so each runs whole: a request's events are committed, and
    only then applied, before another request is looked at.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pages = load_pages(settings.pages)
        self.live: Dict[str, pa.LivePage] = {}
        self.last_seq: Dict[str, int] = {}
        self.unsaved: Dict[str, int] = {}  # events since the last snapshot
        self.db = sqlite3.connect(str(settings.db), isolation_level=None)  # we say BEGIN and COMMIT
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(f"PRAGMA synchronous={settings.sync.upper()}")  # FULL: a commit survives a power cut
        self.db.executescript(SCHEMA)
        for page in self.pages.values():
            self.restore(page)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any error."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def restore(self, page: pa.Page) -> None:
        """The Page's last snapshot plus every event stored after it."""
        row = self.db.execute("SELECT seq, snapshot FROM snapshots WHERE page = ?", (page.id,)).fetchone()
        live = pa.LivePage.start(page) if row is None else pa.LivePage.restore(page, json.loads(row[1]))
        after = 0 if row is None else row[0]
        rows = self.db.execute(
            "SELECT seq, event FROM events WHERE page = ? AND seq > ? ORDER BY seq", (page.id, after)
        ).fetchall()
        for seq, text in rows:
            live = live.apply(pa.PresenceEvent.from_dict(json.loads(text), f"events row {seq}"))
        self.live[page.id] = live
        self.last_seq[page.id] = rows[-1][0] if rows else after
        self.unsaved[page.id] = len(rows)
        log.info("restored %s: snapshot at %s, then %d events", page.id, row and row[0], len(rows))

    def accept(self, page_id: str, events: List[pa.PresenceEvent]) -> Tuple[Dict[str, Any], float]:
        """Store *events* in one transaction, then apply them: the reply, and pageavail's time in seconds."""
        clock = time.perf_counter
        started = clock()
        dicts = [event.to_dict() for event in events]
        live = self.live[page_id].apply_all(events)
        ours = clock() - started
        received = now().isoformat()
        seq, unsaved = self.last_seq[page_id], self.unsaved[page_id] + len(events)
        with self.transaction():
            for data in dicts:
                insert = "INSERT INTO events (page, received, event) VALUES (?, ?, ?)"
                seq = self.db.execute(insert, (page_id, received, to_json(data))).lastrowid
            if unsaved >= self.settings.snapshot_every:
                mark = clock()
                snapshot = live.snapshot()
                ours += clock() - mark
                self.save_snapshot(page_id, seq, to_json(snapshot))
                unsaved = 0
        ignored = live.ignored - self.live[page_id].ignored
        self.live[page_id], self.last_seq[page_id], self.unsaved[page_id] = live, seq, unsaved
        return {"accepted": len(events), "ignored": ignored, "seq": seq}, ours

    def save_snapshot(self, page_id: str, seq: int, snapshot: str) -> None:
        """In a transaction: the Page's snapshot as of *seq*; the events it holds are not needed again."""
        self.db.execute(
            "INSERT OR REPLACE INTO snapshots (page, seq, taken, snapshot) VALUES (?, ?, ?, ?)",
            (page_id, seq, now().isoformat(), snapshot),
        )
        self.db.execute("DELETE FROM events WHERE page = ? AND seq <= ?", (page_id, seq))

    def prune(self, before: datetime) -> None:
        """Forget what ended before *before*, on every Page, and snapshot the result (one transaction)."""
        pruned = {page_id: live.prune(before) for page_id, live in self.live.items()}
        with self.transaction():
            for page_id, live in pruned.items():
                self.save_snapshot(page_id, self.last_seq[page_id], to_json(live.snapshot()))
        self.live.update(pruned)
        self.unsaved.update(dict.fromkeys(pruned, 0))

    def close(self) -> None:
        """Snapshot the Pages with events since their last snapshot, and close the database."""
        with self.transaction():
            for page_id, unsaved in self.unsaved.items():
                if unsaved:
                    self.save_snapshot(
                        page_id, self.last_seq[page_id], to_json(self.live[page_id].snapshot())
                    )
        self.db.close()


# -- routes -----------------------------------------------------------------------------------


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def timing(ours: float, total: float) -> Dict[str, str]:
    """A Server-Timing header: pageavail's own time and the whole handler's, in milliseconds."""
    return {"Server-Timing": f"pageavail;dur={ours * 1e3:.4f}, handler;dur={total * 1e3:.4f}"}


def unknown_page(page_id: str) -> JSONResponse:
    return error(404, f"no Page {page_id!r} here; its file must be in the service's pages folder")


async def post_events(request: Request) -> JSONResponse:
    """Store and apply one event or a list: all of them, or none with the library's message."""
    service: Service = request.app.state.service
    page_id = request.path_params["page_id"]
    if page_id not in service.pages:
        return unknown_page(page_id)
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY:
            return error(413, f"the body is over {MAX_BODY:,} bytes; send fewer events at a time")
    started = time.perf_counter()
    try:
        data = json.loads(body)
    except ValueError as problem:  # not JSON, or not UTF-8
        return error(400, f"the body must be JSON: one event or a list of events ({problem})")
    reading = time.perf_counter()
    stamp = now()
    try:
        if isinstance(data, list):
            events = [read_event(item, f"events[{index}]", stamp) for index, item in enumerate(data)]
        else:
            events = [read_event(data, "event", stamp)]
    except pa.PageAvailError as problem:
        return error(422, f"{problem}; no event of this request was stored")
    parsed = time.perf_counter() - reading
    try:
        reply, ours = service.accept(page_id, events)
    except sqlite3.Error as problem:
        log.exception("storing events failed")
        return error(503, f"the event store failed ({problem}); nothing was stored, send the events again")
    return JSONResponse(reply, headers=timing(parsed + ours, time.perf_counter() - started))


async def get_prompt(request: Request) -> JSONResponse:
    """What a visitor sees now: only ``shown`` and the payload, never who is online."""
    service: Service = request.app.state.service
    page_id = request.path_params["page_id"]
    if page_id not in service.pages:
        return unknown_page(page_id)
    query = request.query_params
    started = time.perf_counter()
    try:
        last = query.get("last_prompted") or None
        prompt = service.live[page_id].prompt(
            now(),
            visitor=query.get("visitor") or None,
            last_prompted=None if last is None else parse_instant(last, "last_prompted"),
            locale=query.get("locale") or None,
        )
    except pa.PageAvailError as problem:
        return error(400, str(problem))
    body = {"shown": prompt.shown, "payload": None if prompt.payload is None else prompt.payload.to_dict()}
    elapsed = time.perf_counter() - started
    return JSONResponse(body, headers={"Cache-Control": "no-store", **timing(elapsed, elapsed)})


async def get_explain(request: Request) -> JSONResponse:
    """The status at ``at`` (default now) with its checks, in ``lang``: for the team, not for visitors."""
    service: Service = request.app.state.service
    page_id = request.path_params["page_id"]
    if page_id not in service.pages:
        return unknown_page(page_id)
    query = request.query_params
    live = service.live[page_id]
    try:
        text = query.get("at", "now")  # "now" to the microsecond: an event stamped just before counts
        at = now() if text == "now" else parse_instant(text, "at", live.page.zone)
        lang = query.get("lang", "en")
        decision = live.decide(at)
        checks = [check.to_dict(lang) for check in decision.checks]
    except pa.PageAvailError as problem:
        return error(400, str(problem))
    return JSONResponse(
        {
            "page": page_id,
            "at": decision.at.isoformat(),
            "status": decision.status.value,
            "reason": decision.reason,
            "checks": checks,
            "until": None if decision.until is None else decision.until.isoformat(),
            "sessions": len(live.sessions),
            "ignored": live.ignored,
        }
    )


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"pages": len(request.app.state.service.pages)})


routes = [
    Route("/pages/{page_id}/events", post_events, methods=["POST"]),
    Route("/pages/{page_id}/prompt", get_prompt, methods=["GET"]),
    Route("/pages/{page_id}/explain", get_explain, methods=["GET"]),
    Route("/health", health, methods=["GET"]),
]


async def prune_forever(service: Service) -> None:
    """Every ``prune_seconds``: forget what ended more than ``keep`` ago."""
    while True:
        await asyncio.sleep(service.settings.prune_seconds)
        try:
            service.prune(now() - service.settings.keep)
        except sqlite3.Error:
            log.exception("pruning failed; trying again next time")


def create_app(settings: Settings) -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        service = Service(settings)
        app.state.service = service
        pruner = asyncio.ensure_future(prune_forever(service)) if settings.prune_seconds else None
        try:
            yield
        finally:
            if pruner is not None:
                pruner.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await pruner
            service.close()

    return Starlette(routes=routes, lifespan=lifespan)


#: For ``uvicorn app:app``: settings from the environment only.
app = create_app(Settings.parse([]))


def main() -> None:
    import uvicorn

    settings = Settings.parse()
    try:
        load_pages(settings.pages)  # report a bad Page file in one line, before the server starts
    except pa.PageAvailError as problem:
        sys.exit(f"error: {problem}")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, access_log=False)


if __name__ == "__main__":
    main()
