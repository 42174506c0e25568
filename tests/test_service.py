"""The reference service (examples/service/app.py) over real HTTP: events in, prompts out, nothing acknowledged lost."""

from __future__ import annotations

import json
import random
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import pytest

import pageavail as pa
from pageavail.config import loads_page

for _name in ("starlette", "uvicorn"):
    pytest.importorskip(_name, reason=f"the service tests need {_name}: pip install '.[service]'")
httpx = pytest.importorskip("httpx", reason="the service tests need httpx: pip install '.[service]'")

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "examples" / "service" / "app.py"
START_SECONDS = 30.0  # the most a server may take to answer its first request
TIMEOUT = httpx.Timeout(10.0)
UTC = timezone.utc
MIN = timedelta(minutes=1)
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday

DESK = """\
[page]
id = "desk"
name = "Help Desk"
zone = "Europe/Berlin"
locale = "en"

[policy]
idle_timeout_minutes = 10

[[team]]
person = "anna"
role = "editor"

[[team]]
person = "ben"
role = "admin"

[[team]]
person = "omar"
role = "analyst"
"""


def desk() -> pa.Page:
    """The Page the servers under test serve (24/7, anna and ben answer)."""
    return loads_page(DESK).page


def free_port() -> int:
    """A port on the loopback interface that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """One run of the service in a subprocess, on a free loopback port."""

    def __init__(self, pages: Path, db: Path, log: Path, flags: List[str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        self.log = open(log, "ab")  # noqa: SIM115 - closed in stop()
        command = [sys.executable, str(APP), "--pages", str(pages), "--db", str(db)]
        command += ["--host", "127.0.0.1", "--port", str(self.port), *flags]
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)
        self.client = httpx.Client(base_url=self.url, timeout=TIMEOUT)
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                pytest.fail(f"the service exited with {self.process.returncode}:\n{self.output()}")
            try:
                if self.client.get("/health", timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        self.stop()
        pytest.fail(f"the service did not answer within {START_SECONDS} s:\n{self.output()}")

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def kill(self) -> None:
        """kill -9: no shutdown, no last snapshot."""
        self.process.kill()
        self.stop()

    def stop(self) -> None:
        """Ask the server to shut down (as Ctrl+C does), kill it if it will not, and wait for it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process.wait(timeout=15)
        self.client.close()
        self.log.close()

    def post(self, events: Any, page: str = "desk") -> Any:
        return self.client.post(f"/pages/{page}/events", json=events)

    def explain(self, at: datetime, page: str = "desk") -> Dict[str, Any]:
        response = self.client.get(f"/pages/{page}/explain", params={"at": at.isoformat()})
        assert response.status_code == 200, response.text
        return dict(response.json())


class Servers:
    """Servers on one Page folder and one database, all stopped by :meth:`stop_all`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        (folder / "pages").mkdir()
        (folder / "pages" / "desk.toml").write_text(DESK, encoding="utf-8")
        self.started: List[Server] = []

    def __call__(self, *flags: str) -> Server:
        log = self.folder / f"server-{len(self.started)}.log"
        server = Server(self.folder / "pages", self.folder / "events.sqlite3", log, list(flags))
        self.started.append(server)
        return server

    def stop_all(self) -> None:
        for server in self.started:
            server.stop()


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start servers for one test; every one is stopped at the end."""
    servers = Servers(tmp_path)
    try:
        yield servers
    finally:
        servers.stop_all()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the tests that store nothing."""
    servers = Servers(tmp_path_factory.mktemp("shared"))
    try:
        yield servers("--prune-seconds", "0")
    finally:
        servers.stop_all()


def event(kind: str, person: str, device: str, at: Optional[datetime] = None, **more: Any) -> Dict[str, Any]:
    data: Dict[str, Any] = {"kind": kind, "person": person, "device": device, **more}
    if at is not None:
        data["at"] = at.isoformat()
    return data


def test_events_in_prompts_out(start: Callable[..., Server]) -> None:
    """A start stamped by the server shows the prompt, with the payload only; the end hides it."""
    server = start("--prune-seconds", "0")
    reply = server.post(event("started", "anna", "laptop", client="web"))
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"accepted": 1, "ignored": 0, "seq": 1}
    assert reply.headers["server-timing"].startswith("pageavail;dur=")

    shown = server.client.get("/pages/desk/prompt", params={"visitor": "v-1", "locale": "de"})
    assert shown.status_code == 200
    assert shown.headers["cache-control"] == "no-store"
    body = shown.json()
    assert body["shown"] is True
    assert set(body) == {"shown", "payload"}
    assert body["payload"]["page_id"] == "desk"
    assert body["payload"]["locale"] == "de"
    for secret in ("anna", "laptop", "web"):  # who, on which device, from which client
        assert secret not in shown.text

    bad = server.client.get("/pages/desk/prompt", params={"visitor": "v-1", "locale": "xx_\n"})
    assert bad.status_code == 400
    assert "'locale' must be a locale tag" in bad.json()["error"]

    cooled = server.client.get(
        "/pages/desk/prompt", params={"visitor": "v-1", "last_prompted": datetime.now(UTC).isoformat()}
    )
    assert cooled.json() == {"shown": False, "payload": None}

    assert server.post(event("ended", "anna", "laptop")).status_code == 200
    assert server.client.get("/pages/desk/prompt").json() == {"shown": False, "payload": None}
    explained = server.client.get("/pages/desk/explain").json()
    assert (explained["status"], explained["reason"], explained["sessions"]) == (
        "offline",
        "someone_can_answer",
        1,
    )


def test_a_list_of_events_is_accepted_whole(start: Callable[..., Server]) -> None:
    """A list of events is stored in one go and answered with the last sequence id."""
    server = start("--prune-seconds", "0")
    reply = server.post(
        [
            event("started", "anna", "d1", T0, client="web"),
            event("activity", "anna", "d1", T0 + 5 * MIN),
            event("started", "ben", "d2", T0 + MIN, client="mobile", pages=["desk"]),
        ]
    )
    assert reply.json() == {"accepted": 3, "ignored": 0, "seq": 3}
    explained = server.explain(T0 + 12 * MIN)
    assert (explained["status"], explained["sessions"]) == ("active", 2)
    assert explained["until"] == (T0 + 15 * MIN).astimezone(desk().zone).isoformat()


def _library_message(data: Any, where: str) -> str:
    with pytest.raises(pa.PageAvailError) as caught:
        pa.PresenceEvent.from_dict(data, where)
    return str(caught.value)


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (event("started", "anna", "d1", T0), "event"),  # a start needs a client
        ({**event("started", "anna", "d1", client="web"), "at": "2026-03-02T08:00:00"}, "event"),  # no offset
        ({**event("ended", "anna", "d1", T0), "colour": "red"}, "event"),  # not a key of events
        (event("restarted", "anna", "d1", T0), "event"),  # not a kind
        (event("started", "anna", "", T0, client="web"), "event"),  # an empty device
        ("started", "event"),  # not a mapping
        (
            [event("started", "ben", "d2", T0, client="web"), event("ended", "ben", "d2", T0, client="web")],
            "1",
        ),
    ],
)
def test_bad_events_get_422_with_the_librarys_message(shared: Server, body: Any, where: str) -> None:
    """An invalid event is refused with the library's own message, and nothing of its request is stored."""
    server = shared
    reply = server.post(body)
    assert reply.status_code == 422
    bad = body[int(where)] if isinstance(body, list) else body
    expected = _library_message(bad, f"events[{where}]" if isinstance(body, list) else "event")
    assert reply.json()["error"] == f"{expected}; no event of this request was stored"
    assert server.explain(T0)["sessions"] == 0


@pytest.mark.parametrize(
    ("method", "path", "data", "status", "message"),
    [
        ("POST", "/pages/desk/events", b"{not json", 400, "must be JSON"),
        ("POST", "/pages/desk/events", b"\xff\xfe", 400, "must be JSON"),
        ("POST", "/pages/nowhere/events", b"{}", 404, "no Page 'nowhere'"),
        ("GET", "/pages/nowhere/prompt", None, 404, "no Page 'nowhere'"),
        ("GET", "/pages/nowhere/explain", None, 404, "no Page 'nowhere'"),
        ("GET", "/pages/desk/prompt?visitor=a%0Ab", None, 400, "visitor"),
        ("GET", "/pages/desk/prompt?last_prompted=yesterday", None, 400, "last_prompted"),
        ("GET", "/pages/desk/prompt?last_prompted=2026-03-02T08:00:00", None, 400, "has no offset"),
        ("GET", "/pages/desk/explain?at=9999-01-01T00:00:00Z", None, 400, "at"),
        ("GET", "/pages/desk/explain?lang=%0A", None, 400, "locale"),
    ],
)
def test_bad_requests_get_4xx_with_a_message(
    shared: Server, method: str, path: str, data: Optional[bytes], status: int, message: str
) -> None:
    """Bad JSON, unknown Pages and bad query values get a 4xx naming the problem."""
    reply = shared.client.request(method, path, content=data)
    assert reply.status_code == status, reply.text
    assert message in reply.json()["error"]


def test_an_oversized_body_is_refused(shared: Server) -> None:
    """A body over the limit gets 413 and stores nothing."""
    many = [event("started", "anna", f"d{i}", T0 + i * MIN, client="web") for i in range(12_000)]
    reply = shared.post(many)
    assert reply.status_code == 413
    assert shared.explain(T0)["sessions"] == 0


# -- durability -------------------------------------------------------------------------------


def stream(count: int, seed: int = 14) -> List[Dict[str, Any]]:
    """*count* events of three people on four devices over a morning, some out of order, some twice."""
    rng = random.Random(seed)
    items: List[Dict[str, Any]] = []
    moment = T0
    for _ in range(count):
        moment += rng.randrange(0, 4) * MIN
        person, device = rng.choice(["anna", "ben", "omar"]), rng.choice(["d1", "d2", "d3", "d4"])
        at = moment - rng.randrange(0, 3) * MIN  # a little late now and then
        kind = rng.choice(["started", "activity", "activity", "activity", "ended"])
        if kind == "started" or (kind == "activity" and rng.random() < 0.2):
            items.append(event(kind, person, device, at, client=rng.choice(["web", "mobile", "api"])))
        else:
            items.append(event(kind, person, device, at))
        if rng.random() < 0.05:
            items.append(items[rng.randrange(len(items))])  # a retry
    return items


def decisions_of(events: List[Dict[str, Any]]) -> Tuple[pa.LivePage, List[datetime]]:
    """The value an uninterrupted run reaches, and the instants to compare at (each event's and its timeout's)."""
    live = pa.LivePage.start(desk()).apply_all(pa.PresenceEvent.from_dict(e) for e in events)
    instants = sorted(
        {pa.PresenceEvent.from_dict(e).at + shift for e in events for shift in (MIN * 0, 10 * MIN)}
    )
    return live, instants


def same_decisions(server: Server, live: pa.LivePage, instants: List[datetime]) -> bool:
    """The server's explanations agree with *live*'s at every instant (status, reason, next change, sessions)."""
    for at in instants:
        found = server.explain(at)
        decision = live.decide(at)
        expected = (
            decision.status.value,
            decision.reason,
            None if decision.until is None else decision.until.isoformat(),
            len(live.sessions),
        )
        if (found["status"], found["reason"], found["until"], found["sessions"]) != expected:
            return False
    return True


def test_a_clean_stop_snapshots_and_a_restart_restores(start: Callable[..., Server], tmp_path: Path) -> None:
    """Stopping writes each Page's snapshot (holding every event); a restart answers as before."""
    events = stream(40)
    server = start("--prune-seconds", "0", "--snapshot-every", "15")
    for item in events:
        assert server.post(item).status_code == 200
    live, instants = decisions_of(events)
    assert same_decisions(server, live, instants)
    server.stop()
    with sqlite3.connect(str(tmp_path / "events.sqlite3")) as db:
        (seq, snapshot), *others = db.execute("SELECT seq, snapshot FROM snapshots").fetchall()
        left = db.execute("SELECT count(*) FROM events").fetchone()[0]
    db.close()
    assert (seq, others, left) == (len(events), [], 0)
    assert pa.LivePage.restore(desk(), json.loads(snapshot)) == live
    again = start("--prune-seconds", "0")
    assert same_decisions(again, live, instants)


def test_kill_9_mid_stream_loses_no_acknowledged_event(start: Callable[..., Server]) -> None:
    """After kill -9 in the middle of a stream, a restart holds every acknowledged event; resending the rest gives the uninterrupted run's decisions."""
    events = stream(260)
    server = start("--prune-seconds", "0", "--snapshot-every", "25")
    acknowledged: List[int] = []  # how many events the server has acknowledged, in order
    stop = threading.Event()

    def send() -> None:
        client = httpx.Client(base_url=server.url, timeout=TIMEOUT)
        try:
            for index, item in enumerate(events):
                if index == 200:  # the kill lands before the stream's end, however slow the test's thread
                    stop.wait(timeout=60)
                if stop.is_set():
                    return
                if client.post("/pages/desk/events", json=item).status_code != 200:
                    return
                acknowledged.append(index + 1)
        except httpx.TransportError:
            return  # the server is gone
        finally:
            client.close()

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    deadline = time.monotonic() + 60
    while len(acknowledged) < 120 and sender.is_alive() and time.monotonic() < deadline:
        time.sleep(0.001)
    server.kill()
    stop.set()
    sender.join(timeout=30)
    assert not sender.is_alive()
    done = len(acknowledged)
    assert 120 <= done <= 200, "the kill did not land in the middle of the stream"

    restarted = start("--prune-seconds", "0", "--snapshot-every", "25")
    # The request in flight at the kill may or may not have been stored; every acknowledged one was.
    held = [decisions_of(events[:done]), decisions_of(events[: done + 1])]
    assert any(same_decisions(restarted, live, instants) for live, instants in held)

    for item in events[done:]:  # the sender retries from the first unacknowledged event
        assert restarted.post(item).status_code == 200
    live, instants = decisions_of(events)
    assert same_decisions(restarted, live, instants)


def test_prune_runs_on_a_schedule(start: Callable[..., Server], tmp_path: Path) -> None:
    """The server prunes what ended longer ago than --keep-hours, snapshots it, and ignores older events later."""
    now = datetime.now(UTC)
    first = start("--prune-seconds", "0")
    old = [
        event("started", "ben", "d1", now - 180 * MIN, client="web"),
        event("ended", "ben", "d1", now - 170 * MIN),
    ]
    assert first.post([*old, event("started", "anna", "d2", client="web")]).json()["ignored"] == 0
    assert first.explain(now)["sessions"] == 2
    first.stop()
    server = start("--prune-seconds", "0.2", "--keep-hours", "1")
    deadline = time.monotonic() + 30
    while server.explain(now)["sessions"] != 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.explain(now)["sessions"] == 1
    late = server.post(event("started", "omar", "d3", now - 120 * MIN, client="web")).json()
    assert late["ignored"] == 1
    with sqlite3.connect(str(tmp_path / "events.sqlite3")) as db:
        (snapshot,) = db.execute("SELECT snapshot FROM snapshots").fetchone()
    db.close()
    assert json.loads(snapshot)["horizon"] is not None


def test_a_bad_page_file_stops_the_start_with_one_line(tmp_path: Path) -> None:
    """A Page folder with a broken file makes the service exit with the library's message, before serving."""
    (tmp_path / "broken.toml").write_text('[page]\nid = "x"\n', encoding="utf-8")
    command = [sys.executable, str(APP), "--pages", str(tmp_path), "--db", str(tmp_path / "db.sqlite3")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert done.stderr.startswith("error: ")
    assert "broken.toml" in done.stderr
