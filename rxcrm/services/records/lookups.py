"""Type-to-search record pickers: the few records of one kind whose name matches what the user typed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, select

from rxcrm.db.models import Campaign, Opportunity, Partner, PriceBook, PriceBookEntry, Product, Project, User
from rxcrm.domain.accounts.contacts import contact_display_name
from rxcrm.domain.commerce.money import money_text
from rxcrm.domain.dashboards.targets import TARGET_ROLES
from rxcrm.domain.errors import DomainError, ValidationFailed
from rxcrm.domain.records.validation import record_id as checked_record_id
from rxcrm.services.accounts.accounts import AccountFilter, get_account, list_accounts
from rxcrm.services.accounts.contacts import ContactFilter, get_contact, list_contacts
from rxcrm.services.commerce.products import get_product, list_products
from rxcrm.services.commerce.quote_picker import book_first
from rxcrm.services.people.access import visible
from rxcrm.services.people.permissions import require
from rxcrm.services.people.users import directory_clause, owner_clause
from rxcrm.services.records.listing import ListWindow, search_clause, searched

LOOKUP_LIMIT = 8
# "owner": an active user the viewer may make an owner; "user": anyone in the viewer's directory (filters);
# "active_user": an active user of the directory (rule assignees, workflow people);
# "sales_user": an active rep or director (targets)
USER_KINDS = ("owner", "user", "active_user", "sales_user")
NAMED = {
    "partner": Partner,
    "campaign": Campaign,
    "project": Project,
    "opportunity": Opportunity,
    **dict.fromkeys(USER_KINDS, User),
}
# "price_entry": any book's entry, the scoped book first; "book_entry": the scoped book's only (bundles)
LOOKUP_KINDS = ("account", "contact", "product", "price_entry", "book_entry", *NAMED)


def _narrowed(statement: Any, kind: str, actor: User, kept: bool) -> Any:
    if kind == "partner":
        return visible(statement, Partner, actor).where(Partner.active.is_(True))
    if kind == "project":
        return visible(statement, Project, actor).where(Project.crm_enabled.is_(True))
    if kind == "opportunity":
        return visible(statement, Opportunity, actor)
    if kind == "owner" and not kept:  # a new owner must be active; a kept one is still named
        return statement.where(owner_clause(actor))
    if kind == "active_user":
        return statement.where(User.active.is_(True), directory_clause(actor))
    if kind == "sales_user":
        return statement.where(User.active.is_(True), User.role.in_(TARGET_ROLES), directory_clause(actor))
    if kind in ("owner", "user"):
        return statement.where(directory_clause(actor))
    return statement


def _named(session: Session, actor: User, kind: str, text: str, limit: int, record_id: int | None):  # noqa: ANN202
    """Partners (active, visible), campaigns, projects (CRM-enabled), visible deals, owners, users by name."""
    model = NAMED[kind]
    statement = _narrowed(select(model.id, model.name), kind, actor, record_id is not None)
    statement = searched(statement, text, model.name)
    if record_id is not None:
        statement = statement.where(model.id == record_id)
    return list(session.exec(statement.order_by(model.name, model.id).limit(limit)).all())


def _price_entries(
    session: Session,
    actor: User,
    text: str,
    limit: int,
    book: int | None,
    entry_id: int | None = None,
    only_book: bool = False,
) -> list[tuple[int, str]]:
    """Entries of active products in active price books by product name or code, the quote's book first."""
    require(session, actor, "price_books", "view")
    statement = (
        select(PriceBookEntry, Product, PriceBook)
        .join(Product, Product.id == PriceBookEntry.product_id)
        .join(PriceBook, PriceBook.id == PriceBookEntry.price_book_id)
        .where(Product.active.is_(True), PriceBook.active.is_(True))
    )
    name, code = search_clause(text, Product.name), search_clause(text, Product.code)
    if name is not None:
        statement = statement.where(or_(name, code))
    if entry_id is not None:
        statement = statement.where(PriceBookEntry.id == entry_id)
    if only_book:
        statement = statement.where(PriceBookEntry.price_book_id == book)
    statement = statement.order_by(book_first(book), Product.name, PriceBookEntry.unit, PriceBookEntry.id)
    return [
        (e.id, f"{p.name} ({p.code}) · {e.unit} · {money_text(e.price)} {e.currency} · {b.name}")
        for e, p, b in session.exec(statement.limit(limit)).all()
    ]


def _unknown_kind() -> ValidationFailed:
    return ValidationFailed.from_fields({"kind": f"must be one of: {', '.join(LOOKUP_KINDS)}"})


def find_records(
    session: Session, actor: User, kind: str, text: str, limit: int = LOOKUP_LIMIT, scope: Any = None
) -> list[tuple[int, str]]:
    """The first records of `kind` the user may see whose name contains `text` (all when empty), by name.

    `scope` narrows the order where a kind has one: for price entries, the quote's price book comes first.
    """
    query = (text or "").strip()[:100] or None
    if kind == "account":
        page = list_accounts(session, actor, AccountFilter(q=query), ListWindow("name", limit))
        return [(a.id, a.name) for a in page.items]
    if kind == "contact":
        page = list_contacts(session, actor, ContactFilter(q=query), ListWindow("last_name", limit))
        return [(c.id, contact_display_name(c.first_name, c.last_name)) for c in page.items]
    if kind == "product":
        found = list_products(session, actor, q=query, active=True, window=ListWindow("name", limit)).items
        return [(p.id, f"{p.name} · {p.code}") for p in found]
    if kind in ("price_entry", "book_entry"):
        book = checked_record_id(scope) if scope not in (None, "") else None
        return _price_entries(session, actor, query or "", limit, book, only_book=kind == "book_entry")
    if kind in NAMED:
        return [(i, n) for i, n in _named(session, actor, kind, query or "", limit, None)]
    raise _unknown_kind()


def record_label(session: Session, actor: User, kind: str, record_id: int, scope: Any = None) -> str:
    """The name of one record of `kind` as the picker shows it; empty when the user may not see it.

    A book entry (`scope`: the price book) is named only when it belongs to that book.
    """
    try:
        if kind == "account":
            return get_account(session, actor, record_id).name
        if kind == "contact":
            contact = get_contact(session, actor, record_id)
            return contact_display_name(contact.first_name, contact.last_name)
        if kind == "product":
            product = get_product(session, actor, record_id)
            return f"{product.name} · {product.code}"
        if kind in ("price_entry", "book_entry"):
            book = checked_record_id(scope) if scope not in (None, "") else None
            found = _price_entries(session, actor, "", 1, book, record_id, only_book=kind == "book_entry")
            return found[0][1] if found else ""
    except DomainError:
        return ""
    if kind in NAMED:
        found = _named(session, actor, kind, "", 1, record_id)
        return found[0][1] if found else ""
    raise _unknown_kind()
