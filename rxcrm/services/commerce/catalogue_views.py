"""The catalogue as the API and the screens show it: JSON-ready dicts, money as decimal strings."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from rxcrm.db.models import Bundle, PriceBook, PriceBookEntry, Product, ProductCategory, User
from rxcrm.domain.commerce.catalogue_rules import CONTRACT_KIND_LABELS, item_shares
from rxcrm.domain.commerce.money import decimal_text, money_text
from rxcrm.domain.errors import NotFound
from rxcrm.domain.people.permissions import ACTIONS
from rxcrm.services.commerce.bundles import bundle_items
from rxcrm.services.commerce.price_books import entry_counts, project_ids_of
from rxcrm.services.commerce.products import category_names
from rxcrm.services.people.permissions import can


def category_view(category: ProductCategory) -> dict[str, Any]:
    """A product category with its contract kind in words."""
    return {
        "id": category.id,
        "name": category.name,
        "contract_kind": category.contract_kind,
        "term_months": category.term_months,
        "kind_label": CONTRACT_KIND_LABELS.get(category.contract_kind, category.contract_kind),
    }


def product_views(session: Session, products: list[Product]) -> list[dict[str, Any]]:
    """Products with their category names."""
    names = category_names(session, {p.category_id for p in products})
    return [
        {
            "id": p.id,
            "name": p.name,
            "code": p.code,
            "description": p.description,
            "category_id": p.category_id,
            "category_name": names.get(p.category_id) if p.category_id else None,
            "active": p.active,
        }
        for p in products
    ]


def price_book_views(session: Session, books: list[PriceBook]) -> list[dict[str, Any]]:
    """Price books with their projects and how many entries they hold."""
    ids = [b.id for b in books]
    projects, counts = project_ids_of(session, ids), entry_counts(session, ids)
    return [
        {
            "id": b.id,
            "name": b.name,
            "description": b.description,
            "brand": b.brand,
            "product_version": b.product_version,
            "active": b.active,
            "project_ids": projects[b.id],
            "replaces_id": b.replaces_id,
            "entries_count": counts.get(b.id, 0),
        }
        for b in books
    ]


def entry_view(entry: PriceBookEntry, product: Product) -> dict[str, Any]:
    """A price-book entry with its product's name and code."""
    return {
        "id": entry.id,
        "price_book_id": entry.price_book_id,
        "product_id": entry.product_id,
        "product_name": product.name,
        "product_code": product.code,
        "unit": entry.unit,
        "price": money_text(entry.price),
        "currency": entry.currency,
    }


def entry_out(session: Session, entry: PriceBookEntry) -> dict[str, Any]:
    """One entry with its product, as the API and the screens show it."""
    product = session.get(Product, entry.product_id)
    if product is None:
        raise NotFound(f"product {entry.product_id} not found")
    return entry_view(entry, product)


def bundle_views(session: Session, bundles: list[Bundle]) -> list[dict[str, Any]]:
    """Bundles with their items, each item's weight and its share of the bundle price."""
    items = bundle_items(session, [b.id for b in bundles])
    views = []
    for b in bundles:
        rows = items[b.id]
        shares = item_shares(b.price, [item.weight for item, _, _ in rows])
        views.append(
            {
                "id": b.id,
                "price_book_id": b.price_book_id,
                "name": b.name,
                "code": b.code,
                "description": b.description,
                "active": b.active,
                "price": money_text(b.price),
                "currency": b.currency,
                "items": [
                    {
                        "entry_id": item.entry_id,
                        "weight": decimal_text(item.weight),
                        "share": money_text(share),
                        "product_id": product.id,
                        "product_name": product.name,
                        "unit": entry.unit,
                    }
                    for (item, entry, product), share in zip(rows, shares, strict=True)
                ],
            }
        )
    return views


def catalogue_rights(session: Session, user: User) -> dict[str, bool]:
    """What the user's role may do with price books, products and bundles (view, add, edit, delete)."""
    return {action: can(session, user, "price_books", action) for action in ACTIONS}
