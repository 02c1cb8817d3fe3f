"""REST: /product-categories — the contract types: admins edit them, every user reads them."""

from __future__ import annotations

from fastapi import APIRouter, Response

from rxcrm.api.deps import DB, Actor
from rxcrm.db.schemas.catalogue import CategoryCreate, CategoryPublic, CategoryUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.commerce import categories as service
from rxcrm.services.commerce.catalogue_views import category_view

router = APIRouter(prefix="/product-categories", tags=["product categories"])


@router.get("", response_model=Page[CategoryPublic])
def list_categories(session: DB, _: Actor) -> dict:
    """Every product category in display order."""
    items = [category_view(c) for c in service.list_product_categories(session)]
    return {"items": items, "total": len(items), "limit": max(len(items), 1), "offset": 0}


@router.post("", status_code=201, response_model=CategoryPublic)
def create_category(body: CategoryCreate, session: DB, actor: Actor) -> dict:
    """Admin adds a product category."""
    return category_view(service.create_product_category(session, actor, body.model_dump()))


@router.get("/{category_id}", response_model=CategoryPublic)
def get_category(category_id: int, session: DB, _: Actor) -> dict:
    """One product category."""
    return category_view(service.get_product_category(session, category_id))


@router.patch("/{category_id}", response_model=CategoryPublic)
def update_category(category_id: int, body: CategoryUpdate, session: DB, actor: Actor) -> dict:
    """Admin changes a category's name, contract kind or length."""
    changes = body.model_dump(exclude_unset=True)
    return category_view(service.update_product_category(session, actor, category_id, changes))


@router.delete("/{category_id}", status_code=204)
def delete_category(category_id: int, session: DB, actor: Actor) -> Response:
    """Admin removes a category no product uses (409 while products use it)."""
    service.delete_product_category(session, actor, category_id)
    return Response(status_code=204)
