"""Settings → Exchange rates: what other currencies are worth in the board currency."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.settings.exchange_rates import board_currency, delete_rate, list_rates, set_rate
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import delete_icon, section_card
from rxcrm.ui.state import AppState


class CurrencyState(AppState):
    """The exchange rates as the admin edits them."""

    currency: str = ""
    rates: list[dict[str, str]] = []

    @rx.event
    @action
    def load(self, session: Session, _user: User):
        """Read the board currency and every rate."""
        self.currency = board_currency(session)
        self.rates = [
            {"currency": r.currency, "rate": f"{r.rate.normalize():f}"} for r in list_rates(session)
        ]

    @rx.event
    @action
    def save(self, session: Session, user: User, form: dict):
        """Set (or change) one currency's rate."""
        code, rate = str(form.get("currency", "")).strip().upper(), str(form.get("rate", "")).strip()
        set_rate(session, user, code, rate)
        return [success_toast(f"1 {code} = {rate} {self.currency} saved."), CurrencyState.load]

    @rx.event
    @action
    def remove(self, session: Session, user: User, code: str):
        """Remove a currency's rate (its deals then stay out of board totals)."""
        delete_rate(session, user, code)
        return [success_toast(f"Rate for {code} removed."), CurrencyState.load]


def _rate_row(rate: dict) -> rx.Component:
    code = rate["currency"]
    return rx.hstack(
        rx.text("1 ", code, " = ", rate["rate"], " ", CurrencyState.currency, size="2"),
        delete_icon("Remove the rate of " + code, CurrencyState.remove(code), "rate-remove-" + code),
        align="center",
        data_testid="rate-" + code,
    )


def currencies_section() -> rx.Component:
    """Exchange rates into the board currency, used by board totals and the forecast."""
    return section_card(
        "Exchange rates",
        "Deals in a currency without a rate are left out of board totals and the forecast.",
        rx.foreach(CurrencyState.rates, _rate_row),
        rx.form(
            rx.hstack(
                rx.text("1", size="2"),
                rx.input(
                    name="currency",
                    placeholder="USD",
                    max_length=3,
                    width="70px",
                    size="1",
                    data_testid="rate-currency",
                ),
                rx.text("=", size="2"),
                rx.input(name="rate", placeholder="0.92", width="100px", size="1", data_testid="rate-value"),
                rx.text(CurrencyState.currency, size="2"),
                rx.button("Save rate", size="1", type="submit", data_testid="rate-save"),
                align="center",
            ),
            on_submit=CurrencyState.save,
            reset_on_submit=True,
        ),
        on_mount=CurrencyState.load,
        data_testid="settings-exchange-rates",
    )
