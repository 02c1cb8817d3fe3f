"""The Tickets page (shared inbox): segments by responsible (built-in and saved, with counts), the
responsible and status filters, search, the list, statistics, new ticket."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import Var

from rxcrm.ui.components.controls import action_button, search_box, section_card, toolbar
from rxcrm.ui.components.dialogs import small_form_dialog
from rxcrm.ui.components.forms import labelled, option_select
from rxcrm.ui.components.lists import filter_select, pager, plain_table
from rxcrm.ui.components.saved_filters import saved_view_controls
from rxcrm.ui.layout import app_page
from rxcrm.ui.state import AppState
from rxcrm.ui.tickets.inbox_state import NOBODY, SEGMENTS, STATUS_OPTIONS, TicketsState
from rxcrm.ui.tickets.parts import ticket_table


def _segment(label: Any, count: Any, chosen: Var, on_click: Any, **props: Any) -> rx.Component:
    """One segment: its name and how many tickets it holds; the one shown is solid."""
    return rx.button(
        label,
        rx.badge(count, variant="surface", radius="full", data_testid="ticket-segment-count"),
        on_click=on_click,
        variant=rx.cond(chosen, "solid", "soft"),
        color_scheme=rx.cond(chosen, "accent", "gray"),
        **props,
    )


def _segments() -> rx.Component:
    s = TicketsState
    built_in = [
        _segment(
            label,
            s.segment_counts[key],
            s.segment == key,
            s.set_segment(key),
            data_testid=f"ticket-segment-{key}",
        )
        for key, label in SEGMENTS
    ]
    saved = rx.foreach(
        s.saved_segments,
        lambda view: _segment(
            view["label"],
            view["count"],
            s.saved_filter_id == view["value"],
            s.apply_saved_filter(view["value"]),
            data_testid="ticket-saved-segment",
        ),
    )
    return toolbar(*built_in, saved, width="100%", data_testid="ticket-segments")


def _new_ticket_dialog() -> rx.Component:
    s = TicketsState
    fields = [
        labelled("Customer's e-mail *", rx.input(name="from_email", type="email", data_testid="ticket-from")),
        labelled("Subject *", rx.input(name="subject", data_testid="ticket-subject")),
        labelled("Message *", rx.text_area(name="body", rows="5", data_testid="ticket-body")),
        labelled(
            "Responsible",
            option_select(s.assignees, "ticket-new-assignee", name="assignee_id", default_value=NOBODY),
        ),
    ]
    return small_form_dialog(
        "New ticket", fields, s.create, s.new_open, s.set_new_open, "Create ticket", "ticket-create"
    )


def _statistics_row(row: Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row["assignee"]),
        rx.table.cell(row["open"]),
        rx.table.cell(row["closed"]),
        rx.table.cell(row["median"]),
    )


def _statistics() -> rx.Component:
    heads = ("Responsible", "Open", "Closed", "Median first reply (min)")
    return section_card(
        "Statistics per responsible",
        "Open counts open and pending tickets; the first reply time runs from a ticket's arrival.",
        plain_table(heads, TicketsState.statistics, _statistics_row),
        data_testid="ticket-statistics",
    )


def tickets_content() -> rx.Component:
    """The shared inbox: customer e-mails (from the intake) and requests users recorded."""
    s = TicketsState
    return rx.vstack(
        _segments(),
        toolbar(
            filter_select(s, "assignee_filter", s.assignee_filter_options, "Responsible"),
            filter_select(s, "status_filter", STATUS_OPTIONS, "Status"),
            search_box(s.q, s.set_q.debounce(300), "Search subject or sender…", "ticket-search"),
            saved_view_controls(s, picker=False),
            rx.spacer(),
            action_button("New ticket", s.set_new_open(True), "ticket-new", icon="plus"),
            width="100%",
        ),
        ticket_table(s.rows, "No tickets here."),
        pager(s),
        _statistics(),
        _new_ticket_dialog(),
        spacing="4",
        width="100%",
    )


tickets_page = app_page("Tickets", tickets_content)
ON_LOAD = [AppState.require_login, TicketsState.open_page]
