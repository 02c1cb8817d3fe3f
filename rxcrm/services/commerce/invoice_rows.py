"""Invoices as the screens show them: number, deal name, dates, money, status and the next step."""

from __future__ import annotations

from sqlmodel import Session

from rxcrm.db.models import Contract, Invoice, Opportunity
from rxcrm.domain.commerce.invoices import DRAFT, PAID, SENT, STATUS_LABELS
from rxcrm.services.commerce.invoices import status_of
from rxcrm.services.people.field_visibility import hidden_for_viewer
from rxcrm.services.people.time_zones import viewer_today
from rxcrm.services.records.display_text import names_of, text


def invoice_rows(session: Session, invoices: list[Invoice]) -> list[dict[str, str]]:
    """One page of invoices as table rows; `can_send` / `can_pay` say which step button applies."""
    deals = names_of(session, Opportunity, {i.opportunity_id for i in invoices}, Opportunity.name)
    contracts = names_of(session, Contract, {i.contract_id for i in invoices}, Contract.name)
    on, hide_amount = viewer_today(session), "amount" in hidden_for_viewer(session, "opportunity")
    return [
        {
            "id": str(i.id),
            "number": i.number,
            "billed": contracts.get(i.contract_id, "") or deals.get(i.opportunity_id, ""),
            "deal_id": str(i.opportunity_id or ""),
            "issue_date": text(i.issue_date),
            "due_date": text(i.due_date),
            "due_iso": i.due_date.isoformat(),
            "amount": "—" if hide_amount else f"{text(i.amount)} {i.currency}",
            "status": status_of(i, on),
            "status_label": STATUS_LABELS[status_of(i, on)],
            "can_send": "yes" if i.status == DRAFT else "",
            "can_pay": "yes" if i.status == SENT else "",
            "can_move_due": "" if i.status == PAID else "yes",
        }
        for i in invoices
    ]
