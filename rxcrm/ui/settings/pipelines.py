"""Settings › Pipeline & activities › Pipelines: rename inline, order, default, delete, and "New pipeline"."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from rxcrm.domain.pipeline.stages import STAGE_KINDS
from rxcrm.ui.components.confirm_delete import confirm_delete_dialog
from rxcrm.ui.components.controls import action_button, delete_icon, icon_action, note, row_button
from rxcrm.ui.components.dialogs import small_form_dialog
from rxcrm.ui.components.forms import labelled
from rxcrm.ui.settings.configuration import ConfigurationState
from rxcrm.ui.settings.ordered_list_parts import name_in_place
from rxcrm.ui.settings.pipelines_state import PipelinesState


def _pipeline_row(row: Var) -> rx.Component:
    s = PipelinesState
    return rx.hstack(
        name_in_place(s, row, "Pipeline", "pipeline"),
        rx.cond(
            row["default"] != "",
            rx.badge("Default", color_scheme="green", data_testid="pipeline-default-" + row["id"]),
            row_button("Make default", s.make_default(row["id"]), "pipeline-make-default-" + row["id"]),
        ),
        rx.text(row["stages"] + " stages · " + row["deals"] + " deals", size="1", color_scheme="gray"),
        rx.spacer(),
        row_button(
            "Edit stages", ConfigurationState.show_pipeline(row["id"]), "pipeline-stages-" + row["id"]
        ),
        icon_action(
            "arrow-up",
            "Move up",
            s.move(row["id"], -1),
            "pipeline-up-" + row["id"],
            disabled=row["first"] != "",
        ),
        icon_action(
            "arrow-down",
            "Move down",
            s.move(row["id"], 1),
            "pipeline-down-" + row["id"],
            disabled=row["last"] != "",
        ),
        delete_icon(
            "Delete pipeline " + row["name"],
            s.ask_delete(row["id"], row["name"]),
            "pipeline-delete-" + row["id"],
        ),
        key=row["id"] + row["name"],
        align="center",
        spacing="2",
        width="100%",
    )


def _draft_row(stage: Var, index: Var) -> rx.Component:
    s = PipelinesState
    return rx.hstack(
        rx.input(
            default_value=stage["name"],
            on_blur=lambda v: s.set_draft(index, "name", v),
            placeholder="Stage name",
            aria_label="Stage name",
            width="180px",
            data_testid="new-pipeline-stage-name-" + index.to(str),
        ),
        rx.select(
            list(STAGE_KINDS),
            value=stage["kind"],
            on_change=lambda v: s.set_draft(index, "kind", v),
            size="2",
            custom_attrs={"aria-label": "Stage type"},
        ),
        rx.input(
            default_value=stage["probability"],
            on_blur=lambda v: s.set_draft(index, "probability", v),
            aria_label="Probability in %",
            width="64px",
        ),
        rx.text("%", size="1"),
        delete_icon("Remove stage " + stage["name"], s.remove_draft_stage(index), None),
        key=stage["key"],
        align="center",
        spacing="2",
    )


def new_pipeline_dialog() -> rx.Component:
    """The new pipeline's name and stages (a starting set, every one editable)."""
    s = PipelinesState
    fields = [
        labelled(
            "Name",
            rx.input(
                name="pipeline_name",
                placeholder="e.g. Renewals",
                aria_label="Pipeline name",
                data_testid="new-pipeline-name",
            ),
        ),
        rx.text("Stages, in board order", size="2", weight="medium"),
        rx.foreach(s.draft, _draft_row),
        row_button("Add a stage", s.add_draft_stage, "new-pipeline-add-stage", type="button"),
        note("A pipeline needs at least an open, a won and a lost stage."),
    ]
    return small_form_dialog(
        "New pipeline",
        fields,
        s.create,
        s.new_open,
        s.set_new_open,
        "Create",
        "new-pipeline-save",
        max_width="560px",
    )


def pipelines_card() -> rx.Component:
    """Every pipeline in order, each renamed in place, moved, made the default or deleted when unused.

    Its section loads it (`PipelinesState.load`) after the stage editor, whose controls come first.
    """
    s = PipelinesState
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Pipelines", size="4"),
                rx.spacer(),
                action_button("New pipeline", s.open_new, "pipeline-new", icon="plus", size="1"),
                width="100%",
                align="center",
            ),
            note("New deals go to the default pipeline; boards, lists and the forecast switch between them."),
            rx.foreach(s.rows, _pipeline_row),
            spacing="2",
            width="100%",
        ),
        new_pipeline_dialog(),
        confirm_delete_dialog(
            s, "Delete pipeline", "Delete the pipeline '" + s.confirm_name + "' and its stages?", s.delete
        ),
        width="100%",
        grid_column="1 / -1",
        data_testid="settings-pipelines",
    )
