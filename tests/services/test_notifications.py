"""Spec §1.3: owners follow automatically; owners, second managers and followers hear of changes."""

from __future__ import annotations

from sqlmodel import Session

from rxcrm.services.accounts.accounts import create_account, update_account
from rxcrm.services.pipeline.opportunities import create_opportunity, update_opportunity
from rxcrm.services.pipeline.stages import list_stages
from rxcrm.services.records.activities import create_activity, list_categories
from rxcrm.services.records.followers import follow, follower_ids, unfollow
from rxcrm.services.records.notifications import list_notifications, mark_all_read, mark_read, unread_count
from rxcrm.services.settings.toggles import update_settings
from tests.conftest import make_user


def messages(session: Session, user) -> list[str]:
    return [n.message for n in list_notifications(session, user).items]


def test_owner_follows_automatically_and_hears_of_others_changes(session: Session, rep) -> None:
    boss = make_user(session, name="Bea Boss")
    account = create_account(session, boss, {"name": "Acme", "owner_id": rep.id})
    assert rep.id in follower_ids(session, "account", account.id)
    update_account(session, boss, account.id, {"city": "Graz"})
    assert messages(session, rep)[0] == "Bea Boss changed city on account 'Acme'"


def test_the_actor_is_not_notified_of_his_own_action(session: Session, rep) -> None:
    account = create_account(session, rep, {"name": "Mine"})
    update_account(session, rep, account.id, {"city": "Graz"})
    assert unread_count(session, rep) == 0


def test_followers_hear_of_changes_until_they_unfollow(session: Session, rep) -> None:
    watcher = make_user(session, name="Wanda")
    account = create_account(session, rep, {"name": "Acme"})
    follow(session, watcher, "account", account.id)
    update_account(session, rep, account.id, {"city": "Linz"})
    assert unread_count(session, watcher) == 1
    unfollow(session, watcher, "account", account.id)
    update_account(session, rep, account.id, {"city": "Wels"})
    assert unread_count(session, watcher) == 1


def test_owner_change_notifies_new_owner_and_makes_him_follow(session: Session, rep) -> None:
    newcomer = make_user(session, name="Nico")
    account = create_account(session, rep, {"name": "Acme"})
    update_account(session, rep, account.id, {"owner_id": newcomer.id})
    assert newcomer.id in follower_ids(session, "account", account.id)
    assert messages(session, newcomer) == ["Rita Rep changed the owner on account 'Acme'"]


def test_second_manager_is_notified(session: Session, admin, rep) -> None:
    update_settings(session, admin, {"second_account_manager": True})
    second = make_user(session, name="Sven")
    deal = create_opportunity(session, rep, {"name": "Big deal", "second_owner_id": second.id})
    update_opportunity(session, rep, deal.id, {"amount": "5000.00"})
    assert messages(session, second)[0] == "Rita Rep changed amount on opportunity 'Big deal'"


def test_won_and_stage_moves_and_activities_are_announced(session: Session, rep) -> None:
    owner = make_user(session, name="Olga")
    deal = create_opportunity(session, rep, {"name": "Deal", "owner_id": owner.id})
    stages = list_stages(session)
    update_opportunity(session, rep, deal.id, {"stage_id": stages[2].id})
    won = next(s for s in stages if s.kind == "won")
    update_opportunity(session, rep, deal.id, {"stage_id": won.id})
    call = next(c for c in list_categories(session) if c.name == "Call")
    create_activity(session, rep, {"entity": "opportunity", "entity_id": deal.id, "category_id": call.id})
    assert messages(session, owner)[:3] == [
        "Rita Rep logged a call on opportunity 'Deal'",
        "Rita Rep marked opportunity 'Deal' as won",
        f"Rita Rep moved opportunity 'Deal' to {stages[2].name}",
    ]


def test_notifications_are_marked_read_one_by_one_or_all(session: Session, rep) -> None:
    boss = make_user(session, name="Bea")
    account = create_account(session, boss, {"name": "A", "owner_id": rep.id})
    for city in ("X", "Y", "Z"):
        update_account(session, boss, account.id, {"city": city})
    first = list_notifications(session, rep).items[0]
    mark_read(session, rep, first.id)
    assert unread_count(session, rep) == 3
    assert mark_all_read(session, rep) == 3 and unread_count(session, rep) == 0
