"""Products: what the company sells; each has a unique code and prices in price books."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.db.models import PriceBookEntry, Product, ProductCategory, User
from rxcrm.domain.commerce.catalogue_rules import check_product, copy_code, copy_name
from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.services.commerce.catalogue import CATALOGUE, get_catalogue_record, merged_values
from rxcrm.services.people.permissions import require
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, equal_to, searched, sort_clause

ENTITY = "product"
FIELDS = ("name", "code", "description", "category_id", "active")
SORTABLE = ("name", "code", "id")


def list_products(
    session: Session,
    actor: User,
    q: str | None = None,
    category_id: int | None = None,
    active: bool | None = None,
    window: ListWindow = FIRST_PAGE,
) -> Page:
    """One page of products, searched by name or code."""
    require(session, actor, CATALOGUE, "view")
    statement = searched(select(Product), q, Product.name, Product.code)
    statement = equal_to(statement, Product, category_id=category_id, active=active)
    order = sort_clause(Product, window.sort, SORTABLE, "name")
    return window.fetch(session, statement, order)


def get_product(session: Session, actor: User, product_id: int) -> Product:
    """One product, or NotFound."""
    return get_catalogue_record(session, actor, Product, product_id, "product")


def category_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    """The names of the given product categories."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.exec(
        select(ProductCategory.id, ProductCategory.name).where(ProductCategory.id.in_(wanted))
    )
    return dict(rows.all())


def _code_taken(session: Session, code: str, product_id: int | None = None) -> bool:
    clash = session.exec(select(Product.id).where(func.lower(Product.code) == code.lower())).first()
    return clash is not None and clash != product_id


def _checked(session: Session, data: dict[str, Any], product_id: int | None) -> dict[str, Any]:
    values = check_product(data)
    if values["category_id"] is not None and session.get(ProductCategory, values["category_id"]) is None:
        raise ValidationFailed.from_fields({"category_id": "no such product category"})
    if _code_taken(session, values["code"], product_id):
        raise Conflict(
            f"A product with the code '{values['code']}' already exists.", {"code": "is already taken"}
        )
    return values


def create_product(session: Session, actor: User, data: dict[str, Any]) -> Product:
    """Add a product to the catalogue."""
    require(session, actor, CATALOGUE, "add")
    product = Product(**_checked(session, data, None), created_by_id=actor.id)
    return insert_record(session, ENTITY, product, actor)


def update_product(session: Session, actor: User, product_id: int, data: dict[str, Any]) -> Product:
    """Change a product's name, code, description, category or whether it is still sold."""
    product = get_product(session, actor, product_id)
    require(session, actor, CATALOGUE, "edit")
    merged = merged_values(product, data, FIELDS)
    update_record(session, ENTITY, product, _checked(session, merged, product.id), actor)
    return product


def delete_product(session: Session, actor: User, product_id: int) -> None:
    """Remove a product and its prices; quotes keep the items they copied."""
    product = get_product(session, actor, product_id)
    require(session, actor, CATALOGUE, "delete")
    for entry in session.exec(select(PriceBookEntry).where(PriceBookEntry.product_id == product.id)).all():
        session.delete(entry)
    delete_record(session, ENTITY, product, actor)


def copy_product(session: Session, actor: User, product_id: int) -> Product:
    """A new product "Copy of …" with a fresh code and the same prices in every price book."""
    original = get_product(session, actor, product_id)
    require(session, actor, CATALOGUE, "add")
    copy = Product(
        name=copy_name(original.name),
        code=copy_code(original.code, lambda code: _code_taken(session, code)),
        description=original.description,
        category_id=original.category_id,
        active=original.active,
        created_by_id=actor.id,
    )
    insert_record(session, ENTITY, copy, actor)
    entries = session.exec(
        select(PriceBookEntry).where(PriceBookEntry.product_id == original.id).order_by(PriceBookEntry.id)
    ).all()
    for entry in entries:
        twin = PriceBookEntry(
            price_book_id=entry.price_book_id,
            product_id=copy.id,
            unit=entry.unit,
            price=entry.price,
            currency=entry.currency,
        )
        insert_record(session, "price_book_entry", twin, actor)
    return copy
