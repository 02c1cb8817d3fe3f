"""Quotes on a deal: the active quote is the deal amount; items, rounding, copies, currencies, locks."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from rxcrm.db.models import Change, Notification, Opportunity, Quote, QuoteItem, User
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.services.commerce.quote_items import add_item, delete_item, update_item
from rxcrm.services.commerce.quote_read_models import get_quote, item_rows, preview_totals, quote_rows
from rxcrm.services.commerce.quotes import (
    activate_quote,
    change_currency,
    create_quote,
    delete_quote,
    duplicate_quote,
    update_quote,
)
from rxcrm.services.people.permissions import set_permission
from rxcrm.services.records.followers import add_followers
from tests.conftest import make_opportunity, make_user
from tests.services.commerce.quote_rows import make_book, make_bundle, make_entry, set_rate


def _deal(session: Session, rep: User, **kw: object) -> Opportunity:
    return make_opportunity(session, rep, amount=Decimal("5000.00"), **kw)


def _amount(session: Session, deal: Opportunity) -> Decimal:
    session.refresh(deal)
    return deal.amount


def test_first_quote_is_active_and_sets_the_deal_amount_later_ones_do_not(
    session: Session, rep: User
) -> None:
    deal = _deal(session, rep, currency="USD")
    first = create_quote(session, rep, {"opportunity_id": deal.id, "name": "Offer A"})
    second = create_quote(session, rep, {"opportunity_id": deal.id, "name": "Offer B", "currency": "EUR"})
    assert (first.active, second.active) == (True, False)
    assert first.currency == "USD"
    assert _amount(session, deal) == Decimal("0.00")
    history = session.exec(
        select(Change).where(Change.entity == "opportunity", Change.field == "quote")
    ).all()
    assert [c.new for c in history] == ["Offer A", "Offer B"]


def test_a_follower_hears_of_a_new_quote(session: Session, rep: User) -> None:
    deal = _deal(session, rep)
    watcher = make_user(session)
    add_followers(session, "opportunity", deal.id, [watcher.id])
    create_quote(session, rep, {"opportunity_id": deal.id, "name": "Offer"})
    notes = session.exec(select(Notification).where(Notification.user_id == watcher.id)).all()
    assert any("quote" in n.message for n in notes)


def test_quote_validation_names_the_fields(session: Session, rep: User) -> None:
    deal = _deal(session, rep)
    with pytest.raises(ValidationFailed) as caught:
        create_quote(
            session,
            rep,
            {
                "opportunity_id": deal.id,
                "name": " ",
                "currency": "euro",
                "price_book_id": 999,
                "valid_from": "2026-05-01",
            },
        )
    assert set(caught.value.fields) == {"name", "currency", "price_book_id"}
    with pytest.raises(ValidationFailed) as caught:
        create_quote(
            session,
            rep,
            {"opportunity_id": deal.id, "name": "X", "valid_from": "2026-05-01", "valid_until": "2026-04-30"},
        )
    assert set(caught.value.fields) == {"valid_until"}


def test_items_of_the_active_quote_drive_the_deal_amount(session: Session, rep: User) -> None:
    book = make_book(session)
    entry = make_entry(session, book, "33.33", unit="user/month", name="Seat", code="SEAT")
    deal = _deal(session, rep)
    quote = create_quote(session, rep, {"opportunity_id": deal.id, "name": "Offer", "price_book_id": book.id})
    add_item(session, rep, quote.id, {"entry_id": entry.id, "quantity": "1.5"})
    body = get_quote(session, rep, quote.id)
    item = body["items"][0]
    assert (item["name"], item["unit"], item["unit_price"], item["total"]) == (
        "Seat",
        "user/month",
        "33.33",
        "50.00",
    )
    assert body["total"] == "50.00" and _amount(session, deal) == Decimal("50.00")
    update_item(session, rep, quote.id, item["id"], {"quantity": "10", "discount_percent": "10"})
    assert get_quote(session, rep, quote.id)["total"] == "299.97"
    assert _amount(session, deal) == Decimal("299.97")
    delete_item(session, rep, quote.id, item["id"])
    assert _amount(session, deal) == Decimal("0.00")


def test_an_inactive_quote_leaves_the_deal_amount_alone(session: Session, rep: User) -> None:
    deal = _deal(session, rep)
    create_quote(session, rep, {"opportunity_id": deal.id, "name": "Active"})
    other = create_quote(session, rep, {"opportunity_id": deal.id, "name": "Draft"})
    add_item(session, rep, other.id, {"name": "Setup", "quantity": "1", "unit_price": "700.00"})
    assert _amount(session, deal) == Decimal("0.00")


def test_activate_leaves_exactly_one_active_quote_and_the_deal_follows(session: Session, rep: User) -> None:
    deal = _deal(session, rep, currency="EUR")
    first = create_quote(session, rep, {"opportunity_id": deal.id, "name": "A"})
    second = create_quote(session, rep, {"opportunity_id": deal.id, "name": "B", "currency": "USD"})
    add_item(session, rep, second.id, {"name": "Setup", "quantity": "2", "unit_price": "100.00"})
    activate_quote(session, rep, second.id)
    actives = session.exec(select(Quote).where(Quote.opportunity_id == deal.id, Quote.active)).all()
    assert [q.id for q in actives] == [second.id]
    session.refresh(deal)
    assert (deal.amount, deal.currency) == (Decimal("200.00"), "USD")
    activate_quote(session, rep, first.id)
    session.refresh(deal)
    assert (deal.amount, deal.currency) == (Decimal("0.00"), "EUR")


def test_bundle_adds_one_line_per_item_sharing_the_price_to_the_cent(session: Session, rep: User) -> None:
    book = make_book(session)
    bundle = make_bundle(session, book, "100.00", ["1", "1", "1"])
    deal = _deal(session, rep)
    quote = create_quote(session, rep, {"opportunity_id": deal.id, "name": "Offer"})
    add_item(session, rep, quote.id, {"bundle_id": bundle.id, "quantity": "2"})
    body = get_quote(session, rep, quote.id)
    assert sorted(i["unit_price"] for i in body["items"]) == ["33.33", "33.33", "33.34"]
    assert {i["bundle_id"] for i in body["items"]} == {bundle.id}
    assert body["total"] == "200.00"


def test_rounding_item_holds_the_total_and_only_one_is_allowed(session: Session, rep: User) -> None:
    deal = _deal(session, rep)
    quote = create_quote(session, rep, {"opportunity_id": deal.id, "name": "Offer"})
    add_item(session, rep, quote.id, {"name": "Work", "quantity": "3", "unit_price": "333.10"})
    add_item(session, rep, quote.id, {"is_rounding": True, "target_total": "1000.00"})
    body = get_quote(session, rep, quote.id)
    rounding = next(i for i in body["items"] if i["is_rounding"])
    assert (rounding["total"], body["total"]) == ("0.70", "1000.00")
    work = next(i for i in body["items"] if not i["is_rounding"])
    update_item(session, rep, quote.id, work["id"], {"quantity": "2"})
    assert get_quote(session, rep, quote.id)["total"] == "1000.00"
    with pytest.raises(Conflict):
        add_item(session, rep, quote.id, {"is_rounding": True, "target_total": "900.00"})
    update_item(session, rep, quote.id, rounding["id"], {"target_total": "900.00"})
    assert _amount(session, deal) == Decimal("900.00")
    with pytest.raises(ValidationFailed) as caught:
        update_item(session, rep, quote.id, rounding["id"], {"quantity": "2"})
    assert "quantity" in caught.value.fields


def test_duplicate_is_an_inactive_copy_with_copied_items(session: Session, rep: User) -> None:
    deal = _deal(session, rep)
    quote = create_quote(session, rep, {"opportunity_id": deal.id, "name": "Offer"})
    add_item(session, rep, quote.id, {"name": "Setup", "quantity": "2", "unit_price": "10.00"})
    copy = duplicate_quote(session, rep, quote.id)
    body = get_quote(session, rep, copy.id)
    assert (body["name"], body["active"], body["total"]) == ("Copy of Offer", False, "20.00")
    assert [i["name"] for i in body["items"]] == ["Setup"]
    assert body["items"][0]["id"] != get_quote(session, rep, quote.id)["items"][0]["id"]


def test_change_currency_converts_every_price_and_the_rounding_target(session: Session, rep: User) -> None:
    set_rate(session, "USD", "0.5")  # 1 USD = 0.5 EUR (the board currency)
    deal = _deal(session, rep)
    quote = create_quote(session, rep, {"opportunity_id": deal.id, "name": "Offer"})
    add_item(session, rep, quote.id, {"name": "Setup", "quantity": "1", "unit_price": "10.00"})
    add_item(session, rep, quote.id, {"is_rounding": True, "target_total": "15.00"})
    change_currency(session, rep, quote.id, "usd")
    body = get_quote(session, rep, quote.id)
    assert body["currency"] == "USD"
    assert [i["unit_price"] for i in body["items"]][0] == "20.00"
    assert body["total"] == "30.00"
    session.refresh(deal)
    assert (deal.amount, deal.currency) == (Decimal("30.00"), "USD")
    with pytest.raises(ValidationFailed) as caught:
        change_currency(session, rep, quote.id, "CHF")
    assert "currency" in caught.value.fields


def test_an_entry_priced_in_a_currency_without_rate_is_refused(session: Session, rep: User) -> None:
    book = make_book(session)
    entry = make_entry(session, book, "10.00", currency="JPY")
    deal = _deal(session, rep)
    quote = create_quote(session, rep, {"opportunity_id": deal.id, "name": "Offer"})
    with pytest.raises(ValidationFailed) as caught:
        add_item(session, rep, quote.id, {"entry_id": entry.id, "quantity": "1"})
    assert "entry_id" in caught.value.fields
    set_rate(session, "JPY", "0.01")
    add_item(session, rep, quote.id, {"entry_id": entry.id, "quantity": "1"})
    assert get_quote(session, rep, quote.id)["total"] == "0.10"


def test_only_an_inactive_quote_can_be_deleted(session: Session, rep: User) -> None:
    deal = _deal(session, rep)
    active = create_quote(session, rep, {"opportunity_id": deal.id, "name": "A"})
    draft = create_quote(session, rep, {"opportunity_id": deal.id, "name": "B"})
    add_item(session, rep, draft.id, {"name": "Setup", "quantity": "1", "unit_price": "1.00"})
    with pytest.raises(Conflict):
        delete_quote(session, rep, active.id)
    delete_quote(session, rep, draft.id)
    assert session.get(Quote, draft.id) is None
    assert session.exec(select(QuoteItem).where(QuoteItem.quote_id == draft.id)).all() == []


def test_a_locked_deal_refuses_every_quote_write(session: Session, rep: User) -> None:
    deal = _deal(session, rep)
    quote = create_quote(session, rep, {"opportunity_id": deal.id, "name": "A"})
    quote_b = create_quote(session, rep, {"opportunity_id": deal.id, "name": "B"})
    item = add_item(session, rep, quote.id, {"name": "S", "quantity": "1", "unit_price": "1.00"})
    item_id = get_quote(session, rep, item.id)["items"][0]["id"]
    deal.locked = True
    session.add(deal)
    session.flush()
    writes = [
        lambda: create_quote(session, rep, {"opportunity_id": deal.id, "name": "C"}),
        lambda: update_quote(session, rep, quote.id, {"name": "New"}),
        lambda: add_item(session, rep, quote.id, {"name": "S", "quantity": "1", "unit_price": "1.00"}),
        lambda: update_item(session, rep, quote.id, item_id, {"quantity": "2"}),
        lambda: delete_item(session, rep, quote.id, item_id),
        lambda: activate_quote(session, rep, quote_b.id),
        lambda: duplicate_quote(session, rep, quote.id),
        lambda: change_currency(session, rep, quote.id, "EUR"),
        lambda: delete_quote(session, rep, quote_b.id),
    ]
    for write in writes:
        with pytest.raises(Conflict, match="unlock"):
            write()


def test_a_hidden_deal_hides_its_quotes(session: Session, rep: User) -> None:
    deal = _deal(session, rep)
    quote = create_quote(session, rep, {"opportunity_id": deal.id, "name": "A"})
    outsider = make_user(session, access_level="limited_opportunities")
    for call in (
        lambda: get_quote(session, outsider, quote.id),
        lambda: quote_rows(session, outsider, deal.id),
        lambda: add_item(session, outsider, quote.id, {"name": "S", "quantity": "1", "unit_price": "1"}),
        lambda: create_quote(session, outsider, {"opportunity_id": deal.id, "name": "B"}),
    ):
        with pytest.raises(NotFound):
            call()


def test_quote_writes_need_the_right_to_edit_deals(session: Session, rep: User, admin: User) -> None:
    deal = _deal(session, rep)
    quote = create_quote(session, rep, {"opportunity_id": deal.id, "name": "A"})
    set_permission(session, admin, "rep", "opportunities", "edit", False)
    assert get_quote(session, rep, quote.id)["name"] == "A"
    with pytest.raises(Forbidden):
        add_item(session, rep, quote.id, {"name": "S", "quantity": "1", "unit_price": "1"})


BAD_INPUT = [
    ({"name": "S", "quantity": "-1", "unit_price": "1.00"}, "quantity"),
    ({"name": "S", "quantity": "1", "unit_price": "1.00", "discount_percent": "101"}, "discount_percent"),
    ({"name": "S", "quantity": "abc", "unit_price": "1.00"}, "quantity"),
    ({"name": "S", "quantity": 1e400, "unit_price": "1.00"}, "quantity"),
    ({"name": "S", "quantity": "1", "unit_price": "1e400"}, "unit_price"),
    ({"entry_id": 999999, "quantity": "1"}, "entry_id"),
    (
        {"name": "S", "quantity": "1", "unit_price": "9", "discount_percent": "5", "discount_amount": "1"},
        "discount_amount",
    ),
    ({"name": "S", "quantity": "1", "unit_price": "9", "discount_amount": "10"}, "discount_amount"),
    ({"name": "S", "quantity": "999999999", "unit_price": "999999999999.00"}, "quantity"),
]


@pytest.mark.parametrize(("data", "field"), BAD_INPUT)
def test_bad_item_input_names_the_field_and_writes_nothing(
    session: Session, rep: User, data: dict, field: str
) -> None:
    deal = _deal(session, rep)
    quote = create_quote(session, rep, {"opportunity_id": deal.id, "name": "A"})
    add_item(session, rep, quote.id, {"name": "Kept", "quantity": "1", "unit_price": "10.00"})
    item_id = get_quote(session, rep, quote.id)["items"][0]["id"]
    session.commit()
    with pytest.raises(ValidationFailed) as caught:
        add_item(session, rep, quote.id, data)
    assert field in caught.value.fields
    patch = {k: v for k, v in data.items() if k not in ("name", "entry_id")}
    if "entry_id" not in data:
        with pytest.raises(ValidationFailed):
            update_item(session, rep, quote.id, item_id, patch)
    session.rollback()
    body = get_quote(session, rep, quote.id)
    assert [(i["quantity"], i["total"]) for i in body["items"]] == [("1", "10.00")]
    assert _amount(session, deal) == Decimal("10.00")


def test_items_come_in_pages_of_fifty_and_the_preview_prices_typed_numbers(
    session: Session, rep: User
) -> None:
    deal = _deal(session, rep)
    quote = create_quote(session, rep, {"opportunity_id": deal.id, "name": "A"})
    for n in range(55):
        add_item(session, rep, quote.id, {"name": f"L{n}", "quantity": "1", "unit_price": "1.00"})
    rows, total = item_rows(session, rep, quote.id, offset=50)
    assert (len(rows), total) == (5, 55)
    first = item_rows(session, rep, quote.id)[0][0]
    preview = preview_totals(session, rep, quote.id, int(first["id"]), {"quantity": "3"})
    assert (preview.total, preview.line_total, preview.error) == ("57.00", "3.00", "")
    assert preview_totals(session, rep, quote.id, int(first["id"]), {"quantity": "x"}).error
    assert get_quote(session, rep, quote.id)["total"] == "55.00"


LINES = st.lists(
    st.tuples(
        st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("1000"), places=4),
        st.decimals(min_value=Decimal("0"), max_value=Decimal("100000"), places=2),
        st.one_of(st.none(), st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=2)),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=LINES, target=st.one_of(st.none(), st.decimals(min_value=-1000, max_value=10**6, places=2)))
def test_stored_line_totals_add_up_to_the_stored_total_and_the_deal_amount(
    session: Session, rep: User, lines: list, target: Decimal | None
) -> None:
    deal = _deal(session, rep)
    quote = create_quote(session, rep, {"opportunity_id": deal.id, "name": "P"})
    for quantity, price, percent in lines:
        data = {"name": "L", "quantity": str(quantity), "unit_price": str(price)}
        add_item(session, rep, quote.id, data | ({"discount_percent": str(percent)} if percent else {}))
    if target is not None:
        add_item(session, rep, quote.id, {"is_rounding": True, "target_total": str(target)})
    first = get_quote(session, rep, quote.id)["items"][0]
    update_item(session, rep, quote.id, first["id"], {"quantity": "2"})
    body = get_quote(session, rep, quote.id)
    stored = sum((Decimal(i["total"]) for i in body["items"]), Decimal("0.00"))
    assert stored == Decimal(body["total"]) == _amount(session, deal)
    if target is not None:
        assert body["total"] == f"{target:.2f}"
