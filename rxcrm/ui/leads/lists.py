"""Lead lists (/leads by sales-activity state, /leads/free-pool): tabs, filters, table, pager, new lead."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.ui import routes
from rxcrm.ui.components.controls import note, search_box
from rxcrm.ui.components.lists import empty_state, filter_select, pager, sort_header
from rxcrm.ui.components.owner_filter import owner_filter
from rxcrm.ui.components.saved_filters import saved_filter_bar
from rxcrm.ui.dashboards.widget_lists import behind_banner
from rxcrm.ui.layout import app_page
from rxcrm.ui.leads.export_state import export_buttons
from rxcrm.ui.leads.imports import import_button
from rxcrm.ui.leads.lead_form import lead_form_dialog
from rxcrm.ui.leads.list_state import FreePoolState, LeadsState
from rxcrm.ui.leads.parts import labelled_switch, toolbar_button
from rxcrm.ui.leads.tabs import lead_tabs
from rxcrm.ui.state import AppState

PRIORITY_COLOURS = {"high": "red", "normal": "gray", "low": "blue"}


def duplicate_badge(original_id: Var) -> rx.Component:
    """The 'Duplicate' flag of a lead, linking to the lead it duplicates."""
    return rx.link(
        rx.badge(rx.icon("copy", size=12), "Duplicate", color_scheme="orange", variant="soft"),
        href=routes.LEADS + "/" + original_id,
        title="Duplicate of lead " + original_id + ": open the original",
        data_testid="duplicate-badge",
    )


def _row(r: Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.hstack(
                rx.link(r["name"], href=routes.LEADS + "/" + r["id"], data_testid="lead-link"),
                rx.cond(r["duplicate_of"] != "", duplicate_badge(r["duplicate_of"])),
                spacing="2",
                align="center",
            )
        ),
        rx.table.cell(r["company"]),
        rx.table.cell(r["email"]),
        rx.table.cell(r["source"]),
        rx.table.cell(r["campaign"]),
        rx.table.cell(rx.vstack(rx.text(r["owner"]), note(r["partner"]), spacing="0")),
        rx.table.cell(
            rx.badge(r["priority"], color_scheme=rx.match(r["priority"], *PRIORITY_COLOURS.items(), "gray"))
        ),
        rx.table.cell(r["created"], white_space="nowrap"),
        data_testid="lead-row",
    )


# The table's columns: (title, the column it sorts by, or None for a plain title).
COLUMNS = (
    ("Name", "name"),
    ("Company", "company"),
    ("E-mail", "email"),
    ("Source", "source"),
    ("Campaign", None),
    ("Owner / partner", None),
    ("Priority", "priority"),
    ("Created", "created_at"),
)


def _table(state: type) -> rx.Component:
    heads = (
        sort_header(title, column, state.sort, state.sort_by)
        if column
        else rx.table.column_header_cell(title)
        for title, column in COLUMNS
    )
    return rx.table.root(
        rx.table.header(rx.table.row(*heads)),
        rx.table.body(rx.foreach(state.rows, _row)),
        width="100%",
        variant="surface",
    )


def _state_tabs(state: type) -> rx.Component:
    """The sales-activity states with the number of leads in each; a click shows that list."""
    trigger = lambda t: rx.tabs.trigger(  # noqa: E731
        rx.hstack(
            rx.text(t["label"]),
            rx.badge(t["count"], variant="soft", data_testid="lead-count-" + t["value"]),
            spacing="2",
            align="center",
        ),
        value=t["value"],
        data_testid="lead-state-" + t["value"],
    )
    return rx.tabs.root(
        rx.tabs.list(rx.foreach(state.tabs, trigger)),
        rx.tabs.content(value=state.state_filter),  # the panel the active tab controls (aria-controls)
        value=state.state_filter,
        on_change=lambda value: state.set_filter("state_filter", value),
        width="100%",
    )


def _unprocessed_toggle() -> rx.Component:
    s = FreePoolState
    return labelled_switch(
        "Only unprocessed (no splitter rule matched)",
        s.unprocessed_only,
        s.set_unprocessed_only,
        "free-pool-unprocessed",
        rx.foreach(s.tabs, lambda t: rx.badge(t["label"] + ": " + t["count"], variant="soft")),
        aria_label="Only unprocessed",
        spacing="2",
    )


def lead_list(state: type, filters: list[rx.Component]) -> rx.Component:
    """Search, filters, export and import, the lead table with its pager, and the new-lead dialog."""
    toolbar = rx.hstack(
        search_box(state.q, state.set_q.debounce(300), "Search name, company, e-mail…", "leads-search"),
        *filters,
        filter_select(state, "campaign_filter", state.campaign_filter_options, "Campaign"),
        filter_select(state, "source_filter", state.source_filter_options, "Source"),
        rx.spacer(),
        export_buttons(state),
        import_button(),
        toolbar_button("New lead", "plus", state.open_lead_form(0), "lead-new", variant="solid"),
        width="100%",
        wrap="wrap",
        data_testid="leads-toolbar",
    )
    return rx.vstack(
        toolbar,
        rx.cond(state.rows.length() > 0, _table(state), empty_state("No leads in this list.")),
        pager(state),
        lead_form_dialog(state),
        width="100%",
        spacing="4",
    )


def leads_content() -> rx.Component:
    """/leads: the lists by state, saved views, filters and the table."""
    s = LeadsState
    return rx.vstack(
        lead_tabs("lists"),
        saved_filter_bar(LeadsState),
        behind_banner(LeadsState, "Leads", "."),
        _state_tabs(s),
        lead_list(s, [owner_filter(s, "filter-owner_filter", "leads-owner-filter")]),
        width="100%",
        spacing="3",
    )


def free_pool_content() -> rx.Component:
    """/leads/free-pool: unassigned open leads, optionally only the unprocessed ones."""
    return rx.vstack(
        lead_tabs("free-pool"),
        _unprocessed_toggle(),
        lead_list(FreePoolState, []),
        width="100%",
        spacing="3",
    )


leads_page = app_page("Leads", leads_content)
free_pool_page = app_page("Free pool", free_pool_content)
LIST_ON_LOAD = [AppState.require_login, LeadsState.open_page]
FREE_POOL_ON_LOAD = [AppState.require_login, FreePoolState.load]
