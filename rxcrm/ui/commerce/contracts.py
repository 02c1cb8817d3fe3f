"""The contracts page (filters, table, pager) and the Contracts tab shown on accounts and deals."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.ui import routes
from rxcrm.ui.commerce.contract_state import (
    ACCOUNT_LOOKUP,
    OWNER_LOOKUP,
    ContractsState,
    RecordContractsState,
)
from rxcrm.ui.commerce.invoices_tab import issue_for_contract_button
from rxcrm.ui.commerce.parts import amount_and_status_cells
from rxcrm.ui.components.controls import action_button, buttons_end, cancel_button, delete_icon, row_button
from rxcrm.ui.components.forms import option_select
from rxcrm.ui.components.lists import empty_state, pager, sort_header
from rxcrm.ui.components.lookup import record_lookup
from rxcrm.ui.layout import app_page
from rxcrm.ui.state import AppState

STATUS_COLOURS = (("active", "green"), ("expired", "orange"), ("cancelled", "gray"))
KINDS = [{"value": "any", "label": "One-off and term"}, {"value": "one_off", "label": "One-off"}] + [
    {"value": "term", "label": "Term"}
]
STATUSES = [{"value": "any", "label": "Any status"}] + [
    {"value": v, "label": v.capitalize()} for v in ("active", "expired", "cancelled")
]


def _actions(state: type, row: Var) -> rx.Component:
    term = row["term"] == "yes"
    follow_up = lambda label, which: row_button(  # noqa: E731
        label, state.follow_up(row["id"], which), f"contract-{which}-" + row["id"], when=term
    )
    return rx.hstack(
        follow_up("Upsell", "upsell"),
        follow_up("Renew", "renew"),
        issue_for_contract_button(row["id"]),
        delete_icon("Remove this contract", state.ask_remove(row["id"]), "contract-remove-" + row["id"]),
        spacing="2",
        align="center",
    )


def _link(label: Var, url: Var) -> rx.Component:
    return rx.cond(label != "", rx.link(label, href=url), rx.text("—", color_scheme="gray"))


def _row(state: type, row: Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.text(row["name"], weight="medium")),
        rx.table.cell(_link(row["account"], routes.ACCOUNTS + "/" + row["account_id"])),
        rx.table.cell(_link(row["deal"], routes.OPPORTUNITIES + "/" + row["deal_id"])),
        rx.table.cell(rx.vstack(rx.text(row["type"]), rx.text(row["kind"], size="1", color_scheme="gray"))),
        rx.table.cell(row["start"]),
        rx.table.cell(row["end"]),
        *amount_and_status_cells(row, STATUS_COLOURS, "contract-status-"),
        rx.table.cell(_actions(state, row)),
        data_testid="contract-row-" + row["id"],
    )


def _remove_dialog(state: type) -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title("Remove this contract?"),
            rx.alert_dialog.description("The contract is taken off its opportunity; its history stays."),
            buttons_end(
                rx.alert_dialog.cancel(cancel_button()),
                rx.alert_dialog.action(action_button("Remove", state.confirm_remove, "confirm", color="red")),
            ),
        ),
        open=state.remove_open,
        on_open_change=state.set_remove_open,
    )


def contract_table(state: type, header: rx.Component | None = None) -> rx.Component:
    """Contract rows (name, account, deal, type, start, end/renewal, amount, status, actions)."""
    heads = header or rx.table.row(
        *(
            rx.table.column_header_cell(h)
            for h in (
                "Contract",
                "Account",
                "Opportunity",
                "Type",
                "Start",
                "End / renewal",
                "Amount",
                "Status",
            )
        ),
        rx.table.column_header_cell(""),
    )
    return rx.fragment(
        rx.table.root(
            rx.table.header(heads),
            rx.table.body(rx.foreach(state.rows, lambda r: _row(state, r))),
            width="100%",
            size="1",
            variant="surface",
        ),
        _remove_dialog(state),
    )


def record_contracts() -> rx.Component:
    """The Contracts tab of an account or a deal: its contracts, read when the tab opens."""
    s = RecordContractsState
    return rx.box(
        rx.cond(
            s.rows.length() > 0,
            contract_table(s),
            rx.text("No contracts yet: they are made when a deal is marked as sold.", color_scheme="gray"),
        ),
        on_mount=s.load,
        width="100%",
        data_testid="record-contracts",
    )


def _select(value: Var, items: Var | list, name: str, testid: str) -> rx.Component:
    return option_select(
        items,
        testid,
        aria_label=name.replace("_", " ").capitalize(),
        value=value,
        on_change=lambda v: ContractsState.set_filter(name, v),
    )


def _lookup_filter(label: str, key: str, kind: str, name: str, testid: str) -> rx.Component:
    return rx.box(
        record_lookup(
            label,
            key,
            key,
            kind,
            placeholder=f"{label}…",
            on_pick=lambda value: ContractsState.set_filter(name, value),
            testids=(testid, f"{testid}-option-"),
            show_label=False,
        ),
        width="200px",
    )


def _filters() -> rx.Component:
    s = ContractsState
    return rx.hstack(
        rx.input(
            placeholder="Search contracts…", on_change=s.set_q.debounce(300), data_testid="contract-search"
        ),
        _select(s.contract_type, s.type_options, "contract_type", "filter-type"),
        _select(s.kind, KINDS, "kind", "filter-kind"),
        _select(s.status, STATUSES, "status", "filter-status"),
        _lookup_filter("Owner", OWNER_LOOKUP, "user", "owner", "filter-owner"),
        _lookup_filter("Account", ACCOUNT_LOOKUP, "account", "account_id", "filter-account"),
        spacing="2",
        wrap="wrap",
        width="100%",
    )


def _sortable_header() -> rx.Component:
    s = ContractsState
    plain = rx.table.column_header_cell
    return rx.table.row(
        sort_header("Contract", "name", s.sort, s.sort_by, s.hidden_columns),
        plain("Account"),
        plain("Opportunity"),
        plain("Type"),
        sort_header("Start", "start", s.sort, s.sort_by, s.hidden_columns),
        sort_header("End / renewal", "end", s.sort, s.sort_by, s.hidden_columns),
        sort_header("Amount", "amount", s.sort, s.sort_by, s.hidden_columns),
        plain("Status"),
        plain(""),
    )


def contracts_content() -> rx.Component:
    """Every contract the user may see, filtered by type, kind, status, account and owner."""
    s = ContractsState
    return rx.vstack(
        _filters(),
        rx.cond(
            s.rows.length() > 0,
            contract_table(s, _sortable_header()),
            empty_state("No contracts match. Contracts are made when a deal with a quote is marked as sold."),
        ),
        pager(s),
        spacing="4",
        width="100%",
    )


contracts_page = app_page("Contracts", contracts_content)
ON_LOAD = [AppState.require_login, ContractsState.open_page]
