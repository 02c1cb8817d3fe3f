"""One lead: header with status and flags, actions, tabs (data, activities, followers, history), dialogs."""

from __future__ import annotations

import reflex as rx

from rxcrm.ui import routes
from rxcrm.ui.commerce.email_dialog import email_button, email_dialog
from rxcrm.ui.components.controls import action_button
from rxcrm.ui.components.records import (
    field_grid,
    history_table,
    menu_action,
    record_page,
    tab_list,
    tab_panel,
)
from rxcrm.ui.form_state import FormDialog
from rxcrm.ui.layout import app_page
from rxcrm.ui.leads.lead_dialogs import LeadEditState, LeadQualifyState, lead_dialogs
from rxcrm.ui.leads.lead_state import LeadState
from rxcrm.ui.leads.lists import duplicate_badge
from rxcrm.ui.leads.tabs import lead_tabs
from rxcrm.ui.records.activity_state import ActivityLog, activities_panel
from rxcrm.ui.records.files import files_panel
from rxcrm.ui.records.follow_state import follow_button, followers_list
from rxcrm.ui.state import AppState
from rxcrm.ui.tasks.task_form import new_task_button, task_form_dialog

STATUS_COLOURS = {"open": "blue", "qualified": "green", "disqualified": "red"}


class LeadTimelineState(ActivityLog, FormDialog, LeadState):
    """The lead's sales activities and the one being corrected."""

    def _activity_record(self) -> tuple[str, int]:
        return "lead", self.lead_id

    def _timeline_changed(self):  # noqa: ANN202
        return LeadState.load_one


def actions_menu() -> rx.Component:
    """Edit, disqualify, archive or unarchive, anonymize."""
    s = LeadState
    return rx.menu.root(
        rx.menu.trigger(action_button("Actions", None, "lead-actions", icon="ellipsis", variant="soft")),
        rx.menu.content(
            menu_action("Edit", "pencil", LeadEditState.open_lead_form(s.lead_id), "action-edit"),
            menu_action("Disqualify (reason)", "circle-x", s.set_disqualify_open(True), "action-disqualify"),
            rx.cond(
                s.archived,
                menu_action("Unarchive", "archive-restore", s.toggle_archived, "action-unarchive"),
                menu_action("Archive", "archive", s.toggle_archived, "action-archive"),
            ),
            rx.menu.separator(),
            menu_action("Anonymize (GDPR)", "eraser", s.set_anonymize_open(True), "action-anonymize", "red"),
        ),
    )


def _flags() -> rx.Component:
    s = LeadState
    return rx.hstack(
        rx.badge(
            s.status,
            color_scheme=rx.match(s.status, *STATUS_COLOURS.items(), "gray"),
            size="2",
            data_testid="lead-status",
        ),
        rx.cond(s.archived, rx.badge("archived", color_scheme="gray", size="2", data_testid="lead-archived")),
        rx.cond(s.anonymized, rx.badge("anonymized", color_scheme="gray", variant="outline", size="2")),
        rx.cond(s.duplicate_of != "", duplicate_badge(s.duplicate_of)),
        spacing="2",
        align="center",
    )


def _links() -> rx.Component:
    """The opportunity a qualified lead became; the original of a duplicate with the merge action."""
    s = LeadState
    deal = rx.link(
        rx.cond(s.opportunity_name != "", s.opportunity_name, "#" + s.opportunity_id),
        href=routes.OPPORTUNITIES + "/" + s.opportunity_id,
        data_testid="lead-opportunity-link",
    )
    original = rx.link(s.original_name, href=routes.LEADS + "/" + s.duplicate_of, data_testid="lead-original")
    merge = action_button("Merge into original", s.set_merge_open(True), "lead-merge", icon="merge", size="1")
    qualified = rx.callout(
        rx.hstack(rx.text("Qualified into the opportunity"), deal, spacing="2"),
        icon="trophy",
        color_scheme="green",
    )
    duplicate = rx.callout(
        rx.hstack(
            rx.text("This lead looks like"), original, rx.spacer(), merge, align="center", width="100%"
        ),
        icon="copy",
        color_scheme="orange",
        width="100%",
    )
    return rx.fragment(rx.cond(s.opportunity_id != "", qualified), rx.cond(s.duplicate_of != "", duplicate))


def _header() -> rx.Component:
    s = LeadState
    qualify = action_button(
        "Qualify",
        LeadQualifyState.open_qualify,
        "lead-qualify",
        when=s.status == "open",
        icon="circle-check",
        color="green",
    )
    name = rx.heading(s.name, size="7", data_testid="lead-name")
    return rx.hstack(
        name,
        _flags(),
        rx.spacer(),
        follow_button(LeadState),
        email_button("lead", s.lead_id, "lead-email"),
        new_task_button("lead", s.lead_id, "lead-new-task"),
        qualify,
        actions_menu(),
        width="100%",
        wrap="wrap",  # the buttons go below the name rather than past 1280 px
        align="center",
        spacing="3",
    )


def lead_detail_tabs() -> rx.Component:
    """Data, activities timeline, followers, files and history of the lead."""
    s = LeadState
    followers = followers_list(s, "lead")
    return rx.tabs.root(
        tab_list(
            ("Data", "data"),
            ("Activities", "activities"),
            ("Followers", "followers"),
            ("Files", "files"),
            ("History", "history"),
        ),
        tab_panel(field_grid(s.data_rows), "data"),
        tab_panel(activities_panel(LeadTimelineState, s.activities, s.categories), "activities"),
        tab_panel(followers, "followers"),
        tab_panel(files_panel("lead"), "files"),
        tab_panel(history_table(s.history), "history"),
        default_value="data",
        width="100%",
    )


def _dialogs() -> rx.Component:
    return rx.fragment(lead_dialogs(), email_dialog(), task_form_dialog())


def lead_detail_content() -> rx.Component:
    """One lead, or a note that it does not exist or is hidden."""
    return rx.vstack(
        lead_tabs("lists"),
        record_page(LeadState.found, "lead", _header(), _links(), lead_detail_tabs(), _dialogs()),
        width="100%",
    )


lead_detail_page = app_page("Lead", lead_detail_content)
ON_LOAD = [AppState.require_login, LeadState.load_one]
