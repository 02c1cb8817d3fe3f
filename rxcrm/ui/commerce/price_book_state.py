"""The price book on its detail page: its fields, projects and entries (a product's price per unit)."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.commerce import price_book_entries as entries
from rxcrm.services.commerce.catalogue_views import catalogue_rights, entry_view, price_book_views
from rxcrm.services.commerce.price_books import get_price_book, list_price_books, update_price_book
from rxcrm.services.pipeline.projects import list_projects
from rxcrm.services.records.listing import LARGEST_PAGE, ListWindow
from rxcrm.services.records.lookups import record_label
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.commerce.bundle_state import BundleState
from rxcrm.ui.commerce.price_books import CatalogueAccess, price_book_url
from rxcrm.ui.components.conversion import NONE, optional_id, record_id_from_path, record_ref
from rxcrm.ui.components.lookup import LookupState
from rxcrm.ui.state import AppState

ENTRY_PAGE = 50
ENTRY_PRODUCT = "entry-product"
BOOK_FIELDS = ("name", "description", "brand", "product_version")


class PriceBookState(CatalogueAccess, AppState):
    """One price book, one page of its entries and the add-entry form's product picker."""

    found: bool = True
    book_id: int = 0
    book: dict[str, str] = {}
    active: bool = True
    replaces_id: str = NONE
    replaces_name: str = ""
    project_ids: list[str] = []
    project_options: list[dict[str, str]] = []
    book_options: list[dict[str, str]] = []
    entry_rows: list[dict[str, str]] = []
    entry_total: int = 0
    entry_offset: int = 0
    entry_q: str = ""

    @rx.event
    @action(refused="_refused")
    def load(self, session: Session, user: User):
        """Read the price book of the page, its entries and what the forms offer."""
        self.found = False  # what a refusal leaves shown
        self.no_access = ""
        book = get_price_book(session, user, record_id_from_path(self.router.url.path))
        self.book_id, self.found = book.id, True
        self._remember_rights(catalogue_rights(session, user))
        self._load_book(session, user, price_book_views(session, [book])[0])
        self._load_entries(session, user)

    def _load_book(self, session: Session, user: User, view: dict) -> None:
        self.book = {k: view[k] or "" for k in BOOK_FIELDS}
        self.active = view["active"]
        self.project_ids = [str(i) for i in view["project_ids"]]
        self.project_options = [{"value": str(p.id), "label": p.name} for p in list_projects(session, user)]
        others = list_price_books(session, user, window=LARGEST_PAGE).items
        self.book_options = [{"value": str(b.id), "label": b.name} for b in others if b.id != self.book_id]
        self.replaces_id = str(view["replaces_id"]) if view["replaces_id"] else NONE
        names = {o["value"]: o["label"] for o in self.book_options}
        self.replaces_name = names.get(self.replaces_id, "")

    def _load_entries(self, session: Session, user: User) -> None:
        window = ListWindow(None, ENTRY_PAGE, self.entry_offset)
        page = entries.list_entries(session, user, self.book_id, self.entry_q, window)
        self.entry_total = page.total
        self.entry_rows = [
            {k: str(v) for k, v in entry_view(entry, product).items()} for entry, product in page.items
        ]

    @action(reload="load")
    def _save(self, session: Session, user: User, changes: dict, message: str):  # noqa: ANN202
        update_price_book(session, user, self.book_id, changes)
        return [success_toast(message), PriceBookState.load]

    @rx.event
    def save_book(self, form: dict):
        """Save the book's name, brand, version and description."""
        return self._save({k: form.get(k, "") for k in BOOK_FIELDS}, "Price book saved.")

    @rx.event
    def set_active(self, active: bool):
        """Offer the book on quotes, or stop offering it."""
        return self._save(
            {"active": bool(active)}, "Price book active." if active else "Price book inactive."
        )

    @rx.event
    def set_replaces(self, value: str):
        """Say which older price book this one updates."""
        return self._save({"replaces_id": optional_id(value)}, "'Update of' saved.")

    @rx.event
    def toggle_project(self, project_id: str, offered: bool):
        """Offer the book in a project, or stop offering it there."""
        chosen = [i for i in self.project_ids if i != project_id] + ([project_id] if offered else [])
        return self._save({"project_ids": [record_ref(i) for i in chosen]}, "Projects saved.")

    @rx.event
    def search_entries(self, q: str):
        """Narrow the entries by product name or code."""
        self.entry_q, self.entry_offset = q, 0
        return PriceBookState.load

    @rx.event
    def entries_page(self, step: int):
        """Show the previous (-1) or next (1) page of entries."""
        self.entry_offset = max(0, self.entry_offset + step * ENTRY_PAGE)
        return PriceBookState.load

    @rx.event
    @action
    def add_entry(self, session: Session, user: User, form: dict):
        """Price the product picked in the lookup per unit in this book."""
        if not form.get("product_id"):
            return rx.toast.error("Pick a product from the list first (type its name or code).")
        data = {
            "product_id": record_ref(form["product_id"]),
            "unit": form.get("unit", ""),
            "price": str(form.get("price", "")).strip(),
            "currency": form.get("currency", "") or "EUR",
        }
        entry = entries.add_entry(session, user, self.book_id, data)
        label = record_label(session, user, "product", entry.product_id)
        done = success_toast(f"{label}: {entry.unit} priced.")
        return [done, LookupState.clear(ENTRY_PRODUCT), PriceBookState.load, BundleState.load]

    @rx.event
    @action(reload="load")
    def save_price(self, session: Session, user: User, entry_id: str, value: str):
        """Save an entry's price when its field is left."""
        current = next((r for r in self.entry_rows if r["id"] == entry_id), None)
        if current is None or current["price"] == value.strip():
            return None
        entries.update_entry(session, user, self.book_id, record_ref(entry_id), {"price": value.strip()})
        return [
            success_toast(f"{current['product_name']} ({current['unit']}) price saved."),
            PriceBookState.load,
            BundleState.load,
        ]

    @rx.event
    @action
    def delete_entry(self, session: Session, user: User, entry_id: str):
        """Remove an entry from the book."""
        entries.delete_entry(session, user, self.book_id, record_ref(entry_id))
        return [success_toast("Entry removed."), PriceBookState.load, BundleState.load]

    @rx.var
    def replaces_url(self) -> str:
        """The page of the older book this one updates."""
        return price_book_url(self.replaces_id) if self.replaces_id != NONE else ""
