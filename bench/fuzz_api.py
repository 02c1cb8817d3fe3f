"""Fuzz the whole REST API with Schemathesis, longer than the suite does.

Usage: python bench/fuzz_api.py [--examples 50] [--no-coverage] [--seed 1] [-k "leads"]

The long version of tests/api/test_fuzz_api.py (same harness): every operation of the app's own
/api/v1/openapi.json, as an admin and as a rep (a fresh bearer token per operation, the X-API-Key of
a seeded key for the intake), on a SQLite database with the defaults and a few records of each kind.
Runs the examples phase, the coverage phase (every boundary value, wrong type, missing field and
unexpected method of each parameter and body; the suite runs it too) and the fuzzing phase with
--examples cases per operation (the suite: 3). Fails on any 5xx and on any error
answer outside the contract's shape {"error": {"code", "message", "fields"}}; pytest prints the
failing request (method, path, body) to replay it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Run the fuzz test module with the long settings; its exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=50, help="fuzzing cases per operation and role")
    parser.add_argument("--no-coverage", action="store_true", help="skip the coverage phase")
    parser.add_argument("--seed", type=int, default=None, help="Hypothesis seed (random when left out)")
    parser.add_argument("-k", dest="select", default=None, help="only operations matching this pytest -k")
    args = parser.parse_args()
    env = {**os.environ, "RXCRM_FUZZ_EXAMPLES": str(args.examples)}
    env["RXCRM_FUZZ_COVERAGE"] = "0" if args.no_coverage else "1"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/api/test_fuzz_api.py"]
    command += ["--maxfail=50"]
    if args.seed is not None:
        command.append(f"--hypothesis-seed={args.seed}")
    if args.select:
        command += ["-k", args.select]
    started = time.monotonic()
    code = subprocess.call(command, cwd=ROOT, env=env)
    print(
        f"fuzz_api: {args.examples} examples/operation, coverage {'off' if args.no_coverage else 'on'}, "
        f"{time.monotonic() - started:.0f} s, exit {code}"
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
