"""Price books: prices per product and unit, offered in projects, possibly updating an older book."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.db.models import PriceBook, PriceBookEntry, PriceBookProject, Project, User
from rxcrm.domain.commerce.catalogue_rules import check_price_book, check_replaces
from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.commerce.catalogue import CATALOGUE, get_catalogue_record, merged_values
from rxcrm.services.people.permissions import require
from rxcrm.services.records.changes import delete_record, insert_record, update_record
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow, Page, equal_to, searched, sort_clause

ENTITY = "price_book"
FIELDS = ("name", "description", "brand", "product_version", "active", "replaces_id")
SORTABLE = ("name", "brand", "product_version", "id")


def list_price_books(
    session: Session,
    actor: User,
    q: str | None = None,
    active: bool | None = None,
    window: ListWindow = FIRST_PAGE,
) -> Page:
    """One page of price books, searched by name, brand or version."""
    require(session, actor, CATALOGUE, "view")
    statement = searched(select(PriceBook), q, PriceBook.name, PriceBook.brand, PriceBook.product_version)
    statement = equal_to(statement, PriceBook, active=active)
    order = sort_clause(PriceBook, window.sort, SORTABLE, "name")
    return window.fetch(session, statement, order)


def get_price_book(session: Session, actor: User, price_book_id: int) -> PriceBook:
    """One price book, or NotFound."""
    return get_catalogue_record(session, actor, PriceBook, price_book_id, "price book")


def project_ids_of(session: Session, book_ids: list[int]) -> dict[int, list[int]]:
    """The projects each price book is offered in."""
    found: dict[int, list[int]] = {i: [] for i in book_ids}
    if book_ids:
        rows = session.exec(
            select(PriceBookProject.price_book_id, PriceBookProject.project_id)
            .where(PriceBookProject.price_book_id.in_(book_ids))
            .order_by(PriceBookProject.project_id)
        ).all()
        for book_id, project_id in rows:
            found[book_id].append(project_id)
    return found


def entry_counts(session: Session, book_ids: list[int]) -> dict[int, int]:
    """How many entries (product units) each price book holds."""
    if not book_ids:
        return {}
    rows = session.exec(
        select(PriceBookEntry.price_book_id, func.count())
        .where(PriceBookEntry.price_book_id.in_(book_ids))
        .group_by(PriceBookEntry.price_book_id)
    ).all()
    return {i: 0 for i in book_ids} | dict(rows)


def _checked(session: Session, data: dict[str, Any], book_id: int | None) -> dict[str, Any]:
    values = check_price_book(data)
    check_replaces(book_id, values["replaces_id"])
    if values["replaces_id"] is not None and session.get(PriceBook, values["replaces_id"]) is None:
        raise ValidationFailed.from_fields({"replaces_id": f"no price book {values['replaces_id']}"})
    known = set(session.exec(select(Project.id).where(Project.id.in_(values["project_ids"]))).all())
    unknown = [i for i in values["project_ids"] if i not in known]
    if unknown:
        raise ValidationFailed.from_fields({"project_ids": f"no project {unknown[0]}"})
    return values


def _set_projects(session: Session, book: PriceBook, project_ids: list[int]) -> None:
    current = project_ids_of(session, [book.id])[book.id]
    for link in session.exec(select(PriceBookProject).where(PriceBookProject.price_book_id == book.id)):
        if link.project_id not in project_ids:
            session.delete(link)
    for project_id in project_ids:
        if project_id not in current:
            session.add(PriceBookProject(price_book_id=book.id, project_id=project_id))
    session.flush()


def create_price_book(session: Session, actor: User, data: dict[str, Any]) -> PriceBook:
    """Add a price book, offered in the projects given."""
    require(session, actor, CATALOGUE, "add")
    values = _checked(session, data, None)
    project_ids = values.pop("project_ids")
    book = insert_record(session, ENTITY, PriceBook(**values, created_by_id=actor.id), actor)
    _set_projects(session, book, project_ids)
    return book


def update_price_book(session: Session, actor: User, price_book_id: int, data: dict[str, Any]) -> PriceBook:
    """Change a price book's fields, projects or the book it updates."""
    book = get_price_book(session, actor, price_book_id)
    require(session, actor, CATALOGUE, "edit")
    merged = merged_values(book, data, FIELDS)
    merged["project_ids"] = data.get("project_ids", project_ids_of(session, [book.id])[book.id])
    values = _checked(session, merged, book.id)
    project_ids = values.pop("project_ids")
    update_record(session, ENTITY, book, values, actor)
    _set_projects(session, book, project_ids)
    return book


def delete_price_book(session: Session, actor: User, price_book_id: int) -> None:
    """Remove a price book with its entries and bundles; books that updated it lose the link."""
    book = get_price_book(session, actor, price_book_id)
    require(session, actor, CATALOGUE, "delete")
    for newer in session.exec(select(PriceBook).where(PriceBook.replaces_id == book.id)).all():
        update_record(session, ENTITY, newer, {"replaces_id": None}, actor)
    delete_record(session, ENTITY, book, actor)
