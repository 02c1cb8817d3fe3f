"""Bulk edit on list pages: tick rows (or the whole page), then change them together in one step."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import Var

from rxcrm.domain.records.validation import record_id
from rxcrm.ui.components.controls import action_button, toolbar
from rxcrm.ui.components.conversion import NONE, optional_id
from rxcrm.ui.components.forms import named_input, option_select
from rxcrm.ui.components.lookup import record_lookup

BULK_OWNER = "bulk-owner"

LOST_STAGES_NOTE = "Lost stages need a reason: close lost deals one by one."


def tag_list(text: Any) -> list[str]:
    """Tags typed into one field, separated by commas."""
    return [t.strip() for t in str(text or "").split(",") if t.strip()]


def bulk_changes(form: dict[str, Any]) -> dict[str, Any]:
    """What the bulk bar asks to change; an untouched control changes nothing."""
    return {
        "owner_id": optional_id(form.get("owner")),
        "stage_id": optional_id(form.get("stage")),
        "add_tags": tag_list(form.get("add_tag")),
        "remove_tags": tag_list(form.get("remove_tag")),
    }


def updated_message(count: int, noun: str, plural: str) -> str:
    """The confirmation of a bulk edit."""
    return f"{count} {noun if count == 1 else plural} updated."


class RowSelection(rx.State, mixin=True):
    """The rows ticked on the current page (ids as text); rows that leave the page are unticked."""

    selected: list[str] = []
    page_ids: list[str] = []

    @rx.event
    def select_row(self, row_id: str, ticked: bool):
        """Tick or untick one row."""
        rest = [i for i in self.selected if i != row_id]
        self.selected = [*rest, row_id] if ticked else rest

    @rx.event
    def select_page(self, ticked: bool):
        """Tick or untick every row of the page."""
        self.selected = list(self.page_ids) if ticked else []

    def _show_page_ids(self, ids: list[str]) -> None:
        self.page_ids = ids
        self.selected = [i for i in self.selected if i in ids]

    def _selected_ids(self) -> list[int]:
        return [n for n in (record_id(i) for i in self.selected) if n is not None]


def row_checkbox(state: type, row_id: Var) -> rx.Component:
    """A row's tick box (data-testid `row-select-<id>`)."""
    return rx.checkbox(
        checked=state.selected.contains(row_id),
        on_change=lambda ticked: state.select_row(row_id, ticked),
        aria_label="Select this row",
        data_testid="row-select-" + row_id.to(str),
    )


def page_checkbox(state: type) -> rx.Component:
    """The header tick box that selects every row on the page."""
    everything = (state.page_ids.length() > 0) & (state.selected.length() == state.page_ids.length())
    return rx.checkbox(
        checked=everything,
        on_change=state.select_page,
        aria_label="Select every row on this page",
        data_testid="select-all",
    )


def _choice(name: str, items: Var, placeholder: str) -> rx.Component:
    return option_select(
        items, f"bulk-{name}", placeholder, aria_label=placeholder, name=name, default_value=NONE
    )


def _owner_choice() -> rx.Component:
    """The new owner, typed and picked (empty keeps each row's owner); hooks `bulk-owner(-option-<id>)`."""
    return rx.box(
        record_lookup(
            "Owner",
            "owner",
            BULK_OWNER,
            "owner",
            placeholder="Keep owner",
            testids=("bulk-owner", "bulk-owner-option-"),
            show_label=False,
        ),
        width="180px",
    )


def bulk_bar(state: type, stage_options: Var, on_apply) -> rx.Component:  # noqa: ANN001
    """Shown while rows are ticked: how many, and the owner, stage and tag changes to apply to them."""
    return rx.cond(
        state.selected.length() > 0,
        rx.form(
            toolbar(
                rx.text(
                    state.selected.length().to_string() + " selected", weight="bold", data_testid="bulk-count"
                ),
                _owner_choice(),
                rx.tooltip(_choice("stage", stage_options, "Stage"), content=LOST_STAGES_NOTE),
                named_input("add_tag", "Add tag(s)", "bulk-add-tag", "130px"),
                named_input("remove_tag", "Remove tag(s)", "bulk-remove-tag", "130px"),
                action_button("Apply", None, "bulk-apply", type="submit"),
                action_button("Clear", state.select_page(False), None, variant="ghost", type="button"),
            ),
            on_submit=on_apply,
            reset_on_submit=False,
            padding="8px 12px",
            border_radius="8px",
            background=rx.color("accent", 3),
            width="100%",
            data_testid="bulk-bar",
        ),
    )
