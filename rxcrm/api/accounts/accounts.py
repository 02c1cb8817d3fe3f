"""REST: /accounts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.records.crud import CrudRoutes
from rxcrm.api.records.followers import add_follower_routes
from rxcrm.api.records.history import add_history_route
from rxcrm.api.serialize import page_body, record_out
from rxcrm.api.settings.custom_fields import CustomFilter
from rxcrm.db.schemas.accounts import AccountCreate, AccountPublic, AccountUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.accounts import accounts as service

router = APIRouter(prefix="/accounts", tags=["accounts"])


def _out(session: DB, account: Any) -> dict[str, Any]:
    return record_out(session, account, group_ids=service.account_group_ids(session, account.id))


@router.get("", response_model=Page[AccountPublic])
def list_accounts(
    session: DB,
    actor: Actor,
    window: PageWindow,
    custom: CustomFilter,
    type: Annotated[str | None, Query()] = None,
    owner_id: IdFilter = None,
    group_id: IdFilter = None,
    parent_id: IdFilter = None,
    key_account: bool | None = None,
    favourites: bool = False,
    country: str | None = None,
    industry: str | None = None,
) -> dict[str, Any]:
    """Accounts the user may see, filtered, sorted and paginated."""
    flt = service.AccountFilter(
        q=window.q,
        type=type,
        owner_id=owner_id,
        group_id=group_id,
        parent_id=parent_id,
        key_account=key_account,
        country=country,
        industry=industry,
        favourites_of=actor.id if favourites else None,
        custom=custom,
    )
    page = service.list_accounts(session, actor, flt, window.page)
    return page_body(page, [_out(session, a) for a in page.items])


crud = CrudRoutes(router, "account", AccountPublic, AccountCreate, AccountUpdate, out=_out)
crud.create(service.create_account, "Add an account.")
crud.read(service.get_account, "One account.")
crud.update(service.update_account, "Change some of an account's fields.")
crud.delete(service.delete_account, "Delete an account without people, deals or sub-accounts.")


@router.post("/{account_id}/anonymize", response_model=AccountPublic)
def anonymize_account(account_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Erase a person account's personal data for good (company accounts: 422)."""
    return _out(session, service.anonymize_account(session, actor, account_id))


add_follower_routes(router, service.ENTITY)
add_history_route(router, service.ENTITY, service.get_account)


crud.vcard(service.account_card)
