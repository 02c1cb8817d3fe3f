"""REST: /accounts."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field

from rxcrm.api.custom_fields import CustomFilter
from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow, RecordId
from rxcrm.api.followers import add_follower_routes
from rxcrm.api.history import add_history_route
from rxcrm.api.serialize import page_body, record_out
from rxcrm.services import accounts as service

router = APIRouter(prefix="/accounts", tags=["accounts"])


class AccountIn(BaseModel):
    """Fields a client may send for an account; all optional on PATCH."""

    model_config = ConfigDict(extra="forbid")
    type: Literal["company", "person", "other"] | None = None
    name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    street: str | None = None
    city: str | None = None
    zip: str | None = None
    country: str | None = None
    registration_no: str | None = None
    vat_no: str | None = None
    industry: str | None = None
    key_account: bool | None = None
    owner_id: IdFilter = None
    second_owner_id: RecordId | None = None
    parent_id: IdFilter = None
    partner_id: RecordId | None = None
    is_private: bool | None = None
    is_global: bool | None = None
    custom: dict[str, Any] | None = None
    group_ids: list[RecordId] | None = Field(default=None, max_length=100)


def _out(session: DB, account: Any) -> dict[str, Any]:
    return record_out(session, account, group_ids=service.account_group_ids(session, account.id))


@router.get("")
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


@router.post("", status_code=201)
def create_account(body: AccountIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Add an account."""
    return _out(session, service.create_account(session, actor, body.model_dump(exclude_unset=True)))


@router.get("/{account_id}")
def read_account(account_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One account."""
    return _out(session, service.get_account(session, actor, account_id))


@router.patch("/{account_id}")
def update_account(account_id: int, body: AccountIn, session: DB, actor: Actor) -> dict[str, Any]:
    """Change some of an account's fields."""
    data = body.model_dump(exclude_unset=True)
    return _out(session, service.update_account(session, actor, account_id, data))


@router.delete("/{account_id}", status_code=204)
def delete_account(account_id: int, session: DB, actor: Actor) -> Response:
    """Delete an account without people, deals or sub-accounts."""
    service.delete_account(session, actor, account_id)
    return Response(status_code=204)


@router.post("/{account_id}/anonymize")
def anonymize_account(account_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Erase a person account's personal data for good (company accounts: 422)."""
    return _out(session, service.anonymize_account(session, actor, account_id))


add_follower_routes(router, service.ENTITY)
add_history_route(router, service.ENTITY, service.get_account)


@router.get("/{account_id}/vcard", response_class=PlainTextResponse)
def account_vcard(account_id: int, session: DB, actor: Actor) -> PlainTextResponse:
    """The account as a vCard (text/vcard)."""
    return PlainTextResponse(service.account_card(session, actor, account_id), media_type="text/vcard")
