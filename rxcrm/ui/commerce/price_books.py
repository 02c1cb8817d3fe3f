"""The Price books page: every price book with its brand, version, projects and entries; a new book."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import reflex as rx
from reflex.vars import Var
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import DomainError, Forbidden
from rxcrm.services.commerce.catalogue_views import catalogue_rights, price_book_views
from rxcrm.services.commerce.price_books import create_price_book, list_price_books
from rxcrm.services.pipeline.projects import list_projects
from rxcrm.ui.actions import action, failure_toast, success_toast
from rxcrm.ui.components.controls import action_button, delete_icon, row_button, search_box
from rxcrm.ui.components.lists import pager, plain_table
from rxcrm.ui.components.setters import setter
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

    def _store(
        self, session: Session, user: User, record_id: int, data: dict, service: Any, kind: str
    ) -> list:
        """Create a record (no id) or update it with `service` = (create, update); toast it, reload."""
        create, update = service
        record = update(session, user, record_id, data) if record_id else create(session, user, data)
        return [success_toast(f"{kind} '{record.name}' saved."), type(self).load]

    @action
    def _act(self, session: Session, user: User, change, message: str):  # noqa: ANN001, ANN202
        """Run `change(session, user)`, toast `message` with the record's {name}, read the page again."""
        record = change(session, user)
        name = record.name if record is not None else ""
        return [success_toast(message.format(name=name)), type(self).load]


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
        page = list_price_books(session, user, self.q, None, self._window())
        self._remember_rights(catalogue_rights(session, user))
        projects = {p.id: p.name for p in list_projects(session, user)}
        self.rows = [_row(view, projects) for view in price_book_views(session, page.items)]
        self.total = page.total

    set_creating = setter("creating", "Open or close the new-book form.", value_type=bool)

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


def catalogue_form(
    fields: Sequence[rx.Component],
    save: rx.Component,
    on_cancel: Any,
    on_submit: Any,
    key: Any = None,
    **row: Any,
) -> rx.Component:
    """A catalogue page's inline form in a card: its fields on one row, then `save` and Cancel."""
    cancel = action_button("Cancel", on_cancel, None, variant="soft", type="button")
    return rx.card(
        rx.form(
            rx.hstack(*fields, save, cancel, align="center", width="100%", **row),
            on_submit=on_submit,
            key=key,
        ),
        width="100%",
    )


def _new_book_form() -> rx.Component:
    field = lambda name, label, testid: rx.input(  # noqa: E731
        name=name, placeholder=label, data_testid=testid, width="100%"
    )
    fields = (
        field("name", "Name *", "price-book-name"),
        field("brand", "Brand", "price-book-brand"),
        field("product_version", "Product version", "price-book-version"),
        field("description", "Description", "price-book-description"),
    )
    save = rx.button("Create", type="submit", data_testid="price-book-save")
    return catalogue_form(fields, save, PriceBooksState.set_creating(False), PriceBooksState.create)


def catalogue_row_actions(
    state: type[CatalogueAccess], kind: str, row: Var, on_edit: Any, *middle: rx.Component
) -> rx.Component:
    """Edit, Copy, `middle`, the bin: each for the users who may; test ids `{kind}-edit-{id}` and so on."""
    record_id = row["id"]
    return rx.hstack(
        row_button("Edit", on_edit, f"{kind}-edit-" + record_id, when=state.may_edit),
        row_button("Copy", state.copy(record_id), f"{kind}-copy-" + record_id, when=state.may_add),
        *middle,
        delete_icon(
            f"Delete {kind} " + row["name"],
            state.delete(record_id),
            f"{kind}-delete-" + record_id,
            when=state.may_delete,
        ),
        spacing="2",
        align="center",
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


def catalogue_table(
    state: type[PagedList], headers: Sequence[str], row: Any, *extra: rx.Component
) -> rx.Component:
    """One page of a catalogue list in a card: the table (scrolling sideways), `extra`, the pager."""
    return rx.card(
        rx.box(plain_table(headers, state.rows, row), overflow_x="auto", width="100%"),
        *extra,
        pager(state),
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


def catalogue_toolbar(
    current: str, state: type[CatalogueAccess], search: rx.Component, new: tuple[str, Any, str]
) -> rx.Component:
    """The catalogue tabs, then the page's search box and its "New …" button (label, handler, test id)."""
    label, on_new, testid = new
    return rx.hstack(
        catalogue_tabs(current),
        rx.spacer(),
        search,
        action_button(label, on_new, testid, when=state.may_add, icon="plus"),
        width="100%",
        align="center",
    )


def catalogue_content(
    state: type[CatalogueAccess], top: rx.Component, form_open: Var, form: rx.Component, body: rx.Component
) -> rx.Component:
    """A catalogue list page: the no-access note, or its toolbar, its form while open and its list."""
    return rx.cond(
        state.no_access != "",
        no_access_note(state.no_access),
        rx.vstack(top, rx.cond(form_open, form), body, width="100%", spacing="4"),
    )


def price_books_content() -> rx.Component:
    """Price books list with search and the new-book form."""
    s = PriceBooksState
    search = search_box(s.q, s.set_q.debounce(250), "Search name, brand, version…", "price-book-search")
    top = catalogue_toolbar(
        "price-books", s, search, ("New price book", s.set_creating(True), "price-book-new")
    )
    headers = ("Name", "Brand", "Version", "Status", "Projects", "Entries")
    empty = rx.cond(s.total == 0, rx.text("No price books yet.", color_scheme="gray", size="2"))
    table = catalogue_table(s, headers, _book_row, empty)
    return catalogue_content(s, top, s.creating, _new_book_form(), table)


price_books_page = app_page("Price books", price_books_content)
ON_LOAD = [AppState.require_login, PriceBooksState.load]
