"""Product categories (the contract types of Settings): admins edit them, everyone reads them."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Product, ProductCategory, User
from rxcrm.domain.commerce.catalogue_rules import check_category
from rxcrm.domain.errors import Conflict
from rxcrm.services.commerce.catalogue import merged_values
from rxcrm.services.people.users import require_admin
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.listing import count_where, next_position
from rxcrm.services.settings.ordered_lists import check_unique_name, get_entry

ENTITY = "product_category"
FIELDS = ("name", "contract_kind", "term_months")
NOUN = "product category"


def list_product_categories(session: Session) -> list[ProductCategory]:
    """Every product category in display order."""
    statement = select(ProductCategory).order_by(ProductCategory.position, ProductCategory.id)
    return list(session.exec(statement).all())


def get_product_category(session: Session, category_id: int) -> ProductCategory:
    """One product category, or NotFound."""
    return get_entry(session, ProductCategory, category_id, NOUN)


def create_product_category(session: Session, actor: User, data: dict[str, Any]) -> ProductCategory:
    """Admin adds a product category at the end of the list."""
    require_admin(actor, "configure product categories")
    values = check_category(data)
    check_unique_name(session, ProductCategory, values["name"], None, NOUN)
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
    check_unique_name(session, ProductCategory, values["name"], category.id, NOUN)
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
