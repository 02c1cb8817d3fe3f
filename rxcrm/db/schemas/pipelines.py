"""Pipeline shapes: a new pipeline with its stages, a renamed/reordered/default one, the answer."""

from __future__ import annotations

from pydantic import BaseModel, Field

from rxcrm.db.schemas.opportunities import StagePublic
from rxcrm.db.schemas.shapes import Body, Position


class PipelineStage(Body):
    """One stage of a new pipeline, in board order (kind open unless told)."""

    name: str | None = None
    kind: str | None = None
    probability: int | None = None
    color: str | None = None
    on_board: bool | None = None


class PipelineCreate(Body):
    """A new pipeline: its name and its stages (at least an open, a won and a lost one)."""

    name: str | None = Field(default=None, max_length=200)
    stages: list[PipelineStage] | None = Field(default=None, max_length=30)
    default: bool | None = None


class PipelineUpdate(Body):
    """A renamed pipeline, moved to a place in the order (0 = first), or made the default."""

    name: str | None = Field(default=None, max_length=200)
    position: Position | None = None
    default: bool | None = None


class PipelinePublic(BaseModel):
    """A pipeline: its place in the order, whether it is the default, its stages in board order."""

    id: int
    name: str
    position: int
    default: bool
    stages: list[StagePublic]  # type: ignore[valid-type]
