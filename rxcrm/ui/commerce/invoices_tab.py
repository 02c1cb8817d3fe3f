"""The account's Invoices & billing tab, and the 'Issue invoice' buttons of deals and contracts."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.ui import routes
from rxcrm.ui.commerce.invoice_state import IssueInvoiceState, RecordInvoicesState
from rxcrm.ui.commerce.parts import amount_and_status_cells
from rxcrm.ui.components.controls import action_button, row_button
from rxcrm.ui.components.dialogs import small_form_dialog
from rxcrm.ui.components.forms import labelled, named_input, option_select

STATUS_COLOURS = (("draft", "gray"), ("sent", "blue"), ("paid", "green"), ("overdue", "red"))
HEADS = ("Number", "Billed", "Issued", "Due", "Amount", "Status", "")


def _steps(row: Var) -> rx.Component:
    s = RecordInvoicesState
    return rx.hstack(
        row_button(
            "Mark as sent", s.mark(row["id"], "sent"), "invoice-send-" + row["id"], when=row["can_send"] != ""
        ),
        row_button(
            "Mark as paid", s.mark(row["id"], "paid"), "invoice-pay-" + row["id"], when=row["can_pay"] != ""
        ),
        row_button(
            "Due date",
            s.ask_due(row["id"], row["due_iso"]),
            "invoice-due-" + row["id"],
            when=row["can_move_due"] != "",
            color_scheme="gray",
        ),
        row_button(
            "Word document", s.document(row["id"]), "invoice-document-" + row["id"], color_scheme="gray"
        ),
        spacing="2",
    )


def _row(row: Var) -> rx.Component:
    billed = rx.cond(
        row["deal_id"] != "",
        rx.link(row["billed"], href=routes.OPPORTUNITIES + "/" + row["deal_id"]),
        rx.text(row["billed"]),
    )
    return rx.table.row(
        rx.table.row_header_cell(rx.text(row["number"], weight="medium")),
        rx.table.cell(billed),
        rx.table.cell(row["issue_date"]),
        rx.table.cell(row["due_date"]),
        *amount_and_status_cells(row, STATUS_COLOURS, "invoice-status-"),
        rx.table.cell(_steps(row)),
        data_testid="invoice-row-" + row["id"],
    )


def _due_dialog() -> rx.Component:
    s = RecordInvoicesState
    field = named_input(
        "due_date", "Due date", "invoice-due-date", "100%", type="date", default_value=s.due_value
    )
    return small_form_dialog(
        "Change the due date",
        [field],
        s.save_due,
        s.due_open,
        s.set_due_open,
        "Save",
        "invoice-due-save",
        key=s.due_id,
    )


def _template_dialog() -> rx.Component:
    """Which invoice template the Word document is filled from (offered when there are several)."""
    s = RecordInvoicesState
    choice = option_select(
        s.template_options,
        "invoice-document-template",
        "The newest template",
        aria_label="Invoice template",
        name="template_id",
        trigger={"width": "100%"},
    )
    return small_form_dialog(
        "Word document",
        [labelled("Template", choice)],
        s.document_from,
        s.document_id != "",
        s.close_document,
        "Generate",
        "invoice-document-generate",
    )


def record_invoices() -> rx.Component:
    """The Invoices & billing tab: the account's invoices, read when the tab opens."""
    s = RecordInvoicesState
    table = rx.table.root(
        rx.table.header(rx.table.row(*(rx.table.column_header_cell(h) for h in HEADS))),
        rx.table.body(rx.foreach(s.rows, _row)),
        width="100%",
        size="1",
        variant="surface",
    )
    empty = rx.text(
        "No invoices yet: issue one from a sold opportunity or from a contract.", color_scheme="gray"
    )
    return rx.box(
        rx.cond(s.rows.length() > 0, table, empty),
        _due_dialog(),
        _template_dialog(),
        on_mount=s.load,
        width="100%",
        data_testid="record-invoices",
    )


def issue_for_deal_button(deal_id: Var, when: Var) -> rx.Component:
    """'Issue invoice' on a sold deal's page."""
    return action_button(
        "Issue invoice",
        IssueInvoiceState.for_deal(deal_id),
        "opportunity-issue-invoice",
        when=when,
        icon="receipt",
        variant="soft",
    )


def issue_for_contract_button(contract_id: Var) -> rx.Component:
    """'Invoice' on a contract row."""
    return row_button(
        "Invoice", IssueInvoiceState.for_contract(contract_id), "contract-invoice-" + contract_id
    )
