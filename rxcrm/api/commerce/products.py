"""REST: /products — the catalogue's products; copying one copies its prices."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.records.crud import CrudRoutes
from rxcrm.api.serialize import page_body
from rxcrm.db.models import Product
from rxcrm.db.schemas.catalogue import ProductCreate, ProductPublic, ProductUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.commerce import products as service
from rxcrm.services.commerce.catalogue_views import product_views

router = APIRouter(prefix="/products", tags=["products"])


def _one(session: DB, product: Product) -> dict:
    return product_views(session, [product])[0]


class ProductFilters(BaseModel):
    """The product list's filters, sent as query parameters."""

    category_id: IdFilter = None
    active: bool | None = None


@router.get("", response_model=Page[ProductPublic])
def list_products(
    session: DB, actor: Actor, window: PageWindow, filters: Annotated[ProductFilters, Query()]
) -> dict:
    """One page of products; `q` searches name and code."""
    page = service.list_products(session, actor, window.q, filters.category_id, filters.active, window.page)
    items = product_views(session, page.items)
    return page_body(page, items)


crud = CrudRoutes(router, "product", ProductPublic, ProductCreate, ProductUpdate, out=_one, read_verb="get")
crud.create(service.create_product, "Add a product (409 when its code is taken).", unset=False)
crud.read(service.get_product, "One product.")
crud.update(service.update_product, "Change a product.")
crud.delete(service.delete_product, "Remove a product and its prices; quotes keep their copied items.")


@router.post("/{product_id}/copy", status_code=201, response_model=ProductPublic)
def copy_product(product_id: int, session: DB, actor: Actor) -> dict:
    """A new product "Copy of …" with a fresh code and the same price-book entries."""
    return _one(session, service.copy_product(session, actor, product_id))
