"""The Quotes tab of the opportunity page: the deal's quotes, one quote's items (a page at a time)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.commerce.quotes import line_change
from rxcrm.domain.errors import DomainError
from rxcrm.services.commerce import quote_items as items
from rxcrm.services.commerce import quotes as service
from rxcrm.services.commerce.quote_picker import bundle_options, price_book_options
from rxcrm.services.commerce.quote_read_models import ITEM_PAGE, item_rows, preview_totals, quote_rows
from rxcrm.ui.actions import acting, action, success_toast
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.lookup import LookupState
from rxcrm.ui.components.setters import setter
from rxcrm.ui.pipeline.opportunity_state import OpportunityState

QuoteAction = Callable[[Session, User], Any]
ADD_MODES = ("entry", "bundle", "free", "rounding")
ITEM_LOOKUP = "quote-item"


class QuotesState(OpportunityState):
    """The deal's quotes, the selected quote's items page, its totals and the add-item form."""

    quotes: list[dict[str, str]] = []
    selected_id: str = ""
    rows: list[dict[str, str]] = []
    item_count: int = 0
    offset: int = 0
    subtotal: str = ""
    discount_total: str = ""
    total: str = ""
    preview_error: str = ""
    new_open: bool = False
    book_options: list[dict[str, str]] = []
    add_open: bool = False
    add_mode: str = "entry"
    entry_id: str = ""
    bundles: list[dict[str, str]] = []
    add_values: dict[str, str] = {}
    currency_open: bool = False

    @rx.var
    def selected(self) -> dict[str, str]:
        """The selected quote's row."""
        return next((q for q in self.quotes if q["id"] == self.selected_id), {})

    @rx.var
    def has_more(self) -> bool:
        """Whether items follow the page shown."""
        return self.offset + ITEM_PAGE < self.item_count

    @rx.event
    @action
    def load_quotes(self, session: Session, user: User):
        """Read the deal's quotes and the selected (else the active) quote's first items."""
        self.quotes, self.rows, self.item_count = [], [], 0  # what a refusal leaves shown
        self._read(session, user)

    def _read(self, session: Session, user: User) -> None:
        self.quotes = quote_rows(session, user, self.opportunity_id)
        ids = [q["id"] for q in self.quotes]
        if self.selected_id not in ids:
            active = [q["id"] for q in self.quotes if q["active"]]
            self.selected_id, self.offset = (active or ids or [""])[0], 0
        self._read_items(session, user)

    def _read_items(self, session: Session, user: User) -> None:
        row = self.selected
        self.subtotal, self.discount_total = row.get("subtotal", ""), row.get("discount_total", "")
        self.total, self.preview_error = row.get("total", ""), ""
        if not self.selected_id:
            self.rows, self.item_count = [], 0
            return
        self.rows, self.item_count = item_rows(session, user, record_ref(self.selected_id), self.offset)

    @action(reload="load_quotes")
    def _act(self, session: Session, user: User, act: QuoteAction, done: str, close: str = ""):
        """One quote action, a toast, the tab read again and the deal header (amount) refreshed."""
        result = act(session, user)
        self._read(session, user)
        if close:
            setattr(self, close, False)
        return [success_toast(done.format(name=getattr(result, "name", ""))), OpportunityState.load_one]

    @rx.event
    def select_quote(self, quote_id: str):
        """Show another quote's items."""
        self.selected_id, self.offset = quote_id, 0
        return QuotesState.load_quotes

    @rx.event
    def page_items(self, step: int):
        """Show the next or the previous 50 items."""
        self.offset = max(0, self.offset + step * ITEM_PAGE)
        return QuotesState.load_quotes

    @rx.event
    def open_new(self):
        """Open the new-quote form with the price books to choose from."""
        try:
            with acting(self.token) as (session, user):
                self.book_options = price_book_options(session, user)
        except DomainError:
            self.book_options = []
        self.new_open = True

    set_new_open = setter("new_open", "Show or hide the new-quote form.", value_type=bool)

    @rx.event
    @action
    def create(self, session: Session, user: User, form: dict):
        """Add a quote to the deal (its first quote becomes the active one)."""
        data = {k: (v or None) for k, v in form.items()} | {"opportunity_id": self.opportunity_id}
        quote = service.create_quote(session, user, data)
        self.new_open, self.selected_id, self.offset = False, str(quote.id), 0
        return [
            success_toast(f"Quote '{quote.name}' created."),
            QuotesState.load_quotes,
            OpportunityState.load_one,
        ]

    def _quote(self) -> int:
        return record_ref(self.selected_id)

    @rx.event
    def activate(self):
        """Make the selected quote the active one: the deal amount follows it."""
        return self._act(lambda s, u: service.activate_quote(s, u, self._quote()), "'{name}' is now active.")

    @rx.event
    def duplicate(self):
        """Copy the selected quote (inactive) and show the copy."""
        return self._act(
            lambda s, u: self._select(service.duplicate_quote(s, u, self._quote())), "'{name}' created."
        )

    def _select(self, quote: Any) -> Any:
        self.selected_id, self.offset = str(quote.id), 0
        return quote

    set_currency_open = setter("currency_open", "Show or hide the change-currency form.", value_type=bool)

    @rx.event
    def convert(self, form: dict):
        """Convert the selected quote into another currency by the exchange rates."""
        code = str(form.get("currency", ""))
        done = f"Prices converted to {code.upper()}."
        return self._act(
            lambda s, u: service.change_currency(s, u, self._quote(), code), done, "currency_open"
        )

    @rx.event
    def delete(self):
        """Delete the selected (inactive) quote."""
        quote = self._quote()
        self.selected_id = ""
        return self._act(lambda s, u: service.delete_quote(s, u, quote), "Quote deleted.")

    @rx.event
    def save_row(self, item_id: str, field: str, value: str):
        """Store a number typed into an item row (quantity, discount, target total)."""
        data = line_change(field, value)
        return self._act(
            lambda s, u: items.update_item(s, u, self._quote(), record_ref(item_id), data), "Item saved."
        )

    @rx.event
    def preview_row(self, item_id: str, field: str, value: str):
        """Show the quote's totals as they would be with the number being typed (nothing stored)."""
        self._preview(record_ref(item_id), line_change(field, value))

    def _preview(self, item_id: int | None, data: dict[str, Any]) -> None:
        try:
            with acting(self.token) as (session, user):
                shown = preview_totals(session, user, self._quote(), item_id, data)
        except DomainError as exc:
            self.preview_error = exc.message
            return
        self.subtotal, self.discount_total, self.total = shown.subtotal, shown.discount_total, shown.total
        self.preview_error = shown.error

    @rx.event
    def delete_row(self, item_id: str):
        """Remove an item from the selected quote."""
        return self._act(
            lambda s, u: items.delete_item(s, u, self._quote(), record_ref(item_id)), "Item removed."
        )

    @rx.event
    @action
    def open_add(self, session: Session, user: User, mode: str):
        """Open the add-item form: a price-book product, a bundle, a free item or the rounding item."""
        self.add_mode = mode if mode in ADD_MODES else "entry"
        self.entry_id, self.add_values = "", {"quantity": "1"}
        if self.add_mode == "bundle":
            self.bundles = bundle_options(session, user, self.selected.get("price_book_id"))
        self.add_open = True
        return LookupState.clear(ITEM_LOOKUP)

    set_add_open = setter("add_open", "Show or hide the add-item form.", value_type=bool)

    @rx.event
    def choose_entry(self, entry_id: str):
        """Take the product (a price-book entry: unit and price) picked in the lookup, or none."""
        self.entry_id = entry_id
        self._preview_new()

    @rx.event
    def set_add_value(self, field: str, value: str):
        """Remember a value of the add-item form and preview the quote total with it."""
        self.add_values = {**self.add_values, field: value}
        if self.add_mode in ("entry", "free"):
            self._preview_new()

    def _add_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {k: v for k, v in self.add_values.items() if k != "discount_kind"}
        kind = self.add_values.get("discount_kind", "percent")
        discount = data.pop("discount", "")
        if str(discount).strip():
            data["discount_amount" if kind == "amount" else "discount_percent"] = discount
        if self.add_mode == "entry":
            data["entry_id"] = self.entry_id
        return data

    def _preview_new(self) -> None:
        if self.add_mode == "entry" and not self.entry_id:
            return
        self._preview(None, self._add_data())

    @rx.event
    def save_item(self):
        """Add the item to the selected quote."""
        data = self._add_data()
        if self.add_mode == "rounding":
            data = {"is_rounding": True, "target_total": data.get("target_total", "")}
        elif self.add_mode == "bundle":
            data = {"bundle_id": data.get("bundle_id"), "quantity": data.get("quantity", "1")}
        elif self.add_mode == "entry" and not self.entry_id:
            return rx.toast.error("Type a product name or code and pick the product first.")
        return self._act(lambda s, u: items.add_item(s, u, self._quote(), data), "Item added.", "add_open")
