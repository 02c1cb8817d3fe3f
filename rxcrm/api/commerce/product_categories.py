"""REST: /product-categories — the contract types: admins edit them, every user reads them."""

from __future__ import annotations

from fastapi import APIRouter
from sqlmodel import Session

from rxcrm.api.deps import DB, Actor
from rxcrm.api.records.crud import CrudRoutes
from rxcrm.api.serialize import whole_list
from rxcrm.db.models import ProductCategory
from rxcrm.db.schemas.catalogue import CategoryCreate, CategoryPublic, CategoryUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.commerce import categories as service
from rxcrm.services.commerce.catalogue_views import category_view

router = APIRouter(prefix="/product-categories", tags=["product categories"])


@router.get("", response_model=Page[CategoryPublic])
def list_categories(session: DB, _: Actor) -> dict:
    """Every product category in display order."""
    items = [category_view(c) for c in service.list_product_categories(session)]
    return whole_list(items)


def _out(_session: Session, category: ProductCategory) -> dict:
    return category_view(category)


crud = CrudRoutes(
    router, "category", CategoryPublic, CategoryCreate, CategoryUpdate, out=_out, read_verb="get"
)
crud.create(service.create_product_category, "Admin adds a product category.", unset=False)
crud.read_any(service.get_product_category, "One product category.")
crud.update(service.update_product_category, "Admin changes a category's name, contract kind or length.")
crud.delete(
    service.delete_product_category, "Admin removes a category no product uses (409 while products use it)."
)
