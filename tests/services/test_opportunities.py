"""Opportunity use cases: default owner, default stage, and what a stage change brings along."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import Session

from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.pipeline.opportunities import create_opportunity, update_opportunity
from rxcrm.services.pipeline.stages import list_stages
from tests.conftest import make_account, make_contact, make_opportunity, make_user


def _stage(session: Session, kind: str, index: int = 0):
    return [s for s in list_stages(session) if s.kind == kind][index]


def test_new_opportunity_owner_defaults_to_contact_owner(session: Session, rep) -> None:
    colleague = make_user(session)
    account = make_account(session)
    contact = make_contact(session, owner_id=colleague.id, account_id=account.id)
    deal = create_opportunity(session, rep, {"name": "Deal", "contact_id": contact.id})
    assert deal.owner_id == colleague.id
    assert deal.account_id == account.id


def test_without_contact_the_creator_owns_the_deal_in_the_first_open_stage(session: Session, rep) -> None:
    deal = create_opportunity(session, rep, {"name": "Deal", "amount": "99.99"})
    first = _stage(session, "open")
    assert (deal.owner_id, deal.stage_id, deal.probability, deal.status) == (
        rep.id,
        first.id,
        first.probability,
        "open",
    )
    assert deal.amount == Decimal("99.99") and deal.currency == "EUR"


def test_stage_change_sets_status_and_probability(session: Session, rep) -> None:
    deal = make_opportunity(session, rep, probability=33)
    update_opportunity(session, rep, deal.id, {"stage_id": _stage(session, "won").id})
    assert (deal.status, deal.probability) == ("won", 100)
    lost = _stage(session, "lost").id
    update_opportunity(session, rep, deal.id, {"stage_id": lost, "lost_reason": "Price"})
    assert (deal.status, deal.probability, deal.lost_reason) == ("lost", 0, "Price")
    negotiation = _stage(session, "open", -1)
    update_opportunity(session, rep, deal.id, {"stage_id": negotiation.id})
    assert (deal.status, deal.probability) == ("open", negotiation.probability)


def test_an_explicit_probability_is_kept_in_an_open_stage_but_not_in_won(session: Session, rep) -> None:
    deal = make_opportunity(session, rep)
    update_opportunity(session, rep, deal.id, {"stage_id": _stage(session, "open", 2).id, "probability": 55})
    assert deal.probability == 55
    update_opportunity(session, rep, deal.id, {"stage_id": _stage(session, "won").id, "probability": 55})
    assert deal.probability == 100


def test_probability_outside_0_to_100_is_refused(session: Session, rep) -> None:
    with pytest.raises(ValidationFailed) as refused:
        create_opportunity(session, rep, {"name": "Deal", "probability": 101})
    assert set(refused.value.fields) == {"probability"}


def test_a_tag_filter_narrows_the_list_and_is_refused_when_tags_are_hidden_from_the_user(
    session: Session, admin, rep
) -> None:
    from rxcrm.services.people.field_visibility import limit_field
    from rxcrm.services.pipeline.opportunities import OpportunityFilter, list_opportunities

    hot = make_opportunity(session, rep, tags=["Hot", "q-end"])
    make_opportunity(session, rep, tags=["cold"])
    assert [d.id for d in list_opportunities(session, rep, OpportunityFilter(tag="hot")).items] == [hot.id]
    limit_field(session, admin, "opportunity", "tags", ["director"])
    with pytest.raises(ValidationFailed) as refused:
        list_opportunities(session, rep, OpportunityFilter(tag="hot"))
    assert set(refused.value.fields) == {"tag"}
    assert list_opportunities(session, rep, OpportunityFilter()).total == 2


def test_history_names_the_stages_a_deal_moved_between(session: Session, rep) -> None:
    from rxcrm.services.records.history import history_of
    from rxcrm.services.records.timeline_rows import history_rows

    deal = make_opportunity(session, rep)
    update_opportunity(session, rep, deal.id, {"stage_id": _stage(session, "open", 3).id})
    rows = history_rows(session, history_of(session, "opportunity", deal.id))
    assert {"field": "Stage", "old": "Prospecting", "new": "Proposal"}.items() <= next(
        r for r in rows if r["field"] == "Stage"
    ).items()
