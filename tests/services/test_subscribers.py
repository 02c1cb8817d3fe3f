"""Change-event subscribers are registered in one place at startup, never by importing a module."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

from rxcrm.services.records import events

PACKAGE = Path(__file__).resolve().parents[2] / "rxcrm"
REGISTRARS = {"on_change", "after_commit", "after_touch"}


def test_every_change_subscriber_is_registered_in_one_place() -> None:
    assert events.registered()["on_change"] == [
        "rxcrm.services.pipeline.board.note_board_columns",
        "rxcrm.services.records.notifications.owners_follow_their_records",
        "rxcrm.services.records.notifications.notify_about_change",
        "rxcrm.services.settings.workflows.run_workflow_rules",
        "rxcrm.services.records.activities.drop_activities_of_deleted_records",
        "rxcrm.services.records.files.drop_files_of_gone_records",
        "rxcrm.services.tasks.assignment.notify_task_assignee",
        "rxcrm.services.tickets.notices.notify_ticket_assignee",
    ]
    assert events.registered()["after_commit"] == []


def test_the_ui_live_feeds_are_listed_for_the_one_install() -> None:
    from rxcrm.ui import live

    assert [f.__name__ for f in live.FEEDS] == ["push_board_changes", "push_dashboard_changes"]


def test_installing_twice_registers_nothing_twice() -> None:
    from rxcrm.services.system.subscribers import install_subscribers

    before = events.registered()
    install_subscribers()
    assert events.registered() == before


def _decorator_name(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def test_no_module_registers_a_subscriber_when_imported() -> None:
    offences = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names = {_decorator_name(d) for d in node.decorator_list}
                if names & REGISTRARS:
                    offences.append(f"{path.relative_to(PACKAGE)}:{node.name}")
    assert offences == []


DELETE_ONLY = """
    from sqlmodel import Session, SQLModel, create_engine, select

    import rxcrm.db.models  # the tables
    from rxcrm.db.models import Account, Activity, ActivityCategory, User
    from rxcrm.services.accounts.accounts import delete_account

    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        admin = User(email="a@example.com", name="Ada", role="admin", password_hash="x")
        category = ActivityCategory(name="Call")
        session.add_all([admin, category])
        session.flush()
        account = Account(name="Acme", owner_id=admin.id)
        session.add(account)
        session.flush()
        note = Activity(entity="account", entity_id=account.id, category_id=category.id, author_id=admin.id)
        session.add(note)
        session.commit()
        delete_account(session, admin, account.id)
        session.commit()
        print(len(session.exec(select(Activity)).all()))
"""


def test_a_deleted_records_activities_go_when_only_the_deleting_service_is_imported() -> None:
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(DELETE_ONLY)],
        capture_output=True,
        text=True,
        cwd=PACKAGE.parent,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "0"
