"""A dashboard card (`widget-<kind>`): linked title, Plotly chart, headline, parameters in words, menu."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.ui.components.controls import note, toolbar
from rxcrm.ui.dashboards.state import DashboardState

CHART_HEIGHT = "320px"


def _title(card: Var) -> rx.Component:
    """The title, linking to the records behind the widget where a list shows them."""
    heading = rx.heading(card["title"], size="3", data_testid="widget-title")
    return rx.cond(
        card["link"] != "",
        rx.link(heading, href=card["link"].to(str), underline="hover", data_testid="widget-link"),
        heading,
    )


def _menu(card: Var) -> rx.Component:
    """Baselines, always at hand; edit, move and remove while the page is being customized."""
    s = DashboardState
    return rx.menu.root(
        rx.menu.trigger(
            rx.icon_button(
                rx.icon("ellipsis-vertical", size=16),
                variant="ghost",
                aria_label="Widget actions",
                title="Widget actions",
                data_testid="widget-menu",
            )
        ),
        rx.menu.content(
            rx.cond(
                s.customizing,
                rx.fragment(
                    rx.menu.item("Edit…", on_click=s.open_edit(card["id"]), data_testid="widget-edit"),
                    rx.menu.item("Move up", on_click=s.move_widget(card["id"], -1), data_testid="widget-up"),
                    rx.menu.item(
                        "Move down", on_click=s.move_widget(card["id"], 1), data_testid="widget-down"
                    ),
                    rx.menu.item(
                        "Remove",
                        color_scheme="red",
                        on_click=s.remove_widget(card["id"]),
                        data_testid="widget-remove",
                    ),
                    rx.menu.separator(),
                ),
            ),
            rx.menu.item(
                "Create baseline…", on_click=s.open_baselines(card["id"]), data_testid="baseline-create"
            ),
            rx.menu.item("Baselines…", on_click=s.open_baselines(card["id"]), data_testid="baseline-list"),
            rx.cond(
                card["baseline_id"] != "",
                rx.menu.item(
                    "Live data only", on_click=s.live_only(card["id"]), data_testid="baseline-clear"
                ),
            ),
        ),
    )


def _baseline_note(card: Var) -> rx.Component:
    """What the chart compares with or shows instead of live data."""
    return rx.cond(
        card["baseline_name"] != "",
        toolbar(
            rx.badge(
                rx.cond(card["frozen"], "Showing baseline ", "Baseline ") + card["baseline_name"].to(str),
                color_scheme=rx.cond(card["frozen"], "amber", "gray"),
                data_testid="widget-baseline-name",
            ),
            rx.text(card["baseline_total"], size="1", data_testid="widget-baseline-total"),
            note("frozen " + card["baseline_at"].to(str)),
        ),
    )


def widget_card(card: Var) -> rx.Component:
    """One widget on the page."""
    return rx.card(
        rx.vstack(
            rx.hstack(_title(card), rx.spacer(), _menu(card), align="center", width="100%"),
            note(card["words"], data_testid="widget-words"),
            rx.box(rx.plotly.basic(data=card["figure"], width="100%", height=CHART_HEIGHT), width="100%"),
            rx.hstack(
                rx.text(card["total"], weight="bold", size="2", data_testid="widget-total"),
                _baseline_note(card),
                justify="between",
                width="100%",
                wrap="wrap",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        data_testid="widget-" + card["kind"].to(str),
    )


def widget_grid() -> rx.Component:
    """The page's cards, two to a row on a wide screen."""
    return rx.cond(
        DashboardState.cards.length() > 0,
        rx.grid(
            rx.foreach(DashboardState.cards, widget_card),
            columns=rx.breakpoints(initial="1", lg="2"),
            spacing="4",
            width="100%",
        ),
        rx.cond(
            DashboardState.loaded,
            rx.center(
                rx.text(
                    "No widgets on this page yet: use 'Customize this page' to add some.", color_scheme="gray"
                ),
                padding="32px",
                width="100%",
                data_testid="dashboard-empty",
            ),
            rx.center(rx.spinner(size="3"), padding="32px", width="100%"),
        ),
    )
