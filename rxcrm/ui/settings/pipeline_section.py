"""Settings › Pipeline & activities: stages, card fields, projects, activity categories, edited in place."""

from __future__ import annotations

import reflex as rx

from rxcrm.domain.pipeline.board import CARD_FIELDS
from rxcrm.domain.pipeline.stages import STAGE_KINDS
from rxcrm.ui.components.controls import delete_icon, note
from rxcrm.ui.components.forms import option_select
from rxcrm.ui.settings.configuration import ConfigurationState
from rxcrm.ui.settings.parts import saved_on_leave
from rxcrm.ui.settings.pipelines import pipelines_card
from rxcrm.ui.settings.pipelines_state import PipelinesState

# Radix step-9 colours (readable on light and dark boards), named for the picker's labels.
STAGE_COLOURS = (
    ("Indigo", "#3e63dd"),
    ("Blue", "#0090ff"),
    ("Sky", "#7ce2fe"),
    ("Cyan", "#00a2c7"),
    ("Teal", "#12a594"),
    ("Green", "#30a46c"),
    ("Grass", "#46a758"),
    ("Lime", "#bdee63"),
    ("Amber", "#ffc53d"),
    ("Orange", "#f76b15"),
    ("Tomato", "#e54d2e"),
    ("Red", "#e5484d"),
    ("Crimson", "#e93d82"),
    ("Pink", "#d6409f"),
    ("Purple", "#8e4ec6"),
    ("Violet", "#6e56cf"),
    ("Brown", "#ad7f58"),
    ("Gray", "#8d8d8d"),
)


def _swatch(colour: str, size: str) -> rx.Component:
    return rx.box(
        width=size, height=size, border_radius="50%", background=colour, border="1px solid rgba(0,0,0,.15)"
    )


def _colour_picker(st: dict) -> rx.Component:
    """The stage's colour as a swatch; a click opens the palette, a pick saves it."""
    pick = lambda name, colour: rx.popover.close(  # noqa: E731
        rx.icon_button(
            _swatch(colour, "18px"),
            variant="ghost",
            size="1",
            aria_label=f"{name} colour",
            title=name,
            on_click=ConfigurationState.save_stage(st["id"], "color", colour),
            data_testid=f"stage-color-{name.lower()}",
        )
    )
    return rx.popover.root(
        rx.popover.trigger(
            rx.icon_button(
                _swatch(st["color"], "16px"),
                variant="soft",
                color_scheme="gray",
                size="1",
                aria_label="Colour of stage " + st["name"],
                title="Colour of stage " + st["name"],
                data_testid="stage-color-" + st["id"],
            )
        ),
        rx.popover.content(
            rx.grid(*(pick(name, colour) for name, colour in STAGE_COLOURS), columns="6", spacing="2"),
            size="1",
        ),
    )


def _stage_row(st: dict) -> rx.Component:
    save = ConfigurationState.save_stage

    def text(field: str, label: str, width: str, testid: str) -> rx.Component:
        return saved_on_leave(st[field], lambda v: save(st["id"], field, v), label, width, testid + st["id"])

    return rx.hstack(
        _colour_picker(st),
        text("name", "Stage name", "170px", "stage-name-"),
        rx.select(
            list(STAGE_KINDS),
            value=st["kind"],
            on_change=lambda v: save(st["id"], "kind", v),
            size="1",
            custom_attrs={"aria-label": "Stage type"},
        ),
        text("probability", "Probability in %", "60px", "stage-probability-"),
        rx.text("%", size="1"),
        rx.tooltip(
            rx.switch(
                checked=st["on_board"] != "",
                on_change=lambda v: ConfigurationState.show_stage_on_board(st["id"], v),
                size="1",
                aria_label="Show as a column on the pipeline board",
                data_testid="stage-on-board-" + st["id"],
            ),
            content="Show as a column on the pipeline board",
        ),
        delete_icon("Delete stage " + st["name"], ConfigurationState.remove_stage(st["id"]), None),
        key=st["id"] + st["name"] + st["probability"] + st["color"] + st["on_board"],
        align="center",
        spacing="2",
    )


def _category_row(c: dict) -> rx.Component:
    return rx.hstack(
        rx.switch(
            checked=c["active"] != "",
            on_change=lambda v: ConfigurationState.toggle_category(c["id"], v),
            aria_label="Active",
        ),
        saved_on_leave(
            c["name"], lambda v: ConfigurationState.rename_category(c["id"], v), "Category name", "200px"
        ),
        key=c["id"] + c["name"],
        align="center",
        spacing="2",
    )


def _card_field(field: str) -> rx.Component:
    return rx.hstack(
        rx.checkbox(
            checked=ConfigurationState.card_fields.contains(field),
            on_change=lambda v: ConfigurationState.show_card_field(field, v),
            aria_label=field.replace("_", " ").capitalize(),
            data_testid=f"card-field-{field}",
        ),
        rx.text(field.replace("_", " ").capitalize(), size="2"),
        align="center",
        spacing="1",
    )


def _add_form(name: str, placeholder: str, on_submit) -> rx.Component:  # noqa: ANN001
    return rx.form(
        rx.hstack(
            rx.input(name=name, placeholder=placeholder, size="1"),
            rx.button("Add", size="1", type="submit", data_testid=f"{name}-add"),
        ),
        on_submit=on_submit,
        reset_on_submit=True,
    )


def configuration_sections() -> rx.Component:
    """Pipelines, the chosen one's stages (colour, name, kind, probability, on board), cards, categories."""

    def card(title: str, *children: rx.Component, **props: str) -> rx.Component:
        return rx.card(rx.vstack(rx.heading(title, size="4"), *children, spacing="2"), width="100%", **props)

    return rx.grid(
        pipelines_card(),
        card(
            "Stages",
            option_select(
                ConfigurationState.pipeline_options,
                "stages-pipeline",
                aria_label="Stages of the pipeline",
                value=ConfigurationState.stage_pipeline,
                on_change=ConfigurationState.show_pipeline,
            ),
            rx.foreach(ConfigurationState.stages, _stage_row),
            _add_form("stage_name", "New stage", ConfigurationState.add_stage),
            grid_column="1 / -1",
        ),
        card(
            "Kanban cards",
            note("Fields a card shows on the pipeline board."),
            rx.flex(*[_card_field(f) for f in CARD_FIELDS], gap="3", wrap="wrap"),
            data_testid="setting-kanban_card_fields",
        ),
        card(
            "Projects",
            rx.foreach(ConfigurationState.projects, lambda name: rx.text(name, size="2")),
            _add_form("project_name", "New project", ConfigurationState.add_project),
        ),
        card(
            "Activity categories",
            rx.foreach(ConfigurationState.categories, _category_row),
            _add_form("category_name", "New category", ConfigurationState.add_category),
        ),
        columns="2",
        spacing="4",
        width="100%",
        on_mount=[ConfigurationState.load, PipelinesState.load],
    )
