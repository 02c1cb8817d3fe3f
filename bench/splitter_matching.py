"""Splitter matching speed: rules with several conditions, compiled once per batch versus once per lead.

Pure domain code (no database): `--rules` rules of three conditions each (source equals, country is
one of a 12-country list, a custom field contains a word), then a catch-all rule; `--leads` lead dicts,
most of which meet no multi-field rule and so try every rule (the slow case). Prints CPU (process)
time and wall time per lead for `matcher` (compiled once, as `services.leads.routing.route` uses it) and
for `first_match` called per lead (the rules compiled again for every lead).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rxcrm.domain.leads.splitter import Conditions, first_match, matcher  # noqa: E402

COUNTRIES = ["DE", "AT", "CH", "FR", "IT", "ES", "NL", "BE", "PL", "CZ", "DK", "SE"]
SOURCES = ["web", "fair", "ads", "partner", "phone"]


def rules(count: int, rng: random.Random) -> list[tuple[int, Conditions]]:
    """`count` three-condition rules and a catch-all, in trial order."""
    built = []
    for rule_id in range(1, count + 1):
        built.append(
            (
                rule_id,
                Conditions.of(
                    [
                        {"field": "source", "operator": "equals", "value": rng.choice(SOURCES)},
                        {"field": "country", "operator": "in", "value": ", ".join(rng.sample(COUNTRIES, 4))},
                        {"field": "custom.segment", "operator": "contains", "value": f"seg{rule_id % 7}"},
                    ]
                ),
            )
        )
    return [*built, (count + 1, Conditions())]


def leads(count: int, rng: random.Random) -> list[dict]:
    """Lead dicts as intake hands them to routing."""
    return [
        {
            "name": f"Lead {n}",
            "source": rng.choice(SOURCES).upper(),
            "country": rng.choice(COUNTRIES).lower(),
            "custom": {"segment": f"Seg{rng.randrange(8)} enterprise"},
        }
        for n in range(count)
    ]


def timed(label: str, run, count: int) -> list:  # noqa: ANN001
    """Run once; print CPU and wall microseconds per lead."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = run()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"{label:<34} {1e6 * cpu / count:8.2f} µs CPU/lead  {1e6 * wall / count:8.2f} µs wall/lead")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=20)
    parser.add_argument("--leads", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(42)
    trial, batch = rules(args.rules, rng), leads(args.leads, rng)
    print(f"{args.rules} rules x 3 conditions + catch-all, {args.leads:,} leads, load {os.getloadavg()}")
    first = matcher(trial)
    compiled = timed("matcher (compiled once per batch)", lambda: [first(lead) for lead in batch], args.leads)
    sample = batch[: max(1, args.leads // 10)]
    again = timed(
        "first_match (compiled per lead)", lambda: [first_match(trial, x) for x in sample], len(sample)
    )
    assert again == compiled[: len(sample)]
    caught = sum(1 for rule_id in compiled if rule_id == args.rules + 1)
    print(f"{caught:,} leads fell through to the catch-all")


if __name__ == "__main__":
    main()
