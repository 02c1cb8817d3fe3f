"""The task states (spec §5.5): 'New task' from an account or a deal, the star, the Tasks page's views and
statistics, ticking done in place, and a refused save showing its problems on the fields."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import Project, Task, User
from rxcrm.services.people.time_zones import today_for
from rxcrm.services.tasks.task_links import account_ids_of
from rxcrm.services.tasks.tasks import create_task
from rxcrm.ui.tasks.record_tasks import RecordTasksState
from rxcrm.ui.tasks.task_form import TaskFormState
from rxcrm.ui.tasks.tasks_page import TasksState
from tests.conftest import make_account, make_opportunity, make_user, stored
from tests.ui_units.logged_in import logged_in_state
from tests.ui_units.test_board_state import _run
from tests.ui_units.test_partner_pages import _on_page


def _tasks(session: Session) -> list[Task]:
    session.expire_all()
    return list(session.exec(select(Task).order_by(Task.id)).all())


def test_a_task_from_an_account_starts_linked_to_it_and_a_star_makes_another_primary(
    app_database: Engine, session: Session, rep: User
) -> None:
    home, other = (
        make_account(session, name="Alpen AG", owner_id=rep.id),
        make_account(session, name="Baltic"),
    )
    session.commit()
    form = logged_in_state(session, rep, TaskFormState, "task-form")
    _run(form, TaskFormState.open_for, "account", home.id)
    assert form.form_open and form.linked == [{"id": str(home.id), "name": "Alpen AG"}]
    assert form.values["assignee_id"] == str(rep.id)
    _run(form, TaskFormState.add_account, str(other.id))
    _run(form, TaskFormState.star_account, str(other.id))
    fields = {
        "title": "Plan the visit",
        "due_date": "2031-01-15",
        "priority": "high",
        "assignee_id": str(rep.id),
    }
    _run(form, TaskFormState.submit, fields)
    [task] = _tasks(session)
    assert (task.title, task.priority, account_ids_of(session, task.id)) == (
        "Plan the visit",
        "high",
        [other.id, home.id],
    )
    assert not form.form_open

    tab = _on_page(logged_in_state(session, rep, RecordTasksState, "task-tab"), f"/accounts/{home.id}")
    _run(tab, RecordTasksState.load)
    [row] = tab.rows
    assert (row["title"], row["account"], row["more_accounts"], row["primary"]) == (
        "Plan the visit",
        "Baltic",
        "+1",
        "",
    )
    _run(tab, RecordTasksState.tick, row["id"], True)
    assert _tasks(session)[0].status == "done"


def test_a_task_from_a_deal_is_linked_to_the_deal_its_project_and_account(
    app_database: Engine, session: Session, rep: User
) -> None:
    account = make_account(session, name="Alpen AG", owner_id=rep.id)
    project = stored(session, Project(name="Renewals"))
    deal = make_opportunity(session, rep, account_id=account.id, project_id=project.id)
    session.commit()
    form = logged_in_state(session, rep, TaskFormState, "task-deal")
    _run(form, TaskFormState.open_for, "opportunity", deal.id)
    assert (form.values["opportunity_id"], form.values["project_id"]) == (str(deal.id), str(project.id))
    assert [a["id"] for a in form.linked] == [str(account.id)]


def test_a_save_without_a_title_keeps_the_dialog_open_with_the_problem_on_the_field(
    app_database: Engine, session: Session, rep: User
) -> None:
    session.commit()
    form = logged_in_state(session, rep, TaskFormState, "task-bad")
    _run(form, TaskFormState.open_new)
    _run(form, TaskFormState.submit, {"title": " ", "assignee_id": str(rep.id), "priority": "normal"})
    assert form.form_open and "title" in form.errors and _tasks(session) == []


def test_the_tasks_page_shows_my_overdue_and_all_tasks_and_the_statistics(
    app_database: Engine, session: Session, rep: User
) -> None:
    sam = make_user(session, name="Sam Seller")
    late = today_for(rep) - timedelta(days=1)
    create_task(session, rep, {"title": "Mine, late", "due_date": late})
    create_task(session, rep, {"title": "Sam's", "assignee_id": sam.id})
    session.commit()
    page = logged_in_state(session, rep, TasksState, "tasks-page")
    _run(page, TasksState.load)
    assert [r["title"] for r in page.rows] == ["Mine, late"] and page.rows[0]["overdue"] == "yes"
    _run(page, TasksState.set_filter, "view", "all")
    _run(page, TasksState.load)
    assert {r["title"] for r in page.rows} == {"Mine, late", "Sam's"}
    _run(page, TasksState.set_filter, "assignee_filter", str(sam.id))
    _run(page, TasksState.load)
    assert [r["title"] for r in page.rows] == ["Sam's"]
    _run(page, TasksState.set_filter, "view", "overdue")
    _run(page, TasksState.set_filter, "assignee_filter", "")
    _run(page, TasksState.load)
    assert [r["title"] for r in page.rows] == ["Mine, late"]
    _run(page, TasksState.tick, page.rows[0]["id"], True)
    _run(page, TasksState.load)
    assert page.rows == []
    stats = {(s["assignee"], s["open"], s["done"], s["overdue"]) for s in page.stats}
    assert stats == {("Rita Rep", "0", "1", "0"), ("Sam Seller", "1", "0", "0")}
