"""Alembic environment: migrates the database named by RXCRM_DATABASE_URL."""

from __future__ import annotations

from logging.config import fileConfig

from sqlmodel import SQLModel

import rxcrm.db.models  # noqa: F401  (registers every table)
from alembic import context
from rxcrm.db.session import build_engine
from rxcrm.settings import deployment

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)
target_metadata = SQLModel.metadata


def database_url() -> str:
    """The URL set by the caller, else the deployment's."""
    return config.get_main_option("sqlalchemy.url") or deployment().database_url


def run_migrations_offline() -> None:
    """Emit SQL without a connection."""
    context.configure(
        url=database_url(), target_metadata=target_metadata, literal_binds=True, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate over a live connection (batch mode so SQLite can alter tables)."""
    engine = build_engine(database_url())
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
