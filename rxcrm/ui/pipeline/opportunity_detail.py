"""One opportunity: header with stage bar and actions, tabs, dialogs (state in opportunity_state.py)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.ui.commerce.email_dialog import EmailDialogState, email_dialog, show_sent_emails_on
from rxcrm.ui.commerce.invoices_tab import issue_for_deal_button
from rxcrm.ui.components.controls import action_button, note
from rxcrm.ui.components.dialogs import confirm_dialog
from rxcrm.ui.components.lookup import record_lookup
from rxcrm.ui.components.records import menu_action, record_page
from rxcrm.ui.layout import app_page
from rxcrm.ui.pipeline.opportunity_dialogs import (
    OpportunityEditState,
    OpportunityPickState,
    opportunity_dialogs,
)
from rxcrm.ui.pipeline.opportunity_state import OpportunityState
from rxcrm.ui.pipeline.opportunity_tabs import opportunity_tabs
from rxcrm.ui.pipeline.pipeline_move import PipelineMoveState, pipeline_move_dialog
from rxcrm.ui.records.follow_state import follow_button
from rxcrm.ui.state import AppState
from rxcrm.ui.tasks.task_form import TaskFormState, task_form_dialog

STATUS_COLOURS = {"open": "blue", "won": "green", "lost": "red"}


def _owner_picker() -> rx.Component:
    s = OpportunityState
    return rx.hstack(
        rx.text("Owner", size="2", weight="medium"),
        rx.box(
            rx.cond(
                s.owner_editable & ~s.locked,
                record_lookup(
                    "Owner",
                    "",
                    "opportunity-owner",
                    "owner",
                    placeholder="Type the new owner's name…",
                    on_pick=OpportunityState.change_owner,
                    testids=("opportunity-owner", "opportunity-owner-option-"),
                    show_label=False,
                    chosen=(s.owner_id, s.owner_name),
                ),
                rx.input(
                    value=s.owner_name, disabled=True, aria_label="Owner", data_testid="opportunity-owner"
                ),
            ),
            width="220px",
        ),
        rx.cond(
            ~s.owner_editable,
            note(
                "Follows the contact's owner (Settings → Ownership allows different owners).",
                data_testid="opportunity-owner-locked",
            ),
        ),
        align="center",
        spacing="3",
    )


def _stage_segment(stage: Var) -> rx.Component:
    current = stage["current"] == "yes"
    return rx.box(
        rx.text(stage["name"], size="2", weight=rx.cond(current, "bold", "regular"), trim="both"),
        background_color=stage["color"].to(str),
        opacity=rx.cond(current, "1", "0.45"),
        outline=rx.cond(current, "2px solid var(--gray-12)", "none"),
        color="black",
        padding="6px 12px",
        flex="1",
        text_align="center",
        cursor=rx.cond(OpportunityState.locked, "not-allowed", "pointer"),
        on_click=OpportunityState.choose_stage(stage["id"]),
        data_testid="stage-segment-" + stage["id"].to(str),
        data_current=stage["current"],
        title=stage["kind"],
    )


def stage_bar() -> rx.Component:
    """The pipeline's stages in order, the deal's current one highlighted; a click moves the deal."""
    return rx.hstack(
        rx.foreach(OpportunityState.stages, _stage_segment),
        spacing="1",
        width="100%",
        data_testid="stage-bar",
    )


def actions_menu() -> rx.Component:
    """Everything a rep does to the deal besides moving it along the stage bar."""
    s, pick = OpportunityState, OpportunityPickState
    frozen = s.locked
    return rx.menu.root(
        rx.menu.trigger(
            action_button("Actions", None, "opportunity-actions", icon="ellipsis", variant="soft")
        ),
        rx.menu.content(
            menu_action(
                rx.cond(frozen, "Edit — sold and locked: unlock first", "Edit"),
                "pencil",
                OpportunityEditState.open_edit,
                "action-edit",
                disabled=frozen,
            ),
            menu_action("Mark as won", "trophy", s.mark_won, "action-won", disabled=frozen),
            menu_action("Mark as lost", "circle-x", s.ask_lost_reason, "action-lost", disabled=frozen),
            rx.cond(frozen, menu_action("Unlock", "lock-open", s.unlock, "action-unlock")),
            rx.menu.separator(),
            menu_action(
                "Move to another pipeline",
                "git-branch",
                PipelineMoveState.open_move,
                "action-move-pipeline",
                disabled=frozen,
            ),
            menu_action(
                "Move to another project",
                "folder-input",
                pick.open_pick("project_id"),
                "action-move-project",
                disabled=frozen,
            ),
            menu_action(
                "New task",
                "square-check",
                TaskFormState.open_for("opportunity", s.opportunity_id),
                "action-new-task",
            ),
            menu_action(
                "Add related account",
                "building-2",
                pick.open_pick("account_id"),
                "action-related-account",
                disabled=frozen,
            ),
            menu_action(
                "Assign to partner",
                "handshake",
                pick.open_pick("partner_id"),
                "action-assign-partner",
                disabled=frozen,
            ),
            menu_action("Copy", "copy", s.copy, "action-copy"),
            rx.menu.separator(),
            menu_action(
                "Delete", "trash-2", s.set_delete_open(True), "action-delete", "red", disabled=frozen
            ),
        ),
    )


def _header() -> rx.Component:
    s = OpportunityState
    return rx.vstack(
        rx.hstack(
            rx.heading(s.name, size="7", data_testid="opportunity-name"),
            rx.badge(
                s.status,
                color_scheme=rx.match(s.status, *STATUS_COLOURS.items(), "gray"),
                size="2",
                data_testid="opportunity-status",
            ),
            rx.cond(
                s.locked,
                rx.badge(
                    rx.icon("lock", size=12),
                    "sold",
                    color_scheme="green",
                    variant="outline",
                    data_testid="opportunity-locked",
                ),
            ),
            rx.text(s.amount, size="4", weight="medium", data_testid="opportunity-amount"),
            rx.spacer(),
            follow_button(OpportunityState),
            action_button(
                "Send e-mail",
                EmailDialogState.open_email("opportunity", s.opportunity_id),
                "opportunity-email",
                icon="mail",
                variant="soft",
            ),
            action_button(
                "Mark as sold",
                s.ask_sold,
                "opportunity-sold",
                when=~s.locked,
                icon="badge-check",
                color="green",
            ),
            issue_for_deal_button(s.opportunity_id, s.status == "won"),
            actions_menu(),
            width="100%",
            align="center",
            spacing="3",
        ),
        _owner_picker(),
        rx.cond(
            s.locked,
            rx.callout(s.sold_note, icon="lock", color_scheme="green", data_testid="opportunity-locked-note"),
        ),
        width="100%",
        spacing="3",
    )


def sell_dialog() -> rx.Component:
    """Confirm a sale: how many contracts it makes, and that the deal is locked afterwards."""
    s = OpportunityState
    contracts = rx.cond(
        s.sell_count == 1,
        "1 contract will be created from the active quote",
        s.sell_count.to_string() + " contracts will be created from the active quote",
    )
    return confirm_dialog(
        "Mark this opportunity as sold?",
        rx.fragment(contracts, "; the deal is then won and locked until someone unlocks it."),
        "Mark as sold",
        s.mark_sold,
        s.sell_open,
        s.set_sell_open,
        color="green",
        data_testid="sell-summary",
    )


def opportunity_detail_content() -> rx.Component:
    """One opportunity: header, stage bar, tabs and the action dialogs."""
    parts = (_header(), stage_bar(), opportunity_tabs(), opportunity_dialogs(), pipeline_move_dialog())
    dialogs = (sell_dialog(), email_dialog(), task_form_dialog())
    return record_page(OpportunityState.found, "opportunity", *parts, *dialogs)


opportunity_detail_page = app_page("Opportunity", opportunity_detail_content)
show_sent_emails_on("opportunity", OpportunityState.load_one)
ON_LOAD = [AppState.require_login, OpportunityState.load_one]
