"""Dashboards (spec §6): the global CRM overview at /, and each project's overview, made of widget cards."""

from __future__ import annotations

import reflex as rx

from rxcrm.domain.dashboards.widgets import PAGE_LABELS, PAGES
from rxcrm.ui.components.controls import action_button, note, toolbar
from rxcrm.ui.components.forms import option_select
from rxcrm.ui.dashboards.dialogs import baselines_dialog, catalogue_dialog, edit_dialog, template_dialogs
from rxcrm.ui.dashboards.state import DashboardState
from rxcrm.ui.dashboards.widget_cards import widget_grid
from rxcrm.ui.layout import app_page
from rxcrm.ui.live import DashboardFeed
from rxcrm.ui.pipeline.kanban_dnd import change_watcher
from rxcrm.ui.state import AppState

S = DashboardState


def page_menu() -> rx.Component:
    """The overview's pages: Results, Statistics, Pending payments, Product details."""
    return toolbar(
        *(
            action_button(
                PAGE_LABELS[page],
                S.show_page(page),
                f"dashboard-page-{page}",
                variant=rx.cond(S.page == page, "solid", "soft"),
            )
            for page in PAGES
        )
    )


def project_picker() -> rx.Component:
    """Switch between the global overview and a project's overview."""
    return option_select(
        S.project_options,
        "dashboard-project",
        aria_label="Project",
        value=S.project_choice,
        on_change=S.pick_project,
    )


def customize_bar() -> rx.Component:
    """The toggle, and while customizing: add a widget, templates, back to the default layout."""
    toggle = rx.button(
        rx.icon("layout-grid", size=16),
        rx.cond(S.customizing, "Done customizing", "Customize this page"),
        variant=rx.cond(S.customizing, "solid", "outline"),
        on_click=S.toggle_customize,
        data_testid="dashboard-customize",
    )
    add = rx.button(
        rx.icon("plus", size=16),
        "Add widget",
        on_click=S.set_dialog_open("adding", True),
        data_testid="widget-add",
    )
    layout_controls = toolbar(
        add,
        action_button(
            "Save as template",
            S.set_dialog_open("template_save_open", True),
            "template-save-open",
            variant="soft",
        ),
        action_button("Apply template…", S.open_apply_template, "template-apply-open", variant="soft"),
        action_button("Reset page", S.reset_page, "dashboard-reset", variant="soft", color="gray"),
    )
    return toolbar(toggle, rx.cond(S.customizing, layout_controls))


def no_access_note() -> rx.Component:
    """A page whose figures sum records the user's role may not view says so instead of showing them."""
    return rx.cond(
        S.no_access != "",
        rx.callout(S.no_access, icon="lock", data_testid="dashboard-no-access"),
    )


def left_out_note() -> rx.Component:
    """The invoices a page's sums leave out (no exchange rate for their currency), named, not hidden."""
    return rx.cond(
        S.left_out != "",
        rx.callout(S.left_out, icon="triangle-alert", color_scheme="amber", data_testid="dashboard-left-out"),
    )


def dashboard_content() -> rx.Component:
    """Header (overview, whose figures, project picker), page menu, customize bar, cards, dialogs."""
    return rx.vstack(
        rx.hstack(
            rx.vstack(
                rx.heading(
                    rx.cond(
                        S.project_name != "", "Project overview: " + S.project_name, "Global CRM overview"
                    ),
                    size="5",
                    data_testid="dashboard-heading",
                ),
                note(S.scope, size="2", data_testid="dashboard-scope"),
                spacing="1",
            ),
            rx.spacer(),
            project_picker(),
            align="center",
            width="100%",
        ),
        rx.hstack(page_menu(), rx.spacer(), customize_bar(), width="100%", align="center", wrap="wrap"),
        no_access_note(),
        left_out_note(),
        widget_grid(),
        change_watcher(
            value=DashboardFeed.revision, on_value_change=lambda _: S.sync(DashboardFeed.revision)
        ),
        catalogue_dialog(),
        edit_dialog(),
        baselines_dialog(),
        template_dialogs(),
        spacing="4",
        width="100%",
    )


dashboard_page = app_page("Dashboard", dashboard_content)
GLOBAL_ON_LOAD = [AppState.require_login, DashboardFeed.join, DashboardState.open_global]
PROJECT_ON_LOAD = [AppState.require_login, DashboardFeed.join, DashboardState.open_project]
