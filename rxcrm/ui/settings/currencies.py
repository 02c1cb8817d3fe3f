"""Settings → Exchange rates: what other currencies are worth in the board currency."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.settings.exchange_rates import board_currency, delete_rate, list_rates, set_rate
from rxcrm.ui.actions import action, success_toast
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
    return rx.hstack(
        rx.text("1 ", rate["currency"], " = ", rate["rate"], " ", CurrencyState.currency, size="2"),
        rx.icon_button(
            rx.icon("trash-2", size=14),
            size="1",
            variant="ghost",
            color_scheme="red",
            on_click=CurrencyState.remove(rate["currency"]),
            aria_label="Remove the rate of " + rate["currency"],
            title="Remove the rate of " + rate["currency"],
            data_testid="rate-remove-" + rate["currency"],
        ),
        align="center",
        data_testid="rate-" + rate["currency"],
    )


def currencies_section() -> rx.Component:
    """Exchange rates into the board currency, used by board totals and the forecast."""
    return rx.card(
        rx.vstack(
            rx.heading("Exchange rates", size="4"),
            rx.text(
                "Deals in a currency without a rate are left out of board totals and the forecast.",
                size="1",
                color_scheme="gray",
            ),
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
                    rx.input(
                        name="rate", placeholder="0.92", width="100px", size="1", data_testid="rate-value"
                    ),
                    rx.text(CurrencyState.currency, size="2"),
                    rx.button("Save rate", size="1", type="submit", data_testid="rate-save"),
                    align="center",
                ),
                on_submit=CurrencyState.save,
                reset_on_submit=True,
            ),
            spacing="2",
        ),
        width="100%",
        on_mount=CurrencyState.load,
        data_testid="settings-exchange-rates",
    )
