"""The dashboard's dialogs: widget catalogue, edit a widget, baselines, page templates."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import Var

from rxcrm.domain.dashboards.widgets import CATALOGUE
from rxcrm.ui.components.controls import action_button, buttons_end, cancel_button, note, row_button
from rxcrm.ui.components.dialogs import inline_form, small_form_dialog
from rxcrm.ui.components.forms import choice_field, form_dialog, option_select, text_field
from rxcrm.ui.components.lookup import record_lookup
from rxcrm.ui.dashboards.edit_state import LOOKUP_FILTERS
from rxcrm.ui.dashboards.state import DashboardState

S = DashboardState


def catalogue_dialog() -> rx.Component:
    """Every widget kind with its label, each added with one click."""
    entry = lambda kind, label: rx.hstack(  # noqa: E731
        rx.text(label, size="2"),
        rx.spacer(),
        action_button("Add", S.add_widget(kind), f"catalogue-add-{kind}", size="1"),
        align="center",
        width="100%",
        data_testid=f"catalogue-{kind}",
    )
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Add a widget"),
            rx.vstack(*(entry(k.kind, k.label) for k in CATALOGUE), spacing="2", width="100%"),
            buttons_end(rx.dialog.close(cancel_button("Close")), padding_top="12px"),
            max_width="480px",
        ),
        open=S.adding,
        on_open_change=lambda v: S.set_dialog_open("adding", v),
    )


def edit_dialog() -> rx.Component:
    """Title, date range (calendar inputs), filters and period of one widget."""
    values, errors = S.values, S.errors
    pick = lambda label, name, choices: choice_field(label, name, values, errors, choices)  # noqa: E731
    find = lambda label, name, everything: record_lookup(  # noqa: E731
        label,
        name,
        *LOOKUP_FILTERS[name],
        errors,
        everything,
        testids=(f"field-{name}", f"field-{name}-option-"),
    )
    body = [
        text_field("Title", "title", values, errors),
        rx.hstack(
            text_field("From", "from", values, errors, kind="date"),
            text_field("To", "to", values, errors, kind="date"),
            spacing="3",
            width="100%",
        ),
        rx.grid(
            find("Owner", "owner_id", "All owners"),
            pick("Team", "team", S.team_options),
            pick("Pipeline", "pipeline_id", S.pipeline_options),
            pick("Stage", "stage_id", S.stage_options),
            find("Campaign", "campaign_id", "All campaigns"),
            find("Partner", "partner_id", "All partners"),
            rx.cond(S.edit_by_period, pick("Period", "period", S.period_options)),
            columns="2",
            spacing="3",
            width="100%",
        ),
    ]
    return form_dialog(
        "Edit widget", body, S.save_edit, S.form_key, S.form_open, S.set_form_open, "widget-save", "560px"
    )


def _baseline_row(row: Var) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(row["name"], weight="medium", size="2"),
            note(row["at"]),
            spacing="0",
        ),
        rx.spacer(),
        row_button("Overlay", S.overlay_baseline(row["id"]), "baseline-overlay"),
        row_button("Show as displayed version", S.display_baseline(row["id"]), "baseline-display"),
        row_button("Delete", S.delete_baseline(row["id"]), "baseline-delete", color="red"),
        align="center",
        width="100%",
        data_testid="baseline-row",
    )


def baselines_dialog() -> rx.Component:
    """Freeze the widget under a name; the kind's baselines with overlay, display and delete."""
    name = rx.input(
        name="name", placeholder="Baseline name, e.g. 'Q1 plan'", width="100%", data_testid="baseline-name"
    )
    key = S.baseline_key.to_string()  # a new key empties the form once a baseline is made
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Baselines — " + S.baseline_kind_label),
            inline_form(S.create_baseline, name, button="Create baseline", testid="baseline-save", key=key),
            rx.vstack(
                rx.cond(
                    S.baseline_rows.length() > 0,
                    rx.foreach(S.baseline_rows, _baseline_row),
                    note("No baselines of this widget yet.", size="2"),
                ),
                spacing="2",
                width="100%",
                padding_y="12px",
            ),
            buttons_end(rx.dialog.close(cancel_button("Close"))),
            max_width="640px",
        ),
        open=S.baselines_open,
        on_open_change=lambda v: S.set_dialog_open("baselines_open", v),
    )


def _template_dialog(
    title: str, testid: str, field: rx.Component, on_submit: Any, is_open: Var, on_open_change: Any
) -> rx.Component:
    """A template dialog: one field, then 'Cancel' and the button named like the dialog."""
    return small_form_dialog(
        title,
        [field],
        on_submit,
        is_open,
        on_open_change,
        title,
        testid,
        max_width="440px",
        spacing="4",
        reset=False,
    )


def template_dialogs() -> rx.Component:
    """'Save as template' (a name) and 'Apply template' (a choice)."""
    name = rx.input(name="name", placeholder="Template name", width="100%", data_testid="template-name")
    choice = option_select(
        S.template_options,
        "template-choice",
        "Choose a template",
        aria_label="Template",
        trigger={"width": "100%"},
        name="template_id",
    )
    return rx.fragment(
        _template_dialog(
            "Save as template",
            "template-save",
            name,
            S.save_template,
            S.template_save_open,
            lambda v: S.set_dialog_open("template_save_open", v),
        ),
        _template_dialog(
            "Apply template",
            "template-apply",
            choice,
            S.apply_template,
            S.template_apply_open,
            lambda v: S.set_dialog_open("template_apply_open", v),
        ),
    )
