"""Building blocks of list pages: sortable headers, pager, empty state."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import reflex as rx
from reflex.vars import Var

from rxcrm.ui.components.forms import option_select, with_label


def sort_header(
    label: str,
    column: str,
    current_sort: Var,
    on_sort,  # noqa: ANN001
    hidden_columns: Var | None = None,
) -> rx.Component:
    """A column header that sorts by its column, flipping direction on a second click.

    A column whose field is hidden from the user (`hidden_columns`) is plain text: sorting by it
    would give its values away, and the services refuse it.
    """
    arrow = rx.cond(
        current_sort == column,
        rx.icon("arrow-up", size=12),
        rx.cond(current_sort == f"-{column}", rx.icon("arrow-down", size=12), rx.fragment()),
    )
    sortable = rx.table.column_header_cell(
        rx.hstack(rx.text(label), arrow, align="center", spacing="1", cursor="pointer"),
        on_click=on_sort(column),
        data_testid=f"sort-{column}",
    )
    if hidden_columns is None:
        return sortable
    plain = rx.table.column_header_cell(
        rx.text(label), title="Hidden from your role", data_testid=f"header-{column}"
    )
    return rx.cond(hidden_columns.contains(column), plain, sortable)


def pager(state: Any) -> rx.Component:
    """Which rows of a paged list `state` are shown out of how many, with previous/next buttons."""
    total, offset, limit = state.total, state.offset, state.limit
    first = rx.cond(total > 0, offset + 1, 0)
    last = rx.cond(offset + limit < total, offset + limit, total)
    return rx.hstack(
        rx.text(
            first.to_string() + "–" + last.to_string() + " of " + total.to_string(),
            size="2",
            data_testid="pager-status",
        ),
        rx.button(
            rx.icon("chevron-left", size=14),
            "Previous",
            variant="soft",
            size="1",
            disabled=offset <= 0,
            on_click=state.previous_page,
            data_testid="pager-previous",
        ),
        rx.button(
            "Next",
            rx.icon("chevron-right", size=14),
            variant="soft",
            size="1",
            disabled=offset + limit >= total,
            on_click=state.next_page,
            data_testid="pager-next",
        ),
        align="center",
        justify="end",
        width="100%",
        spacing="3",
        padding_top="12px",
    )


Column = str | tuple[str, str]


def header_row(state: Any, *columns: Column) -> rx.Component:
    """A list's table header: a (label, column) pair sorts `state`'s list by that column, a label does not."""
    cells = (
        sort_header(c[0], c[1], state.sort, state.sort_by, state.hidden_columns)
        if isinstance(c, tuple)
        else rx.table.column_header_cell(c)
        for c in columns
    )
    return rx.table.header(rx.table.row(*cells))


def list_table(
    rows: Var, header: rx.Component, row: Callable[[Var], rx.Component], empty: str, **props: Any
) -> rx.Component:
    """A list page's table: the `header`, then one `row` per row; `empty` says why there is none."""
    props.setdefault("variant", "surface")
    return rx.cond(
        rows.length() > 0,
        rx.table.root(header, rx.table.body(rx.foreach(rows, row)), width="100%", **props),
        empty_state(empty),
    )


def paged_table(
    state: Any, header: rx.Component, row: Callable[[Var], rx.Component], empty: str
) -> rx.Component:
    """A paged list's table (see `list_table`) with its pager below."""
    return rx.fragment(list_table(state.rows, header, row, empty), pager(state))


def filter_switch(state: type, name: str, label: str, testid: str | None = None) -> rx.Component:
    """A switch, labelled beside it, that turns one of a list page's on/off filters on or off."""
    props = {"data_testid": testid} if testid else {}
    switch = rx.switch(
        checked=getattr(state, name), on_change=state.set_filter(name), aria_label=label, **props
    )
    return with_label(switch, label, spacing="3")


def empty_state(message: str) -> rx.Component:
    """What an empty list says."""
    return rx.center(rx.text(message, color_scheme="gray"), padding="32px", width="100%")


def filter_select(state: type, name: str, items: Var | list, placeholder: str) -> rx.Component:
    """A select that sets one of a list page's filters (data-testid `filter-<name>`)."""
    return option_select(
        items,
        f"filter-{name}",
        placeholder,
        aria_label=placeholder,
        value=getattr(state, name),
        on_change=lambda v: state.set_filter(name, v),
    )


def heads_table(heads: Iterable[Any], *rows: rx.Component, **props: Any) -> rx.Component:
    """A table with one header row of plain titles over `rows` (a foreach, or the row components)."""
    titles = rx.table.row(*(rx.table.column_header_cell(h) for h in heads))
    return rx.table.root(rx.table.header(titles), rx.table.body(*rows), **props)


def plain_table(
    headers: Sequence[str], rows: Var, row: Callable[[Var], rx.Component], **props: Any
) -> rx.Component:
    """A small full-width table: one header row of plain titles, then `row` for each of `rows`."""
    return heads_table(headers, rx.foreach(rows, row), width="100%", size="1", **props)
