"""CSV lead import speed (spec §2.7): a 100,000-row file into a database that already holds 100,000 leads.

Usage: python bench/csv_import.py [--rows 100000] [--existing 100000] [--profile] [--keep]

Builds a fresh SQLite file (Alembic migrations + default configuration, like `rxcrm init-db`) with
10 reps, one splitter rule (source "web" split over 4 reps) and N existing leads. Then it writes a
realistic CSV (semicolon-separated, BOM, quoted company names with separators, German headers;
~2% of the rows repeat a stored lead or an earlier row) and runs `services/records/imports.import_file`
end to end in one unit of work, as the import page does: parse, map, validate every row, duplicate
check, insert, routing, history, commit. Prints seconds and rows/s; `--profile` adds the top of a
cProfile run.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from lead_setup import clean_up, migrated_database, sales_team, seed_leads

TARGET_SECONDS = 10.0
REPS = 10
SOURCES = ("web", "fair", "ads", "web", "partner")
COUNTRIES = ("DE", "AT", "CH", "FR", "NL")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows in the CSV file")
    parser.add_argument("--existing", type=int, default=100_000, help="leads stored before the import")
    parser.add_argument("--profile", action="store_true", help="print the top 25 functions of cProfile")
    parser.add_argument("--keep", action="store_true", help="keep the database file and print its path")
    return parser.parse_args()


def person(serial: int) -> dict[str, Any]:
    """A plausible lead; the same serial always gives the same person."""
    return {
        "name": f"Person {serial}",
        "company": f"Company {serial % 40_000}, GmbH & Co. KG",
        "email": f"person{serial}@example{serial % 97}.test",
        "phone": f"+49 30 {1_000_000 + serial}",
        "country": COUNTRIES[serial % len(COUNTRIES)],
        "source": SOURCES[serial % len(SOURCES)],
    }


def csv_file(rows: int, existing: int, rng: random.Random) -> str:
    """The import file: new people, ~1% repeating a stored lead and ~1% repeating an earlier row."""
    lines = ["\ufeffName;E-Mail;Telefon;Firma;Land;Quelle"]
    for i in range(rows):
        roll = rng.random()
        if roll < 0.01 and existing:
            serial = rng.randrange(existing)
        elif roll < 0.02 and i:
            serial = existing + rng.randrange(i)
        else:
            serial = existing + i
        p = person(serial)
        company = '"' + p["company"].replace('"', '""') + '"'
        lines.append(";".join((p["name"], p["email"], p["phone"], company, p["country"], p["source"])))
    return "\n".join(lines) + "\n"


def prepare(directory: Path, existing: int) -> int:
    """Migrate a fresh database, add users, one rule and the existing leads; returns the importer's id."""
    migrated_database(directory)
    from rxcrm.db.session import unit_of_work

    with unit_of_work() as session:
        admin, _ = sales_team(session, REPS)
        admin_id = admin.id
    seed_leads(existing, person)
    return admin_id


def run_import(admin_id: int, text: str) -> dict[str, Any]:
    """The import as the page runs it: one unit of work, committed at the end."""
    from rxcrm.db.models import User
    from rxcrm.db.session import unit_of_work
    from rxcrm.domain.records.csv_import import LEADS
    from rxcrm.services.records.imports import import_file

    with unit_of_work() as session:
        admin = session.get(User, admin_id)
        return import_file(session, admin, LEADS, text, None, "bench.csv").as_dict()


def _time_checking(text: str) -> float:
    """Seconds the pure part takes (parse, suggested mapping, validating every row), measured apart."""
    from rxcrm.domain.records.csv_import import LEADS, check_mapping, check_rows, parse_csv, suggest_mapping

    started = time.perf_counter()
    table = parse_csv(text)
    check_rows(table, check_mapping(table.header, suggest_mapping(table.header, LEADS), LEADS), LEADS)
    return time.perf_counter() - started


def _load() -> str:
    """The machine's load, since other work on the two cores stretches wall-clock figures."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} on {os.cpu_count()} CPUs"


def main() -> None:
    """Seed, build the file, time the import (optionally profiled), print the figures."""
    args = _arguments()
    directory = Path(tempfile.mkdtemp(prefix="rxcrm-csv-bench-"))
    admin_id = prepare(directory, args.existing)
    text = csv_file(args.rows, args.existing, random.Random(42))
    print(f"file: {args.rows:,} rows, {len(text.encode()) / 1024 / 1024:.1f} MB")
    checking = _time_checking(text)
    profiler = cProfile.Profile() if args.profile else None
    started, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    answer = run_import(admin_id, text)
    if profiler:
        profiler.disable()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert answer["ok"] and answer["imported"] == args.rows, answer["report"][:5]
    rate = answer["imported"] / seconds
    print(
        f"imported {answer['imported']:,} leads in {seconds:.2f} s = {rate:,.0f} rows/s "
        f"(duplicates {answer['duplicates']:,}, routed {answer['routed']:,}); "
        f"target <= {TARGET_SECONDS:.0f} s: {'met' if seconds <= TARGET_SECONDS else 'MISSED'}"
    )
    print(f"CPU time of the import {cpu:.2f} s; parse + map + validate alone {checking:.2f} s; {_load()}")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    clean_up(directory, args.keep)


if __name__ == "__main__":
    main()
