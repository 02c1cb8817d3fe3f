"""Product categories (the contract types of Settings): admins edit them, everyone reads them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.db.models import Product, ProductCategory, User
from rxcrm.domain.commerce.catalogue_rules import check_category
from rxcrm.domain.errors import Conflict, NotFound
from rxcrm.domain.records.validation import record_id
from rxcrm.services.commerce.catalogue import merged_values
from rxcrm.services.people.users import require_admin
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.listing import count_where, next_position

ENTITY = "product_category"
FIELDS = ("name", "contract_kind", "term_months")


def list_product_categories(session: Session) -> list[ProductCategory]:
    """Every product category in display order."""
    statement = select(ProductCategory).order_by(ProductCategory.position, ProductCategory.id)
    return list(session.exec(statement).all())


def get_product_category(session: Session, category_id: int) -> ProductCategory:
    """One product category, or NotFound."""
    category = session.get(ProductCategory, category_id) if record_id(category_id) else None
    if category is None:
        raise NotFound(f"product category {category_id} not found")
    return category


def _unique_name(session: Session, name: str, category_id: int | None) -> None:
    clash = session.exec(
        select(ProductCategory.id).where(func.lower(ProductCategory.name) == name.lower())
    ).first()
    if clash is not None and clash != category_id:
        raise Conflict(f"A product category named '{name}' already exists.", {"name": "is already taken"})


def create_product_category(session: Session, actor: User, data: dict[str, Any]) -> ProductCategory:
    """Admin adds a product category at the end of the list."""
    require_admin(actor, "configure product categories")
    values = check_category(data)
    _unique_name(session, values["name"], None)
    category = ProductCategory(**values, position=next_position(session, ProductCategory.position))
    return insert_record(session, ENTITY, category, actor)


def update_product_category(
    session: Session, actor: User, category_id: int, data: dict[str, Any]
) -> ProductCategory:
    """Admin renames a category or changes its contract kind and length."""
    require_admin(actor, "configure product categories")
    category = get_product_category(session, category_id)
    merged = merged_values(category, data, FIELDS)
    if data.get("contract_kind") == "one_off" and "term_months" not in data:
        merged["term_months"] = None
    values = check_category(merged)
    _unique_name(session, values["name"], category.id)
    update_record(session, ENTITY, category, values, actor)
    return category


def delete_product_category(session: Session, actor: User, category_id: int) -> None:
    """Admin removes a category no product uses."""
    require_admin(actor, "configure product categories")
    category = get_product_category(session, category_id)
    used = count_where(session, Product, Product.category_id == category.id)
    if used:
        raise Conflict(
            f"'{category.name}' is used by {used} product(s); move them to another category first.",
            {"category_id": "is in use"},
        )
    delete_record(session, ENTITY, category, actor)
