"""Tabs of the opportunity page: data, activities timeline, business roles, followers, history."""

from __future__ import annotations

import reflex as rx

from rxcrm.services.accounts.business_roles import add_business_role, remove_business_role
from rxcrm.ui import routes
from rxcrm.ui.commerce.contracts import record_contracts
from rxcrm.ui.commerce.quotes_tab import quotes_tab
from rxcrm.ui.components.controls import delete_icon, note
from rxcrm.ui.components.conversion import optional_id, record_ref
from rxcrm.ui.components.dialogs import inline_form
from rxcrm.ui.components.lookup import LookupState, record_lookup
from rxcrm.ui.components.records import field_grid, history_table, tab_list, tab_panel, tab_trigger
from rxcrm.ui.components.tags import tag_badges
from rxcrm.ui.form_state import FormDialog
from rxcrm.ui.pipeline.opportunity_state import OpportunityState
from rxcrm.ui.records.activity_state import ActivityLog, activities_panel
from rxcrm.ui.records.files import files_panel
from rxcrm.ui.records.follow_state import followers_list

ROLE_CONTACT = "deal-role-contact"
DEAL_FILES = "No files yet. Generate a quote document on the Quotes tab and it is kept here."


class OpportunityTabsState(ActivityLog, FormDialog, OpportunityState):
    """Activities and business roles changed from the tabs; the activity being corrected."""

    def _activity_record(self) -> tuple[str, int]:
        return "opportunity", self.opportunity_id

    def _timeline_changed(self):  # noqa: ANN202
        return OpportunityState.load_one

    @rx.event
    def add_role(self, form: dict):
        """Say which part a contact plays in the deal."""
        data = {k: form.get(k) for k in ("role", "note")} | {
            "contact_id": optional_id(form.get("contact_id"))
        }
        done = self._run(lambda s, u, deal: add_business_role(s, u, deal, data), "Business role added.")
        return [*done, LookupState.clear(ROLE_CONTACT)]

    @rx.event
    def remove_role(self, role_id: str):
        """Take a contact's role off the deal."""
        return self._run(
            lambda s, u, deal: remove_business_role(s, u, deal, record_ref(role_id)), "Business role removed."
        )


def activities_tab() -> rx.Component:
    """Log activities and read, correct or remove them on the timeline."""
    s = OpportunityState
    return activities_panel(OpportunityTabsState, s.activities, s.categories)


def roles_tab() -> rx.Component:
    """The contacts taking part in the deal and their roles."""
    s = OpportunityTabsState
    form = inline_form(
        s.add_role,
        rx.box(record_lookup("Contact", "contact_id", ROLE_CONTACT, "contact"), width="260px"),
        rx.input(name="role", placeholder="Role, e.g. decision maker", data_testid="role-role"),
        rx.input(name="note", placeholder="Note", width="100%", data_testid="role-note"),
        button="Add role",
        testid="role-add",
    )
    row = lambda r: rx.table.row(  # noqa: E731
        rx.table.cell(rx.link(r["contact"], href=routes.CONTACTS + "/" + r["contact_id"])),
        rx.table.cell(r["role"]),
        rx.table.cell(r["note"]),
        rx.table.cell(delete_icon("Remove business role", s.remove_role(r["id"]), "role-delete", size="2")),
        data_testid="business-role-row",
    )
    table = rx.table.root(
        rx.table.header(
            rx.table.row(*(rx.table.column_header_cell(h) for h in ("Contact", "Role", "Note", "")))
        ),
        rx.table.body(rx.foreach(OpportunityState.roles, row)),
        width="100%",
        size="1",
    )
    empty = rx.text("No business roles yet.", color_scheme="gray")
    return rx.vstack(form, rx.cond(OpportunityState.roles.length() > 0, table, empty), width="100%")


def data_tab() -> rx.Component:
    """The deal's fields, its tags in their colours and its custom fields."""
    s = OpportunityState
    return rx.vstack(
        rx.hstack(
            note("Tags"),
            tag_badges(s.tags),
            spacing="2",
            data_testid="opportunity-tags",
        ),
        field_grid(s.data_rows),
        spacing="4",
    )


def followers_tab() -> rx.Component:
    """Who follows the deal."""
    return followers_list(OpportunityState, "opportunity")


def opportunity_tabs() -> rx.Component:
    """The tabs below the header (activities only when the setting shows them)."""
    s = OpportunityState
    return rx.tabs.root(
        tab_list(
            ("Data", "data"),
            ("Quotes", "quotes"),
            ("Files", "attachments"),
            ("Contracts", "contracts"),
            rx.cond(s.show_activities, tab_trigger("Activities", "activities")),
            ("Business roles", "roles"),
            ("Followers", "followers"),
            ("History", "history"),
        ),
        tab_panel(data_tab(), "data"),
        tab_panel(quotes_tab(), "quotes"),
        tab_panel(files_panel("opportunity", DEAL_FILES), "attachments"),
        tab_panel(record_contracts(), "contracts"),
        tab_panel(activities_tab(), "activities"),
        tab_panel(roles_tab(), "roles"),
        tab_panel(followers_tab(), "followers"),
        tab_panel(history_table(s.history), "history"),
        default_value="data",
        width="100%",
    )
