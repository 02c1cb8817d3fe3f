"""The state of Settings › Pipelines: the list (rename, order, default, delete), the "New pipeline" dialog."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.pipeline.pipelines import STARTING_STAGES
from rxcrm.domain.pipeline.stages import STAGE_KINDS
from rxcrm.domain.records.validation import whole_number
from rxcrm.services.pipeline.pipelines import create_pipeline, delete_pipeline, pipeline_rows, update_pipeline
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.confirm_delete import ConfirmedDelete
from rxcrm.ui.components.conversion import record_ref
from rxcrm.ui.components.setters import remover, setter
from rxcrm.ui.settings.configuration import ConfigurationState
from rxcrm.ui.state import AppState

DRAFT_FIELDS = ("name", "kind", "probability")


def starting_draft() -> list[dict[str, str]]:
    """The stages a new pipeline's form starts with (each row keyed, so removing one re-draws the rest)."""
    return [
        {"key": str(i), "name": s.name, "kind": s.kind, "probability": str(s.probability), "color": s.color}
        for i, s in enumerate(STARTING_STAGES)
    ]


def _percent(text: str) -> int:
    """A typed probability: empty is 0, anything but a whole number -1 (refused with the stage named)."""
    number = whole_number(text.strip())
    return 0 if not text.strip() else -1 if number is None else number


class PipelinesState(ConfirmedDelete, AppState):
    """Every pipeline with its counts, and the stages of the pipeline being created."""

    rows: list[dict[str, str]] = []
    new_open: bool = False
    draft: list[dict[str, str]] = []
    _serial: int = 0

    @rx.event
    @action
    def load(self, session: Session, user: User):
        """Read the pipelines in their order, with stage and deal counts."""
        self.rows = [
            {
                "id": str(r.id),
                "name": r.name,
                "default": "yes" if r.default else "",
                "stages": str(r.stages),
                "deals": str(r.deals),
                "first": "yes" if i == 0 else "",
                "last": "yes" if r is rows[-1] else "",
            }
            for rows in [pipeline_rows(session, user)]
            for i, r in enumerate(rows)
        ]

    def _changed(self, message: str) -> list:
        return [success_toast(message), PipelinesState.load, ConfigurationState.load]

    @rx.event
    @action(reload="load")
    def rename(self, session: Session, user: User, pipeline_id: str, name: str):
        """Rename a pipeline when its name box is left."""
        current = next((r for r in self.rows if r["id"] == pipeline_id), None)
        if current is None or current["name"] == name:
            return None
        pipeline = update_pipeline(session, user, record_ref(pipeline_id), {"name": name})
        return self._changed(f"Pipeline renamed to '{pipeline.name}'.")

    @rx.event
    @action(reload="load")
    def move(self, session: Session, user: User, pipeline_id: str, step: int):
        """Move a pipeline one place up (-1) or down (+1) in the order boards and pickers list them."""
        ids = [r["id"] for r in self.rows]
        if pipeline_id not in ids:
            return None
        target = ids.index(pipeline_id) + int(step)
        pipeline = update_pipeline(session, user, record_ref(pipeline_id), {"position": max(0, target)})
        return self._changed(f"Pipeline '{pipeline.name}' moved.")

    @rx.event
    @action(reload="load")
    def make_default(self, session: Session, user: User, pipeline_id: str):
        """Make a pipeline the default: new deals go there and boards open on it."""
        pipeline = update_pipeline(session, user, record_ref(pipeline_id), {"default": True})
        return self._changed(f"'{pipeline.name}' is now the default pipeline.")

    @rx.event
    @action(reload="load")
    def delete(self, session: Session, user: User):
        """Delete the confirmed pipeline; one with deals (or the last one) is refused with the reason."""
        pipeline_id, name = self._take_confirmed()
        delete_pipeline(session, user, pipeline_id)
        return self._changed(f"Pipeline '{name}' deleted.")

    @rx.event
    def open_new(self):
        """Open the "New pipeline" dialog with a starting set of stages."""
        self.draft, self._serial, self.new_open = starting_draft(), len(STARTING_STAGES), True

    set_new_open = setter("new_open", 'Show or hide the "New pipeline" dialog.', value_type=bool)

    @rx.event
    def set_draft(self, index: int, field: str, value: str):
        """Change one field of a stage of the new pipeline."""
        if field in DRAFT_FIELDS and 0 <= index < len(self.draft):
            self.draft[index] = {
                **self.draft[index],
                field: value if field != "kind" or value in STAGE_KINDS else "open",
            }

    @rx.event
    def add_draft_stage(self):
        """Add an open stage before the won and lost ones."""
        self._serial += 1
        stage = {
            "key": str(self._serial),
            "name": "",
            "kind": "open",
            "probability": "50",
            "color": "#8da4ef",
        }
        closing = next((i for i, s in enumerate(self.draft) if s["kind"] != "open"), len(self.draft))
        self.draft = [*self.draft[:closing], stage, *self.draft[closing:]]

    remove_draft_stage = remover("draft", "Take a stage out of the new pipeline.", name="remove_draft_stage")

    @rx.event
    @action
    def create(self, session: Session, user: User, form: dict):
        """Create the pipeline with its stages; a refusal names what is wrong (e.g. a missing lost stage)."""
        stages = [
            {
                "name": s["name"],
                "kind": s["kind"],
                "color": s["color"],
                "probability": _percent(s["probability"]),
            }
            for s in self.draft
        ]
        pipeline = create_pipeline(session, user, {"name": form.get("pipeline_name", ""), "stages": stages})
        self.new_open = False
        return [
            *self._changed(f"Pipeline '{pipeline.name}' created."),
            ConfigurationState.show_pipeline(str(pipeline.id)),
        ]
