"""The top tabs every lead page shares: lists, intraday, statistics, free pool, conversion, splitter."""

from __future__ import annotations

import reflex as rx

from rxcrm.ui import routes

LEAD_TABS = (
    ("lists", "Lead lists", routes.LEADS),
    ("intraday", "Intraday", routes.LEADS_INTRADAY),
    ("statistics", "Statistics", routes.LEADS_STATISTICS),
    ("free-pool", "Free pool", routes.LEADS_FREE_POOL),
    ("conversion", "Conversion", routes.LEADS_CONVERSION),
    ("splitter", "Splitter control", routes.LEADS_SPLITTER),
)


def lead_tabs(current: str) -> rx.Component:
    """The tab bar of the lead pages with `current` highlighted; each tab is a link to its page."""
    return rx.hstack(
        *(
            rx.link(
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
            for key, label, href in LEAD_TABS
        ),
        spacing="2",
        wrap="wrap",
        margin_bottom="16px",
    )
