"""The Price books page: every price book with its brand, version, projects and entries; a new book."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import DomainError, Forbidden
from rxcrm.services.commerce.catalogue_views import catalogue_rights, price_book_views
from rxcrm.services.commerce.price_books import create_price_book, list_price_books
from rxcrm.services.pipeline.projects import list_projects
from rxcrm.ui.actions import action, failure_toast, success_toast
from rxcrm.ui.components.lists import pager
from rxcrm.ui.layout import app_page
from rxcrm.ui.paging import PagedList
from rxcrm.ui.state import AppState

PRICE_BOOKS = "/price-books"
PRODUCTS = "/price-books/products"


def price_book_url(book_id: int | str) -> str:
    """The detail page of a price book."""
    return f"{PRICE_BOOKS}/{book_id}"


class CatalogueAccess(rx.State, mixin=True):
    """What the user may do on the catalogue pages; without 'view' they show a clear note instead."""

    no_access: str = ""
    may_add: bool = False
    may_edit: bool = False
    may_delete: bool = False

    def _remember_rights(self, rights: dict[str, bool]) -> None:
        self.may_add, self.may_edit, self.may_delete = rights["add"], rights["edit"], rights["delete"]

    def _refused(self, error: DomainError):  # noqa: ANN202
        if isinstance(error, Forbidden):
            self.no_access = error.message
            return None
        return failure_toast(error)


class PriceBooksState(CatalogueAccess, PagedList, AppState):
    """One page of price books and the new-book form."""

    sort: str = "name"
    rows: list[dict[str, str]] = []
    creating: bool = False

    @rx.event
    @action(refused="_refused")
    def load(self, session: Session, user: User):
        """Read the page of price books the list shows."""
        self.rows, self.total = [], 0  # what a refusal leaves shown
        self.no_access = ""
        page = list_price_books(session, user, self.q, None, self.limit, self.offset, self.sort)
        self._remember_rights(catalogue_rights(session, user))
        projects = {p.id: p.name for p in list_projects(session)}
        self.rows = [_row(view, projects) for view in price_book_views(session, page.items)]
        self.total = page.total

    @rx.event
    def set_creating(self, open_: bool):
        """Open or close the new-book form."""
        self.creating = open_

    @rx.event
    @action
    def create(self, session: Session, user: User, form: dict):
        """Add a price book and open it."""
        data = {k: form.get(k, "") for k in ("name", "brand", "product_version", "description")}
        book = create_price_book(session, user, data)
        self.creating = False
        return [success_toast(f"Price book '{book.name}' created."), rx.redirect(price_book_url(book.id))]


def _row(view: dict, projects: dict[int, str]) -> dict[str, str]:
    return {
        "id": str(view["id"]),
        "name": view["name"],
        "brand": view["brand"] or "—",
        "version": view["product_version"] or "—",
        "active": "Active" if view["active"] else "Inactive",
        "projects": ", ".join(projects.get(i, f"#{i}") for i in view["project_ids"]) or "—",
        "entries": str(view["entries_count"]),
        "url": price_book_url(view["id"]),
    }


def no_access_note(message: rx.Var) -> rx.Component:
    """What a user without access to the catalogue sees instead of data."""
    return rx.callout(message, icon="lock", color_scheme="amber", data_testid="catalogue-no-access")


def _new_book_form() -> rx.Component:
    field = lambda name, label, testid: rx.input(  # noqa: E731
        name=name, placeholder=label, data_testid=testid, width="100%"
    )
    return rx.card(
        rx.form(
            rx.hstack(
                field("name", "Name *", "price-book-name"),
                field("brand", "Brand", "price-book-brand"),
                field("product_version", "Product version", "price-book-version"),
                field("description", "Description", "price-book-description"),
                rx.button("Create", type="submit", data_testid="price-book-save"),
                rx.button(
                    "Cancel", variant="soft", type="button", on_click=PriceBooksState.set_creating(False)
                ),
                align="center",
                width="100%",
            ),
            on_submit=PriceBooksState.create,
        ),
        width="100%",
    )


def _book_row(row: dict) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(row["name"], href=row["url"], data_testid="price-book-link-" + row["id"])),
        rx.table.cell(row["brand"]),
        rx.table.cell(row["version"]),
        rx.table.cell(
            rx.badge(row["active"], color_scheme=rx.cond(row["active"] == "Active", "green", "gray"))
        ),
        rx.table.cell(row["projects"]),
        rx.table.cell(row["entries"]),
        data_testid="price-book-row-" + row["id"],
    )


def _books_table() -> rx.Component:
    s = PriceBooksState
    headers = ("Name", "Brand", "Version", "Status", "Projects", "Entries")
    return rx.card(
        rx.box(
            rx.table.root(
                rx.table.header(rx.table.row(*(rx.table.column_header_cell(h) for h in headers))),
                rx.table.body(rx.foreach(s.rows, _book_row)),
                width="100%",
                size="1",
            ),
            overflow_x="auto",
            width="100%",
        ),
        rx.cond(s.total == 0, rx.text("No price books yet.", color_scheme="gray", size="2")),
        pager(s.total, s.offset, s.limit, PriceBooksState.previous_page, PriceBooksState.next_page),
        width="100%",
    )


def catalogue_tabs(current: str) -> rx.Component:
    """Links between the price books and the products of the catalogue."""
    link = lambda label, href, key: rx.button(  # noqa: E731
        label,
        variant="solid" if key == current else "soft",
        size="2",
        on_click=rx.redirect(href),
        data_testid=f"catalogue-tab-{key}",
    )
    return rx.hstack(link("Price books", PRICE_BOOKS, "price-books"), link("Products", PRODUCTS, "products"))


def price_books_content() -> rx.Component:
    """Price books list with search and the new-book form."""
    s = PriceBooksState
    return rx.cond(
        s.no_access != "",
        no_access_note(s.no_access),
        rx.vstack(
            rx.hstack(
                catalogue_tabs("price-books"),
                rx.spacer(),
                rx.input(
                    placeholder="Search name, brand, version…",
                    value=s.q,
                    on_change=PriceBooksState.set_q.debounce(250),
                    width="280px",
                    data_testid="price-book-search",
                ),
                rx.cond(
                    s.may_add,
                    rx.button(
                        rx.icon("plus", size=14),
                        "New price book",
                        on_click=PriceBooksState.set_creating(True),
                        data_testid="price-book-new",
                    ),
                ),
                width="100%",
                align="center",
            ),
            rx.cond(s.creating, _new_book_form()),
            _books_table(),
            width="100%",
            spacing="4",
        ),
    )


price_books_page = app_page("Price books", price_books_content)
ON_LOAD = [AppState.require_login, PriceBooksState.load]
