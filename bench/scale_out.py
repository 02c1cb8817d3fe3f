"""Scale-out bench: the API with N workers on PostgreSQL + Redis under intake, moves and dashboard reads.

Usage: python bench/scale_out.py [--seconds 60] [--workers 3] [--clients 6,3,3] [--max-batch 100]
       [--limit 100] [--server granian|uvicorn] [--postgres URL] [--redis URL]

The long version of tests/api/test_scale_out.py (same harness: tests/api/scale_out_load.py, the
server and audit of tests/api/intake_kill.py and tests/api/intake_ledger.py). In a schema of its own
on PostgreSQL it creates an admin, three reps split 50/30/20 by a catch-all rule, an API key and
deals; serves `rxcrm.api:build_api` with --workers processes and REFLEX_REDIS_URL; runs intake
clients (single leads and batches), movers (`POST /opportunities/{id}/move`) and dashboard readers
(`GET /dashboards/widgets/pipeline_by_stage`) for --seconds, reconnecting every few requests; then
sets the intake rate limit to --limit and sends 3 × --limit requests with a fresh key across the
workers. Prints requests/s, p50/p95 per request kind and errors; exits with 1 on any 5xx, lost or
duplicated lead, inexact split, lost move, torn widget read, or a rate limit not counted once.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.api.intake_kill import Server, free_port  # noqa: E402
from tests.api.intake_ledger import (  # noqa: E402
    SPLIT_PERCENTS,
    Audit,
    audit,
    postgres_reachable,
    postgres_schema,
    postgres_server,
    prepare,
)
from tests.api.scale_out_load import (  # noqa: E402
    MixedLoad,
    Record,
    deal_stages,
    exceed_limit,
    limit_intake,
    prepare_board,
)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the mixed load")
    parser.add_argument("--workers", type=int, default=3, help="backend worker processes")
    parser.add_argument("--clients", default="6,3,3", help="intake clients, movers, dashboard readers")
    parser.add_argument("--max-batch", type=int, default=100, help="largest intake batch (40%% single leads)")
    parser.add_argument("--deals", type=int, default=20, help="deals per mover")
    parser.add_argument("--limit", type=int, default=100, help="intake rate limit of the second phase")
    parser.add_argument("--server", choices=("granian", "uvicorn"), default="granian")
    parser.add_argument("--postgres", default=postgres_server())
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    return parser.parse_args()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def report(mixed: Record, seconds: float) -> list[str]:
    """Print requests/s and p50/p95 per kind; returns the problems (5xx, unanswered requests)."""
    problems, total = [], 0
    for kind in sorted(mixed.statuses):
        counts, times = mixed.statuses[kind], mixed.seconds[kind]
        answered = sum(n for status, n in counts.items() if status is not None)
        total += answered
        errors = {status: n for status, n in counts.items() if status is None or status >= 500}
        print(
            f"  {kind:15} {answered / seconds:8.1f} req/s"
            f"  p50 {1000 * statistics.median(times or [0]):7.1f} ms"
            f"  p95 {1000 * _percentile(times, 0.95):7.1f} ms  statuses {dict(counts)}"
        )
        problems += [f"{kind}: {errors}"] if errors else []
    print(f"  {'all':15} {total / seconds:8.1f} req/s")
    return problems


def main() -> int:
    """Run the mixed load and the rate-limit phase on one PostgreSQL schema; 1 when anything is off."""
    args = _arguments()
    clients = tuple(int(n) for n in args.clients.split(","))
    if not postgres_reachable(args.postgres):
        print(f"PostgreSQL not reachable at {args.postgres}")
        return 1
    with postgres_schema(args.postgres, "rxcrm_scale_bench") as url, tempfile.TemporaryDirectory() as scratch:
        setup = prepare(url, SPLIT_PERCENTS)
        board = prepare_board(url, setup, clients[1], args.deals)
        port = free_port()
        server = Server(url, port, Path(scratch) / "server.log", args.server, args.workers, args.redis)
        server.start()
        try:
            mixed = MixedLoad(port, setup.key, board, clients, args.max_batch).run(args.seconds)
            limited = exceed_limit(port, limit_intake(url, args.limit), 3 * args.limit, threads=6)
        finally:
            server.stop()
        print(
            f"{args.workers} {args.server} workers, PostgreSQL + Redis, {args.seconds:.0f} s, "
            f"clients (intake, movers, readers) {clients}:"
        )
        problems = report(mixed, args.seconds)
        stored = deal_stages(url)
        problems += [
            f"deal {d} in {stored[d]}, last moved to {s}"
            for d, s in mixed.last_move.items()
            if stored[d] != s
        ]
        expected = sum(len(d) for d in board.deals)
        if set(mixed.widget_totals) != {expected}:
            problems.append(f"widget totals {dict(mixed.widget_totals)}, expected {expected} every time")
        found = audit(url, setup, mixed.posted + limited.posted)
    return _verdict(problems, found, limited, args.limit)


def _verdict(problems: list[str], found: Audit, limited: Record, limit: int) -> int:
    got = dict(limited.statuses["intake limited"])
    print(
        f"  leads: {found.acknowledged_leads:,} acknowledged, {found.stored:,} stored, {found.lost} lost, "
        f"{found.duplicated} duplicated; split {found.counts} (error {found.split_error:.2f} leads)"
    )
    print(f"  rate limit {limit}/min, {3 * limit} requests across the workers: {got}")
    if got != {201: limit, 429: 2 * limit}:
        problems.append(f"rate limit {limit} answered {got}")
    problems += found.problems
    for problem in problems:
        print(f"  PROBLEM: {problem}")
    print("OK" if not problems else "FAILED")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
