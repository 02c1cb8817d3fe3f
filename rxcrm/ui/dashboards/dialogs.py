"""The dashboard's dialogs: widget catalogue, edit a widget, baselines, page templates."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.domain.dashboards.widgets import CATALOGUE
from rxcrm.ui.components.forms import choice_field, form_dialog, text_field
from rxcrm.ui.components.lookup import record_lookup
from rxcrm.ui.dashboards.edit_state import LOOKUP_FILTERS
from rxcrm.ui.dashboards.state import DashboardState

S = DashboardState


def catalogue_dialog() -> rx.Component:
    """Every widget kind with its label, each added with one click."""
    entry = lambda kind, label: rx.hstack(  # noqa: E731
        rx.text(label, size="2"),
        rx.spacer(),
        rx.button("Add", size="1", on_click=S.add_widget(kind), data_testid=f"catalogue-add-{kind}"),
        align="center",
        width="100%",
        data_testid=f"catalogue-{kind}",
    )
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Add a widget"),
            rx.vstack(*(entry(k.kind, k.label) for k in CATALOGUE), spacing="2", width="100%"),
            rx.hstack(
                rx.dialog.close(rx.button("Close", variant="soft", color_scheme="gray")),
                justify="end",
                width="100%",
                padding_top="12px",
            ),
            max_width="480px",
        ),
        open=S.adding,
        on_open_change=S.set_adding,
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
            pick("Stage", "stage_id", S.stage_options),
            find("Campaign", "campaign_id", "All campaigns"),
            find("Partner", "partner_id", "All partners"),
            pick("Period", "period", S.period_options),
            columns="2",
            spacing="3",
            width="100%",
        ),
    ]
    return form_dialog(
        "Edit widget", body, S.save_edit, S.form_key, S.form_open, S.set_form_open, "widget-save", "560px"
    )


def _row_button(label: str, action: rx.event.EventSpec, testid: str, **style: str) -> rx.Component:
    return rx.button(label, size="1", variant="soft", on_click=action, data_testid=testid, **style)


def _baseline_row(row: Var) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(row["name"], weight="medium", size="2"),
            rx.text(row["at"], size="1", color_scheme="gray"),
            spacing="0",
        ),
        rx.spacer(),
        _row_button("Overlay", S.overlay_baseline(row["id"]), "baseline-overlay"),
        _row_button("Show as displayed version", S.display_baseline(row["id"]), "baseline-display"),
        _row_button("Delete", S.delete_baseline(row["id"]), "baseline-delete", color_scheme="red"),
        align="center",
        width="100%",
        data_testid="baseline-row",
    )


def baselines_dialog() -> rx.Component:
    """Freeze the widget under a name; the kind's baselines with overlay, display and delete."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Baselines — " + S.baseline_kind_label),
            rx.form(
                rx.hstack(
                    rx.input(
                        name="name",
                        placeholder="Baseline name, e.g. 'Q1 plan'",
                        width="100%",
                        data_testid="baseline-name",
                    ),
                    rx.button("Create baseline", type="submit", data_testid="baseline-save"),
                    width="100%",
                ),
                on_submit=S.create_baseline,
                reset_on_submit=True,
                key=S.baseline_key.to_string(),
                width="100%",
            ),
            rx.vstack(
                rx.cond(
                    S.baseline_rows.length() > 0,
                    rx.foreach(S.baseline_rows, _baseline_row),
                    rx.text("No baselines of this widget yet.", size="2", color_scheme="gray"),
                ),
                spacing="2",
                width="100%",
                padding_y="12px",
            ),
            rx.hstack(
                rx.dialog.close(rx.button("Close", variant="soft", color_scheme="gray")),
                justify="end",
                width="100%",
            ),
            max_width="640px",
        ),
        open=S.baselines_open,
        on_open_change=S.set_baselines_open,
    )


def _small_form(
    title: str, field: rx.Component, on_submit, testid: str, is_open: Var, on_open_change
) -> rx.Component:  # noqa: ANN001
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(title),
            rx.form(
                rx.vstack(
                    field,
                    rx.hstack(
                        rx.dialog.close(
                            rx.button("Cancel", variant="soft", color_scheme="gray", type="button")
                        ),
                        rx.button(title, type="submit", data_testid=testid),
                        justify="end",
                        width="100%",
                    ),
                    spacing="4",
                    width="100%",
                ),
                on_submit=on_submit,
                width="100%",
            ),
            max_width="440px",
        ),
        open=is_open,
        on_open_change=on_open_change,
    )


def template_dialogs() -> rx.Component:
    """'Save as template' (a name) and 'Apply template' (a choice)."""
    name = rx.input(name="name", placeholder="Template name", width="100%", data_testid="template-name")
    choice = rx.select.root(
        rx.select.trigger(
            placeholder="Choose a template",
            aria_label="Template",
            width="100%",
            data_testid="template-choice",
        ),
        rx.select.content(
            rx.foreach(S.template_options, lambda o: rx.select.item(o["label"], value=o["value"]))
        ),
        name="template_id",
    )
    return rx.fragment(
        _small_form(
            "Save as template",
            name,
            S.save_template,
            "template-save",
            S.template_save_open,
            S.set_template_save_open,
        ),
        _small_form(
            "Apply template",
            choice,
            S.apply_template,
            "template-apply",
            S.template_apply_open,
            S.set_template_apply_open,
        ),
    )
