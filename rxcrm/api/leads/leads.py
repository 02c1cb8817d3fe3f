"""REST: /leads — lists by state, create and edit, qualify, disqualify, archive, anonymize, merge."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from rxcrm.api.deps import DB, Actor, IdFilter, PageWindow
from rxcrm.api.records.crud import CrudRoutes
from rxcrm.api.records.followers import add_follower_routes
from rxcrm.api.records.history import add_history_route
from rxcrm.api.serialize import record_out, records_page
from rxcrm.api.settings.custom_fields import CustomFilter
from rxcrm.db.schemas.lead_stats import LeadCounts
from rxcrm.db.schemas.leads import (
    LeadCreate,
    LeadDisqualify,
    LeadPublic,
    LeadQualified,
    LeadQualify,
    LeadUpdate,
)
from rxcrm.db.schemas.shapes import Page
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.leads.lifecycle import LIST_STATES
from rxcrm.services.leads import lifecycle as service
from rxcrm.services.leads import qualification as lead_qualification
from rxcrm.services.leads.merging import merge_duplicate

router = APIRouter(prefix="/leads", tags=["leads"])
State = Literal[LIST_STATES]  # type: ignore[valid-type]


class LeadFilters(BaseModel):
    """The lead list's filters and sort as query parameters (the custom-field ones, `custom.…`, aside)."""

    q: Annotated[str | None, Query(max_length=200)] = None
    state: State | None = None
    owner_id: IdFilter = None
    partner_id: IdFilter = None
    campaign_id: IdFilter = None
    source: Annotated[str | None, Query(max_length=100)] = None
    duplicates: bool = False
    sort: Annotated[str | None, Query(max_length=50)] = None


class LeadQuery:
    """The lead list's filter parameters: the same for the list and its CSV/XLSX export."""

    def __init__(self, custom: CustomFilter, params: Annotated[LeadFilters, Query()]) -> None:
        self.sort = params.sort
        self.value = service.LeadFilter(custom=custom, **params.model_dump(exclude={"sort"}))


Filtered = Annotated[LeadQuery, Depends()]


@router.get("", response_model=Page[LeadPublic])
def list_leads(session: DB, actor: Actor, window: PageWindow, flt: Filtered) -> dict[str, Any]:
    """Leads the user may see, by list state, filtered, sorted and paginated."""
    page = service.list_leads(session, actor, flt.value, window.page)
    return records_page(session, page)


@router.get("/counts", response_model=LeadCounts)
def lead_counts(session: DB, actor: Actor) -> dict[str, int]:
    """How many visible leads each list (open, untouched, today, …) holds."""
    return service.state_counts(session, actor)


crud = CrudRoutes(router, "lead", LeadPublic, LeadCreate, LeadUpdate)
crud.create(
    service.create_lead, "Add a lead by hand (checked for duplicates; without owner it joins the free pool)."
)
crud.read(service.get_lead, "One lead.")
crud.update(
    service.update_lead,
    "Change some of a lead's fields (add to an account or partner, hand over to another owner).",
)
crud.delete(service.delete_lead, "Delete a lead.")


@router.post("/{lead_id}/qualify", response_model=LeadQualified)
def qualify_lead(lead_id: int, body: LeadQualify, session: DB, actor: Actor) -> dict[str, Any]:
    """Qualify: creates the opportunity and, where missing, the account and the personal contact."""
    data = body.model_dump(exclude_unset=True)
    if isinstance(data.get("close_date"), str):
        data["close_date"] = _date(data["close_date"])
    opportunity, account, contact = lead_qualification.qualify_lead(session, actor, lead_id, data)
    return {
        "opportunity": record_out(session, opportunity),
        "account": record_out(session, account),
        "contact": record_out(session, contact),
        "lead": record_out(session, service.get_lead(session, actor, lead_id)),
    }


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationFailed.from_fields({"close_date": "must be a date (YYYY-MM-DD)"}) from exc


@router.post("/{lead_id}/disqualify", response_model=LeadPublic)
def disqualify_lead(lead_id: int, body: LeadDisqualify, session: DB, actor: Actor) -> dict[str, Any]:
    """Close the lead as disqualified, with a reason."""
    return record_out(session, service.disqualify_lead(session, actor, lead_id, body.reason, body.status))


@router.post("/{lead_id}/archive", response_model=LeadPublic)
def archive_lead(lead_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Move the lead out of the working lists."""
    return record_out(session, service.set_archived(session, actor, lead_id, True))


@router.post("/{lead_id}/unarchive", response_model=LeadPublic)
def unarchive_lead(lead_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Bring an archived lead back."""
    return record_out(session, service.set_archived(session, actor, lead_id, False))


@router.post("/{lead_id}/anonymize", response_model=LeadPublic)
def anonymize_lead(lead_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Erase the lead's personal data irreversibly (GDPR); statistics stay."""
    return record_out(session, service.anonymize_lead(session, actor, lead_id))


@router.post("/{lead_id}/merge", response_model=LeadPublic)
def merge_lead(lead_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """Fold a duplicate into its original; answers the original."""
    return record_out(session, merge_duplicate(session, actor, lead_id))


add_follower_routes(router, service.ENTITY)
add_history_route(router, service.ENTITY, service.get_lead)
