"""Spec §1.2: decoupled owners of contacts and opportunities, with both follower sub-settings."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.accounts.accounts import create_account
from rxcrm.services.accounts.contacts import update_contact
from rxcrm.services.pipeline.opportunities import create_opportunity, update_opportunity
from rxcrm.services.pipeline.stages import list_stages
from rxcrm.services.records.followers import follower_ids
from rxcrm.services.settings.toggles import update_settings
from tests.conftest import make_contact, make_user

DECOUPLE = "decouple_contact_opportunity_owners"
FOLLOW_CONTACT = "update_contact_followers_on_opportunity_owner_change"
FOLLOW_DEALS = "update_opportunity_followers_on_contact_owner_change"


def settings(session: Session, admin, **values: bool) -> None:
    update_settings(session, admin, {**values})


@pytest.fixture
def people(session: Session, admin, rep):
    """A contact owned by Carl, and two more reps."""
    carl, dora = make_user(session, name="Carl"), make_user(session, name="Dora")
    return {"carl": carl, "dora": dora, "contact": make_contact(session, owner_id=carl.id)}


def test_off_new_opportunity_is_owned_by_the_contact_owner(session: Session, rep, people) -> None:
    deal = create_opportunity(session, rep, {"name": "Deal", "contact_id": people["contact"].id})
    assert deal.owner_id == people["carl"].id


def test_off_a_different_opportunity_owner_is_refused_on_create_and_edit(
    session: Session, rep, people
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        create_opportunity(
            session, rep, {"name": "D", "contact_id": people["contact"].id, "owner_id": people["dora"].id}
        )
    assert "owner_id" in refused.value.fields and "Settings" in refused.value.message
    deal = create_opportunity(session, rep, {"name": "D", "contact_id": people["contact"].id})
    with pytest.raises(ValidationFailed):
        update_opportunity(session, rep, deal.id, {"owner_id": people["dora"].id})
    assert deal.owner_id == people["carl"].id


def test_off_changing_the_contact_owner_moves_its_open_opportunities_only(
    session: Session, rep, people
) -> None:
    contact = people["contact"]
    open_deal = create_opportunity(session, rep, {"name": "Open", "contact_id": contact.id})
    won_stage = next(s for s in list_stages(session) if s.kind == "won")
    won_deal = create_opportunity(
        session, rep, {"name": "Won", "contact_id": contact.id, "stage_id": won_stage.id}
    )
    update_contact(session, rep, contact.id, {"owner_id": people["dora"].id})
    assert open_deal.owner_id == people["dora"].id
    assert won_deal.owner_id == people["carl"].id


def test_off_moving_the_deal_to_another_contact_hands_it_to_that_owner(session: Session, rep, people) -> None:
    deal = create_opportunity(session, rep, {"name": "D", "contact_id": people["contact"].id})
    other = make_contact(session, owner_id=people["dora"].id)
    update_opportunity(session, rep, deal.id, {"contact_id": other.id})
    assert deal.owner_id == people["dora"].id


def test_on_owner_defaults_to_contact_owner_and_can_be_anyone(session: Session, admin, rep, people) -> None:
    settings(session, admin, **{DECOUPLE: True})
    default = create_opportunity(session, rep, {"name": "A", "contact_id": people["contact"].id})
    chosen = create_opportunity(
        session, rep, {"name": "B", "contact_id": people["contact"].id, "owner_id": people["dora"].id}
    )
    assert (default.owner_id, chosen.owner_id) == (people["carl"].id, people["dora"].id)
    update_opportunity(session, rep, default.id, {"owner_id": rep.id})
    assert default.owner_id == rep.id


def test_on_changing_either_owner_no_longer_moves_the_other(session: Session, admin, rep, people) -> None:
    settings(session, admin, **{DECOUPLE: True})
    deal = create_opportunity(session, rep, {"name": "A", "contact_id": people["contact"].id})
    update_contact(session, rep, people["contact"].id, {"owner_id": people["dora"].id})
    assert deal.owner_id == people["carl"].id
    update_opportunity(session, rep, deal.id, {"owner_id": rep.id})
    assert people["contact"].owner_id == people["dora"].id


@pytest.mark.parametrize("sub_setting_on", [True, False])
def test_new_opportunity_owner_follows_the_contact_only_with_the_sub_setting(
    session: Session, admin, rep, people, sub_setting_on: bool
) -> None:
    settings(session, admin, **{DECOUPLE: True, FOLLOW_CONTACT: sub_setting_on})
    deal = create_opportunity(session, rep, {"name": "A", "contact_id": people["contact"].id})
    update_opportunity(session, rep, deal.id, {"owner_id": people["dora"].id})
    following = people["dora"].id in follower_ids(session, "contact", people["contact"].id)
    assert following is sub_setting_on


@pytest.mark.parametrize("sub_setting_on", [True, False])
def test_new_contact_owner_follows_its_opportunities_only_with_the_sub_setting(
    session: Session, admin, rep, people, sub_setting_on: bool
) -> None:
    settings(session, admin, **{DECOUPLE: True, FOLLOW_DEALS: sub_setting_on})
    deals = [create_opportunity(session, rep, {"name": n, "contact_id": people["contact"].id}) for n in "AB"]
    update_contact(session, rep, people["contact"].id, {"owner_id": people["dora"].id})
    for deal in deals:
        assert (people["dora"].id in follower_ids(session, "opportunity", deal.id)) is sub_setting_on
        assert deal.owner_id == people["carl"].id


def test_sub_settings_cannot_be_switched_on_while_the_main_toggle_is_off(session: Session, admin) -> None:
    with pytest.raises(ValidationFailed) as refused:
        settings(session, admin, **{FOLLOW_CONTACT: True})
    assert FOLLOW_CONTACT in refused.value.fields


def test_second_manager_is_refused_until_the_setting_is_on(session: Session, admin, rep, people) -> None:
    with pytest.raises(ValidationFailed) as refused:
        create_account(session, rep, {"name": "Acme", "second_owner_id": people["dora"].id})
    assert "second_owner_id" in refused.value.fields
    settings(session, admin, second_account_manager=True)
    account = create_account(session, rep, {"name": "Acme", "second_owner_id": people["dora"].id})
    assert account.second_owner_id == people["dora"].id
    assert people["dora"].id in follower_ids(session, "account", account.id)
