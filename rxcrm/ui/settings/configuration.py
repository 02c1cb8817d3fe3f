"""The state of Settings › Pipeline & activities: stages, card fields, projects, activity categories."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.records.validation import whole_number
from rxcrm.services.pipeline.board import card_fields, show_card_field
from rxcrm.services.pipeline.projects import create_project, list_projects
from rxcrm.services.pipeline.stages import (
    create_stage,
    default_pipeline,
    delete_stage,
    list_pipelines,
    list_stages,
    update_stage,
)
from rxcrm.services.records.activities import list_categories
from rxcrm.services.records.activity_categories import create_category, update_category
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.conversion import options, record_ref
from rxcrm.ui.components.list_actions import removal, switch
from rxcrm.ui.state import AppState


class ConfigurationState(AppState):
    """Stages and categories as the admin edits them."""

    stages: list[dict[str, str]] = []
    categories: list[dict[str, str]] = []
    projects: list[str] = []
    card_fields: list[str] = []
    stage_pipeline: str = ""
    pipeline_options: list[dict[str, str]] = []

    @rx.event
    def show_pipeline(self, pipeline_id: str):
        """Edit the stages of another pipeline."""
        self.stage_pipeline = pipeline_id
        return ConfigurationState.load

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the chosen pipeline's stages (the default one's at first), projects and categories."""
        pipelines = list_pipelines(session)
        self.pipeline_options = options([(p.id, p.name) for p in pipelines], None)
        if self.stage_pipeline not in {str(p.id) for p in pipelines}:
            self.stage_pipeline = str(default_pipeline(session).id)
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
            for s in list_stages(session, record_ref(self.stage_pipeline))
        ]
        self.card_fields = list(card_fields(session))
        self.projects = [p.name for p in list_projects(session, user)]
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

    show_stage_on_board = switch(
        "show_stage_on_board",
        update_stage,
        "on_board",
        "Stage '{record.name}' {state} the board.",
        ("shown on", "hidden from"),
        "Show a stage as a column of the pipeline board, or hide it.",
        reload="load",
    )

    @rx.event
    @action
    def show_card_field(self, session: Session, user: User, field: str, shown: bool):
        """Choose whether pipeline cards show a field."""
        self.card_fields = list(show_card_field(session, user, field, bool(shown)))
        return success_toast("Card fields saved.")

    @rx.event
    @action
    def add_stage(self, session: Session, user: User, form: dict):
        """Add an open stage at the end of the pipeline being edited."""
        name, pipeline_id = str(form.get("stage_name", "")).strip(), record_ref(self.stage_pipeline)
        stage = create_stage(
            session, user, {"name": name, "kind": "open", "probability": 50, "pipeline_id": pipeline_id}
        )
        return [success_toast(f"Stage '{stage.name}' added."), ConfigurationState.load]

    remove_stage = removal(
        "remove_stage", delete_stage, "Stage deleted.", "Delete a stage no opportunity stands in."
    )

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
