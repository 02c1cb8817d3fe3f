"""Opportunities as the UI shows them: list rows, the data tab, the page head and business roles."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from rxcrm.db.models import BusinessRole, Campaign, Opportunity, Partner, Stage, User
from rxcrm.services.people.field_visibility import hidden_for_viewer
from rxcrm.services.pipeline.tags import tags_by_deal
from rxcrm.services.records.display_text import (
    account_names,
    blanked,
    contact_names,
    names_of,
    project_names,
    text,
)


def opportunity_rows(session: Session, deals: list[Opportunity]) -> list[dict[str, str]]:
    """Opportunities as list rows with stage, account and owner names."""
    owners = names_of(session, User, {d.owner_id for d in deals}, User.name)
    accounts = account_names(session, {d.account_id for d in deals})
    stages = names_of(session, Stage, {d.stage_id for d in deals}, Stage.name)
    hidden = hidden_for_viewer(session, "opportunity")
    return blanked(
        [
            {
                "id": str(d.id),
                "name": d.name,
                "account": accounts.get(d.account_id, ""),
                "stage": stages.get(d.stage_id, ""),
                "status": d.status,
                "owner": owners.get(d.owner_id, ""),
                "amount": f"{text(d.amount)} {d.currency}",
                "probability": f"{d.probability} %",
                "close_date": text(d.close_date),
                "tags": text(d.tags),
            }
            for d in deals
        ],
        hidden,
    )


def opportunity_data(session: Session, deal: Opportunity) -> list[dict[str, str]]:
    """The data tab of an opportunity: its fields with linked names, lost reason and custom fields."""
    row = opportunity_rows(session, [deal])[0]
    users = names_of(session, User, {deal.second_owner_id}, User.name)
    linked = {
        "contact": contact_names(session, {deal.contact_id}).get(deal.contact_id, ""),
        "second_owner": users.get(deal.second_owner_id, ""),
        "project": project_names(session, {deal.project_id}).get(deal.project_id, ""),
        "partner": names_of(session, Partner, {deal.partner_id}, Partner.name).get(deal.partner_id, ""),
        "campaign": names_of(session, Campaign, {deal.campaign_id}, Campaign.name).get(deal.campaign_id, ""),
        "lost_reason": text(deal.lost_reason),
    }
    shown = {**row, **linked}
    rows = [{"key": k, "label": label, "value": shown[k]} for k, label in OPPORTUNITY_LABELS]
    rows += [{"key": f"custom-{k}", "label": k, "value": text(v)} for k, v in sorted(deal.custom.items())]
    hidden = hidden_for_viewer(session, "opportunity")
    return [
        r
        for r in rows
        if r["key"] not in hidden and not (r["key"].startswith("custom-") and "custom" in hidden)
    ]


OPPORTUNITY_LABELS = (
    ("account", "Account"),
    ("contact", "Primary contact"),
    ("stage", "Stage"),
    ("status", "Status"),
    ("amount", "Amount"),
    ("probability", "Probability"),
    ("close_date", "Expected close"),
    ("owner", "Owner"),
    ("second_owner", "Second manager"),
    ("project", "Project"),
    ("partner", "Partner"),
    ("campaign", "Campaign"),
    ("lost_reason", "Lost reason"),
)


def business_role_rows(session: Session, roles: list[BusinessRole]) -> list[dict[str, str]]:
    """A deal's business roles with the contact's name (blank when the contact is hidden)."""
    names = contact_names(session, {r.contact_id for r in roles})
    return [
        {
            "id": str(r.id),
            "contact_id": str(r.contact_id),
            "contact": names.get(r.contact_id, ""),
            "role": r.role,
            "note": text(r.note),
        }
        for r in roles
    ]


def opportunity_header(session: Session, deal: Opportunity) -> dict[str, Any]:
    """The head of a deal's page: name, status, amount and tags, each hidden field left blank."""
    row = opportunity_rows(session, [deal])[0]
    return {
        "name": deal.name,
        "status": deal.status,
        "amount": row["amount"],
        "locked": deal.locked,
        "tags": tags_by_deal(session, [deal])[deal.id],
    }
