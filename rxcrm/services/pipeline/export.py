"""The opportunities list as a CSV file, under the user's access rules and hidden fields."""

from __future__ import annotations

from sqlmodel import Session, select

from rxcrm.db.models import Opportunity, User
from rxcrm.domain.records.export import MAX_EXPORT_ROWS, check_export_rows, csv_text
from rxcrm.services.pipeline.opportunities import OpportunityFilter, narrowed, opportunity_order
from rxcrm.services.pipeline.rows import opportunity_rows
from rxcrm.services.records.listing import count_rows

HEADER = (
    "Id",
    "Name",
    "Account",
    "Stage",
    "Status",
    "Amount",
    "Currency",
    "Probability %",
    "Expected close",
    "Owner",
    "Tags",
)
BATCH = 500


def export_csv(session: Session, actor: User, flt: OpportunityFilter, sort: str | None = None) -> str:
    """Every opportunity the filter selects and the user may see, as CSV text."""
    order = opportunity_order(session, actor, sort)
    statement = narrowed(session, select(Opportunity), actor, flt)
    check_export_rows(count_rows(session, statement), MAX_EXPORT_ROWS)
    statement = statement.order_by(*order)
    rows: list[list[str]] = []
    # One query read in batches: paging with OFFSET could skip or repeat a deal edited meanwhile.
    for deals in session.exec(statement.execution_options(yield_per=BATCH)).partitions(BATCH):
        rows += [
            _line(deal, row) for deal, row in zip(deals, opportunity_rows(session, list(deals)), strict=True)
        ]
    return csv_text(HEADER, rows)


def _line(deal: Opportunity, row: dict[str, str]) -> list[str]:
    """One deal as spreadsheet cells: plain numbers for amount and probability (blank when hidden)."""
    amount_shown, probability_shown = row["amount"] != "", row["probability"] != ""
    return [
        row["id"],
        row["name"],
        row["account"],
        row["stage"],
        row["status"],
        f"{deal.amount:.2f}" if amount_shown else "",
        deal.currency if amount_shown else "",
        str(deal.probability) if probability_shown else "",
        row["close_date"],
        row["owner"],
        row["tags"],
    ]
