"""Settings sections for pipeline stages and sales-activity categories (edited in place)."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.pipeline.board import CARD_FIELDS
from rxcrm.domain.pipeline.stages import STAGE_KINDS
from rxcrm.domain.records.validation import whole_number
from rxcrm.services.pipeline.board import card_fields, show_card_field
from rxcrm.services.pipeline.projects import create_project, list_projects
from rxcrm.services.pipeline.stages import create_stage, delete_stage, list_stages, update_stage
from rxcrm.services.records.activities import list_categories
from rxcrm.services.records.activity_categories import create_category, update_category
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.state import AppState

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


class ConfigurationState(AppState):
    """Stages and categories as the admin edits them."""

    stages: list[dict[str, str]] = []
    categories: list[dict[str, str]] = []
    projects: list[str] = []
    card_fields: list[str] = []

    @rx.event
    @action
    def load(self, session: Session, _user: User):
        """Read stages and categories."""
        self.stages = [
            {
                "id": str(s.id),
                "name": s.name,
                "kind": s.kind,
                "probability": str(s.probability),
                "color": s.color,
                "position": str(s.position),
                "on_board": "yes" if s.on_board else "",
            }
            for s in list_stages(session)
        ]
        self.card_fields = list(card_fields(session))
        self.projects = [p.name for p in list_projects(session)]
        self.categories = [
            {"id": str(c.id), "name": c.name, "active": "yes" if c.active else ""}
            for c in list_categories(session, active_only=False)
        ]

    @rx.event
    @action(reload="load")
    def save_stage(self, session: Session, user: User, stage_id: str, field: str, value: str):
        """Save one field of a stage when it is left or picked."""
        if field not in ("name", "kind", "probability", "color"):
            return None
        current = next((s for s in self.stages if s["id"] == stage_id), None)
        if current is None or current[field] == value:
            return None
        number = whole_number(value.strip()) if field == "probability" else None
        typed: object = number if number is not None else value
        stage = update_stage(session, user, record_ref(stage_id), {field: typed})
        return [success_toast(f"Stage '{stage.name}' saved."), ConfigurationState.load]

    @rx.event
    @action(reload="load")
    def show_stage_on_board(self, session: Session, user: User, stage_id: str, shown: bool):
        """Show a stage as a column of the pipeline board, or hide it."""
        stage = update_stage(session, user, record_ref(stage_id), {"on_board": bool(shown)})
        where = "shown on" if stage.on_board else "hidden from"
        return [success_toast(f"Stage '{stage.name}' {where} the board."), ConfigurationState.load]

    @rx.event
    @action
    def show_card_field(self, session: Session, user: User, field: str, shown: bool):
        """Choose whether pipeline cards show a field."""
        self.card_fields = list(show_card_field(session, user, field, bool(shown)))
        return success_toast("Card fields saved.")

    @rx.event
    @action
    def add_stage(self, session: Session, user: User, form: dict):
        """Add an open stage at the end of the pipeline."""
        stage = create_stage(
            session,
            user,
            {"name": str(form.get("stage_name", "")).strip(), "kind": "open", "probability": 50},
        )
        return [success_toast(f"Stage '{stage.name}' added."), ConfigurationState.load]

    @rx.event
    @action
    def remove_stage(self, session: Session, user: User, stage_id: str):
        """Delete a stage no opportunity stands in."""
        delete_stage(session, user, record_ref(stage_id))
        return [success_toast("Stage deleted."), ConfigurationState.load]

    @rx.event
    def rename_category(self, category_id: str, name: str):
        """Rename a category when its field is left."""
        current = next((c for c in self.categories if c["id"] == category_id), None)
        if current is None or current["name"] == name:
            return None
        return self._change_category(category_id, name=name)

    @rx.event
    def toggle_category(self, category_id: str, active: bool):
        """Switch a category on or off."""
        return self._change_category(category_id, active=bool(active))

    @action(reload="load")
    def _change_category(self, session: Session, user: User, category_id: str, **values: object):  # noqa: ANN202
        category = update_category(session, user, record_ref(category_id), **values)
        return [success_toast(f"Category '{category.name}' saved."), ConfigurationState.load]

    @rx.event
    @action
    def add_project(self, session: Session, user: User, form: dict):
        """Add a project opportunities can be moved to."""
        project = create_project(session, user, {"name": form.get("project_name", "")})
        return [success_toast(f"Project '{project.name}' added."), ConfigurationState.load]

    @rx.event
    @action
    def add_category(self, session: Session, user: User, form: dict):
        """Add a sales-activity category."""
        category = create_category(session, user, str(form.get("category_name", "")))
        return [success_toast(f"Category '{category.name}' added."), ConfigurationState.load]


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
    return rx.hstack(
        _colour_picker(st),
        rx.input(
            default_value=st["name"],
            on_blur=lambda v: save(st["id"], "name", v),
            width="170px",
            aria_label="Stage name",
            data_testid="stage-name-" + st["id"],
        ),
        rx.select(
            list(STAGE_KINDS),
            value=st["kind"],
            on_change=lambda v: save(st["id"], "kind", v),
            size="1",
            custom_attrs={"aria-label": "Stage type"},
        ),
        rx.input(
            default_value=st["probability"],
            on_blur=lambda v: save(st["id"], "probability", v),
            width="60px",
            aria_label="Probability in %",
            data_testid="stage-probability-" + st["id"],
        ),
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
        rx.icon_button(
            rx.icon("trash-2", size=14),
            size="1",
            variant="ghost",
            color_scheme="red",
            aria_label="Delete stage " + st["name"],
            title="Delete stage " + st["name"],
            on_click=ConfigurationState.remove_stage(st["id"]),
        ),
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
        rx.input(
            default_value=c["name"],
            aria_label="Category name",
            on_blur=lambda v: ConfigurationState.rename_category(c["id"], v),
            width="200px",
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
    """Stages (colour, name, kind, probability, on the board), card fields and activity categories."""

    def card(title: str, *children: rx.Component, **props: str) -> rx.Component:
        return rx.card(rx.vstack(rx.heading(title, size="4"), *children, spacing="2"), width="100%", **props)

    return rx.grid(
        card(
            "Stages",
            rx.foreach(ConfigurationState.stages, _stage_row),
            _add_form("stage_name", "New stage", ConfigurationState.add_stage),
            grid_column="1 / -1",
        ),
        card(
            "Kanban cards",
            rx.text("Fields a card shows on the pipeline board.", size="1", color_scheme="gray"),
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
        on_mount=ConfigurationState.load,
    )
