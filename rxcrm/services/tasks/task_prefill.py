"""'New task' from an account, contact, lead or deal: the links the new task starts with."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.accounts.accounts import get_account
from rxcrm.services.accounts.contacts import get_contact
from rxcrm.services.leads.lifecycle import get_lead
from rxcrm.services.pipeline.opportunities import get_opportunity
from rxcrm.services.records.display_text import account_names, project_names

ORIGINS = ("account", "contact", "lead", "opportunity")


def _links(session: Session, actor: User, entity: str, record_id: Any) -> tuple[dict[str, str], int | None]:
    """The record's own link field, and the account it belongs to (if any)."""
    if entity == "account":
        return {}, get_account(session, actor, record_id).id
    if entity == "contact":
        contact = get_contact(session, actor, record_id)
        return {"contact_id": str(contact.id)}, contact.account_id
    if entity == "lead":
        lead = get_lead(session, actor, record_id)
        return {"lead_id": str(lead.id)}, lead.account_id
    if entity == "opportunity":
        deal = get_opportunity(session, actor, record_id)
        project = project_names(session, {deal.project_id}) and deal.project_id  # a partner user: none
        return {"opportunity_id": str(deal.id), "project_id": str(project or "")}, deal.account_id
    raise ValidationFailed.from_fields({"entity": f"must be one of: {', '.join(ORIGINS)}"})


def new_task_values(
    session: Session, actor: User, entity: str, record_id: Any
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """A new task's form values made from a record (assigned to the user) and its linked accounts."""
    links, account_id = _links(session, actor, entity, record_id)
    values = {"assignee_id": str(actor.id), "priority": "normal", "status": "open", **links}
    names = account_names(session, {account_id})
    accounts = [{"id": str(account_id), "name": names[account_id]}] if account_id in names else []
    return values, accounts
