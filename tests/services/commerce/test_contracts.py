"""Contracts: who sees them, their status over time, removing them, upsell and renewal deals."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from rxcrm.db.models import Contract, Follower, Opportunity, Product, ProductCategory, Stage, User
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import Forbidden, NotFound, ValidationFailed
from rxcrm.services.commerce.contracts import (
    ContractFilter,
    delete_contract,
    get_contract,
    list_contracts,
    renew_contract,
    status_of,
    upsell_contract,
)
from rxcrm.services.people.permissions import set_permission
from rxcrm.services.pipeline.moves import mark_sold
from rxcrm.services.pipeline.stages import default_pipeline, first_open_stage
from tests.conftest import make_account, make_active_quote, make_opportunity, make_partner, make_user

TODAY = utcnow().date()


def _sell(session: Session, owner: User, **deal: object) -> list[Contract]:
    """A deal with an active quote (a yearly licence and a one-off set-up), sold; its contracts."""
    category = session.exec(select(ProductCategory).where(ProductCategory.name == "Subscription")).one()
    account = make_account(session)
    product = Product(name="Cloud", code=f"CLOUD-{account.id}", category_id=category.id)
    session.add(product)
    kw = {"account_id": account.id} | deal
    opportunity = make_opportunity(session, owner, **kw)
    items = [
        {"name": "Cloud plan", "product_id": product.id, "total": Decimal("1200.00")},
        {"name": "Set-up", "total": Decimal("300.00")},
    ]
    make_active_quote(session, opportunity, items, currency="EUR")
    mark_sold(session, owner, opportunity.id)
    statement = select(Contract).where(Contract.opportunity_id == opportunity.id).order_by(Contract.id)
    return list(session.exec(statement).all())


def _contract(session: Session, **kw: object) -> Contract:
    contract = Contract(**{"name": "Support", "kind": "term", "start": date(2025, 1, 1), "amount": 10, **kw})
    session.add(contract)
    session.flush()
    return contract


def _ids(session: Session, user: User, **flt: object) -> list[int]:
    return sorted(c.id for c in list_contracts(session, user, ContractFilter(**flt)).items)


def test_the_owner_sees_the_contracts_of_his_sold_deal(session: Session, rep) -> None:
    term, one_off = _sell(session, rep)
    assert _ids(session, rep) == [term.id, one_off.id]
    assert _ids(session, rep, kind="term") == [term.id]
    assert _ids(session, rep, type="Other") == [one_off.id]
    assert _ids(session, rep, opportunity_id=term.opportunity_id, q="cloud") == [term.id]
    assert _ids(session, rep, account_id=term.account_id + 1000) == []
    assert get_contract(session, rep, term.id) is term


def test_a_limited_rep_does_not_see_contracts_of_deals_hidden_from_him(session: Session, rep) -> None:
    limited = make_user(session, role="rep", access_level="limited_opportunities")
    term, _ = _sell(session, rep)
    assert _ids(session, limited) == []
    with pytest.raises(NotFound):
        get_contract(session, limited, term.id)
    session.add(Follower(entity="opportunity", entity_id=term.opportunity_id, user_id=limited.id))
    session.flush()
    assert term.id in _ids(session, limited)


def test_a_role_without_the_contracts_view_sees_none(session: Session, admin, rep) -> None:
    term, _ = _sell(session, rep)
    set_permission(session, admin, "rep", "contracts", "view", False)
    assert _ids(session, rep) == []
    with pytest.raises(NotFound):
        get_contract(session, rep, term.id)


def test_a_partner_user_sees_only_contracts_of_his_partners_deals(session: Session, admin, rep) -> None:
    partner, other = make_partner(session), make_partner(session)
    partner_user = make_user(session, role="partner", partner_id=partner.id)
    set_permission(session, admin, "partner", "contracts", "view", True)
    mine = _sell(session, rep, partner_id=partner.id)
    theirs = _sell(session, rep, partner_id=other.id)
    global_account = make_account(session, is_global=True)
    loose = _contract(session, account_id=global_account.id)
    assert _ids(session, partner_user) == sorted(c.id for c in mine)
    for hidden in (theirs[0], loose):
        with pytest.raises(NotFound):
            get_contract(session, partner_user, hidden.id)
    assert loose.id in _ids(session, rep)


def test_status_is_derived_from_the_stored_status_and_the_end(session: Session, admin) -> None:
    account = make_account(session)
    running = _contract(session, account_id=account.id, end=TODAY)
    ended = _contract(session, account_id=account.id, end=TODAY - timedelta(days=1))
    cancelled = _contract(session, account_id=account.id, end=TODAY - timedelta(days=1), status="cancelled")
    one_off = _contract(session, account_id=account.id, kind="one_off", end=None)
    assert [status_of(c, TODAY) for c in (running, ended, cancelled, one_off)] == [
        "active",
        "expired",
        "cancelled",
        "active",
    ]
    assert _ids(session, admin, status="active") == [running.id, one_off.id]
    assert _ids(session, admin, status="expired") == [ended.id]
    assert _ids(session, admin, status="cancelled") == [cancelled.id]


def test_an_unknown_kind_or_status_filter_is_refused(session: Session, admin) -> None:
    with pytest.raises(ValidationFailed) as refused:
        list_contracts(session, admin, ContractFilter(kind="lease", status="gone"))
    assert set(refused.value.fields) == {"kind", "status"}


def test_removing_a_contract_needs_the_delete_permission(session: Session, admin, rep) -> None:
    term, one_off = _sell(session, rep)
    with pytest.raises(Forbidden):
        delete_contract(session, rep, term.id)
    set_permission(session, admin, "rep", "contracts", "delete", True)
    delete_contract(session, rep, term.id)
    assert _ids(session, rep) == [one_off.id]
    assert session.get(Opportunity, one_off.opportunity_id).locked is True


def _first_open(session: Session) -> Stage:
    return first_open_stage(session, default_pipeline(session).id)


def test_a_renewal_is_an_open_deal_closing_at_the_contracts_end(session: Session, rep) -> None:
    term, _ = _sell(session, rep)
    renewal = renew_contract(session, rep, term.id)
    assert (renewal.name, renewal.account_id, renewal.owner_id, renewal.status) == (
        "Renewal: Cloud plan",
        term.account_id,
        rep.id,
        "open",
    )
    assert (renewal.close_date, renewal.amount, renewal.stage_id) == (
        term.end,
        Decimal("1200.00"),
        _first_open(session).id,
    )


def test_an_upsell_closes_in_thirty_days_and_belongs_to_the_contract_owner(session: Session, rep) -> None:
    term, _ = _sell(session, rep)
    director = make_user(session, role="director")
    upsell = upsell_contract(session, director, term.id)
    assert (upsell.name, upsell.owner_id, upsell.close_date, upsell.status) == (
        "Upsell: Cloud plan",
        rep.id,
        TODAY + timedelta(days=30),
        "open",
    )
    followers = session.exec(select(Follower.user_id).where(Follower.entity_id == upsell.id)).all()
    assert director.id in followers


def test_a_one_off_contract_cannot_be_renewed_or_upsold(session: Session, rep) -> None:
    _, one_off = _sell(session, rep)
    for action in (renew_contract, upsell_contract):
        with pytest.raises(ValidationFailed) as refused:
            action(session, rep, one_off.id)
        assert set(refused.value.fields) == {"kind"}


def test_a_renewal_needs_the_right_to_add_deals(session: Session, admin, rep) -> None:
    term, _ = _sell(session, rep)
    set_permission(session, admin, "rep", "opportunities", "add", False)
    with pytest.raises(Forbidden):
        renew_contract(session, rep, term.id)
