"""A campaign as its page shows it: the overview fields and the first rows of its leads and deals."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.leads.lifecycle import DISQUALIFIED, OPEN_LIST
from rxcrm.services.leads.lifecycle import LeadFilter, list_leads
from rxcrm.services.leads.rows import lead_rows
from rxcrm.services.pipeline.opportunities import OpportunityFilter, list_opportunities
from rxcrm.services.pipeline.rows import opportunity_rows
from rxcrm.services.records.display_text import text
from rxcrm.services.records.listing import TAB_PAGE

LABELS = (("status", "Status"), ("starts", "Starts"), ("ends", "Ends"), ("currency", "Currency"))
MONEY_LABELS = (("budget", "Budget"), ("cost", "Cost"))


def campaign_data(item: dict[str, Any]) -> list[dict[str, str]]:
    """The overview of a campaign (as `list_campaigns` gives it): status, period, and its money when shown."""
    rows = [{"key": k, "label": label, "value": text(item.get(k))} for k, label in LABELS]
    money = [
        {"key": k, "label": label, "value": f"{item[k]:,.2f} {item['currency']}"}
        for k, label in MONEY_LABELS
        if k in item
    ]
    return rows + money


def campaign_records(session: Session, actor: User, campaign_id: int) -> dict[str, list[dict[str, str]]]:
    """The first rows of the campaign's open leads, opportunities and disqualified leads the user may see."""
    leads = {
        state: list_leads(session, actor, LeadFilter(campaign_id=campaign_id, state=state), TAB_PAGE)
        for state in (OPEN_LIST, DISQUALIFIED)
    }
    deals = list_opportunities(session, actor, OpportunityFilter(campaign_id=campaign_id), TAB_PAGE)
    return {
        "open_leads": lead_rows(session, leads[OPEN_LIST].items),
        "opportunities": opportunity_rows(session, deals.items),
        "disqualified": lead_rows(session, leads[DISQUALIFIED].items),
    }
