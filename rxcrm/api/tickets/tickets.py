"""REST: /tickets — the shared inbox: the mail intake (API key), tickets, messages, statistics."""

from __future__ import annotations

from typing import Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Depends, Query, Security
from pydantic import BaseModel

from rxcrm.api.deps import API_KEY, DB, Actor, IdFilter, PageWindow, UnitOpener, bearer_token, open_unit
from rxcrm.api.records.history import add_history_route
from rxcrm.api.records.list_filters import list_filter
from rxcrm.api.serialize import page_body
from rxcrm.db.schemas.shapes import Page
from rxcrm.db.schemas.tickets import (
    TicketAssigneeStatistics,
    TicketCreate,
    TicketIntake,
    TicketMessageCreate,
    TicketPublic,
    TicketUpdate,
)
from rxcrm.domain.errors import Unauthorized
from rxcrm.services.tickets import tickets as service
from rxcrm.services.tickets.intake import intake_mail
from rxcrm.services.tickets.messages import post_message
from rxcrm.services.tickets.statistics import ticket_statistics

router = APIRouter(prefix="/tickets", tags=["tickets"])
Token = Annotated[str | None, Depends(bearer_token)]
Opener = Annotated[UnitOpener, Depends(open_unit)]


@router.post("/intake", status_code=201, response_model=TicketPublic)
def intake_ticket(
    body: TicketIntake, opener: Opener, x_api_key: Annotated[str | None, Security(API_KEY)] = None
) -> dict[str, Any]:
    """A customer's e-mail from a mail gateway (X-API-Key, the lead intake's keys and rate limit): a
    message on the ticket whose number the subject carries as `[#N]` (a closed one reopens), else a
    new ticket; the contact/account found by the sender's address."""
    if not x_api_key:
        raise Unauthorized("Send the API key in the X-API-Key header.")
    with opener() as session:
        ticket, _ = intake_mail(session, x_api_key, body.model_dump())
        return service.ticket_bodies(session, [ticket])[0]


@router.get("/statistics", response_model=list[TicketAssigneeStatistics])
def read_ticket_statistics(session: DB, actor: Actor) -> list[dict[str, Any]]:
    """Per assignee (a bare list, as `/tasks/statistics`): open (open or pending) and closed tickets,
    median minutes to the first reply."""
    return ticket_statistics(session, actor)


class TicketFilters(BaseModel):
    """The inbox's filters, sent as query parameters."""

    assignee_id: IdFilter = None
    status: Annotated[str | None, Query(max_length=10)] = None
    account_id: IdFilter = None
    unassigned: bool = False


Filtered = Annotated[service.TicketFilter, list_filter(TicketFilters, service.TicketFilter)]


@router.get("", response_model=Page[TicketPublic])
def list_tickets(session: DB, actor: Actor, flt: Filtered, window: PageWindow) -> dict[str, Any]:
    """The inbox, most recently active first, by assignee (or `unassigned=true`), status, account."""
    page = service.list_tickets(session, actor, flt, window.page)
    return page_body(page, service.ticket_bodies(session, page.items))


@router.post("", status_code=201, response_model=TicketPublic)
def create_ticket(body: TicketCreate, session: DB, actor: Actor) -> dict[str, Any]:
    """A customer's request recorded by a user: `from_email`, `subject`, `body`, optional `assignee_id`."""
    ticket = service.create_ticket(session, actor, body.model_dump(exclude_unset=True))
    return service.ticket_bodies(session, [ticket])[0]


@router.get("/{ticket_id}", response_model=TicketPublic)
def read_ticket(ticket_id: int, session: DB, actor: Actor) -> dict[str, Any]:
    """One ticket with its thread (partner users: 404)."""
    return service.ticket_bodies(session, [service.get_ticket(session, actor, ticket_id)])[0]


@router.patch("/{ticket_id}", response_model=TicketPublic)
def update_ticket(ticket_id: int, body: TicketUpdate, session: DB, actor: Actor) -> dict[str, Any]:
    """Set the status (`open`/`pending`/`closed`) and/or the assignee (`null` unassigns)."""
    ticket = service.update_ticket(session, actor, ticket_id, body.model_dump(exclude_unset=True))
    return service.ticket_bodies(session, [ticket])[0]


@router.post("/{ticket_id}/messages", status_code=201, response_model=TicketPublic)
async def add_ticket_message(
    ticket_id: int, body: TicketMessageCreate, token: Token, opener: Opener
) -> dict[str, Any]:
    """Add a `reply` (e-mailed to the sender with `[#N]` in the subject: SMTP, else the outbox) or an
    `internal_note`; -> the ticket."""
    return await to_thread.run_sync(post_message, token, ticket_id, body.model_dump(), opener)


add_history_route(router, service.ENTITY, service.get_ticket)
