"""REST: /partners — the partner network, each partner's results, followers and history."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from rxcrm.analytics.partner_results import partner_results, results_text
from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.records.crud import CrudRoutes, public_out
from rxcrm.api.records.followers import add_follower_routes
from rxcrm.api.records.history import add_history_route
from rxcrm.api.records.list_filters import custom_list_filter
from rxcrm.api.serialize import page_body
from rxcrm.db.schemas.partners import PartnerCreate, PartnerPublic, PartnerResults, PartnerUpdate
from rxcrm.db.schemas.shapes import Page
from rxcrm.services.accounts import partners as service

router = APIRouter(prefix="/partners", tags=["partners"])


class PartnerFilters(BaseModel):
    """The partner list's filters, sent as query parameters (the custom-field ones aside)."""

    active: bool | None = None
    owner_id: IdFilter = None
    country: Annotated[str | None, Query(max_length=100)] = None


Filtered = Annotated[service.PartnerFilter, custom_list_filter(PartnerFilters, service.PartnerFilter)]


@router.get("", response_model=Page[PartnerPublic])
def list_partners(session: DB, actor: Actor, flt: Filtered, window: PageWindow) -> dict[str, Any]:
    """Partners the user may see (a partner user: his/her own), searched, filtered, sorted, paginated."""
    return page_body(service.search_partners(session, actor, flt, window.page))


crud = CrudRoutes(router, "partner", PartnerPublic, PartnerCreate, PartnerUpdate, out=public_out)
crud.create(service.create_partner, "Add a partner; its creator manages it unless `owner_id` says otherwise.")
crud.read(service.get_partner, "One partner (another partner's user gets 404).")
crud.update(service.update_partner, "Change some of a partner's fields; `active: false` deactivates it.")
crud.delete(
    service.delete_partner,
    "Delete a partner nothing is assigned to; 409 names the users, consultants, accounts, leads, deals "
    "or splitter shares still assigned (reassign them, or deactivate the partner).",
)


@router.get("/{partner_id}/results", response_model=PartnerResults)
def read_partner_results(
    partner_id: int,
    session: DB,
    actor: Actor,
    date_from: Annotated[str | None, Query(alias="from", max_length=20)] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=20)] = None,
) -> dict[str, Any]:
    """Leads, open deals and amount, won deals and amount, weighted forecast (board currency; the
    caller's access). Open deals count by expected close date, won ones by closing day, leads by the day
    received; without `from`/`to`: all time. Deals without an exchange rate are counted in `unconverted`."""
    return results_text(partner_results(session, actor, partner_id, date_from, date_to))


add_follower_routes(router, service.ENTITY)
add_history_route(router, service.ENTITY, service.get_partner)
