"""Qualifying a lead (spec §2.3): the opportunity and, where missing, the account and personal contact."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.db.models import Account, Contact, Lead, Opportunity, User
from rxcrm.db.types import utcnow
from rxcrm.domain.accounts.accounts import ACCOUNT_TYPES
from rxcrm.domain.errors import NotFound, ValidationFailed
from rxcrm.domain.leads.lifecycle import LEADS_TOPIC as TOPIC
from rxcrm.domain.leads.lifecycle import (
    QUALIFIED,
    account_for_lead,
    check_open,
    contact_for_lead,
    opportunity_name,
)
from rxcrm.services.accounts.accounts import create_account
from rxcrm.services.accounts.contacts import create_contact
from rxcrm.services.leads.lifecycle import ENTITY, get_lead
from rxcrm.services.people.access import get_visible, visible
from rxcrm.services.people.permissions import require
from rxcrm.services.pipeline.opportunities import create_opportunity
from rxcrm.services.records.changes import update_record
from rxcrm.services.records.events import touch
from rxcrm.services.settings.toggles import current_settings

OPPORTUNITY_FIELDS = (
    "name",
    "amount",
    "currency",
    "stage_id",
    "close_date",
    "owner_id",
    "probability",
    "project_id",
)


def qualification_defaults(session: Session, actor: User, lead: Lead) -> dict[str, Any]:
    """What the qualify form starts with: the deal's name, its owner, and what will be created."""
    return {
        "name": opportunity_name(lead.model_dump()),
        "owner_id": lead.owner_id or actor.id,
        "creates_account": lead.account_id is None,
        "creates_contact": _existing_contact(session, actor, lead, lead.account_id) is None,
    }


def _existing_contact(session: Session, actor: User, lead: Lead, account_id: int | None) -> Contact | None:
    if not lead.email or account_id is None:
        return None
    statement = select(Contact).where(
        Contact.account_id == account_id, func.lower(Contact.email) == lead.email.strip().lower()
    )
    return session.exec(visible(statement, Contact, actor)).first()


def _lead_account(session: Session, actor: User, lead: Lead) -> Account | None:
    """The account the lead was added to, if any; one hidden from the user cannot take the new deal."""
    if lead.account_id is None:
        return None
    try:
        return get_visible(session, Account, lead.account_id, actor, "account")
    except NotFound as exc:
        raise ValidationFailed.from_fields({"account_id": "the lead's account is hidden from you"}) from exc


def qualify_lead(
    session: Session, actor: User, lead_id: int, data: dict[str, Any]
) -> tuple[Opportunity, Account, Contact]:
    """Turn an open lead into an opportunity; the lead keeps the link and becomes qualified."""
    lead = get_lead(session, actor, lead_id)
    require(session, actor, "leads", "edit")
    check_open(lead.status, lead.archived, lead.anonymized, "qualified")
    owner_id = data.get("owner_id") or lead.owner_id or actor.id
    facts = lead.model_dump()
    account = _lead_account(session, actor, lead)
    if account is None:
        kind = current_settings(session).get("lead_qualification_account_type", "company")
        account_data = account_for_lead(facts, kind if kind in ACCOUNT_TYPES else "company")
        account = create_account(session, actor, {**account_data, "owner_id": owner_id})
    contact = _existing_contact(session, actor, lead, account.id)
    if contact is None:
        contact = create_contact(
            session, actor, {**contact_for_lead(facts), "account_id": account.id, "owner_id": owner_id}
        )
    deal = {k: data[k] for k in OPPORTUNITY_FIELDS if data.get(k) is not None}
    deal.setdefault("name", opportunity_name(facts))
    deal.update(
        owner_id=owner_id,
        account_id=account.id,
        contact_id=contact.id,
        campaign_id=lead.campaign_id,
        partner_id=lead.partner_id,
    )
    opportunity = create_opportunity(session, actor, deal)
    update_record(
        session,
        ENTITY,
        lead,
        {
            "status": QUALIFIED,
            "opportunity_id": opportunity.id,
            "account_id": account.id,
            "qualified_at": utcnow(),
        },
        actor,
    )
    touch(session, TOPIC, lead.id)
    return opportunity, account, contact
