"""REST: /accounts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from fastapi.responses import PlainTextResponse

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.records.followers import add_follower_routes
from rxcrm.api.records.history import add_history_route
from rxcrm.api.serialize import file_answer, page_body, record_out
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
    page = service.list_accounts(session, actor, flt, window.sort, window.limit, window.offset)
    return page_body(page, [_out(session, a) for a in page.items])


@router.post("", status_code=201, response_model=AccountPublic)
def create_account(body: AccountCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """Add an account."""
    return _out(session, service.create_account(session, actor, body.model_dump(exclude_unset=True)))


@router.get("/{account_id}", response_model=AccountPublic)
def read_account(account_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One account."""
    return _out(session, service.get_account(session, actor, account_id))


@router.patch("/{account_id}", response_model=AccountPublic)
def update_account(account_id: int, body: AccountUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Change some of an account's fields."""
    data = body.model_dump(exclude_unset=True)
    return _out(session, service.update_account(session, actor, account_id, data))


@router.delete("/{account_id}", status_code=204)
def delete_account(account_id: int, session: DB, actor: Actor) -> Response:
    """Delete an account without people, deals or sub-accounts."""
    service.delete_account(session, actor, account_id)
    return Response(status_code=204)


@router.post("/{account_id}/anonymize", response_model=AccountPublic)
def anonymize_account(account_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Erase a person account's personal data for good (company accounts: 422)."""
    return _out(session, service.anonymize_account(session, actor, account_id))


add_follower_routes(router, service.ENTITY)
add_history_route(router, service.ENTITY, service.get_account)


@router.get(
    "/{account_id}/vcard",
    response_class=Response,
    responses=file_answer("The account as a vCard.", "text/vcard"),
)
def account_vcard(account_id: int, session: DB, actor: Actor) -> PlainTextResponse:
    """The account as a vCard (text/vcard)."""
    return PlainTextResponse(service.account_card(session, actor, account_id), media_type="text/vcard")
