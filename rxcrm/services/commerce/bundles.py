"""Bundles: entries of one price book sold together for one price, shared among them by weights."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Bundle, BundleItem, PriceBookEntry, Product, User
from rxcrm.domain.commerce.catalogue_rules import (
    BundleItemInput,
    check_bundle,
    check_items_in_book,
    copy_name,
)
from rxcrm.domain.errors import Conflict, NotFound, ValidationFailed
from rxcrm.domain.records.validation import record_id
from rxcrm.services.commerce.catalogue import CATALOGUE, get_catalogue_record, merged_values
from rxcrm.services.commerce.price_book_entries import entry_books
from rxcrm.services.commerce.price_books import get_price_book
from rxcrm.services.people.permissions import require
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, equal_to, searched, sort_clause

ENTITY = "bundle"
FIELDS = ("price_book_id", "name", "code", "description", "active", "price", "currency")


def list_bundles(
    session: Session,
    actor: User,
    price_book_id: int | None = None,
    q: str | None = None,
    window: ListWindow = FIRST_PAGE,
) -> Page:
    """One page of bundles (of one price book when given), searched by name or code."""
    require(session, actor, CATALOGUE, "view")
    statement = equal_to(select(Bundle), Bundle, price_book_id=price_book_id)
    statement = searched(statement, q, Bundle.name, Bundle.code)
    order = sort_clause(Bundle, None, ("name",), "name")
    return window.fetch(session, statement, order)


def get_bundle(session: Session, actor: User, bundle_id: int) -> Bundle:
    """One bundle, or NotFound."""
    return get_catalogue_record(session, actor, Bundle, bundle_id, "bundle")


def bundle_items(
    session: Session, bundle_ids: list[int]
) -> dict[int, list[tuple[BundleItem, PriceBookEntry, Product]]]:
    """Each bundle's items in order, with the entry and product each stands for."""
    found: dict[int, list[tuple[BundleItem, PriceBookEntry, Product]]] = {i: [] for i in bundle_ids}
    if bundle_ids:
        rows = session.exec(
            select(BundleItem, PriceBookEntry, Product)
            .join(PriceBookEntry, PriceBookEntry.id == BundleItem.entry_id)
            .join(Product, Product.id == PriceBookEntry.product_id)
            .where(BundleItem.bundle_id.in_(bundle_ids))
            .order_by(BundleItem.bundle_id, BundleItem.position, BundleItem.id)
        ).all()
        for item, entry, product in rows:
            found[item.bundle_id].append((item, entry, product))
    return found


def _checked(session: Session, actor: User, data: dict[str, Any]) -> dict[str, Any]:
    values = check_bundle(data)
    try:
        get_price_book(session, actor, values["price_book_id"])
    except NotFound as exc:
        raise ValidationFailed.from_fields(
            {"price_book_id": f"no price book {values['price_book_id']}"}
        ) from exc
    items: list[BundleItemInput] = values["items"]
    check_items_in_book(values["price_book_id"], entry_books(session, [i.entry_id for i in items]), items)
    return values


def _replace_items(session: Session, bundle: Bundle, items: list[BundleItemInput]) -> None:
    for old in session.exec(select(BundleItem).where(BundleItem.bundle_id == bundle.id)).all():
        session.delete(old)
    session.flush()
    for position, item in enumerate(items):
        session.add(
            BundleItem(bundle_id=bundle.id, entry_id=item.entry_id, weight=item.weight, position=position)
        )
    session.flush()


def create_bundle(session: Session, actor: User, data: dict[str, Any]) -> Bundle:
    """Put entries of a price book together for one price."""
    require(session, actor, CATALOGUE, "add")
    values = _checked(session, actor, data)
    items = values.pop("items")
    bundle = insert_record(session, ENTITY, Bundle(**values), actor)
    _replace_items(session, bundle, items)
    return bundle


def _current_items(session: Session, bundle: Bundle) -> list[dict[str, Any]]:
    rows = bundle_items(session, [bundle.id])[bundle.id]
    return [{"entry_id": item.entry_id, "weight": item.weight} for item, _, _ in rows]


def update_bundle(session: Session, actor: User, bundle_id: int, data: dict[str, Any]) -> Bundle:
    """Change a bundle's fields or items (its book changes only by moving it)."""
    bundle = get_bundle(session, actor, bundle_id)
    require(session, actor, CATALOGUE, "edit")
    if data.get("price_book_id") not in (None, bundle.price_book_id):
        raise ValidationFailed.from_fields({"price_book_id": "move the bundle to change its price book"})
    merged = merged_values(bundle, data, FIELDS)
    merged["items"] = data["items"] if "items" in data else _current_items(session, bundle)
    values = _checked(session, actor, merged)
    items = values.pop("items")
    update_record(session, ENTITY, bundle, values, actor)
    if "items" in data:
        _replace_items(session, bundle, items)
    return bundle


def delete_bundle(session: Session, actor: User, bundle_id: int) -> None:
    """Remove a bundle; quotes keep the items they copied from it."""
    bundle = get_bundle(session, actor, bundle_id)
    require(session, actor, CATALOGUE, "delete")
    delete_record(session, ENTITY, bundle, actor)


def copy_bundle(session: Session, actor: User, bundle_id: int) -> Bundle:
    """A new bundle "Copy of …" in the same price book, with the same items and weights."""
    original = get_bundle(session, actor, bundle_id)
    require(session, actor, CATALOGUE, "add")
    values = {f: getattr(original, f) for f in FIELDS} | {"name": copy_name(original.name)}
    copy = insert_record(session, ENTITY, Bundle(**values), actor)
    rows = bundle_items(session, [original.id])[original.id]
    _replace_items(session, copy, [BundleItemInput(item.entry_id, item.weight) for item, _, _ in rows])
    return copy


def move_bundle(session: Session, actor: User, bundle_id: int, price_book_id: Any) -> Bundle:
    """Move a bundle to another price book: each item takes that book's entry for its product and unit."""
    bundle = get_bundle(session, actor, bundle_id)
    require(session, actor, CATALOGUE, "edit")
    target = _target_book(session, actor, price_book_id)
    if target == bundle.price_book_id:
        return bundle
    rows = bundle_items(session, [bundle.id])[bundle.id]
    entries = session.exec(select(PriceBookEntry).where(PriceBookEntry.price_book_id == target)).all()
    by_unit = {(e.product_id, e.unit): e.id for e in entries}
    missing = [
        f"{product.name} ({entry.unit})"
        for _, entry, product in rows
        if (product.id, entry.unit) not in by_unit
    ]
    if missing:
        raise Conflict(
            f"The target price book has no price for: {', '.join(missing)}. Add them there first.",
            {"price_book_id": f"lacks {', '.join(missing)}"},
        )
    update_record(session, ENTITY, bundle, {"price_book_id": target}, actor)
    moved = [BundleItemInput(by_unit[(product.id, entry.unit)], item.weight) for item, entry, product in rows]
    _replace_items(session, bundle, moved)
    return bundle


def _target_book(session: Session, actor: User, price_book_id: Any) -> int:
    number = record_id(price_book_id)
    if number is None:
        raise ValidationFailed.from_fields({"price_book_id": "is required"})
    try:
        return get_price_book(session, actor, number).id
    except NotFound as exc:
        raise ValidationFailed.from_fields({"price_book_id": f"no price book {number}"}) from exc
