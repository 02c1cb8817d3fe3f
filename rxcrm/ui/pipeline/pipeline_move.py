"""The deal page's "Move to another pipeline": a stage picker grouped by pipeline."""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.pipeline.opportunities import get_opportunity
from rxcrm.services.pipeline.stages import get_stage, list_pipelines, list_stages
from rxcrm.ui.actions import action
from rxcrm.ui.components.dialogs import small_form_dialog
from rxcrm.ui.components.forms import labelled
from rxcrm.ui.components.setters import setter
from rxcrm.ui.pipeline.opportunity_state import OpportunityState


class PipelineMoveState(OpportunityState):
    """The other pipelines' stages the deal may move to, grouped by pipeline."""

    move_open: bool = False
    stage_groups: list[dict[str, Any]] = []

    @rx.event
    @action
    def open_move(self, session: Session, user: User):
        """Offer the stages of every other pipeline (the stage bar holds the deal's own pipeline)."""
        own = get_stage(session, get_opportunity(session, user, self.opportunity_id).stage_id).pipeline_id
        self.stage_groups = [
            {
                "name": p.name,
                "stages": [{"value": str(s.id), "label": s.name} for s in list_stages(session, p.id)],
            }
            for p in list_pipelines(session)
            if p.id != own
        ]
        self.move_open = True

    set_move_open = setter("move_open", "Show or hide the picker.", value_type=bool)

    @rx.event
    def save_move(self, form: dict):
        """Move the deal to the chosen stage as a stage bar click would (a lost stage asks why)."""
        self.move_open = False
        return OpportunityState.choose_stage(str(form.get("stage_id") or ""))


def _group(group: rx.Var) -> rx.Component:
    stages = group["stages"].to(list[dict[str, str]])
    return rx.select.group(
        rx.select.label(group["name"]),
        rx.foreach(stages, lambda s: rx.select.item(s["label"], value=s["value"])),
    )


def pipeline_move_dialog() -> rx.Component:
    """Pick a stage of another pipeline; the deal moves there with that stage's probability."""
    s = PipelineMoveState
    picker = rx.select.root(
        rx.select.trigger(placeholder="Choose a stage", width="100%", data_testid="pipeline-move-stage"),
        rx.select.content(rx.foreach(s.stage_groups, _group)),
        name="stage_id",
        required=True,
    )
    fields = [labelled("Stage of another pipeline", picker)]
    return small_form_dialog(
        "Move to another pipeline",
        fields,
        s.save_move,
        s.move_open,
        s.set_move_open,
        "Move",
        "pipeline-move-save",
    )
