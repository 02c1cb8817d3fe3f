"""Spec §1.12: workflow rules run on changes, in the same transaction, without looping."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, select

from rxcrm.db.models import Activity, Change, Notification, User, WorkflowRule
from rxcrm.domain.errors import Forbidden, NotFound, ValidationFailed
from rxcrm.services.accounts.accounts import create_account, update_account
from rxcrm.services.accounts.contacts import create_contact, update_contact
from rxcrm.services.pipeline.opportunities import create_opportunity, update_opportunity
from rxcrm.services.pipeline.stages import list_stages
from rxcrm.services.records.activities import list_categories
from rxcrm.services.records.followers import follower_ids
from rxcrm.services.settings.workflows import create_rule, delete_rule, list_rules, update_rule
from tests.conftest import make_user


def rule(session: Session, admin: User, **kw: Any) -> WorkflowRule:
    values = {"name": "Rule", "entity": "account", "trigger": "updated", **kw}
    return create_rule(session, admin, values)


def owner_changes(session: Session, entity: str, entity_id: int) -> list[Change]:
    return list(
        session.exec(
            select(Change).where(
                Change.entity == entity, Change.entity_id == entity_id, Change.field == "owner_id"
            )
        ).all()
    )


def notes(session: Session, user: User) -> list[str]:
    return list(session.exec(select(Notification.message).where(Notification.user_id == user.id)).all())


def stage_of_kind(session: Session, kind: str):  # noqa: ANN201
    return next(s for s in list_stages(session) if s.kind == kind)


def test_set_owner_on_creation_goes_through_history_and_notifies_the_creator(
    session: Session, admin: User, rep: User
) -> None:
    boss = make_user(session, name="Bea Boss")
    rule(session, admin, trigger="created", action="set_owner", action_params={"user_id": boss.id})
    account = create_account(session, rep, {"name": "Acme"})
    assert account.owner_id == boss.id
    history = owner_changes(session, "account", account.id)
    assert [(c.action, c.by_id) for c in history] == [("create", rep.id), ("update", None)]
    assert boss.id in follower_ids(session, "account", account.id)
    assert any("owner" in m for m in notes(session, rep))


def test_add_follower_when_a_field_changes(session: Session, admin: User, rep: User) -> None:
    watcher = make_user(session)
    rule(
        session,
        admin,
        trigger="field_changed",
        trigger_field="city",
        action="add_follower",
        action_params={"user_id": watcher.id},
    )
    account = create_account(session, rep, {"name": "Acme"})
    update_account(session, rep, account.id, {"industry": "Retail"})
    assert watcher.id not in follower_ids(session, "account", account.id)
    update_account(session, rep, account.id, {"city": "Graz"})
    assert watcher.id in follower_ids(session, "account", account.id)


def test_notify_when_an_opportunity_is_won(session: Session, admin: User, rep: User) -> None:
    boss = make_user(session, name="Bea Boss")
    rule(
        session,
        admin,
        entity="opportunity",
        trigger="won",
        action="notify",
        action_params={"user_id": boss.id, "message": "A deal was won!"},
    )
    deal = create_opportunity(session, rep, {"name": "Deal"})
    update_opportunity(session, rep, deal.id, {"stage_id": list_stages(session)[1].id})
    assert "A deal was won!" not in notes(session, boss)
    update_opportunity(session, rep, deal.id, {"stage_id": stage_of_kind(session, "won").id})
    assert notes(session, boss).count("A deal was won!") == 1


def test_create_activity_when_a_stage_moves_or_a_deal_is_lost(
    session: Session, admin: User, rep: User
) -> None:
    category = list_categories(session)[0]
    for trigger, note in (("stage_moved", "Stage moved"), ("lost", "Ask why we lost")):
        rule(
            session,
            admin,
            entity="opportunity",
            trigger=trigger,
            action="create_activity",
            action_params={"category_id": category.id, "note": note},
        )
    deal = create_opportunity(session, rep, {"name": "Deal"})
    update_opportunity(
        session, rep, deal.id, {"stage_id": stage_of_kind(session, "lost").id, "lost_reason": "Budget cut"}
    )
    logged = session.exec(
        select(Activity).where(Activity.entity == "opportunity", Activity.entity_id == deal.id)
    )
    assert sorted(a.note for a in logged) == ["Ask why we lost", "Stage moved"]


def test_a_condition_that_does_not_hold_does_nothing(session: Session, admin: User, rep: User) -> None:
    boss = make_user(session)
    rule(
        session,
        admin,
        trigger="created",
        action="set_owner",
        action_params={"user_id": boss.id},
        condition={"field": "industry", "op": "in", "value": ["Banking", "Insurance"]},
    )
    retail = create_account(session, rep, {"name": "Shop", "industry": "Retail"})
    bank = create_account(session, rep, {"name": "Bank", "industry": "banking"})
    assert retail.owner_id != boss.id
    assert bank.owner_id == boss.id


def test_an_inactive_rule_does_nothing(session: Session, admin: User, rep: User) -> None:
    boss = make_user(session)
    switched_off = rule(
        session, admin, trigger="created", action="set_owner", action_params={"user_id": boss.id}
    )
    update_rule(session, admin, switched_off.id, {"active": False})
    assert create_account(session, rep, {"name": "Acme"}).owner_id != boss.id


def test_rules_that_undo_each_other_run_once_and_never_loop(session: Session, admin: User, rep: User) -> None:
    first, second = make_user(session), make_user(session)
    rule(session, admin, action="set_owner", action_params={"user_id": first.id})
    rule(session, admin, action="set_owner", action_params={"user_id": second.id})
    account = create_account(session, rep, {"name": "Acme"})
    update_account(session, rep, account.id, {"city": "Graz"})
    assert account.owner_id == second.id
    assert [c.new for c in owner_changes(session, "account", account.id)][-2:] == [
        str(first.id),
        str(second.id),
    ]


def test_rules_run_in_the_users_transaction(session: Session, admin: User, rep: User) -> None:
    watcher = make_user(session)
    rule(session, admin, action="add_follower", action_params={"user_id": watcher.id})
    account = create_account(session, rep, {"name": "Acme"})
    session.commit()
    update_account(session, rep, account.id, {"city": "Graz"})
    assert watcher.id in follower_ids(session, "account", account.id)
    session.rollback()
    assert watcher.id not in follower_ids(session, "account", account.id)


def test_a_failing_action_is_skipped_and_the_users_change_kept(
    session: Session, admin: User, rep: User
) -> None:
    leaver = make_user(session)
    rule(session, admin, action="set_owner", action_params={"user_id": leaver.id})
    leaver.active = False
    account = create_account(session, rep, {"name": "Acme"})
    update_account(session, rep, account.id, {"city": "Graz"})
    session.commit()
    assert account.city == "Graz"
    assert account.owner_id == rep.id
    assert len(owner_changes(session, "account", account.id)) == 1


def test_set_owner_keeps_the_contact_and_opportunity_owners_coupled(
    session: Session, admin: User, rep: User, caplog: pytest.LogCaptureFixture
) -> None:
    other = make_user(session)
    rule(session, admin, entity="opportunity", action="set_owner", action_params={"user_id": other.id})
    contact = create_contact(session, rep, {"last_name": "Doe"})
    deal = create_opportunity(session, rep, {"name": "Deal", "contact_id": contact.id})
    update_opportunity(session, rep, deal.id, {"amount": "10.00"})
    assert deal.owner_id == rep.id
    assert "skipped" in caplog.text


def test_set_owner_on_a_contact_moves_its_open_opportunities(
    session: Session, admin: User, rep: User
) -> None:
    other = make_user(session)
    rule(session, admin, entity="contact", action="set_owner", action_params={"user_id": other.id})
    contact = create_contact(session, rep, {"last_name": "Doe"})
    deal = create_opportunity(session, rep, {"name": "Deal", "contact_id": contact.id})
    update_contact(session, rep, contact.id, {"first_name": "Jane"})
    assert (contact.owner_id, deal.owner_id) == (other.id, other.id)


def test_only_admins_configure_rules(session: Session, admin: User, rep: User) -> None:
    with pytest.raises(Forbidden):
        rule(session, rep, action="add_follower", action_params={"user_id": rep.id})
    made = rule(session, admin, action="add_follower", action_params={"user_id": rep.id})
    with pytest.raises(Forbidden):
        update_rule(session, rep, made.id, {"active": False})
    with pytest.raises(Forbidden):
        delete_rule(session, rep, made.id)
    assert list_rules(session, rep).total == 1
    delete_rule(session, admin, made.id)
    with pytest.raises(NotFound):
        delete_rule(session, admin, made.id)


def test_a_rule_must_name_existing_users_and_categories(session: Session, admin: User) -> None:
    with pytest.raises(ValidationFailed) as caught:
        rule(session, admin, action="add_follower", action_params={"user_id": 999_999})
    assert caught.value.fields == {"action_params.user_id": "no such active user"}
    with pytest.raises(ValidationFailed) as caught:
        rule(session, admin, action="create_activity", action_params={"category_id": 999_999})
    assert "action_params.category_id" in caught.value.fields


def test_a_patch_is_checked_against_the_whole_rule(session: Session, admin: User) -> None:
    made = rule(session, admin, action="add_follower", action_params={"user_id": admin.id})
    with pytest.raises(ValidationFailed) as caught:
        update_rule(session, admin, made.id, {"trigger": "field_changed"})
    assert "trigger_field" in caught.value.fields
    assert update_rule(session, admin, made.id, {"position": 5}).position == 5
