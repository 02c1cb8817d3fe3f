"""The `rxcrm` command: set up the database, create users and keys, load demo data."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rxcrm.domain.errors import DomainError

ROOT = Path(__file__).resolve().parent.parent


def migrate() -> None:
    """Bring the database schema to the newest Alembic revision."""
    from alembic.config import Config

    from alembic import command
    from rxcrm.settings import deployment

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.set_main_option("sqlalchemy.url", deployment().database_url.replace("%", "%%"))
    command.upgrade(config, "head")


def init_db(_: argparse.Namespace) -> None:
    """Run the migrations and install the default configuration (never demo records)."""
    from rxcrm.db.session import unit_of_work
    from rxcrm.services.settings.defaults import install_defaults

    migrate()
    with unit_of_work() as session:
        created = install_defaults(session)
    print("Database ready." + (f" Created: {'; '.join(created)}." if created else ""))


def create_admin(args: argparse.Namespace) -> None:
    """Add an administrator who can log in with the given e-mail and password."""
    from rxcrm.db.session import unit_of_work
    from rxcrm.services.people.users import create_user

    with unit_of_work() as session:
        user = create_user(
            session,
            None,
            {
                "email": args.email,
                "password": args.password,
                "name": args.name or args.email.split("@")[0],
                "role": "admin",
            },
        )
    print(f"Admin {user.email} created (id {user.id}).")


def check_admin(_: argparse.Namespace) -> None:
    """Refuse a production start on a database nobody can administer (no demo admin is seeded)."""
    from rxcrm.db.session import unit_of_work
    from rxcrm.services.people.users import require_active_admin

    with unit_of_work() as session:
        require_active_admin(session)
    print("An active administrator exists.")


def backup(args: argparse.Namespace) -> None:
    """Copy the SQLite database to a new file while the app keeps running."""
    from rxcrm.services.system.backup import backup_sqlite
    from rxcrm.settings import deployment

    size = backup_sqlite(deployment().database_url, Path(args.to))
    print(f"Backup written to {args.to} ({size:,} bytes).")


def seed_demo(args: argparse.Namespace) -> None:
    """Load the demo company into an empty database."""
    from rxcrm.db.session import unit_of_work
    from rxcrm.services.system.demo import DEMO_PASSWORD, demo_present, seed_demo

    started = time.perf_counter()
    with unit_of_work() as session:
        if demo_present(session):
            print("The database already holds accounts: demo data not loaded.")
            return
        counts = seed_demo(session)
    took = time.perf_counter() - started
    print(f"Demo data loaded in {took:.1f} s: {counts}. Log in as admin@rxcrm.demo / {DEMO_PASSWORD}.")


def api_key_create(args: argparse.Namespace) -> None:
    """Issue an intake API key and print it once."""
    from rxcrm.db.session import unit_of_work
    from rxcrm.services.settings.api_keys import create_api_key

    with unit_of_work() as session:
        key, clear = create_api_key(session, None, args.name)
    print(f"API key '{key.name}' (id {key.id}) — store it now, it is not shown again:\n{clear}")


def parser() -> argparse.ArgumentParser:
    """The command line's sub-commands."""
    root = argparse.ArgumentParser(prog="rxcrm", description="rxcrm administration")
    commands = root.add_subparsers(dest="command", required=True)
    commands.add_parser("init-db", help="run migrations, create default configuration").set_defaults(
        run=init_db
    )
    admin = commands.add_parser("create-admin", help="add an administrator")
    admin.add_argument("--email", required=True)
    admin.add_argument("--password", required=True)
    admin.add_argument("--name")
    admin.set_defaults(run=create_admin)
    commands.add_parser(
        "check-admin", help="fail unless an active administrator exists (production start)"
    ).set_defaults(run=check_admin)
    copy = commands.add_parser("backup", help="copy the SQLite database (online backup API)")
    copy.add_argument("--to", required=True, help="the new backup file")
    copy.set_defaults(run=backup)
    demo = commands.add_parser("seed-demo", help="load demo data into an empty database")
    demo.add_argument("--if-empty", action="store_true", help="(default behaviour) skip when data exists")
    demo.set_defaults(run=seed_demo)
    api_key = commands.add_parser("api-key", help="manage intake API keys")
    api_key_commands = api_key.add_subparsers(dest="api_key_command", required=True)
    create = api_key_commands.add_parser("create", help="issue a new key")
    create.add_argument("--name", required=True)
    create.set_defaults(run=api_key_create)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run one sub-command; domain errors print a clear message and exit 2."""
    args = parser().parse_args(argv)
    from rxcrm.services.system.subscribers import install_subscribers

    install_subscribers()
    try:
        args.run(args)
    except DomainError as exc:
        fields = "; ".join(f"{k} {v}" for k, v in exc.fields.items())
        print(f"error: {exc.message}" + (f" ({fields})" if fields else ""), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
