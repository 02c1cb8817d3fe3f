"""Several pipelines: what makes a pipeline usable, which one is the default, when one may go.

A pipeline is a named, ordered sales process with its own stages. It must be able to carry a deal
from start to end, so it holds at least one open, one won and one lost stage; exactly one pipeline
is the default (where new deals go and the board opens); the last pipeline and a pipeline with
deals on its stages cannot be deleted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.domain.pipeline.stages import DEFAULT_STAGES, STAGE_KINDS, StageTemplate, validate_stage
from rxcrm.domain.records.validation import FieldErrors, clean_text

MAX_NAME = 100
MAX_STAGES = 30
# What the "New pipeline" dialog starts with: a short sales process, every stage editable.
STARTING = ("Qualification", "Proposal", "Negotiation", "Won", "Lost")
STARTING_STAGES: tuple[StageTemplate, ...] = tuple(s for s in DEFAULT_STAGES if s.name in STARTING)


def pipeline_name(value: Any, field: str = "name") -> str:
    """A pipeline's name: required, trimmed, at most 100 characters."""
    name = clean_text(value) if isinstance(value, str) else None
    if name is None:
        raise ValidationFailed.from_fields({field: "is required"})
    if len(name) > MAX_NAME:
        raise ValidationFailed.from_fields({field: f"must be at most {MAX_NAME} characters"})
    return name


def missing_kinds(kinds: Sequence[str]) -> list[str]:
    """The stage kinds (open, won, lost) a pipeline's stages lack, in that order."""
    return [kind for kind in STAGE_KINDS if kind not in kinds]


def kinds_text(kinds: Sequence[str]) -> str:
    """'an open and a lost stage': the kinds a pipeline lacks, in words."""
    words = [f"{'an' if kind == 'open' else 'a'} {kind}" for kind in kinds]
    return f"{', '.join(words[:-1])} and {words[-1]} stage" if len(words) > 1 else f"{words[0]} stage"


def check_stage_set(stages: Any) -> list[dict[str, Any]]:
    """A new pipeline's stages: each a valid stage, together at least one open, one won and one lost.

    Errors name the stage (`stages.2.color`) so a form can point at it; a stage without a kind is open.
    """
    if not isinstance(stages, Sequence) or isinstance(stages, str | bytes) or not stages:
        raise ValidationFailed.from_fields(
            {"stages": "add the pipeline's stages: an open, a won and a lost one"}
        )
    if len(stages) > MAX_STAGES:
        raise ValidationFailed.from_fields({"stages": f"a pipeline holds at most {MAX_STAGES} stages"})
    errors = FieldErrors()
    cleaned: list[dict[str, Any]] = []
    for index, stage in enumerate(stages):
        values = {**stage} if isinstance(stage, Mapping) else {}
        values.setdefault("kind", "open")
        try:
            validate_stage(values, creating=True)
        except ValidationFailed as exc:
            for name, problem in exc.fields.items():
                errors.add(f"stages.{index}.{name}", problem)
        cleaned.append(values)
    errors.raise_if_any()
    lacking = missing_kinds([s["kind"] for s in cleaned])
    if lacking:
        raise ValidationFailed.from_fields({"stages": f"a pipeline needs {kinds_text(lacking)}"})
    return cleaned


def check_kind_kept(kinds_left: Sequence[str], pipeline: str) -> None:
    """A stage change must leave its pipeline an open, a won and a lost stage (else a deal gets stuck)."""
    lacking = missing_kinds(kinds_left)
    if lacking:
        raise Conflict(f"'{pipeline}' needs {kinds_text(lacking)}: add another one first.")


def check_deletable(name: str, deals: int, pipelines: int) -> None:
    """A pipeline may go only when no deal stands on its stages and another pipeline remains."""
    if pipelines <= 1:
        raise Conflict(f"'{name}' is the only pipeline: add another one before deleting it.")
    if deals:
        noun = "deal stands" if deals == 1 else "deals stand"
        raise Conflict(f"{deals} {noun} in '{name}': move them to another pipeline first.")


def placed(ids: Sequence[int], moved: int, position: int) -> list[int]:
    """The pipelines' order with one moved to a position (clamped to the list); positions are indexes."""
    rest = [i for i in ids if i != moved]
    target = max(0, min(int(position), len(rest)))
    return [*rest[:target], moved, *rest[target:]]


def default_after(
    ids_in_order: Sequence[int], defaults: Sequence[int], leaving: int | None = None
) -> int | None:
    """The one default pipeline: the flagged one still there, else the first in order (None: none left)."""
    remaining = [i for i in ids_in_order if i != leaving]
    flagged = [i for i in remaining if i in defaults]
    if flagged:
        return flagged[0]
    return remaining[0] if remaining else None
