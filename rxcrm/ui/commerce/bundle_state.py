"""The bundles of the open price book and the bundle editor with each item's share, live."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.commerce.catalogue_rules import share_preview
from rxcrm.services.commerce import bundles as service
from rxcrm.services.commerce.catalogue_views import bundle_views, catalogue_rights
from rxcrm.services.commerce.price_books import list_price_books
from rxcrm.services.records.listing import LARGEST_PAGE
from rxcrm.services.records.lookups import record_label
from rxcrm.ui.actions import action
from rxcrm.ui.commerce.price_books import CatalogueAccess
from rxcrm.ui.components.conversion import record_id_from_path, record_ref
from rxcrm.ui.components.lookup import LookupState
from rxcrm.ui.components.setters import remover
from rxcrm.ui.state import AppState

ITEM_LOOKUP = "bundle-item"  # the lookup that adds an entry of the book to the bundle


def _bundle_row(view: dict) -> dict[str, str]:
    names = ", ".join(i["product_name"] for i in view["items"])
    return {
        "id": str(view["id"]),
        "name": view["name"],
        "code": view["code"] or "",
        "price": view["price"],
        "currency": view["currency"],
        "summary": names,
    }


class BundleState(CatalogueAccess, AppState):
    """Bundles of one price book, the entries they can take and the draft being edited."""

    book_id: int = 0
    bundles: list[dict[str, str]] = []
    bundle_items: dict[str, list[dict[str, str]]] = {}
    move_targets: list[dict[str, str]] = []
    editing: bool = False
    draft_id: int = 0
    draft_name: str = ""
    draft_code: str = ""
    draft_price: str = ""
    draft_currency: str = "EUR"
    draft_items: list[dict[str, str]] = []

    @rx.event
    @action(refused="_refused")
    def load(self, session: Session, user: User):
        """Read the book's bundles, its entries (for items) and the books a bundle can move to."""
        self.bundles = []  # what a refusal leaves shown
        self.book_id = record_id_from_path(self.router.url.path)
        self._remember_rights(catalogue_rights(session, user))
        page = service.list_bundles(session, user, self.book_id, window=LARGEST_PAGE)
        views = bundle_views(session, page.items)
        self.bundles = [_bundle_row(v) for v in views]
        self.bundle_items = {
            str(v["id"]): [{k: str(x) for k, x in item.items()} for item in v["items"]] for v in views
        }
        books = list_price_books(session, user, window=LARGEST_PAGE).items
        self.move_targets = [{"value": str(b.id), "label": b.name} for b in books if b.id != self.book_id]

    @rx.event
    def new_bundle(self):
        """Start a new bundle of this book's entries."""
        self.editing, self.draft_id, self.draft_name, self.draft_code = True, 0, "", ""
        self.draft_price, self.draft_currency, self.draft_items = "", "EUR", []

    @rx.event
    def edit_bundle(self, bundle_id: str):
        """Open a bundle in the editor."""
        bundle = next((b for b in self.bundles if b["id"] == bundle_id), None)
        if bundle is None:
            return None
        self.editing, self.draft_id = True, record_ref(bundle_id)
        self.draft_name, self.draft_code = bundle["name"], bundle["code"]
        self.draft_price, self.draft_currency = bundle["price"], bundle["currency"]
        self.draft_items = [
            {
                "entry_id": i["entry_id"],
                "label": f"{i['product_name']} · {i['unit']}",
                "weight": i["weight"],
            }
            for i in self.bundle_items.get(bundle_id, [])
        ]

    @rx.event
    def close_editor(self):
        """Leave the editor without saving."""
        self.editing = False

    @rx.event
    def set_draft(self, field: str, value: str):
        """Remember what was typed into the editor's name, code, price or currency."""
        if field in ("name", "code", "price", "currency"):
            setattr(self, f"draft_{field}", value)

    @rx.event
    @action
    def add_item(self, session: Session, user: User, entry_id: str):
        """Put one of the book's entries (picked in the lookup) into the bundle, weight 1."""
        if not entry_id:
            return None
        if any(i["entry_id"] == entry_id for i in self.draft_items):
            return [LookupState.clear(ITEM_LOOKUP), rx.toast.error("That entry is in the bundle already.")]
        label = record_label(session, user, "book_entry", record_ref(entry_id), self.book_id)
        if label:
            self.draft_items = [*self.draft_items, {"entry_id": entry_id, "label": label, "weight": "1"}]
        return LookupState.clear(ITEM_LOOKUP)

    @rx.event
    def set_weight(self, index: int, weight: str):
        """Change an item's weight; the shares follow at once."""
        items = [dict(i) for i in self.draft_items]
        if 0 <= index < len(items):
            items[index]["weight"] = weight
        self.draft_items = items

    remove_item = remover("draft_items", "Take an item out of the bundle.", name="remove_item")

    @rx.var
    def draft_shares(self) -> list[str]:
        """Each draft item's share of the bundle price (they add up to the price exactly)."""
        return share_preview(self.draft_price, [i["weight"] for i in self.draft_items])[0]

    @rx.var
    def draft_total(self) -> str:
        """The sum of the shares, which is the bundle price when every weight is valid."""
        return share_preview(self.draft_price, [i["weight"] for i in self.draft_items])[1]

    @rx.event
    @action
    def save_bundle(self, session: Session, user: User):
        """Create the bundle, or save the one being edited."""
        data = {
            "price_book_id": self.book_id,
            "name": self.draft_name,
            "code": self.draft_code,
            "price": self.draft_price.strip(),
            "currency": self.draft_currency or "EUR",
            "items": [
                {"entry_id": record_ref(i["entry_id"]), "weight": i["weight"].strip()}
                for i in self.draft_items
            ],
        }
        if self.draft_id:
            data.pop("price_book_id")
        events = self._store(
            session, user, self.draft_id, data, (service.create_bundle, service.update_bundle), "Bundle"
        )
        self.editing = False
        return events

    @rx.event
    def copy(self, bundle_id: str):
        """Copy a bundle ("Copy of …") in the same book."""
        return self._act(
            lambda s, u: service.copy_bundle(s, u, record_ref(bundle_id)), "Bundle '{name}' created."
        )

    @rx.event
    def move(self, bundle_id: str, target: str):
        """Move a bundle to another price book (its items follow to that book's entries)."""
        return self._act(
            lambda s, u: service.move_bundle(s, u, record_ref(bundle_id), record_ref(target)),
            "Bundle '{name}' moved to the other price book.",
        )

    @rx.event
    def delete(self, bundle_id: str):
        """Remove a bundle."""
        return self._act(lambda s, u: service.delete_bundle(s, u, record_ref(bundle_id)), "Bundle removed.")
