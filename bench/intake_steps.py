"""Lead intake step by step, in one process: CPU time per lead of each step of a batch (no HTTP).

Usage: python bench/intake_steps.py [--existing 100000] [--batches 30] [--batch 500]

The same database as `lead_intake.py` (20 reps, its two splitter rules, N stored leads), then
batches of new leads through the intake's own functions: `decode_intake` (msgspec), `lead_rows`
(rows and duplicate keys), and `store_rows` split into its duplicate lookup, routing, inserts (per
table), notifications and the commit. Process CPU time per lead for each, after two warm-up batches.
The Python steps (decode, rows, routing) are steadier than the HTTP benchmark on a shared machine;
the SQLite steps still move with the other load: compare code versions back to back.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lead_intake import lead, prepare
from lead_setup import clean_up

STEPS = {
    "link_duplicates": "duplicate lookup",
    "decide_routes": "routing",
    "notify_owners": "notifications",
    "_assignee_names": "assignee names",
}


def _timed(totals: collections.Counter[str], label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            totals[label] += time.process_time() - started

    return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--existing", type=int, default=100_000)
    parser.add_argument("--batches", type=int, default=30)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="rxcrm-steps-"))
    try:
        prepare(directory, args.existing)
        _measure(args.existing, args.batches, args.batch)
    finally:
        clean_up(directory, keep=False)


def _measure(existing: int, batches: int, size: int) -> None:
    import rxcrm.services.leads.intake as intake
    from rxcrm.db.session import unit_of_work
    from rxcrm.services.leads.intake_decode import decode_intake

    totals: collections.Counter[str] = collections.Counter()
    for name, label in STEPS.items():
        setattr(intake, name, _timed(totals, label, getattr(intake, name)))
    insert = intake.insert_rows

    def insert_rows(session: Any, table: Any, rows: Any, **kwargs: Any) -> None:
        _timed(totals, f"insert {table.name}", insert)(session, table, rows, **kwargs)

    intake.insert_rows = insert_rows
    rng, serial = random.Random(11), existing
    for number in range(batches + 2):
        if number == 2:
            totals.clear()
        body = json.dumps({"leads": [lead(serial + i, rng) for i in range(size)]}).encode()
        serial += size
        started = time.process_time()
        leads = decode_intake(body)
        decoded = time.process_time()
        rows = intake.lead_rows(leads, None)
        built = time.process_time()
        with unit_of_work() as session:
            intake.store_rows(session, rows, None, "intake: bench")
            stored = time.process_time()
        totals["decode (msgspec + checks)"] += decoded - started
        totals["rows + duplicate keys"] += built - decoded
        totals["store_rows (all of it)"] += stored - built
        totals["commit"] += time.process_time() - stored
    count = batches * size
    for label, seconds in totals.items():
        print(f"{label:28s} {1e6 * seconds / count:6.2f} us/lead")
    whole = sum(totals[k] for k in ("decode (msgspec + checks)", "rows + duplicate keys", "commit"))
    whole += totals["store_rows (all of it)"]
    with open("/proc/loadavg") as loadavg:
        load = loadavg.read().split()[0]
    print(f"{'total (no HTTP)':28s} {1e6 * whole / count:6.2f} us/lead; load average {load}")


if __name__ == "__main__":
    main()
