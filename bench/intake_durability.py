"""Lead intake durability: kill -9 the API server many times while clients post intake batches.

Usage: python bench/intake_durability.py [--kills 30] [--clients 8] [--max-batch 200]
       [--backend sqlite|postgresql|both] [--server uvicorn|granian] [--seed 1] [--keep]

The long version of tests/api/test_intake_durability.py (same harness: tests/api/intake_kill.py and
tests/api/intake_ledger.py). For each backend — a SQLite file in WAL mode, and a schema of its own
on PostgreSQL (--postgres, default RXCRM_TEST_POSTGRES_URL or the local test database) — it creates
the tables, an admin, three reps split 50/30/20 by a catch-all rule and an API key, serves the real
API (`rxcrm.api:build_api`) in its own process, lets the clients post single leads and batches of up
to --max-batch leads with unique e-mails, and SIGKILLs the server's process group --kills times at
random moments (with requests in flight), starting it again each time. Then it audits: every lead
answered with 201 stored exactly once under the answered id and owner, unanswered requests stored
all or nothing, one history line per lead, counters equal to the routed leads, the split exact.
Exits with 1 if anything is lost, duplicated or inexact.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.api.intake_kill import Load, Run, Server, free_port, kill_repeatedly  # noqa: E402
from tests.api.intake_ledger import (  # noqa: E402
    SPLIT_PERCENTS,
    Audit,
    audit,
    postgres_reachable,
    postgres_schema,
    postgres_server,
    prepare,
)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=30, help="SIGKILLs per backend")
    parser.add_argument("--clients", type=int, default=8, help="client threads posting at once")
    parser.add_argument("--max-batch", type=int, default=200, help="largest batch (30%% are single leads)")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--server", choices=("uvicorn", "granian"), default="uvicorn")
    parser.add_argument("--postgres", default=postgres_server())
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file and the server log")
    return parser.parse_args()


def run_backend(url: str, directory: Path, args: argparse.Namespace) -> tuple[Run, Audit]:
    """Prepare the database, kill the server under load `--kills` times, audit."""
    setup = prepare(url, SPLIT_PERCENTS)
    port = free_port()
    server = Server(url, port, directory / "server.log", args.server)
    load = Load(port, setup.key, args.clients, args.max_batch, args.seed)
    run = kill_repeatedly(server, load, args.kills, random.Random(args.seed))
    return run, audit(url, setup, run.posted)


def report(backend: str, run: Run, found: Audit) -> None:
    """Print the run's figures and problems."""
    restarts = sorted(run.restarts) or [0.0]
    print(
        f"{backend}: {run.kills} kills ({run.kills_in_flight} with requests in flight) "
        f"in {run.seconds:.0f} s, kill to next answer median {restarts[len(restarts) // 2]:.1f} s; "
        f"{found.requests:,} requests: {found.acknowledged_requests:,} acknowledged "
        f"({found.acknowledged_leads:,} leads), {found.unanswered_requests} cut off without answer "
        f"({found.unanswered_stored} of them stored whole, {found.partial} partly), "
        f"refused {dict(found.refused) or 0}"
    )
    print(
        f"  stored {found.stored:,} leads; acknowledged but lost {found.lost}, "
        f"stored twice {found.duplicated}; split {found.counts} of {sum(found.counts):,} "
        f"for {list(SPLIT_PERCENTS)} %, largest deviation {found.split_error:.2f} lead (exact: < 1)"
    )
    for problem in found.problems:
        print(f"  PROBLEM: {problem}")
    print(f"  {'DURABLE' if not found.problems else 'NOT DURABLE'}")


def main() -> None:
    """Run each chosen backend; exit 1 on any problem."""
    args = _arguments()
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    failed = False
    for backend in backends:
        directory = Path(tempfile.mkdtemp(prefix=f"rxcrm-durability-{backend}-"))
        with ExitStack() as stack:
            if backend == "sqlite":
                url = f"sqlite:///{directory / 'durable.db'}"
            elif postgres_reachable(args.postgres):
                url = stack.enter_context(postgres_schema(args.postgres, "rxcrm_durability_bench"))
            else:
                print(f"postgresql: not reachable at {args.postgres}, skipped")
                continue
            run, found = run_backend(url, directory, args)
        report(backend, run, found)
        failed |= bool(found.problems)
        if args.keep:
            print(f"  kept: {directory}")
        else:
            for path in directory.iterdir():
                path.unlink()
            directory.rmdir()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
