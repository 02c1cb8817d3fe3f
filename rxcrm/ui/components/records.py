"""Pieces of record detail pages: tabs, a field grid, the history table, the activity timeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.vars import Var


def with_links(rows: list[dict[str, str]], links: dict[str, str | None]) -> list[dict[str, str]]:
    """Data-tab rows where a linked record's name opens its page (`links`: row key -> page URL)."""
    return [{**r, "href": links[r["key"]]} if links.get(r["key"]) and r["value"] else r for r in rows]


def _field_value(r: Var) -> rx.Component:
    return rx.cond(
        r.contains("href"),
        rx.link(r["value"], href=r["href"].to(str), size="2", data_testid="data-" + r["key"]),
        rx.text(r["value"], size="2", data_testid="data-" + r["key"]),
    )


def field_grid(rows: Var) -> rx.Component:
    """Label/value pairs of a record's data tab; empty fields are left out, linked records are links."""
    return rx.grid(
        rx.foreach(
            rows,
            lambda r: rx.cond(
                r["value"] != "",
                rx.vstack(rx.text(r["label"], size="1", color_scheme="gray"), _field_value(r), spacing="0"),
            ),
        ),
        columns="3",
        spacing="4",
        width="100%",
    )


def history_table(rows: Var) -> rx.Component:
    """Who changed what when, newest first."""
    return rx.cond(
        rows.length() > 0,
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    *(
                        rx.table.column_header_cell(h)
                        for h in ("When", "Who", "Field", "Old value", "New value")
                    )
                )
            ),
            rx.table.body(
                rx.foreach(
                    rows,
                    lambda r: rx.table.row(
                        rx.table.cell(r["at"]),
                        rx.table.cell(r["by_name"]),
                        rx.table.cell(r["field"]),
                        rx.table.cell(r["old"]),
                        rx.table.cell(r["new"]),
                        data_testid="history-row",
                    ),
                )
            ),
            width="100%",
            size="1",
            data_testid="history-table",
        ),
        rx.text("No changes recorded yet.", color_scheme="gray"),
    )


def activity_timeline(rows: Var, actions: Callable[[Var], rx.Component] | None = None) -> rx.Component:
    """Sales activities on the record, newest first; `actions` adds buttons (edit, delete) to each."""
    return rx.cond(
        rows.length() > 0,
        rx.vstack(
            rx.foreach(
                rows,
                lambda a: rx.card(
                    rx.hstack(
                        rx.badge(a["category"]),
                        rx.text(a["at"], size="1", color_scheme="gray"),
                        rx.text(a["author"], size="1"),
                        rx.text(a["note"], size="2"),
                        *([rx.spacer(), actions(a)] if actions else []),
                        align="center",
                        spacing="3",
                    ),
                    width="100%",
                    data_testid="activity-row",
                ),
            ),
            width="100%",
        ),
        rx.text("No sales activities yet.", color_scheme="gray"),
    )


def linked_row(
    row: Var, keys: tuple[str, ...], base_url: str, testid: str, *more: rx.Component
) -> rx.Component:
    """A record's table row: `keys[0]` opens its page below `base_url`; then the other `keys`, `more`."""
    return rx.table.row(
        rx.table.cell(rx.link(row[keys[0]], href=base_url + "/" + row["id"])),
        *(rx.table.cell(row[key]) for key in keys[1:]),
        *more,
        data_testid=testid,
    )


def linked_table(rows: Var, columns: list[tuple[str, str]], base_url: str, testid: str) -> rx.Component:
    """Rows of records linked to the page's record; the first column opens each one's page."""
    return rx.cond(
        rows.length() > 0,
        rx.table.root(
            rx.table.header(rx.table.row(*(rx.table.column_header_cell(label) for _, label in columns))),
            rx.table.body(
                rx.foreach(rows, lambda r: linked_row(r, tuple(key for key, _ in columns), base_url, testid))
            ),
            width="100%",
            size="1",
        ),
        rx.text("Nothing here yet.", color_scheme="gray"),
    )


TABS_WRAP = {"flex_wrap": "wrap"}
"""Many tabs (an account has eleven) wrap onto a second line at 1280 px instead of hiding behind a scroll."""


def tab_trigger(label: str, value: str) -> rx.Component:
    """One tab of a record page; its test id is `tab-<value>`."""
    return rx.tabs.trigger(label, value=value, data_testid=f"tab-{value}")


def tab_list(*tabs: tuple[str, str] | rx.Component) -> rx.Component:
    """A record page's tab list from (label, value) pairs (or ready tabs, e.g. one shown on a condition)."""
    triggers = (tab if isinstance(tab, rx.Component) else tab_trigger(*tab) for tab in tabs)
    return rx.tabs.list(*triggers, style=TABS_WRAP)


def tab_panel(body: rx.Component, value: str) -> rx.Component:
    """The content of the tab `value`, a little below the tab list."""
    return rx.tabs.content(rx.box(body, padding_top="16px"), value=value)


def record_tabs(
    state: Any, tabs: tuple[tuple[str, str], ...], panels: dict[str, rx.Component]
) -> rx.Component:
    """A record page's tabs (label, value) and their panels by value; `state.tab` is the one shown."""
    bodies = (tab_panel(body, value) for value, body in panels.items())
    return rx.tabs.root(tab_list(*tabs), *bodies, value=state.tab, on_change=state.set_tab, width="100%")


def not_found(label: str) -> rx.Component:
    """What a detail page says for a missing or hidden record (no hint which of the two)."""
    return rx.callout(
        f"This {label} does not exist or is not visible to you.",
        icon="info",
        color_scheme="orange",
        data_testid="record-not-found",
    )


def record_page(found: Var, label: str, *parts: rx.Component) -> rx.Component:
    """A detail page's body: its `parts` one below the other, or `not_found(label)` for a missing record."""
    return rx.cond(found, rx.vstack(*parts, width="100%", spacing="4"), not_found(label))


def menu_action(
    label: str | Var,
    icon: str,
    handler,  # noqa: ANN001
    testid: str,
    colour: str | None = None,
    disabled: Var | bool = False,
) -> rx.Component:
    """One entry of a record page's actions menu (greyed out and inert while `disabled`)."""
    return rx.menu.item(
        rx.icon(icon, size=14),
        label,
        on_click=handler,
        data_testid=testid,
        color_scheme=colour,
        disabled=disabled,
    )
