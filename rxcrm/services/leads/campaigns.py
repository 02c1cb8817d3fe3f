"""Campaigns (spec §5.4): name, status (one of the configured statuses), budget, cost, running period, and
the counts of their leads and deals. Admins and directors manage them (the roles matrix' `campaigns`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import case, func
from sqlmodel import Session, select

from rxcrm.db.models import Campaign, Lead, Opportunity, User
from rxcrm.domain.errors import Conflict, NotFound, ValidationFailed
from rxcrm.domain.leads.campaigns import ACTIVE, ARCHIVED, check_period, check_status
from rxcrm.domain.leads.lifecycle import DISQUALIFIED, OPEN
from rxcrm.domain.people.reads import CAMPAIGN_MONEY, sees_campaign_money
from rxcrm.domain.records.validation import FieldErrors, clean_text, parse_money
from rxcrm.services.leads.campaign_statuses import first_of_kind, status_kinds, status_names
from rxcrm.services.people.access import visible
from rxcrm.services.people.permissions import require
from rxcrm.services.records.listing import count_where

ENTITY = "campaigns"


def _require_manager(session: Session, actor: User, action: str) -> None:
    require(session, actor, ENTITY, action)


def _clean(session: Session, data: dict[str, Any], current: Campaign | None) -> dict[str, Any]:
    errors = FieldErrors()
    values: dict[str, Any] = {}
    if "name" in data or current is None:
        name = clean_text(data.get("name")) if isinstance(data.get("name"), str) else None
        if not name or len(name) > 200:
            errors.add("name", "is required (at most 200 characters)")
        else:
            clash = session.exec(select(Campaign.id).where(func.lower(Campaign.name) == name.lower())).first()
            if clash is not None and (current is None or clash != current.id):
                errors.add("name", "another campaign has this name")
            values["name"] = name
    for field in ("budget", "cost"):
        if data.get(field) is not None:
            try:
                values[field] = parse_money(data[field])
                if values[field] < Decimal(0):
                    errors.add(field, "must not be negative")
            except ValueError as exc:
                errors.add(field, str(exc))
    currency = data.get("currency")
    if currency is not None:
        if not isinstance(currency, str) or len(currency) != 3 or not currency.isalpha():
            errors.add("currency", "must be a three-letter ISO 4217 code like EUR")
        else:
            values["currency"] = currency.upper()
    if data.get("status") is not None:
        values["status"] = check_status(errors, data["status"], status_names(session))
    starts, ends = (current.starts, current.ends) if current is not None else (None, None)
    values.update(check_period(errors, data, starts, ends))
    errors.raise_if_any()
    return values


def create_campaign(session: Session, actor: User, data: dict[str, Any]) -> Campaign:
    """Add a campaign (in the first active status unless told)."""
    _require_manager(session, actor, "add")
    values = _clean(session, data, None)
    values["status"] = values.get("status") or first_of_kind(session, ACTIVE)
    campaign = Campaign(**values)
    session.add(campaign)
    session.flush()
    return campaign


def get_campaign(session: Session, campaign_id: int) -> Campaign:
    """One campaign (campaigns are visible to every user)."""
    campaign = session.get(Campaign, campaign_id) if isinstance(campaign_id, int) else None
    if campaign is None:
        raise NotFound(f"campaign {campaign_id} not found")
    return campaign


def campaign_to_edit(session: Session, actor: User, campaign_id: int) -> Campaign:
    """A campaign with its budget and cost, for the managers' edit form."""
    _require_manager(session, actor, "edit")
    return get_campaign(session, campaign_id)


def update_campaign(session: Session, actor: User, campaign_id: int, data: dict[str, Any]) -> Campaign:
    """Change a campaign (also: archive and unarchive it through its status)."""
    _require_manager(session, actor, "edit")
    campaign = get_campaign(session, campaign_id)
    for key, value in _clean(session, data, campaign).items():
        setattr(campaign, key, value)
    session.add(campaign)
    session.flush()
    return campaign


def archive_campaign(session: Session, actor: User, campaign_id: int, archived: bool = True) -> Campaign:
    """Put a campaign in the first archived status, or (unarchive) back in the first active one."""
    status = first_of_kind(session, ARCHIVED if archived else ACTIVE)
    return update_campaign(session, actor, campaign_id, {"status": status})


def delete_campaign(session: Session, actor: User, campaign_id: int) -> None:
    """Delete a campaign no lead or deal refers to (archive it otherwise)."""
    _require_manager(session, actor, "delete")
    campaign = get_campaign(session, campaign_id)
    used = count_where(session, Lead, Lead.campaign_id == campaign_id)
    used += count_where(session, Opportunity, Opportunity.campaign_id == campaign_id)
    if used:
        raise Conflict("Leads or opportunities belong to this campaign: archive it instead.")
    session.delete(campaign)
    session.flush()


def list_campaigns(
    session: Session,
    actor: User,
    status: str | None = None,
    campaign_id: int | None = None,
    q: str | None = None,
) -> list[dict[str, Any]]:
    """Campaigns (all, or one) with the open and disqualified leads and the opportunities the user may see
    and whether their status is of kind archived. A partner user gets no budget or cost (spec §8)."""
    kinds = status_kinds(session)
    if status is not None and status not in kinds:
        raise ValidationFailed.from_fields({"status": f"must be one of: {', '.join(kinds)}"})
    statement = select(Campaign).order_by(Campaign.name)
    if status:
        statement = statement.where(Campaign.status == status)
    if campaign_id is not None:
        statement = statement.where(Campaign.id == campaign_id)
    if q and q.strip():
        statement = statement.where(func.lower(Campaign.name).contains(q.strip().lower(), autoescape=True))
    campaigns = session.exec(statement).all()
    live = (Lead.status == OPEN) & Lead.archived.is_(False)
    lead_counts = select(
        Lead.campaign_id,
        func.sum(case((live, 1), else_=0)),
        func.sum(case((Lead.status == DISQUALIFIED, 1), else_=0)),
        func.count(),
    ).where(Lead.campaign_id.is_not(None))
    leads = {
        row[0]: row[1:]
        for row in session.exec(visible(lead_counts, Lead, actor).group_by(Lead.campaign_id)).all()
    }
    deal_counts = select(Opportunity.campaign_id, func.count()).where(Opportunity.campaign_id.is_not(None))
    deals = dict(
        session.exec(visible(deal_counts, Opportunity, actor).group_by(Opportunity.campaign_id)).all()
    )
    hidden = () if sees_campaign_money(actor.role, actor.partner_id) else CAMPAIGN_MONEY
    return [
        {
            **campaign.model_dump(exclude=set(hidden)),
            "archived": kinds.get(campaign.status) == ARCHIVED,
            "open_leads": int((leads.get(campaign.id) or (0, 0, 0))[0] or 0),
            "disqualified_leads": int((leads.get(campaign.id) or (0, 0, 0))[1] or 0),
            "leads": int((leads.get(campaign.id) or (0, 0, 0))[2] or 0),
            "opportunities": int(deals.get(campaign.id, 0)),
        }
        for campaign in campaigns
    ]
