"""Pipelines and stages: configuration is data, rules test a stage's kind, never its name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rxcrm.domain.records.validation import FieldErrors, check_choice, check_length, check_required

STAGE_KINDS = ("open", "won", "lost")
COLOR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class StageTemplate:
    """A stage created for a new installation."""

    name: str
    probability: int
    kind: str
    color: str


DEFAULT_PIPELINE = "New business"
DEFAULT_PROJECT = "CRM"
DEFAULT_STAGES = (
    StageTemplate("Prospecting", 10, "open", "#8da4ef"),
    StageTemplate("Qualification", 20, "open", "#5eb1ef"),
    StageTemplate("Needs analysis", 40, "open", "#3db9cf"),
    StageTemplate("Proposal", 60, "open", "#53b9ab"),
    StageTemplate("Negotiation", 80, "open", "#f5a623"),
    StageTemplate("Won", 100, "won", "#30a46c"),
    StageTemplate("Lost", 0, "lost", "#e5484d"),
)


def status_for_kind(kind: str) -> str:
    """An opportunity's status follows the kind of the stage it stands in."""
    return kind if kind in STAGE_KINDS else "open"


def probability_for_stage(kind: str, stage_probability: int) -> int:
    """Won deals are certain, lost ones worthless, open ones take the stage's probability."""
    if kind == "won":
        return 100
    if kind == "lost":
        return 0
    return stage_probability


def validate_stage(data: dict[str, Any], creating: bool) -> None:
    """A stage needs a name (at most 100 characters), a probability 0-100, a kind and a #rrggbb colour."""
    errors = FieldErrors()
    if creating:
        check_required(errors, data, "name")
    check_length(errors, data, 100, "name")
    check_choice(errors, data, "kind", STAGE_KINDS)
    probability = data.get("probability")
    if probability is not None and (
        not isinstance(probability, int) or isinstance(probability, bool) or not 0 <= probability <= 100
    ):
        errors.add("probability", "must be a whole number from 0 to 100")
    color = data.get("color")
    if color is not None and not COLOR_PATTERN.match(str(color)):
        errors.add("color", "must be a colour like #30a46c")
    if data.get("on_board") is not None and not isinstance(data["on_board"], bool):
        errors.add("on_board", "must be true or false")
    errors.raise_if_any()
