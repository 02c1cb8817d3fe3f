"""REST: /products — the catalogue's products; copying one copies its prices."""

from __future__ import annotations

from fastapi import APIRouter, Response

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.serialize import page_body
from rxcrm.db.models import Product
from rxcrm.db.schemas.catalogue import ProductCreate, ProductPublic, ProductUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.commerce import products as service
from rxcrm.services.commerce.catalogue_views import product_views

router = APIRouter(prefix="/products", tags=["products"])


def _one(session: DB, product: Product) -> dict:
    return product_views(session, [product])[0]


@router.get("", response_model=Page[ProductPublic])
def list_products(
    session: DB,
    actor: Actor,
    window: PageWindow,
    category_id: IdFilter = None,
    active: bool | None = None,
) -> dict:
    """One page of products; `q` searches name and code."""
    page = service.list_products(
        session, actor, window.q, category_id, active, window.limit, window.offset, window.sort
    )
    items = product_views(session, page.items)
    return page_body(page, items)


@router.post("", status_code=201, response_model=ProductPublic)
def create_product(body: ProductCreate, session: DB, actor: Actor) -> dict:
    """Add a product (409 when its code is taken)."""
    return _one(session, service.create_product(session, actor, body.model_dump()))


@router.get("/{product_id}", response_model=ProductPublic)
def get_product(product_id: int, session: DB, actor: Actor) -> dict:
    """One product."""
    return _one(session, service.get_product(session, actor, product_id))


@router.patch("/{product_id}", response_model=ProductPublic)
def update_product(product_id: int, body: ProductUpdate, session: DB, actor: Actor) -> dict:
    """Change a product."""
    changes = body.model_dump(exclude_unset=True)
    return _one(session, service.update_product(session, actor, product_id, changes))


@router.delete("/{product_id}", status_code=204)
def delete_product(product_id: int, session: DB, actor: Actor) -> Response:
    """Remove a product and its prices; quotes keep their copied items."""
    service.delete_product(session, actor, product_id)
    return Response(status_code=204)


@router.post("/{product_id}/copy", status_code=201, response_model=ProductPublic)
def copy_product(product_id: int, session: DB, actor: Actor) -> dict:
    """A new product "Copy of …" with a fresh code and the same price-book entries."""
    return _one(session, service.copy_product(session, actor, product_id))
