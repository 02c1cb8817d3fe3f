"""Selling a deal: contracts from the active quote's items, the lock on every change, unlocking."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import Session, func, select

from rxcrm.db.models import Change, Contract, Opportunity, Product, ProductCategory, Stage
from rxcrm.db.types import utcnow
from rxcrm.domain.errors import Conflict
from rxcrm.services.pipeline.moves import (
    bulk_update,
    mark_lost,
    mark_sold,
    mark_won,
    move_opportunity,
    unlock_opportunity,
)
from rxcrm.services.pipeline.opportunities import delete_opportunity, update_opportunity
from tests.conftest import make_account, make_active_quote, make_opportunity, make_user


def _category(session: Session, name: str) -> ProductCategory:
    return session.exec(select(ProductCategory).where(ProductCategory.name == name)).one()


def _product(session: Session, name: str, category: str | None) -> Product:
    category_id = _category(session, category).id if category else None
    product = Product(name=name, code=name.upper()[:20], category_id=category_id)
    session.add(product)
    session.flush()
    return product


def _contracts(session: Session, deal: Opportunity) -> list[Contract]:
    statement = select(Contract).where(Contract.opportunity_id == deal.id).order_by(Contract.id)
    return list(session.exec(statement).all())


def _changes(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Change)).one()


def _stage(session: Session, kind: str, position: int | None = None) -> Stage:
    statement = select(Stage).where(Stage.kind == kind)
    if position is not None:
        statement = statement.where(Stage.position == position)
    return session.exec(statement.order_by(Stage.position)).first()


@pytest.fixture
def sold_deal(session: Session, rep) -> Opportunity:
    """A rep's deal with an active two-item quote (plus rounding), sold."""
    deal = _quoted_deal(session, rep)
    mark_sold(session, rep, deal.id)
    return deal


def _quoted_deal(session: Session, rep, **quote: object) -> Opportunity:
    account = make_account(session)
    deal = make_opportunity(session, rep, account_id=account.id, amount=Decimal("1500.00"))
    licence = _product(session, "Licence", "Software license")
    items = [
        {"name": "Licence", "product_id": licence.id, "quantity": Decimal("10"), "unit": "user/month",
         "unit_price": Decimal("100.00"), "total": Decimal("1000.00")},
        {"name": "Set-up day", "quantity": Decimal("2"), "unit": "day", "unit_price": Decimal("250.50"),
         "total": Decimal("501.00")},
        {"name": "Rounding", "is_rounding": True, "total": Decimal("-1.00")},
    ]  # fmt: skip
    make_active_quote(session, deal, items, **({"currency": "USD"} | quote))
    return deal


def test_selling_makes_one_contract_per_item_of_the_active_quote(session: Session, rep) -> None:
    deal = _quoted_deal(session, rep, valid_from=date(2026, 3, 1), valid_until=date(2026, 4, 1))
    mark_sold(session, rep, deal.id)
    licence, setup = _contracts(session, deal)
    assert (deal.status, deal.locked, deal.stage_id) == ("won", True, _stage(session, "won").id)
    assert (licence.name, licence.kind, licence.type, licence.start, licence.end) == (
        "Licence",
        "term",
        "Software license",
        date(2026, 3, 1),
        date(2027, 2, 28),
    )
    assert (licence.amount, licence.currency, licence.quantity, licence.unit) == (
        Decimal("1000.00"),
        "USD",
        Decimal("10"),
        "user/month",
    )
    assert (setup.name, setup.kind, setup.type, setup.start, setup.end, setup.amount) == (
        "Set-up day",
        "one_off",
        "Other",
        date(2026, 3, 1),
        None,
        Decimal("501.00"),
    )
    for contract in (licence, setup):
        assert (contract.account_id, contract.owner_id, contract.status) == (
            deal.account_id,
            rep.id,
            "active",
        )
        assert contract.quote_item_id is not None


def test_a_contract_without_quote_dates_starts_on_the_day_of_the_sale(session: Session, rep) -> None:
    deal = _quoted_deal(session, rep)
    mark_sold(session, rep, deal.id)
    today = utcnow().date()
    assert [(c.start, c.end is not None) for c in _contracts(session, deal)] == [
        (today, True),
        (today, False),
    ]


def test_a_one_off_category_makes_a_one_off_contract_of_its_type(session: Session, rep) -> None:
    deal = make_opportunity(session, rep)
    box = _product(session, "Server", "Hardware")
    make_active_quote(session, deal, [{"name": "Server", "product_id": box.id, "total": Decimal("900.00")}])
    mark_sold(session, rep, deal.id)
    [server] = _contracts(session, deal)
    assert (server.kind, server.type, server.end) == ("one_off", "Hardware", None)


@pytest.mark.parametrize("case", ["no quote", "inactive quote", "only rounding", "no items"])
def test_a_deal_without_an_active_quote_with_items_cannot_be_sold(session: Session, rep, case: str) -> None:
    deal = make_opportunity(session, rep)
    if case == "inactive quote":
        make_active_quote(session, deal, [{"name": "A", "total": Decimal("1.00")}], active=False)
    elif case == "only rounding":
        make_active_quote(session, deal, [{"name": "R", "is_rounding": True, "total": Decimal("1.00")}])
    elif case == "no items":
        make_active_quote(session, deal, [])
    before = _changes(session)
    with pytest.raises(Conflict) as refused:
        mark_sold(session, rep, deal.id)
    assert "needs an active quote with items" in refused.value.message
    assert (deal.status, deal.locked, _contracts(session, deal), _changes(session)) == (
        "open",
        False,
        [],
        before,
    )


def test_selling_a_sold_deal_again_is_a_conflict(session: Session, rep, sold_deal: Opportunity) -> None:
    with pytest.raises(Conflict) as refused:
        mark_sold(session, rep, sold_deal.id)
    assert "unlock it first" in refused.value.message
    assert len(_contracts(session, sold_deal)) == 2


def test_a_locked_deal_refuses_every_change_and_writes_nothing(
    session: Session, rep, sold_deal: Opportunity
) -> None:
    other = make_user(session, role="rep")
    negotiation = _stage(session, "open", 4)
    attempts = [
        lambda: update_opportunity(session, rep, sold_deal.id, {"name": "Renamed"}),
        lambda: update_opportunity(session, rep, sold_deal.id, {"owner_id": other.id}),
        lambda: bulk_update(session, rep, [sold_deal.id], {"add_tags": ["hot"]}),
        lambda: bulk_update(session, rep, [sold_deal.id], {"owner_id": other.id}),
        lambda: delete_opportunity(session, rep, sold_deal.id),
        lambda: move_opportunity(session, rep, sold_deal.id, negotiation.id),
        lambda: mark_won(session, rep, sold_deal.id),
        lambda: mark_lost(session, rep, sold_deal.id, "Changed mind"),
    ]
    name, before = sold_deal.name, _changes(session)
    for attempt in attempts:
        with pytest.raises(Conflict) as refused:
            attempt()
        assert "sold and locked: unlock it first to" in refused.value.message
    assert _changes(session) == before
    session.expire_all()
    kept = session.get(Opportunity, sold_deal.id)
    assert (kept.name, kept.owner_id, kept.tags, kept.status, kept.locked) == (name, rep.id, [], "won", True)


def test_a_bulk_edit_with_one_locked_deal_changes_none(session: Session, rep, sold_deal: Opportunity) -> None:
    free = make_opportunity(session, rep)
    with pytest.raises(Conflict) as refused:
        bulk_update(session, rep, [free.id, sold_deal.id], {"add_tags": ["hot"]})
    assert sold_deal.name in refused.value.message
    assert free.tags == []


def test_unlocking_reopens_the_deal_and_keeps_its_contracts(
    session: Session, rep, sold_deal: Opportunity
) -> None:
    unlock_opportunity(session, rep, sold_deal.id)
    assert sold_deal.locked is False
    assert len(_contracts(session, sold_deal)) == 2
    update_opportunity(session, rep, sold_deal.id, {"close_date": utcnow().date() + timedelta(days=1)})
    move_opportunity(session, rep, sold_deal.id, _stage(session, "open", 4).id)
    assert sold_deal.status == "open"
