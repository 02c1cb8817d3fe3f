"""The Products page of the catalogue: create, edit, copy and deactivate products."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.commerce import products as service
from rxcrm.services.commerce.catalogue_views import catalogue_rights, product_views
from rxcrm.services.commerce.categories import list_product_categories
from rxcrm.ui.actions import action
from rxcrm.ui.commerce.price_books import (
    CatalogueAccess,
    catalogue_content,
    catalogue_form,
    catalogue_row_actions,
    catalogue_table,
    catalogue_toolbar,
)
from rxcrm.ui.components.controls import note, search_box
from rxcrm.ui.components.conversion import NONE, optional_id, record_ref
from rxcrm.ui.layout import app_page
from rxcrm.ui.paging import PagedList
from rxcrm.ui.state import AppState

EMPTY_FORM = {"name": "", "code": "", "description": "", "category_id": NONE}


def _row(view: dict) -> dict[str, str]:
    return {
        "id": str(view["id"]),
        "name": view["name"],
        "code": view["code"],
        "description": view["description"] or "",
        "category_id": str(view["category_id"]) if view["category_id"] else NONE,
        "category": view["category_name"] or "—",
        "active": "yes" if view["active"] else "",
    }


class ProductsState(CatalogueAccess, PagedList, AppState):
    """One page of products and the product form (new or editing one)."""

    sort: str = "name"
    rows: list[dict[str, str]] = []
    categories: list[dict[str, str]] = []
    form_open: bool = False
    editing_id: int = 0
    form: dict[str, str] = dict(EMPTY_FORM)

    @rx.event
    @action(refused="_refused")
    def load(self, session: Session, user: User):
        """Read the page of products and the categories the form offers."""
        self.rows, self.total = [], 0  # what a refusal leaves shown
        self.no_access = ""
        page = service.list_products(session, user, self.q, None, None, self._window())
        self._remember_rights(catalogue_rights(session, user))
        self.rows = [_row(v) for v in product_views(session, page.items)]
        self.total = page.total
        self.categories = [{"value": str(c.id), "label": c.name} for c in list_product_categories(session)]

    @rx.event
    def open_new(self):
        """Open an empty product form."""
        self.form_open, self.editing_id, self.form = True, 0, dict(EMPTY_FORM)

    @rx.event
    def open_edit(self, product_id: str):
        """Open the form on an existing product."""
        row = next((r for r in self.rows if r["id"] == product_id), None)
        if row is not None:
            self.form_open, self.editing_id = True, record_ref(product_id)
            self.form = {k: row[k] for k in EMPTY_FORM}

    @rx.event
    def close_form(self):
        """Close the product form without saving."""
        self.form_open = False

    @rx.event
    def set_category(self, value: str):
        """Pick the product's category (and so the contract its sale creates)."""
        self.form = {**self.form, "category_id": value}

    @rx.event
    @action
    def save(self, session: Session, user: User, form: dict):
        """Create the product, or save the one being edited."""
        data = {k: form.get(k, "") for k in ("name", "code", "description")}
        data["category_id"] = optional_id(self.form["category_id"])
        stores = (service.create_product, service.update_product)
        events = self._store(session, user, self.editing_id, data, stores, "Product")
        self.form_open = False
        return events

    @rx.event
    def set_active(self, product_id: str, active: bool):
        """Keep selling a product, or deactivate it (quotes no longer offer it)."""
        word = "active" if active else "deactivated"
        change = {"active": bool(active)}
        return self._act(
            lambda s, u: service.update_product(s, u, record_ref(product_id), change),
            "'{name}' " + word + ".",
        )

    @rx.event
    def copy(self, product_id: str):
        """Copy a product with its prices ("Copy of …", a fresh code)."""
        return self._act(
            lambda s, u: service.copy_product(s, u, record_ref(product_id)),
            "'{name}' created with its prices.",
        )

    @rx.event
    def delete(self, product_id: str):
        """Remove a product and its prices; quotes keep their copied items."""
        return self._act(
            lambda s, u: service.delete_product(s, u, record_ref(product_id)), "Product removed."
        )


def _product_form() -> rx.Component:
    s = ProductsState
    field = lambda name, label, width: rx.input(  # noqa: E731
        name=name, placeholder=label, default_value=s.form[name], width=width, data_testid="product-" + name
    )
    category = rx.select.root(
        rx.select.trigger(placeholder="Category", data_testid="product-category"),
        rx.select.content(
            rx.select.item("— no category —", value=NONE),
            rx.foreach(s.categories, lambda o: rx.select.item(o["label"], value=o["value"])),
        ),
        value=s.form["category_id"],
        on_change=s.set_category,
    )
    fields = (
        field("name", "Name *", "220px"),
        field("code", "Code *", "130px"),
        category,
        field("description", "Description", "260px"),
    )
    save = rx.button("Save", type="submit", data_testid="product-save")
    return catalogue_form(fields, save, s.close_form, s.save, key=s.editing_id.to_string(), wrap="wrap")


def _product_row(row: dict) -> rx.Component:
    s = ProductsState
    return rx.table.row(
        rx.table.cell(rx.text(row["name"], weight="medium"), note(row["description"], trim="both")),
        rx.table.cell(rx.code(row["code"])),
        rx.table.cell(row["category"]),
        rx.table.cell(
            rx.switch(
                checked=row["active"] == "yes",
                disabled=~s.may_edit,
                on_change=lambda v: s.set_active(row["id"], v),
                data_testid="product-active-" + row["id"],
            )
        ),
        rx.table.cell(catalogue_row_actions(s, "product", row, s.open_edit(row["id"]))),
        data_testid="product-row-" + row["id"],
    )


def products_content() -> rx.Component:
    """Products with search, the product form and one page of the list."""
    s = ProductsState
    search = search_box(s.q, s.set_q.debounce(250), "Search name or code…", "product-search", width="260px")
    top = catalogue_toolbar("products", s, search, ("New product", s.open_new, "product-new"))
    headers = ("Product", "Code", "Category", "Active", "")
    return catalogue_content(s, top, s.form_open, _product_form(), catalogue_table(s, headers, _product_row))


products_page = app_page("Products", products_content)
ON_LOAD = [AppState.require_login, ProductsState.load]
