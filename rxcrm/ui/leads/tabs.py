"""The top tabs every lead page shares: lists, intraday, statistics, free pool, conversion, splitter."""

from __future__ import annotations

import reflex as rx

from rxcrm.ui import routes
from rxcrm.ui.state import AppState

LEAD_TABS = (
    ("lists", "Lead lists", routes.LEADS),
    ("intraday", "Intraday", routes.LEADS_INTRADAY),
    ("statistics", "Statistics", routes.LEADS_STATISTICS),
    ("free-pool", "Free pool", routes.LEADS_FREE_POOL),
    ("conversion", "Conversion", routes.LEADS_CONVERSION),
    ("splitter", "Splitter control", routes.LEADS_SPLITTER),
)


STAFF_TABS = ("splitter",)


def _tab(key: str, label: str, href: str, current: str) -> rx.Component:
    link = rx.link(
        rx.button(
            label,
            variant="solid" if key == current else "soft",
            size="2",
            color_scheme="indigo" if key == current else "gray",
        ),
        href=href,
        underline="none",
        data_testid=f"lead-tab-{key}",
    )
    return rx.cond(AppState.user_external, rx.fragment(), link) if key in STAFF_TABS else link


def lead_tabs(current: str) -> rx.Component:
    """The tab bar of the lead pages with `current` highlighted (no splitter tab for partner users)."""
    return rx.hstack(
        *(_tab(key, label, href, current) for key, label, href in LEAD_TABS),
        spacing="2",
        wrap="wrap",
        margin_bottom="16px",
    )
