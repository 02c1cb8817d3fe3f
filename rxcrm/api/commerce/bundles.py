"""REST: /bundles — entries of one price book sold together; shares add up to the price exactly."""

from __future__ import annotations

from fastapi import APIRouter

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.records.crud import CrudRoutes
from rxcrm.api.serialize import page_body
from rxcrm.db.models import Bundle
from rxcrm.db.schemas.catalogue import BundleCreate, BundleMove, BundlePublic, BundleUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.commerce import bundles as service
from rxcrm.services.commerce.catalogue_views import bundle_views

router = APIRouter(prefix="/bundles", tags=["bundles"])


def _one(session: DB, bundle: Bundle) -> dict:
    return bundle_views(session, [bundle])[0]


@router.get("", response_model=Page[BundlePublic])
def list_bundles(session: DB, actor: Actor, window: PageWindow, price_book_id: IdFilter = None) -> dict:
    """One page of bundles, of one price book when `price_book_id` is given."""
    page = service.list_bundles(session, actor, price_book_id, window.q, window.page)
    items = bundle_views(session, page.items)
    return page_body(page, items)


crud = CrudRoutes(router, "bundle", BundlePublic, BundleCreate, BundleUpdate, out=_one, read_verb="get")
crud.create(service.create_bundle, "Put entries of a price book together for one price.", unset=False)
crud.read(service.get_bundle, "One bundle with each item's share of its price.")
crud.update(service.update_bundle, "Change a bundle's fields or items.")
crud.delete(service.delete_bundle, "Remove a bundle.")


@router.post("/{bundle_id}/copy", status_code=201, response_model=BundlePublic)
def copy_bundle(bundle_id: int, session: DB, actor: Actor) -> dict:
    """A new bundle "Copy of …" with the same items and weights."""
    return _one(session, service.copy_bundle(session, actor, bundle_id))


@router.post("/{bundle_id}/move", response_model=BundlePublic)
def move_bundle(bundle_id: int, body: BundleMove, session: DB, actor: Actor) -> dict:
    """Move a bundle to another price book (409 naming what that book lacks)."""
    return _one(session, service.move_bundle(session, actor, bundle_id, body.price_book_id))
