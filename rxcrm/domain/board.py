"""The Kanban board's rules: what a move does to a deal, what a card shows, tag colours."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.domain.pipeline import probability_for_stage, status_for_kind

BOARD_TOPIC = "board"
WHOLE_BOARD = 0  # touched "stage id" meaning: the board's layout or all of its figures changed
REASON_LIMIT = 500
CARD_FIELDS = ("account", "amount", "owner", "close_date", "tags", "probability", "contact")
DEFAULT_CARD_FIELDS = "account,amount,owner,close_date,tags"
CARDS_PER_PAGE = 20
TAG_COLOURS = (
    "tomato",
    "amber",
    "grass",
    "cyan",
    "violet",
    "pink",
    "orange",
    "teal",
    "indigo",
    "crimson",
    "jade",
    "plum",
)


@dataclass(frozen=True)
class StageFacts:
    """What a move needs to know of the stage a deal is dropped on."""

    stage_id: int
    kind: str
    probability: int


def needs_reason(kind: str) -> bool:
    """Whether moving a deal to a stage of this kind needs a reason: a lost deal says why."""
    return kind == "lost"


def plan_move(
    target: StageFacts,
    locked: bool,
    current_status: str,
    reason: str | None,
    now: datetime,
    reason_field: str = "reason",
) -> dict[str, Any]:
    """The field values a deal takes when moved to a stage; a lost stage needs a reason."""
    if locked:
        raise Conflict("This opportunity is sold and locked: unlock it before moving it.")
    text = (reason or "").strip()
    if needs_reason(target.kind) and not text:
        raise ValidationFailed.from_fields({reason_field: "say why the deal was lost"})
    if len(text) > REASON_LIMIT:
        raise ValidationFailed.from_fields({reason_field: f"must be at most {REASON_LIMIT} characters"})
    status = status_for_kind(target.kind)
    values: dict[str, Any] = {
        "stage_id": target.stage_id,
        "status": status,
        "probability": probability_for_stage(target.kind, target.probability),
        "lost_reason": text if status == "lost" else None,
    }
    if status == "open":
        values["closed_at"] = None
    elif current_status != status:
        values["closed_at"] = now
    return values


def parse_card_fields(value: Any) -> tuple[str, ...]:
    """The card fields a setting names, in the catalogue's order; unknown names are refused."""
    if not isinstance(value, str):
        raise ValidationFailed.from_fields({"kanban_card_fields": "must be a comma-separated list"})
    names = [n.strip() for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in CARD_FIELDS]
    if unknown:
        choices = ", ".join(CARD_FIELDS)
        message = f"unknown field(s) {', '.join(unknown)}; choose from {choices}"
        raise ValidationFailed.from_fields({"kanban_card_fields": message})
    return tuple(n for n in CARD_FIELDS if n in names)


def tag_colour(tag: str) -> str:
    """A stable colour per tag, so the same tag looks the same on every card, chip and page."""
    digest = hashlib.blake2s(tag.strip().lower().encode(), digest_size=2).digest()
    return TAG_COLOURS[int.from_bytes(digest, "big") % len(TAG_COLOURS)]


def check_bulk_ids(ids: Any, limit: int = 500) -> list[int]:
    """A bulk edit names 1 to `limit` distinct opportunity ids."""
    if (
        not isinstance(ids, list)
        or not ids
        or len(ids) > limit
        or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids)
    ):
        raise ValidationFailed.from_fields({"ids": f"choose between 1 and {limit} opportunities"})
    return sorted(set(ids))


def merged_tags(tags: list[str], add: list[str] | None, remove: list[str] | None) -> list[str]:
    """A deal's tags after a bulk edit adds and removes some (order kept, no duplicates)."""
    gone = {t.strip().lower() for t in remove or []}
    result = [t for t in tags if t.strip().lower() not in gone]
    present = {t.strip().lower() for t in result}
    for tag in add or []:
        label = tag.strip()
        if label and label.lower() not in present:
            result.append(label)
            present.add(label.lower())
    return result
