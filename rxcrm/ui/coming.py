"""Sections that later milestones build: an honest note instead of invented data."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from rxcrm.ui.layout import app_page

COMING = {
    "/partners": ("Partners", "The partner network with its accounts, leads and results."),
}


def coming_page(title: str, what: str) -> Callable[[], rx.Component]:
    """A page saying which milestone brings this section."""

    def content() -> rx.Component:
        return rx.callout(
            f"{title} is coming: {what} This section is not built yet.",
            icon="construction",
            size="3",
            data_testid="coming-soon",
        )

    content.__name__ = f"coming_{title.lower().replace(' ', '_')}"
    return app_page(title, content)
