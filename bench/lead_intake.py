"""Lead intake speed through HTTP: single-lead requests from 16 clients, batches of 500, p95 latency.

Usage: python bench/lead_intake.py [--existing 100000] [--seconds 10] [--clients 16] [--server granian]
       [--modes concurrent,batch,single,rest] [--profile FILE.svg]

Builds a fresh SQLite database (Alembic migrations + default configuration, like `rxcrm init-db`)
with 20 reps, two splitter rules (source "web" split 40/30/20/10, catch-all split over 16 reps),
an API key and N existing leads (stored through the same bulk path). Then it serves the REAL
FastAPI app (`rxcrm.api.build_api`, what Reflex mounts under /api/v1) with granian (the server
`reflex run --env prod` uses here) in one worker process, and drives POST /api/v1/leads/intake from
a separate load process with C keep-alive connections (raw asyncio HTTP/1.1, so the load generator
costs little CPU on the 2 cores it shares with the server). Every lead goes through the API key
check, validation, duplicate check (e-mail, phone, name+company; ~5% of leads are duplicates),
insert, routing with its counters, history and the owner's notification.

Modes: `concurrent` (single-lead intake requests from --clients connections), `batch` (batches of
500 from --batch-clients connections), `single` (one client posting one lead at a time: the latency
of a lone web form) and `rest` (one client creating leads one at a time through the authenticated
`POST /api/v1/leads` with a rep's bearer token). `--profile` samples the server with py-spy during
the measurements (py-spy must be on PATH) and writes a flame graph.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from lead_setup import ROOT, clean_up, migrated_database, sales_team, seed_leads

TARGET_SINGLE_PER_S = 1000
TARGET_BATCH_PER_S = 20_000
TARGET_P95_MS = 20.0
TARGET_SINGLE_P50_MS = 2.9
TARGET_REST_P50_MS = 4.0
MODES = ("concurrent", "batch", "single", "rest")
REPS = 20
SOURCES = ("web", "web", "fair", "ads", "partner")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--existing", type=int, default=100_000, help="leads stored before measuring")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of each measurement")
    parser.add_argument("--clients", type=int, default=16, help="concurrent single-lead clients")
    parser.add_argument("--batch-clients", type=int, default=2, help="concurrent batch clients")
    parser.add_argument("--server", choices=("granian", "uvicorn"), default="granian")
    parser.add_argument(
        "--workers", type=int, default=1, help="server processes (1 = the embedded default without Redis)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database file and print its path")
    parser.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, of {', '.join(MODES)}")
    parser.add_argument(
        "--profile",
        metavar="FILE",
        help="py-spy profile of the server (.svg flame graph, .json speedscope, else collapsed stacks)",
    )
    return parser.parse_args()


def lead(serial: int, rng: random.Random) -> dict[str, Any]:
    """A plausible web-form lead; about one in twenty repeats an earlier person."""
    person = rng.randrange(serial) if serial and rng.random() < 0.05 else serial
    return {
        "name": f"Person {person}",
        "company": f"Company {person % 40_000}",
        "email": f"person{person}@example{person % 97}.test",
        "phone": f"+49 30 {1_000_000 + person}",
        "source": SOURCES[serial % len(SOURCES)],
    }


def prepare(directory: Path, existing: int) -> tuple[str, str, str]:
    """The database URL, a clear API key and a rep's bearer token, after users, rules and existing leads."""
    url = migrated_database(directory)
    from rxcrm.db.session import unit_of_work
    from rxcrm.services.leads.splitter import save_rule
    from rxcrm.services.people.auth import hash_password, log_in
    from rxcrm.services.settings.api_keys import create_api_key

    with unit_of_work() as session:
        admin, reps = sales_team(session, REPS)
        rest = [{"user_id": r.id, "percent": p} for r, p in zip(reps[4:], [7] * 4 + [6] * 12, strict=True)]
        save_rule(session, admin, {"name": "Everything else", "operator": "any", "assignees": rest})
        _, key = create_api_key(session, admin, "bench")
        reps[0].password_hash = hash_password("bench-password")
        session.add(reps[0])
        session.flush()
        token, _ = log_in(session, reps[0].email, "bench-password")
    rng = random.Random(7)
    seed_leads(existing, lambda i: lead(i, rng), chunk=1000)
    return url, key, token


def free_port() -> int:
    """A TCP port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(url: str, port: int, server: str, workers: int = 1) -> subprocess.Popen:
    """Start the API in one worker process and wait until it answers."""
    env = {**os.environ, "RXCRM_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    bin_dir = Path(sys.executable).parent
    if server == "granian":
        command = [
            str(bin_dir / "granian"),
            "--interface",
            "asgi",
            "--workers",
            str(workers),
            "--no-ws",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--factory",
            "--no-log",
            "rxcrm.api:build_api",
        ]
    else:
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "rxcrm.api:build_api",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
        ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"server did not start: {process.stderr.read().decode()[-2000:]}")


def intake_head(key: str) -> str:
    """The request head of an intake call (the body's length follows)."""
    return (
        "POST /api/v1/leads/intake HTTP/1.1\r\nHost: x\r\n"
        f"X-API-Key: {key}\r\nContent-Type: application/json\r\n"
    )


def rest_head(token: str) -> str:
    """The request head of an authenticated `POST /api/v1/leads`."""
    return (
        "POST /api/v1/leads HTTP/1.1\r\nHost: x\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
    )


async def _client(
    port: int, head: str, bodies: list[bytes], stop: float, latencies: list[float], codes: dict
) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    sent = 0
    while time.perf_counter() < stop:
        body = bodies[sent % len(bodies)]
        started = time.perf_counter()
        writer.write(f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
        status_line = await reader.readline()
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        await reader.readexactly(length)
        latencies.append(time.perf_counter() - started)
        code = int(status_line.split()[1])
        codes[code] = codes.get(code, 0) + 1
        sent += 1
    writer.close()
    return sent


def load(port: int, head: str, bodies: list[list[bytes]], seconds: float, queue: Any) -> None:
    """Drive the endpoint from len(bodies) connections for `seconds`; put (requests, latencies, codes)."""

    async def main() -> tuple[int, list[float], dict]:
        latencies: list[float] = []
        codes: dict[int, int] = {}
        stop = time.perf_counter() + seconds
        counts = await asyncio.gather(*(_client(port, head, b, stop, latencies, codes) for b in bodies))
        return sum(counts), latencies, codes

    queue.put(asyncio.run(main()))


def measure(
    port: int, head: str, bodies: list[list[bytes]], seconds: float
) -> tuple[int, list[float], dict, float]:
    """Run the load in a separate process; returns requests, latencies, status codes and elapsed time."""
    queue: Any = multiprocessing.Queue()
    worker = multiprocessing.Process(target=load, args=(port, head, bodies, seconds, queue))
    started = time.perf_counter()
    worker.start()
    requests, latencies, codes = queue.get()
    worker.join()
    return requests, latencies, codes, time.perf_counter() - started


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a process and all its descendants (granian's workers)."""
    stats: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = (
                int(fields[1]),
                (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"),
            )
    tree, total = {pid}, 0.0
    for _ in range(4):
        tree |= {child for child, (parent, _) in stats.items() if parent in tree}
    for member in tree:
        total += stats.get(member, (0, 0.0))[1]
    return total


def load_average() -> str:
    """The 1-minute load average (how much else ran on the machine)."""
    return Path("/proc/loadavg").read_text().split()[0]


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the sorted values lie, in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def one_at_a_time(port: int, head: str, bodies: list[bytes], seconds: float, server: int, label: str) -> None:
    """One client, one lead per request, each sent when the previous answer arrived: p50/p95, CPU."""
    measure(port, head, [bodies[:100]], 1.0)  # warm-up
    cpu = cpu_seconds(server)
    requests, latencies, codes, _ = measure(port, head, [bodies[100:]], seconds)
    server_ms = 1000 * (cpu_seconds(server) - cpu) / max(requests, 1)
    target = TARGET_SINGLE_P50_MS if head.startswith("POST /api/v1/leads/intake") else TARGET_REST_P50_MS
    p50, p95, p99 = (percentile(latencies, q) for q in (0.5, 0.95, 0.99))
    print(
        f"{label}, 1 client one at a time: {requests / seconds:,.0f} req/s, p50 {p50:.2f} ms "
        f"(target <= {target} ms), p95 {p95:.2f} ms, p99 {p99:.2f} ms; "
        f"server CPU {server_ms:.2f} ms/request; {codes}; load average {load_average()}"
    )


def profiler(pid: int, svg: str) -> subprocess.Popen:
    """py-spy sampling the server's process tree until terminated (writes the flame graph on exit)."""
    kind = "flamegraph" if svg.endswith(".svg") else "speedscope" if svg.endswith(".json") else "raw"
    command = [
        "py-spy",
        "record",
        "--pid",
        str(pid),
        "--subprocesses",
        "--rate",
        "250",
        "-f",
        kind,
        "-o",
        svg,
    ]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> None:
    """Prepare, serve, measure, report."""
    args = _arguments()
    modes = set(args.modes.split(","))
    if not modes <= set(MODES):
        raise SystemExit(f"--modes takes {', '.join(MODES)}")
    directory = Path(tempfile.mkdtemp(prefix="rxcrm-intake-"))
    url, key, token = prepare(directory, args.existing)
    port = free_port()
    server = serve(url, port, args.server, args.workers)
    rng = random.Random(11)
    serial = args.existing
    spy = None
    try:
        if args.profile:
            time.sleep(1.0)  # granian's worker is up
            spy = profiler(server.pid, args.profile)
        if "concurrent" in modes:
            serial = concurrent_singles(args, port, key, server.pid, rng, serial)
        if "batch" in modes:
            serial = batches(args, port, key, server.pid, rng, serial)
        if "single" in modes:
            bodies = [json.dumps(lead(serial + i, rng)).encode() for i in range(20_000)]
            serial += 20_000
            one_at_a_time(port, intake_head(key), bodies, args.seconds, server.pid, "single-lead intake")
        if "rest" in modes:
            bodies = [json.dumps(lead(serial + i, rng)).encode() for i in range(20_000)]
            serial += 20_000
            one_at_a_time(port, rest_head(token), bodies, args.seconds, server.pid, "POST /leads (bearer)")
    finally:
        if spy is not None:
            spy.send_signal(2)
            spy.wait(30)
        server.terminate()
        server.wait(10)
    clean_up(directory, args.keep)


def concurrent_singles(
    args: argparse.Namespace, port: int, key: str, server: int, rng: random.Random, serial: int
) -> int:
    """Single-lead intake requests from --clients connections at once; returns the next serial."""
    singles = []
    for _ in range(args.clients):
        singles.append([json.dumps(lead(serial + i, rng)).encode() for i in range(3000)])
        serial += 3000
    measure(port, intake_head(key), [s[:50] for s in singles], 1.0)  # warm-up
    cpu = cpu_seconds(server)
    requests, latencies, codes, elapsed = measure(port, intake_head(key), singles, args.seconds)
    server_ms = 1000 * (cpu_seconds(server) - cpu) / max(requests, 1)
    per_s = requests / args.seconds
    p50, p95, p99 = (percentile(latencies, q) for q in (0.5, 0.95, 0.99))
    print(
        f"single-lead requests, {args.clients} clients: {per_s:,.0f} leads/s "
        f"(target >= {TARGET_SINGLE_PER_S:,}), p50 {p50:.1f} ms, p95 {p95:.1f} ms "
        f"(target <= {TARGET_P95_MS:.0f} ms), p99 {p99:.1f} ms; "
        f"server CPU {server_ms:.2f} ms/request; {codes}"
    )
    return serial


def batches(
    args: argparse.Namespace, port: int, key: str, server: int, rng: random.Random, serial: int
) -> int:
    """Batches of 500 leads from --batch-clients connections; returns the next serial."""
    bodies_per_client = []
    for _ in range(args.batch_clients):
        bodies = []
        for _ in range(40):
            bodies.append(json.dumps({"leads": [lead(serial + i, rng) for i in range(500)]}).encode())
            serial += 500
        bodies_per_client.append(bodies)
    measure(port, intake_head(key), [b[:2] for b in bodies_per_client], 0.5)  # warm-up
    cpu = cpu_seconds(server)
    requests, latencies, codes, _ = measure(port, intake_head(key), bodies_per_client, args.seconds)
    server_us = 1e6 * (cpu_seconds(server) - cpu) / max(500 * requests, 1)
    leads_per_s = 500 * requests / args.seconds
    print(
        f"batches of 500, {args.batch_clients} clients: {leads_per_s:,.0f} leads/s "
        f"(target >= {TARGET_BATCH_PER_S:,}), p95 per batch {percentile(latencies, 0.95):.0f} ms; "
        f"server CPU {server_us:.0f} us/lead; {codes}; load average {load_average()}"
    )
    return serial


if __name__ == "__main__":
    main()
