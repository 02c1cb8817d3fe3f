"""The filtered lead list as CSV or XLSX, under the user's access rules and without hidden fields."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from openpyxl import Workbook
from sqlmodel import Session, select

from rxcrm.db.models import Campaign, Lead, Partner, User
from rxcrm.domain.records.export import MAX_EXPORT_ROWS, check_export_rows, csv_text, sheet_cell
from rxcrm.services.leads.lifecycle import LeadFilter, lead_order, narrowed
from rxcrm.services.people.field_visibility import hidden_fields
from rxcrm.services.records.display_text import names_of, text
from rxcrm.services.records.listing import count_rows

ENTITY = "lead"
COLUMNS = (
    ("id", "Id"),
    ("name", "Name"),
    ("company", "Company"),
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("country", "Country"),
    ("source", "Source"),
    ("status", "Status"),
    ("priority", "Priority"),
    ("owner_id", "Owner"),
    ("partner_id", "Partner"),
    ("campaign_id", "Campaign"),
    ("duplicate_of_id", "Duplicate of"),
    ("created_at", "Created"),
)
BATCH = 1000


def export_csv(session: Session, actor: User, flt: LeadFilter, sort: str | None = None) -> str:
    """Every lead the filter selects and the user may see, as CSV text."""
    header, rows = _table(session, actor, flt, sort)
    return csv_text(header, rows)


def export_xlsx(session: Session, actor: User, flt: LeadFilter, sort: str | None = None) -> bytes:
    """The same leads as an Excel workbook; every cell is text a spreadsheet never runs as a formula."""
    header, rows = _table(session, actor, flt, sort)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Leads")
    sheet.append([sheet_cell(h) for h in header])
    for row in rows:
        sheet.append([sheet_cell(c) for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _table(
    session: Session, actor: User, flt: LeadFilter, sort: str | None
) -> tuple[list[str], Iterator[list[str]]]:
    hidden = hidden_fields(session, actor, ENTITY)
    columns = [(key, label) for key, label in COLUMNS if key not in hidden]
    order = lead_order(session, actor, sort)
    statement = narrowed(session, select(Lead), actor, flt)
    check_export_rows(count_rows(session, statement), MAX_EXPORT_ROWS)
    statement = statement.order_by(*order)
    return [label for _, label in columns], _rows(session, statement, [key for key, _ in columns])


def _rows(session: Session, statement: Any, keys: list[str]) -> Iterator[list[str]]:
    # One query read in batches: paging with OFFSET could skip or repeat a lead edited meanwhile.
    for leads in session.exec(statement.execution_options(yield_per=BATCH)).partitions(BATCH):
        names = {
            "owner_id": names_of(session, User, {x.owner_id for x in leads}, User.name),
            "partner_id": names_of(session, Partner, {x.partner_id for x in leads}, Partner.name),
            "campaign_id": names_of(session, Campaign, {x.campaign_id for x in leads}, Campaign.name),
        }
        for lead in leads:
            yield [names[k].get(getattr(lead, k), "") if k in names else text(getattr(lead, k)) for k in keys]
