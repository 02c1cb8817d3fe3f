"""Colour-coded tags: badges on rows and cards, chips that filter a list by one tag."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.domain.pipeline.board import tag_colour


def coloured(tags: list[str]) -> list[dict[str, str]]:
    """Tags with the colour each one always has, as the tag widgets take them."""
    return [{"tag": t, "colour": tag_colour(t)} for t in tags]


def tag_badges(tags: Var) -> rx.Component:
    """A deal's tags as small coloured badges."""
    return rx.hstack(
        rx.foreach(tags, lambda t: rx.badge(t["tag"], color_scheme=t["colour"], variant="soft", size="1")),
        spacing="1",
        wrap="wrap",
    )


def tag_filter_chips(chips: Var, active: Var, on_choose) -> rx.Component:  # noqa: ANN001
    """One chip per tag in use; clicking a chip shows only its deals, clicking it again shows all."""

    def chip(c: Var) -> rx.Component:
        chosen = active.lower() == c["tag"].to(str).lower()
        return rx.badge(
            c["tag"],
            rx.cond(chosen, rx.icon("x", size=12)),
            color_scheme=c["colour"],
            variant=rx.cond(chosen, "solid", "soft"),
            size="2",
            cursor="pointer",
            on_click=on_choose(rx.cond(chosen, "", c["tag"])),
            data_testid="tag-chip-" + c["tag"].to(str),
        )

    return rx.cond(
        chips.length() > 0,
        rx.hstack(
            rx.icon("tags", size=16, color=rx.color("gray", 10)),
            rx.foreach(chips, chip),
            align="center",
            spacing="2",
            wrap="wrap",
            width="100%",
            data_testid="tag-chips",
        ),
    )
