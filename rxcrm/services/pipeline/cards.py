"""Display models of the pipeline board: column headers and compact cards (only the fields shown)."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session

from rxcrm.db.models import Opportunity, User
from rxcrm.domain.people.users import initials
from rxcrm.domain.pipeline.board import is_overdue, tag_colour
from rxcrm.services.people.field_visibility import hidden_for_viewer
from rxcrm.services.people.time_zones import viewer_today
from rxcrm.services.pipeline.board import BoardColumn
from rxcrm.services.records.display_text import account_names, contact_names, names_of, text

SOURCE_FIELD = {"account": "account_id", "owner": "owner_id", "contact": "contact_id"}


def tag_colours(cards: list[dict]) -> dict[str, str]:
    """The colour of every tag on these cards (kept out of the cards so a move resends less)."""
    return {t: tag_colour(t) for card in cards for t in card.get("tags", [])}


def column_figures(
    count: int, amount: Decimal | None, unconverted: int, currency: str, loaded: int
) -> dict[str, str | bool]:
    """The changing part of a column's title: count, amount (unless hidden), deals without rate, more."""
    return {
        "count": str(count),
        "amount": "" if amount is None else f"{text(amount)} {currency}",
        "note": f"{unconverted} without exchange rate" if unconverted else "",
        "more": loaded < count,
    }


def column_header(column: BoardColumn, currency: str, loaded: int) -> dict[str, str | bool]:
    """A column's title row: name, colour, count and amount in the board currency."""
    return {
        "stage_id": str(column.stage_id),
        "name": column.name,
        "color": column.color,
        **column_figures(column.count, column.amount, column.unconverted, currency, loaded),
    }


def shown_card_fields(session: Session, fields: tuple[str, ...]) -> tuple[str, ...]:
    """The card fields the viewer of this unit of work may see, of those the admin chose."""
    hidden = hidden_for_viewer(session, "opportunity")
    return tuple(f for f in fields if SOURCE_FIELD.get(f, f) not in hidden)


def card_rows(session: Session, deals: list[Opportunity], fields: tuple[str, ...]) -> list[dict]:
    """Compact cards with the fields the admin chose, hidden ones left out; overdue by the viewer's today."""
    shown = shown_card_fields(session, fields)
    owners = names_of(session, User, {d.owner_id for d in deals}, User.name) if "owner" in shown else {}
    accounts = account_names(session, {d.account_id for d in deals}) if "account" in shown else {}
    contacts = contact_names(session, {d.contact_id for d in deals}) if "contact" in shown else {}
    cards, today = [], viewer_today(session)
    for deal in deals:
        card: dict = {"id": str(deal.id), "name": deal.name}
        if "account" in shown:
            card["account"] = accounts.get(deal.account_id, "")
        if "contact" in shown:
            card["contact"] = contacts.get(deal.contact_id, "")
        if "amount" in shown:
            card["amount"] = f"{text(deal.amount)} {deal.currency}"
        if "owner" in shown:
            card["owner"] = initials(owners.get(deal.owner_id, ""))
        if "close_date" in shown:
            card["close_date"] = text(deal.close_date)
            if is_overdue(deal.close_date, deal.status, today):
                card["overdue"] = True
        if "probability" in shown:
            card["probability"] = f"{deal.probability} %"
        if "tags" in shown:
            card["tags"] = list(deal.tags)
        cards.append(card)
    return cards
