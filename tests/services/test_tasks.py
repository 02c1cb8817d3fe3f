"""Tasks (spec §5.5, api.md "tasks"): linked accounts and the primary, overdue on the viewer's calendar,
the assignee's notification (none for one's own assignment), statistics, history and who sees a task."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from rxcrm.db.models import Notification, TaskAccount, User
from rxcrm.domain.errors import NotFound, ValidationFailed
from rxcrm.domain.records.history import CREATED, DELETED
from rxcrm.services.people.time_zones import today_for
from rxcrm.services.records.history import history_of
from rxcrm.services.tasks.task_links import account_ids_of
from rxcrm.services.tasks.task_stats import task_statistics
from rxcrm.services.tasks.tasks import (
    TaskFilter,
    create_task,
    delete_task,
    get_task,
    list_tasks,
    star_account,
    tick_task,
    update_task,
)
from tests.conftest import make_account, make_opportunity, make_partner, make_user


def titles(session: Session, user: User, **flt: object) -> list[str]:
    return [t.title for t in list_tasks(session, user, TaskFilter(**flt)).items]  # type: ignore[arg-type]


def notes_of(session: Session, user: User) -> list[str]:
    return [n.message for n in session.exec(select(Notification).where(Notification.user_id == user.id))]


def test_the_first_linked_account_is_primary_and_a_star_makes_another_one_primary(
    session: Session, rep: User
) -> None:
    a, b, c = (make_account(session, owner_id=rep.id) for _ in range(3))
    task = create_task(session, rep, {"title": "Renewal call", "account_ids": [a.id, b.id, c.id]})
    assert account_ids_of(session, task.id) == [a.id, b.id, c.id]
    star_account(session, rep, task.id, c.id)
    assert account_ids_of(session, task.id) == [c.id, a.id, b.id]
    update_task(session, rep, task.id, {"account_ids": [a.id, b.id]})  # the primary unlinked
    assert account_ids_of(session, task.id) == [a.id, b.id]
    with pytest.raises(ValidationFailed) as refused:
        star_account(session, rep, task.id, c.id)
    assert "primary_account_id" in refused.value.fields
    update_task(session, rep, task.id, {"account_ids": [a.id, b.id, c.id], "primary_account_id": b.id})
    assert account_ids_of(session, task.id) == [b.id, a.id, c.id]


def test_a_deleted_primary_account_leaves_the_next_one_primary(session: Session, rep: User) -> None:
    from rxcrm.services.accounts.accounts import delete_account

    a, b = make_account(session, owner_id=rep.id), make_account(session, owner_id=rep.id)
    task = create_task(session, rep, {"title": "Visit", "account_ids": [a.id, b.id]})
    delete_account(session, rep, a.id)
    assert account_ids_of(session, task.id) == [b.id]


def test_bad_input_names_every_field_and_writes_nothing(session: Session, rep: User) -> None:
    hidden = make_account(session, is_private=True, created_by_id=make_user(session).id)
    with pytest.raises(ValidationFailed) as refused:
        create_task(
            session,
            rep,
            {"title": "", "priority": "asap", "assignee_id": 99_999, "account_ids": [hidden.id]},
        )
    assert set(refused.value.fields) == {"title", "priority", "assignee_id", "account_ids"}
    assert titles(session, rep) == [] and session.exec(select(TaskAccount)).all() == []


def test_the_assignee_is_notified_but_never_of_his_or_her_own_assignment(session: Session, rep: User) -> None:
    sam = make_user(session, name="Sam Seller")
    create_task(session, rep, {"title": "Prepare the offer"})  # to herself
    task = create_task(
        session, rep, {"title": "Send the contract", "assignee_id": sam.id, "due_date": "2031-01-15"}
    )
    assert notes_of(session, rep) == []
    assert notes_of(session, sam) == ["Rita Rep assigned you the task 'Send the contract', due 2031-01-15"]
    update_task(session, sam, task.id, {"title": "Send the signed contract"})
    tick_task(session, sam, task.id, True)
    assert notes_of(session, rep) == [] and len(notes_of(session, sam)) == 1
    update_task(session, sam, task.id, {"assignee_id": rep.id})
    assert notes_of(session, rep) == [
        "Sam Seller assigned you the task 'Send the signed contract', due 2031-01-15"
    ]


def test_overdue_is_open_and_due_before_the_viewers_own_today(session: Session) -> None:
    east = make_user(session, role="admin", time_zone="Pacific/Kiritimati")  # UTC+14
    west = make_user(session, role="admin", time_zone="Pacific/Pago_Pago")  # UTC-11: always a day behind
    due = today_for(west)
    create_task(session, west, {"title": "Due on the western today", "due_date": due})
    done = create_task(session, west, {"title": "Done long ago", "due_date": due - timedelta(days=9)})
    tick_task(session, west, done.id, True)
    assert titles(session, east, overdue=True) == ["Due on the western today"]
    assert titles(session, west, overdue=True) == []
    assert set(titles(session, west, overdue=False)) == {"Due on the western today", "Done long ago"}
    east_stats = {s["assignee_id"]: s for s in task_statistics(session, east)}
    assert east_stats[west.id] == {**east_stats[west.id], "open": 1, "done": 1, "overdue": 1}
    assert task_statistics(session, west)[0]["overdue"] == 0


def test_statistics_count_per_assignee_what_the_viewer_sees(session: Session, admin: User, rep: User) -> None:
    sam = make_user(session, name="Sam Seller")
    past = today_for(admin) - timedelta(days=3)
    for title, who in (("a", rep), ("b", rep), ("c", sam)):
        create_task(session, admin, {"title": title, "assignee_id": who.id, "due_date": past})
    tick_task(session, admin, list_tasks(session, admin, TaskFilter(q="b")).items[0].id, True)
    assert [(s["assignee"], s["open"], s["done"], s["overdue"]) for s in task_statistics(session, admin)] == [
        ("Rita Rep", 1, 1, 1),
        ("Sam Seller", 1, 0, 1),
    ]


def test_a_partner_user_sees_only_tasks_of_his_partners_records_or_his_own(
    session: Session, rep: User
) -> None:
    partner, other = make_partner(session), make_partner(session)
    pat = make_user(session, role="partner", partner_id=partner.id, name="Pat Partner")
    theirs = make_account(session, owner_id=rep.id, partner_id=partner.id)
    global_account = make_account(session, owner_id=rep.id, is_global=True)
    deal = make_opportunity(session, rep, partner_id=other.id)
    create_task(session, rep, {"title": "On the partner's account", "account_ids": [theirs.id]})
    hidden = create_task(session, rep, {"title": "On a global account", "account_ids": [global_account.id]})
    create_task(session, rep, {"title": "On another partner's deal", "opportunity_id": deal.id})
    create_task(session, rep, {"title": "For the partner user", "assignee_id": pat.id})
    create_task(session, rep, {"title": "Internal, unlinked"})
    assert set(titles(session, pat)) == {"On the partner's account", "For the partner user"}
    with pytest.raises(NotFound):
        get_task(session, pat, hidden.id)
    assert {s["assignee_id"] for s in task_statistics(session, pat)} == {rep.id, pat.id}
    with pytest.raises(ValidationFailed) as refused:  # and cannot assign an internal user he/she cannot see
        create_task(session, pat, {"title": "Call", "assignee_id": rep.id})
    assert "assignee_id" in refused.value.fields


def test_a_limited_rep_sees_tasks_of_accounts_he_manages(session: Session, rep: User) -> None:
    limited = make_user(session, access_level="limited_crm")
    mine, others = make_account(session, owner_id=limited.id), make_account(session, owner_id=rep.id)
    create_task(session, rep, {"title": "On his account", "account_ids": [mine.id]})
    create_task(session, rep, {"title": "On someone else's", "account_ids": [others.id]})
    create_task(session, rep, {"title": "Unlinked, not his"})
    assert titles(session, limited) == ["On his account"]
    assert titles(session, limited, account_id=mine.id) == ["On his account"]


def test_history_keeps_every_change_and_the_deletion(session: Session, rep: User) -> None:
    a, b = make_account(session, owner_id=rep.id), make_account(session, owner_id=rep.id)
    task = create_task(session, rep, {"title": "Quote follow-up", "account_ids": [a.id]})
    update_task(session, rep, task.id, {"priority": "high", "account_ids": [b.id, a.id]})
    tick_task(session, rep, task.id, True)
    fields = [h["field"] for h in history_of(session, "task", task.id)]
    assert {CREATED, "title", "priority", "account_ids", "status"} <= set(fields)
    task_id = task.id
    delete_task(session, rep, task_id)
    assert session.exec(select(TaskAccount)).all() == []
    assert DELETED in [h["field"] for h in history_of(session, "task", task_id)]


def test_the_demo_gives_every_rep_open_overdue_and_done_tasks(session: Session) -> None:
    from rxcrm.services.tasks.demo_tasks import DEMO_TASKS, seed_demo_tasks

    director = make_user(session, role="director", name="Dana Director")
    reps = [make_user(session, name=f"Rep {n}") for n in range(2)]
    accounts = [make_account(session, owner_id=r.id) for r in reps for _ in range(3)]
    deals = [make_opportunity(session, r) for r in reps]
    assert seed_demo_tasks(session, director, reps, accounts, deals) == 2 * len(DEMO_TASKS)
    stats = task_statistics(session, director)
    assert [(s["assignee_id"], s["open"], s["done"], s["overdue"]) for s in stats] == [
        (reps[0].id, 4, 1, 1),
        (reps[1].id, 4, 1, 1),
    ]
    assert titles(session, reps[0], account_id=accounts[0].id) == ["Call back about the offer"]
