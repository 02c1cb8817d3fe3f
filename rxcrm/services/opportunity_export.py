"""The opportunities list as a CSV file, under the user's access rules and hidden fields."""

from __future__ import annotations

from sqlmodel import Session, select

from rxcrm.db.models import Opportunity, User
from rxcrm.domain.export import csv_text
from rxcrm.services.listing import sort_clause
from rxcrm.services.opportunities import SORTABLE, OpportunityFilter, narrowed
from rxcrm.services.read_models import opportunity_rows

COLUMNS = (
    ("id", "Id"),
    ("name", "Name"),
    ("account", "Account"),
    ("stage", "Stage"),
    ("status", "Status"),
    ("amount", "Amount"),
    ("probability", "Probability"),
    ("close_date", "Expected close"),
    ("owner", "Owner"),
    ("tags", "Tags"),
)
BATCH = 500


def export_csv(session: Session, actor: User, flt: OpportunityFilter, sort: str | None = None) -> str:
    """Every opportunity the filter selects and the user may see, as CSV text."""
    order = sort_clause(Opportunity, sort, SORTABLE, "-updated_at")
    statement = narrowed(session, select(Opportunity), actor, flt).order_by(*order)
    rows: list[list[str]] = []
    # One query read in batches: paging with OFFSET could skip or repeat a deal edited meanwhile.
    for deals in session.exec(statement.execution_options(yield_per=BATCH)).partitions(BATCH):
        rows += [[row[key] for key, _ in COLUMNS] for row in opportunity_rows(session, list(deals))]
    return csv_text([label for _, label in COLUMNS], rows)
