"""Dashboards (spec §6): the global CRM overview at /, and each project's overview, made of widget cards."""

from __future__ import annotations

import reflex as rx

from rxcrm.domain.dashboards.widgets import PAGE_LABELS, PAGES
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
    return rx.hstack(
        *(
            rx.button(
                PAGE_LABELS[page],
                variant=rx.cond(S.page == page, "solid", "soft"),
                on_click=S.show_page(page),
                data_testid=f"dashboard-page-{page}",
            )
            for page in PAGES
        ),
        spacing="2",
        wrap="wrap",
    )


def project_picker() -> rx.Component:
    """Switch between the global overview and a project's overview."""
    return rx.select.root(
        rx.select.trigger(aria_label="Project", data_testid="dashboard-project"),
        rx.select.content(
            rx.foreach(S.project_options, lambda o: rx.select.item(o["label"], value=o["value"]))
        ),
        value=S.project_choice,
        on_change=S.pick_project,
    )


def customize_bar() -> rx.Component:
    """The toggle, and while customizing: add a widget, templates, back to the default layout."""
    return rx.hstack(
        rx.button(
            rx.icon("layout-grid", size=16),
            rx.cond(S.customizing, "Done customizing", "Customize this page"),
            variant=rx.cond(S.customizing, "solid", "outline"),
            on_click=S.toggle_customize,
            data_testid="dashboard-customize",
        ),
        rx.cond(
            S.customizing,
            rx.hstack(
                rx.button(
                    rx.icon("plus", size=16),
                    "Add widget",
                    on_click=S.set_adding(True),
                    data_testid="widget-add",
                ),
                rx.button(
                    "Save as template",
                    variant="soft",
                    on_click=S.set_template_save_open(True),
                    data_testid="template-save-open",
                ),
                rx.button(
                    "Apply template…",
                    variant="soft",
                    on_click=S.open_apply_template,
                    data_testid="template-apply-open",
                ),
                rx.button(
                    "Reset page",
                    variant="soft",
                    color_scheme="gray",
                    on_click=S.reset_page,
                    data_testid="dashboard-reset",
                ),
                spacing="2",
                wrap="wrap",
            ),
        ),
        spacing="2",
        align="center",
        wrap="wrap",
    )


def needs_quotes_note() -> rx.Component:
    """Pages whose figures come from quotes say so instead of inventing them."""
    return rx.cond(
        S.needs_quotes,
        rx.callout(
            "This page needs invoices — its widgets arrive with invoicing.",
            icon="construction",
            data_testid="dashboard-needs-quotes",
        ),
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
                rx.text(S.scope, size="2", color_scheme="gray", data_testid="dashboard-scope"),
                spacing="1",
            ),
            rx.spacer(),
            project_picker(),
            align="center",
            width="100%",
        ),
        rx.hstack(page_menu(), rx.spacer(), customize_bar(), width="100%", align="center", wrap="wrap"),
        needs_quotes_note(),
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
