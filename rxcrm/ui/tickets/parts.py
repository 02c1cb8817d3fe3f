"""Pieces the inbox page and the account's Tickets tab share: the status badge and the ticket table."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.ui import routes
from rxcrm.ui.components.lists import list_table

STATUS_COLOURS = (("open", "blue"), ("pending", "orange"), ("closed", "gray"))
HEADS = ("Ticket", "Subject", "From", "Status", "Responsible", "Last activity")


def status_badge(status: Var, label: Var, testid: Var | str) -> rx.Component:
    """A ticket's status as a coloured badge."""
    return rx.badge(label, color_scheme=rx.match(status, *STATUS_COLOURS, "gray"), data_testid=testid)


def _row(row: Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["number"], white_space="nowrap"),
        rx.table.row_header_cell(rx.link(row["subject"], href=routes.TICKETS + "/" + row["id"])),
        rx.table.cell(row["from_email"]),
        rx.table.cell(status_badge(row["status"], row["status_label"], "ticket-status-" + row["id"])),
        rx.table.cell(row["assignee"]),
        rx.table.cell(row["updated"], white_space="nowrap"),
        data_testid="ticket-row-" + row["id"],
    )


def ticket_table(rows: Var, empty: str) -> rx.Component:
    """Tickets, one row each, the subject linking to the ticket's thread."""
    header = rx.table.header(rx.table.row(*(rx.table.column_header_cell(h) for h in HEADS)))
    return list_table(rows, header, _row, empty, size="1")
