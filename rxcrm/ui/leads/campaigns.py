"""Campaigns (spec §5.4): status, budget and cost, their open and disqualified leads and deals; each name
opens the campaign's page with its results."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.ui import routes
from rxcrm.ui.components.controls import action_button, note, row_button
from rxcrm.ui.components.forms import choice_field, form_dialog, text_field
from rxcrm.ui.layout import app_page
from rxcrm.ui.leads.campaign_state import CampaignForm, CampaignsState
from rxcrm.ui.state import AppState

S = CampaignsState
HEADS = ("Campaign", "Status")
MONEY_HEADS = ("Budget", "Cost")
COUNT_HEADS = ("Open leads", "Disqualified leads", "All leads", "Opportunities")


def _actions(row: Var) -> rx.Component:
    archived = row["archived"] != ""
    return rx.hstack(
        row_button("Edit", S.open_edit(row["id"]), "campaign-edit-" + row["id"]),
        row_button(
            rx.cond(archived, "Unarchive", "Archive"),
            S.set_archived(row["id"], ~archived),
            "campaign-archive-" + row["id"],
            color="gray",
        ),
        spacing="2",
    )


def _row(row: Var) -> rx.Component:
    money = lambda key: rx.table.cell(row[key], " ", row["currency"], text_align="right")  # noqa: E731
    count = lambda key: rx.table.cell(row[key], text_align="right")  # noqa: E731
    return rx.table.row(
        rx.table.row_header_cell(
            rx.link(
                row["name"], href=routes.CAMPAIGNS + "/" + row["id"], data_testid="campaign-link-" + row["id"]
            )
        ),
        rx.table.cell(rx.badge(row["status"], color_scheme=rx.cond(row["archived"] != "", "gray", "green"))),
        rx.fragment(rx.cond(S.sees_money, money("budget"))),
        rx.fragment(rx.cond(S.sees_money, money("cost"))),
        count("open_leads"),
        count("disqualified_leads"),
        rx.table.cell(
            rx.link(
                row["leads"],
                href=routes.LEADS + "?campaign_id=" + row["id"],
                aria_label="Leads of " + row["name"],
                data_testid="campaign-leads-" + row["id"],
            ),
            text_align="right",
        ),
        count("opportunities"),
        rx.table.cell(rx.cond(S.may_edit, _actions(row))),
        data_testid="campaign-row-" + row["id"],
    )


def _header() -> rx.Component:
    money = (
        rx.cond(S.sees_money, rx.table.column_header_cell(h, data_testid="campaign-money-head"))
        for h in MONEY_HEADS
    )
    return rx.table.row(
        *(rx.table.column_header_cell(h) for h in HEADS),
        *money,
        *(rx.table.column_header_cell(h) for h in COUNT_HEADS),
        rx.table.cell(),
    )


def campaign_form_dialog(state: type[CampaignForm] = CampaignsState) -> rx.Component:
    """The new/edit campaign dialog of a campaigns state (the list's, or a campaign page's)."""
    return form_dialog(
        rx.cond(state.editing_id > 0, "Edit campaign", "New campaign"),
        [
            text_field("Name", "name", state.values, state.errors, required=True),
            rx.hstack(
                choice_field("Status", "status", state.values, state.errors, state.status_options),
                text_field("Currency", "currency", state.values, state.errors),
                spacing="3",
                width="100%",
            ),
            rx.hstack(
                text_field("Budget", "budget", state.values, state.errors),
                text_field("Cost", "cost", state.values, state.errors),
                spacing="3",
                width="100%",
            ),
            rx.hstack(
                text_field("Starts", "starts", state.values, state.errors, kind="date"),
                text_field("Ends", "ends", state.values, state.errors, kind="date"),
                spacing="3",
                width="100%",
            ),
        ],
        state.submit,
        state.form_key,
        state.form_open,
        state.set_form_open,
        "campaign-save",
        max_width="560px",
    )


def campaigns_content() -> rx.Component:
    """The campaign table; admins and sales directors add, edit and archive campaigns."""
    return rx.vstack(
        rx.hstack(
            note("Lead and opportunity counts include only the records you may see.", size="2"),
            rx.spacer(),
            action_button("New campaign", S.open_new, "campaign-new", when=S.may_edit),
            width="100%",
            align="center",
        ),
        rx.cond(
            S.rows.length() > 0,
            rx.table.root(
                rx.table.header(_header()),
                rx.table.body(rx.foreach(S.rows, _row)),
                width="100%",
                variant="surface",
            ),
            rx.text("No campaigns yet.", size="2", data_testid="campaigns-empty"),
        ),
        campaign_form_dialog(),
        spacing="4",
        width="100%",
    )


campaigns_page = app_page("Campaigns", campaigns_content)
ON_LOAD = [AppState.require_login, CampaignsState.load]
