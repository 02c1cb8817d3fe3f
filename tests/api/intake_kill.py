"""Kill -9 harness for the lead intake: the real API in a server process, clients posting, random kills.

Used by tests/api/test_intake_durability.py (a few kills) and bench/intake_durability.py (many).
The server is uvicorn (or granian) serving `rxcrm.api:build_api` on RXCRM_DATABASE_URL; client
threads post single leads and batches with unique e-mails over keep-alive connections and keep
every request's e-mails and answer; the driver SIGKILLs the server's process group at random
moments while requests are in flight and starts it again. A request that was never sent (the
connection refused while the server is down) is sent again; one that got no answer is recorded
as unanswered and not repeated, so its leads must be stored all or nothing.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.network import free_port as free_port  # shared; importers name it here too

ROOT = Path(__file__).resolve().parents[2]
INTAKE = "/api/v1/leads/intake"


@dataclass
class Posted:
    """One intake request: the e-mails of its leads, the HTTP status (None: no answer) and the answer."""

    emails: list[str]
    status: int | None = None
    leads: list[dict[str, Any]] = field(default_factory=list)


class Server:
    """The API in its own process group, on a fixed port, started again after each kill."""

    def __init__(
        self, url: str, port: int, log: Path, kind: str = "uvicorn", workers: int = 1, redis_url: str = ""
    ) -> None:
        self.url, self.port, self.log, self.kind = url, port, log, kind
        self.workers, self.redis_url = workers, redis_url
        self.process: subprocess.Popen | None = None

    def _command(self) -> list[str]:
        app = "rxcrm.api:build_api"
        if self.kind == "granian":
            granian = str(Path(sys.executable).parent / "granian")
            return [granian, "--interface", "asgi", "--no-ws", "--factory", "--no-log"] + [
                *("--workers", str(self.workers), "--host", "127.0.0.1", "--port", str(self.port), app)
            ]
        return [sys.executable, "-m", "uvicorn", "--factory", app, "--host", "127.0.0.1"] + [
            *("--port", str(self.port), "--workers", str(self.workers), "--no-access-log"),
            *("--log-level", "warning"),
        ]

    def start(self, timeout: float = 90.0) -> None:
        """Start the server and wait until it accepts connections."""
        path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, "RXCRM_DATABASE_URL": self.url, "PYTHONPATH": path}
        if self.redis_url:
            env["REFLEX_REDIS_URL"] = self.redis_url
        started = time.perf_counter()
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self._command(), cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
            )
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {self.log_tail()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"server did not start in {timeout:.0f} s: {self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL the whole process group (granian's workers too) and reap it."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        if self.process is not None:
            self.process.wait(30)

    def stop(self) -> None:
        """Shut the server down cleanly (SIGTERM), or kill it if it does not go."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.kill()

    def log_tail(self) -> str:
        """The end of the server's output, for error messages."""
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""


class Load:
    """Client threads posting intake requests until stopped; every request is kept in `posted`."""

    def __init__(self, port: int, key: str, clients: int, max_batch: int, seed: int = 1) -> None:
        self.port, self.key, self.max_batch = port, key, max_batch
        self.posted: list[Posted] = []
        self.in_flight = 0
        self.answered = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._client, args=(n, random.Random(seed * 1000 + n)), daemon=True)
            for n in range(clients)
        ]

    def start(self) -> None:
        """Let the clients post."""
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        """Stop posting and wait for the requests under way."""
        self._stop.set()
        for thread in self._threads:
            thread.join(60)

    def _body(self, client: int, serial: int, rng: random.Random) -> tuple[list[str], bytes]:
        size = 1 if rng.random() < 0.3 else rng.randint(2, self.max_batch)
        emails = [f"c{client}r{serial}n{i}@durable.test" for i in range(size)]
        leads = [{"name": f"Durable {e.split('@')[0]}", "email": e, "source": "web"} for e in emails]
        return emails, json.dumps(leads[0] if size == 1 else {"leads": leads}).encode()

    def _client(self, number: int, rng: random.Random) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"X-API-Key": self.key, "Content-Type": "application/json"}
        serial = 0
        while not self._stop.is_set():
            emails, body = self._body(number, serial, rng)
            if not self._connect(connection):
                continue
            request = Posted(emails)
            with self._lock:
                self.posted.append(request)
                self.in_flight += 1
            try:
                connection.request("POST", INTAKE, body, headers)
                answer = connection.getresponse()
                request.status, payload = answer.status, answer.read()
                request.leads = json.loads(payload).get("leads", []) if request.status == 201 else []
            except (OSError, http.client.HTTPException):
                connection.close()  # no answer: the server died under this request
            finally:
                with self._lock:
                    self.in_flight -= 1
                    self.answered += request.status is not None
            serial += 1
        connection.close()

    def _connect(self, connection: http.client.HTTPConnection) -> bool:
        """Open the connection if it is closed; False (after a short pause) while the server is down."""
        if connection.sock is not None:
            return True
        try:
            connection.connect()
            return True
        except OSError:
            connection.close()
            time.sleep(0.05)
            return False


@dataclass
class Run:
    """A kill run: kills (and those with requests in flight), seconds from kill to next answer, requests."""

    kills: int = 0
    kills_in_flight: int = 0
    restarts: list[float] = field(default_factory=list)
    posted: list[Posted] = field(default_factory=list)
    seconds: float = 0.0


def kill_repeatedly(server: Server, load: Load, kills: int, rng: random.Random, settle: float = 1.0) -> Run:
    """Start the server and the load, kill -9 the server `kills` times under load, stop cleanly."""
    run = Run()
    started = time.perf_counter()
    server.start()
    load.start()
    try:
        for _ in range(kills):
            _await_answers(load, server, goal=load.answered + 3)
            time.sleep(rng.uniform(0.0, 0.5))
            run.kills_in_flight += load.in_flight > 0
            killed = time.perf_counter()
            server.kill()
            run.kills += 1
            server.start()
            _await_answers(load, server, goal=load.answered + 1)
            run.restarts.append(time.perf_counter() - killed)
        _await_answers(load, server, goal=load.answered + 3)
        time.sleep(settle)
    finally:
        load.stop()
        server.stop()
    run.posted, run.seconds = list(load.posted), time.perf_counter() - started
    return run


def _await_answers(load: Load, server: Server, goal: int, timeout: float = 120.0) -> None:
    """Wait until the restarted server has answered requests again (it really serves before the next kill)."""
    deadline = time.perf_counter() + timeout
    while load.answered < goal:
        if time.perf_counter() > deadline:
            raise RuntimeError(f"no answers from the server for {timeout:.0f} s: {server.log_tail()}")
        time.sleep(0.02)
