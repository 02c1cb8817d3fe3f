"""Scale-out harness: the API with several workers on PostgreSQL + Redis under a mixed load.

Used by tests/api/test_scale_out.py (a short run) and bench/scale_out.py (a long one). Client threads
post intake (single leads and batches with unique e-mails), move their own deals between the open
stages (`POST /opportunities/{id}/move`) and read the pipeline widget, each reconnecting every few
requests so its requests reach every worker. A second phase sets an intake rate limit and sends
more requests than it allows with a fresh key, a new connection per request, across the workers.
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Opportunity, Stage, User
from rxcrm.db.session import build_engine
from rxcrm.services.people.auth import hash_password, log_in
from rxcrm.services.pipeline.stages import list_stages
from rxcrm.services.settings.api_keys import create_api_key
from rxcrm.services.settings.toggles import update_settings
from tests.api.intake_kill import INTAKE, Posted
from tests.api.intake_ledger import Setup

API = "/api/v1"
WIDGET = f"{API}/dashboards/widgets/pipeline_by_stage"
RECONNECT_EVERY = 5
ADMIN_EMAIL, ADMIN_PASSWORD = "admin@durable.test", "scale-out-secret-1"


@dataclass(frozen=True)
class Board:
    """The admin's bearer token, the open stages and the deals each mover owns."""

    token: str
    stages: tuple[int, ...]
    deals: tuple[tuple[int, ...], ...]


def prepare_board(url: str, setup: Setup, movers: int, deals_each: int) -> Board:
    """Log the admin in and open `deals_each` deals per mover in the first open stage."""
    engine = build_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        admin = session.exec(select(User).where(User.email == ADMIN_EMAIL)).one()
        admin.password_hash = hash_password(ADMIN_PASSWORD)
        session.add(admin)
        session.flush()
        token, _ = log_in(session, ADMIN_EMAIL, ADMIN_PASSWORD)
        stages = [s for s in list_stages(session) if s.kind == "open"]
        first = stages[0].probability
        deals = [
            Opportunity(name=f"Scale {n}", owner_id=admin.id, stage_id=stages[0].id, probability=first)
            for n in range(movers * deals_each)
        ]
        session.add_all(deals)
        session.commit()
        ids = [d.id for d in deals]
    engine.dispose()
    slices = tuple(tuple(ids[m * deals_each : (m + 1) * deals_each]) for m in range(movers))
    return Board(token, tuple(s.id for s in stages[:4]), slices)


def limit_intake(url: str, per_minute: int) -> str:
    """Set the intake rate limit and make a fresh API key (its budget starts empty); returns the key."""
    engine = build_engine(url)
    with Session(engine) as session:
        admin = session.exec(select(User).where(User.email == ADMIN_EMAIL)).one()
        update_settings(session, admin, {"intake_rate_limit_per_minute": per_minute})
        _, key = create_api_key(session, admin, f"limited {time.time()}")
        session.commit()
    engine.dispose()
    return key


def deal_stages(url: str) -> dict[int, int]:
    """Every deal's stage as stored."""
    engine = build_engine(url)
    with Session(engine) as session:
        rows = dict(session.exec(select(Opportunity.id, Opportunity.stage_id)).all())
    engine.dispose()
    return rows


def open_stage_ids(url: str) -> set[int]:
    """The ids of the open stages (the pipeline widget counts deals there)."""
    engine = build_engine(url)
    with Session(engine) as session:
        ids = set(session.exec(select(Stage.id).where(Stage.kind == "open")).all())
    engine.dispose()
    return ids


@dataclass
class Record:
    """What the clients saw: per-kind latencies and statuses, intake requests, moves, widget totals."""

    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    posted: list[Posted] = field(default_factory=list)
    last_move: dict[int, int] = field(default_factory=dict)
    widget_totals: Counter = field(default_factory=Counter)
    retry_after: list[int] = field(default_factory=list)

    def note(self, kind: str, status: int | None, seconds: float) -> None:
        """Count one request of a kind."""
        self.statuses[kind][status] += 1
        if status is not None and status < 500:
            self.seconds[kind].append(seconds)


class Client:
    """One keep-alive connection that is opened afresh every `reconnect` requests (to spread over workers)."""

    def __init__(self, port: int, reconnect: int = RECONNECT_EVERY) -> None:
        self.port, self.reconnect, self.sent = port, reconnect, 0
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def send(
        self, method: str, path: str, body: Any, headers: dict[str, str]
    ) -> tuple[int | None, Any, float, dict]:
        """Send one request; (status or None, JSON answer, seconds, headers)."""
        if self.sent and self.sent % self.reconnect == 0:
            self.connection.close()
        self.sent += 1
        payload = json.dumps(body).encode() if body is not None else None
        started = time.perf_counter()
        try:
            self.connection.request(method, path, payload, {"Content-Type": "application/json", **headers})
            answer = self.connection.getresponse()
            raw = answer.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            return None, None, time.perf_counter() - started, {}
        seconds = time.perf_counter() - started
        return answer.status, json.loads(raw) if raw else None, seconds, dict(answer.getheaders())


class MixedLoad:
    """Intake, mover and dashboard threads running until `run(seconds)` ends; results in `record`."""

    def __init__(
        self, port: int, key: str, board: Board, clients: tuple[int, int, int], max_batch: int
    ) -> None:
        self.port, self.key, self.board, self.max_batch = port, key, board, max_batch
        self.record, self._lock, self._stop = Record(), threading.Lock(), threading.Event()
        intake, movers, readers = clients
        self._threads = (
            [threading.Thread(target=self._intake, args=(n,)) for n in range(intake)]
            + [threading.Thread(target=self._mover, args=(n,)) for n in range(movers)]
            + [threading.Thread(target=self._reader) for _ in range(readers)]
        )

    def run(self, seconds: float) -> Record:
        """Let every client work for `seconds`, then stop and wait for them."""
        for thread in self._threads:
            thread.start()
        time.sleep(seconds)
        self._stop.set()
        for thread in self._threads:
            thread.join(120)
        return self.record

    def _intake(self, number: int) -> None:
        client, rng, serial = Client(self.port), random.Random(number), 0
        while not self._stop.is_set():
            size = 1 if rng.random() < 0.4 else rng.randint(2, self.max_batch)
            emails = [f"mix{number}r{serial}n{i}@scale.test" for i in range(size)]
            leads = [{"name": f"Scale {e.split('@')[0]}", "email": e, "source": "web"} for e in emails]
            body = leads[0] if size == 1 else {"leads": leads}
            status, answer, seconds, _ = client.send("POST", INTAKE, body, {"X-API-Key": self.key})
            request = Posted(emails, status, answer.get("leads", []) if status == 201 else [])
            with self._lock:
                self.record.posted.append(request)
                self.record.note("intake single" if size == 1 else "intake batch", status, seconds)
            serial += 1

    def _mover(self, number: int) -> None:
        client, rng = Client(self.port), random.Random(100 + number)
        deals, stages = self.board.deals[number], self.board.stages
        current = dict.fromkeys(deals, stages[0])
        headers = {"Authorization": f"Bearer {self.board.token}"}
        while not self._stop.is_set():
            deal = rng.choice(deals)
            target = rng.choice([s for s in stages if s != current[deal]])
            status, _, seconds, _ = client.send(
                "POST", f"{API}/opportunities/{deal}/move", {"stage_id": target}, headers
            )
            if status == 200:
                current[deal] = target
            with self._lock:
                self.record.note("move", status, seconds)
                self.record.last_move[deal] = current[deal]

    def _reader(self) -> None:
        client, headers = Client(self.port), {"Authorization": f"Bearer {self.board.token}"}
        while not self._stop.is_set():
            status, answer, seconds, _ = client.send("GET", WIDGET, None, headers)
            total = sum(row["count"] for row in answer["rows"]) if status == 200 else None
            with self._lock:
                self.record.note("dashboard", status, seconds)
                self.record.widget_totals[total] += 1


def exceed_limit(port: int, key: str, requests: int, threads: int) -> Record:
    """Send `requests` single leads with `key`, a new connection each, from `threads` threads at once."""
    record, lock, serials = Record(), threading.Lock(), iter(range(requests))

    def sender() -> None:
        client = Client(port, reconnect=1)
        while (serial := next(serials, None)) is not None:
            email = f"limited{serial}@scale.test"
            body = {"name": f"Limited {serial}", "email": email, "source": "web"}
            status, answer, seconds, headers = client.send("POST", INTAKE, body, {"X-API-Key": key})
            with lock:
                record.posted.append(
                    Posted([email], status, answer.get("leads", []) if status == 201 else [])
                )
                record.note("intake limited", status, seconds)
                if status == 429:
                    record.retry_after.append(
                        int(headers.get("retry-after", headers.get("Retry-After", "0")))
                    )

    workers = [threading.Thread(target=sender) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(120)
    return record
