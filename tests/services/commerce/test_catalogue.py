"""The product catalogue as a user action: permissions, unique codes, copies, bundles and their shares."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, func, select

from rxcrm.db.models import Bundle, PriceBookEntry, PriceBookProject, Product, Project, User
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.services.commerce.bundles import copy_bundle, create_bundle, move_bundle, update_bundle
from rxcrm.services.commerce.catalogue_views import bundle_views
from rxcrm.services.commerce.categories import (
    create_product_category,
    delete_product_category,
    list_product_categories,
    update_product_category,
)
from rxcrm.services.commerce.price_book_entries import add_entry, list_entries, update_entry
from rxcrm.services.commerce.price_books import create_price_book, delete_price_book, update_price_book
from rxcrm.services.commerce.products import copy_product, create_product, delete_product, list_products
from rxcrm.services.people.permissions import set_permission
from tests.conftest import make_user


def book(session: Session, admin: User, name: str = "Standard 2026", **kw: object):  # noqa: ANN201
    return create_price_book(session, admin, {"name": name, **kw})


def product(session: Session, admin: User, code: str, name: str | None = None) -> Product:
    return create_product(session, admin, {"name": name or f"Product {code}", "code": code})


def entry(
    session: Session, admin: User, book_id: int, product_id: int, unit: str, price: str
) -> PriceBookEntry:
    return add_entry(
        session, admin, book_id, {"product_id": product_id, "unit": unit, "price": price, "currency": "EUR"}
    )


def test_a_rep_sees_the_catalogue_but_may_not_add_to_it(session: Session, admin: User, rep: User) -> None:
    product(session, admin, "SEAT")
    assert list_products(session, rep).total == 1
    with pytest.raises(Forbidden):
        create_product(session, rep, {"name": "Other", "code": "OTHER"})
    with pytest.raises(Forbidden):
        book(session, rep)


def test_a_partner_has_no_access_to_the_catalogue(session: Session, admin: User) -> None:
    partner = make_user(session, role="partner")
    with pytest.raises(Forbidden):
        list_products(session, partner)


def test_an_admin_may_let_reps_add_products(session: Session, admin: User, rep: User) -> None:
    set_permission(session, admin, "rep", "price_books", "add", True)
    assert create_product(session, rep, {"name": "Seat", "code": "SEAT"}).id


def test_a_product_code_is_unique_whatever_its_case(session: Session, admin: User) -> None:
    product(session, admin, "SEAT")
    with pytest.raises(Conflict) as caught:
        product(session, admin, "seat")
    assert "code" in caught.value.fields


def test_copying_a_product_copies_its_prices(session: Session, admin: User) -> None:
    books = [book(session, admin, "A"), book(session, admin, "B")]
    seat = product(session, admin, "SEAT", "Seat")
    entry(session, admin, books[0].id, seat.id, "user/month", "12.50")
    entry(session, admin, books[0].id, seat.id, "piece", "99.00")
    entry(session, admin, books[1].id, seat.id, "piece", "95.00")
    first, second = copy_product(session, admin, seat.id), copy_product(session, admin, seat.id)
    assert (first.name, first.code, second.code) == ("Copy of Seat", "SEAT-COPY", "SEAT-COPY2")
    copied = session.exec(select(PriceBookEntry).where(PriceBookEntry.product_id == first.id)).all()
    assert sorted((e.price_book_id, e.unit, e.price) for e in copied) == [
        (books[0].id, "piece", Decimal("99.00")),
        (books[0].id, "user/month", Decimal("12.50")),
        (books[1].id, "piece", Decimal("95.00")),
    ]


def test_a_product_may_have_several_units_but_each_only_once(session: Session, admin: User) -> None:
    standard, seat = book(session, admin), product(session, admin, "SEAT")
    entry(session, admin, standard.id, seat.id, "user/month", "12.50")
    entry(session, admin, standard.id, seat.id, "piece", "99.00")
    with pytest.raises(Conflict):
        entry(session, admin, standard.id, seat.id, "piece", "80.00")
    assert list_entries(session, admin, standard.id, q="seat").total == 2


def test_bad_entries_write_nothing(session: Session, admin: User) -> None:
    standard, seat = book(session, admin), product(session, admin, "SEAT")
    for price in ("-1", "abc", "1e400", "1.005"):
        with pytest.raises(ValidationFailed):
            entry(session, admin, standard.id, seat.id, "piece", price)
    with pytest.raises(ValidationFailed):
        entry(session, admin, standard.id, 9999, "piece", "1.00")
    assert session.exec(select(func.count()).select_from(PriceBookEntry)).one() == 0


def test_updating_an_entry_keeps_what_was_not_sent(session: Session, admin: User) -> None:
    standard, seat = book(session, admin), product(session, admin, "SEAT")
    priced = entry(session, admin, standard.id, seat.id, "piece", "99.00")
    update_entry(session, admin, standard.id, priced.id, {"price": "89.90"})
    assert (priced.unit, priced.price, priced.currency) == ("piece", Decimal("89.90"), "EUR")


def test_a_price_book_belongs_to_known_projects_and_updates_another(session: Session, admin: User) -> None:
    crm = session.exec(select(Project)).first()
    old = book(session, admin, "Standard 2025")
    new = book(session, admin, "Standard 2026", project_ids=[crm.id], replaces_id=old.id)
    assert session.exec(
        select(PriceBookProject.project_id).where(PriceBookProject.price_book_id == new.id)
    ).all() == [crm.id]
    with pytest.raises(ValidationFailed) as caught:
        update_price_book(session, admin, new.id, {"project_ids": [crm.id, 4242]})
    assert "project_ids" in caught.value.fields
    with pytest.raises(ValidationFailed):
        update_price_book(session, admin, new.id, {"replaces_id": new.id})
    update_price_book(session, admin, new.id, {"project_ids": []})
    assert session.exec(select(PriceBookProject)).all() == []
    delete_price_book(session, admin, old.id)
    assert new.replaces_id is None


def _bundle_setup(session: Session, admin: User):  # noqa: ANN202
    standard, seat, setup = (
        book(session, admin),
        product(session, admin, "SEAT"),
        product(session, admin, "SETUP"),
    )
    entries = [
        entry(session, admin, standard.id, seat.id, "user/month", "10.00"),
        entry(session, admin, standard.id, setup.id, "day", "800.00"),
    ]
    return standard, entries


def _bundle(
    session: Session,
    admin: User,
    book_id: int,
    name: str,
    price: str,
    items: list[tuple[PriceBookEntry, str]],
) -> Bundle:
    """A EUR bundle in the book of the entries at their weights."""
    data = {"price_book_id": book_id, "name": name, "price": price, "currency": "EUR"}
    weighted = [{"entry_id": e.id, "weight": weight} for e, weight in items]
    return create_bundle(session, admin, {**data, "items": weighted})


def test_a_bundle_shares_its_price_by_weights(session: Session, admin: User) -> None:
    standard, entries = _bundle_setup(session, admin)
    bundle = _bundle(session, admin, standard.id, "Starter", "100.00", [(entries[0], "1"), (entries[1], "2")])
    view = bundle_views(session, [bundle])[0]
    assert [i["share"] for i in view["items"]] == ["33.33", "66.67"]


def test_a_bundle_takes_only_entries_of_its_own_book(session: Session, admin: User) -> None:
    standard, entries = _bundle_setup(session, admin)
    other = book(session, admin, "Other")
    foreign = entry(session, admin, other.id, entries[0].product_id, "piece", "5.00")
    data = {"price_book_id": standard.id, "name": "Mixed", "price": "10.00", "currency": "EUR"}
    with pytest.raises(ValidationFailed) as caught:
        create_bundle(session, admin, {**data, "items": [{"entry_id": foreign.id, "weight": "1"}]})
    assert "items.0.entry_id" in caught.value.fields
    assert session.exec(select(func.count()).select_from(Bundle)).one() == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    price=st.decimals(min_value=0, max_value=10**7, places=2),
    weights=st.lists(st.decimals(min_value="0.01", max_value=500, places=2), min_size=2, max_size=2),
)
def test_stored_bundle_shares_add_up_to_the_price_exactly(
    session: Session, admin: User, price: Decimal, weights: list[Decimal]
) -> None:
    standard = session.exec(select(Bundle.price_book_id)).first()
    if standard is None:
        standard_book, entries = _bundle_setup(session, admin)
        base = _bundle(session, admin, standard_book.id, "Base", "1.00", [(e, "1") for e in entries])
    else:
        base = session.exec(select(Bundle)).first()
    items = bundle_views(session, [base])[0]["items"]
    update_bundle(
        session,
        admin,
        base.id,
        {
            "price": str(price),
            "items": [
                {"entry_id": i["entry_id"], "weight": str(w)} for i, w in zip(items, weights, strict=True)
            ],
        },
    )
    shares = [Decimal(i["share"]) for i in bundle_views(session, [base])[0]["items"]]
    assert sum(shares, Decimal(0)) == price


def test_moving_a_bundle_repoints_its_items_or_names_what_is_missing(session: Session, admin: User) -> None:
    standard, entries = _bundle_setup(session, admin)
    bundle = _bundle(session, admin, standard.id, "Starter", "100.00", [(e, "1") for e in entries])
    target = book(session, admin, "Standard 2027")
    seat_2027 = entry(session, admin, target.id, entries[0].product_id, "user/month", "11.00")
    with pytest.raises(Conflict) as caught:
        move_bundle(session, admin, bundle.id, target.id)
    assert "Product SETUP (day)" in caught.value.message
    assert bundle.price_book_id == standard.id
    setup_2027 = entry(session, admin, target.id, entries[1].product_id, "day", "850.00")
    move_bundle(session, admin, bundle.id, target.id)
    view = bundle_views(session, [bundle])[0]
    assert view["price_book_id"] == target.id
    assert [i["entry_id"] for i in view["items"]] == [seat_2027.id, setup_2027.id]
    copy = copy_bundle(session, admin, bundle.id)
    assert copy.name == "Copy of Starter"
    assert [i["weight"] for i in bundle_views(session, [copy])[0]["items"]] == ["1", "1"]


def test_a_category_in_use_cannot_be_deleted(session: Session, admin: User, rep: User) -> None:
    term = create_product_category(
        session, admin, {"name": "Maintenance", "contract_kind": "term", "term_months": 24}
    )
    create_product(session, admin, {"name": "Care", "code": "CARE", "category_id": term.id})
    with pytest.raises(Conflict):
        delete_product_category(session, admin, term.id)
    with pytest.raises(Forbidden):
        update_product_category(session, rep, term.id, {"name": "Care plans"})
    update_product_category(session, admin, term.id, {"contract_kind": "one_off"})
    assert (term.contract_kind, term.term_months) == ("one_off", None)
    delete_product(session, admin, session.exec(select(Product.id)).first())
    delete_product_category(session, admin, term.id)
    with pytest.raises(NotFound):
        delete_product_category(session, admin, term.id)
    assert "Maintenance" not in [c.name for c in list_product_categories(session)]
