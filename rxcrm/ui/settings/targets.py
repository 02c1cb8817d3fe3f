"""Settings → User targets: admins and directors set each sales user's monthly target (spec §7)."""

from __future__ import annotations

import calendar
from decimal import Decimal

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.dashboards.targets import clear_target, set_target, year_table
from rxcrm.services.people.reads import require_read
from rxcrm.services.people.time_zones import today_for
from rxcrm.services.records.lookups import record_label
from rxcrm.services.settings.exchange_rates import board_currency
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import action_button, icon_action, section_card, toolbar
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.lists import heads_table
from rxcrm.ui.components.lookup import lookup_box
from rxcrm.ui.components.setters import setter
from rxcrm.ui.state import AppState

MONTHS = [(f"{m:02d}", calendar.month_abbr[m]) for m in range(1, 13)]


def _grouped(row: dict[str, str]) -> dict[str, str]:
    """A grid row with its amounts as people read money: 25,000.00."""
    return {k: f"{Decimal(v):,.2f}" if k in dict(MONTHS) and v else v for k, v in row.items()}


class TargetState(AppState):
    """The year's targets per sales user and the rep/month/amount being entered."""

    year: int = 0
    currency: str = ""
    rows: list[dict[str, str]] = []
    user_id: str = ""
    period: str = ""
    amount: str = ""

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the sales users and the shown year's targets."""
        require_read(user, "settings")
        self.year = self.year or today_for(user).year
        self.currency = board_currency(session)
        self.rows = [_grouped(row) for row in year_table(session, user, self.year)]

    @rx.event
    def show_year(self, step: int):
        """Show the previous or next year."""
        self.year += step
        return TargetState.load

    set_user_id = setter("user_id", "Remember the sales user picked.", value_type=str)

    set_period = setter("period", "Remember the month picked ('YYYY-MM').", value_type=str)

    set_amount = setter("amount", "Remember the amount typed.", value_type=str)

    def _name(self, session, user) -> str:  # noqa: ANN001
        return record_label(session, user, "sales_user", record_ref(self.user_id)) or "the rep"

    @rx.event
    @action
    def save(self, session: Session, user: User):
        """Set the picked user's target for the picked month; saved at once."""
        if not self.user_id:
            return rx.toast.error("Pick a sales rep first.")
        target = set_target(session, user, record_ref(self.user_id), self.period, self.amount.strip())
        amount = f"{target.amount:,.2f} {self.currency}"
        message = f"Target of {self._name(session, user)} for {target.period}: {amount} saved."
        self.year, self.amount = int(target.period[:4]), ""
        return [success_toast(message), TargetState.load]

    @rx.event
    @action
    def clear(self, session: Session, user: User):
        """Remove the picked user's target for the picked month."""
        if not self.user_id:
            return rx.toast.error("Pick a sales rep first.")
        clear_target(session, user, record_ref(self.user_id), self.period)
        message = f"Target of {self._name(session, user)} for {self.period} cleared."
        return [success_toast(message), TargetState.load]


def _row(row: dict) -> rx.Component:
    cells = [
        rx.table.cell(row[month], data_testid="target-" + row["user_id"] + "-" + row["year"] + "-" + month)
        for month, _label in MONTHS
    ]
    return rx.table.row(rx.table.cell(row["name"]), *cells, data_testid="target-row-" + row["user_id"])


def _entry_input(name: str, label: str, **props: str) -> rx.Component:
    """A box of the entry line bound to the state's `name` (its setter is `set_<name>`)."""
    return rx.input(
        value=getattr(TargetState, name),
        on_change=getattr(TargetState, f"set_{name}"),
        aria_label=label,
        data_testid=f"setting-target-{name}",
        **props,
    )


def _entry() -> rx.Component:
    return toolbar(
        lookup_box("setting-target-user", "sales_user", "Sales rep", TargetState.set_user_id),
        _entry_input("period", "Month", type="month"),
        _entry_input("amount", "Target amount", placeholder="25000.00", width="130px"),
        rx.text(TargetState.currency, size="2"),
        action_button("Save target", TargetState.save, "setting-target-save"),
        action_button("Clear", TargetState.clear, "setting-target-clear", color="red", variant="soft"),
        spacing="3",
    )


def _year_button(icon: str, step: int, testid: str) -> rx.Component:
    label = "Previous year" if step < 0 else "Next year"
    return icon_action(icon, label, TargetState.show_year(step), testid, color=None)


def targets_section() -> rx.Component:
    """Monthly targets per sales user (team performance vs. targets on the dashboard)."""
    return section_card(
        "User targets",
        "Pick a sales user and a month and enter the target in the board currency; "
        "the dashboards' team-vs-targets widget compares won deals against it.",
        _entry(),
        rx.hstack(
            _year_button("chevron-left", -1, "target-year-prev"),
            rx.text(TargetState.year, weight="medium", data_testid="target-year"),
            _year_button("chevron-right", 1, "target-year-next"),
            align="center",
        ),
        rx.box(
            heads_table(
                ("Sales user", *(label for _m, label in MONTHS)),
                rx.foreach(TargetState.rows, _row),
                size="1",
                width="100%",
            ),
            overflow_x="auto",
            width="100%",
            max_width="100%",
            data_testid="target-grid",
        ),
        on_mount=TargetState.load,
        data_testid="settings-user-targets",
    )
