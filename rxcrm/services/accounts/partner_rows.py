"""Partners as the UI shows them: list rows, the overview tab, and the records assigned to a partner."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from rxcrm.db.models import Partner, User
from rxcrm.services.accounts.account_rows import ACCOUNT_LABELS, account_rows
from rxcrm.services.accounts.accounts import AccountFilter, list_accounts
from rxcrm.services.accounts.contact_rows import contact_rows
from rxcrm.services.accounts.contacts import ContactFilter, list_contacts
from rxcrm.services.leads.lifecycle import LeadFilter, list_leads
from rxcrm.services.leads.rows import lead_rows
from rxcrm.services.pipeline.opportunities import OpportunityFilter, list_opportunities
from rxcrm.services.pipeline.rows import opportunity_rows
from rxcrm.services.records.display_text import names_of, text
from rxcrm.services.records.listing import TAB_PAGE

CONTACT_FIELDS = ("email", "phone", "website", "street", "zip", "city", "country")
PARTNER_LABELS = tuple((key, label) for key, label in ACCOUNT_LABELS if key in CONTACT_FIELDS)


def partner_rows(session: Session, partners: list[Partner]) -> list[dict[str, str]]:
    """Partners as list rows with their managers' names."""
    owners = names_of(session, User, {p.owner_id for p in partners}, User.name)
    return [
        {
            "id": str(p.id),
            "name": p.name,
            "city": text(p.city),
            "country": text(p.country),
            "email": text(p.email),
            "owner": owners.get(p.owner_id, ""),
            "active": "yes" if p.active else "",
        }
        for p in partners
    ]


def partner_data(session: Session, partner: Partner) -> list[dict[str, str]]:
    """The overview tab of a partner: its filled fields, manager, state and custom values."""
    values = partner.model_dump()
    rows = [
        {"key": k, "label": label, "value": text(values[k])} for k, label in PARTNER_LABELS if values.get(k)
    ]
    owner = names_of(session, User, {partner.owner_id}, User.name).get(partner.owner_id, "—")
    rows.append({"key": "owner", "label": "Partner manager", "value": owner})
    rows.append({"key": "active", "label": "State", "value": "active" if partner.active else "inactive"})
    return rows + [
        {"key": f"custom-{k}", "label": k, "value": text(v)} for k, v in sorted(partner.custom.items())
    ]


def partner_form_values(partner: Partner) -> dict[str, str]:
    """A partner's fields as the edit form starts with them (text; the flag as 'true'/'false')."""
    data: dict[str, Any] = partner.model_dump(exclude={"custom", "created_at", "updated_at", "created_by_id"})
    return {
        k: "" if v is None else str(v).lower() if isinstance(v, bool) else str(v) for k, v in data.items()
    }


def assigned_records(session: Session, actor: User, partner_id: int) -> dict[str, list[dict[str, str]]]:
    """The first rows of what is assigned to the partner and the user may see: consultants, accounts,
    leads and opportunities."""
    consultants = list_contacts(session, actor, ContactFilter(partner_id=partner_id), TAB_PAGE)
    accounts = list_accounts(session, actor, AccountFilter(partner_id=partner_id), TAB_PAGE)
    leads = list_leads(session, actor, LeadFilter(partner_id=partner_id), TAB_PAGE)
    deals = list_opportunities(session, actor, OpportunityFilter(partner_id=partner_id), TAB_PAGE)
    return {
        "consultants": contact_rows(session, consultants.items),
        "accounts": account_rows(session, accounts.items),
        "leads": lead_rows(session, leads.items),
        "opportunities": opportunity_rows(session, deals.items),
    }
