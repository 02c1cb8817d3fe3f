"""Display rows of leads for the UI: every value as text, owner, partner, campaign and links by name."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxcrm.db.models import Campaign, Lead, Opportunity, Partner, User
from rxcrm.domain.leads.lifecycle import STATE_LABELS
from rxcrm.services.people.access import visible
from rxcrm.services.people.field_visibility import VIEWER
from rxcrm.services.records.display_text import account_names, names_of, text

LEAD_LABELS = (
    ("company", "Company"),
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("country", "Country"),
    ("source", "Source"),
    ("campaign", "Campaign"),
    ("priority", "Priority"),
    ("owner", "Owner"),
    ("second_owner", "Second manager"),
    ("partner", "Partner"),
    ("account", "Account"),
    ("routing", "Routing"),
    ("disqualify_reason", "Disqualification reason"),
    ("created", "Created"),
    ("updated", "Updated"),
)


def _visible_names(session: Session, model: type, ids: set[int | None], column: Any) -> dict[int, str]:
    """Names of linked leads or deals, only those the viewing user may see."""
    ids = {i for i in ids if i is not None}
    viewer = session.info.get(VIEWER)
    if not ids or viewer is None:
        return {}
    return dict(session.exec(visible(select(model.id, column).where(model.id.in_(ids)), model, viewer)).all())


def lead_rows(session: Session, leads: list[Lead]) -> list[dict[str, str]]:
    """Leads as list rows: owner, partner and campaign by name, the original of a duplicate by id."""
    users = names_of(
        session, User, {x.owner_id for x in leads} | {x.second_owner_id for x in leads}, User.name
    )
    partners = names_of(session, Partner, {x.partner_id for x in leads}, Partner.name)
    campaigns = names_of(session, Campaign, {x.campaign_id for x in leads}, Campaign.name)
    return [
        {
            "id": str(x.id),
            "name": text(x.name) or text(x.email) or f"Lead {x.id}",
            "company": text(x.company),
            "email": text(x.email),
            "phone": text(x.phone),
            "country": text(x.country),
            "source": text(x.source),
            "campaign": campaigns.get(x.campaign_id, ""),
            "owner": users.get(x.owner_id, ""),
            "second_owner": users.get(x.second_owner_id, ""),
            "partner": partners.get(x.partner_id, ""),
            "priority": x.priority,
            "status": x.status,
            "routing": x.routing,
            "disqualify_reason": text(x.disqualify_reason),
            "duplicate_of": text(x.duplicate_of_id),
            "created": x.created_at.strftime("%Y-%m-%d"),
            "updated": text(x.updated_at),
        }
        for x in leads
    ]


def lead_header(session: Session, lead: Lead) -> dict[str, Any]:
    """The head of a lead's page: name, status, flags, and the original or the opportunity it links to."""
    original = _visible_names(session, Lead, {lead.duplicate_of_id}, Lead.name)
    deal = _visible_names(session, Opportunity, {lead.opportunity_id}, Opportunity.name)
    return {
        "name": lead_rows(session, [lead])[0]["name"],
        "status": lead.status,
        "archived": lead.archived,
        "anonymized": lead.anonymized,
        "duplicate_of": text(lead.duplicate_of_id),
        "original_name": text(original.get(lead.duplicate_of_id)) or f"Lead {lead.duplicate_of_id}",
        "opportunity_id": text(lead.opportunity_id),
        "opportunity_name": text(deal.get(lead.opportunity_id)),
    }


def lead_data(session: Session, lead: Lead) -> list[dict[str, str]]:
    """The data tab of a lead: its filled fields with linked names, then its custom fields."""
    row = lead_rows(session, [lead])[0]
    row["account"] = account_names(session, {lead.account_id}).get(lead.account_id, "")
    row["created"] = text(lead.created_at)
    rows = [{"key": k, "label": label, "value": row[k]} for k, label in LEAD_LABELS if row[k]]
    return rows + [
        {"key": f"custom-{k}", "label": k, "value": text(v)} for k, v in sorted(lead.custom.items())
    ]


def state_tabs(counts: dict[str, int], states: tuple[str, ...]) -> list[dict[str, str]]:
    """The list tabs of the leads page: each state with its label and how many leads it holds."""
    return [{"value": s, "label": STATE_LABELS[s], "count": str(counts.get(s, 0))} for s in states]
