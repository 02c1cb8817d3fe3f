"""The Kanban board's rules: what a move does to a deal, what a card shows, tag colours."""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from rxcrm.domain.errors import Conflict, ValidationFailed
from rxcrm.domain.pipeline.stages import probability_for_stage, status_for_kind

BOARD_TOPIC = "board"
WHOLE_BOARD = 0  # touched "stage id" meaning: the board's layout or all of its figures changed
MOVES_TOPIC = "board-moves"  # touched keys: a `BoardMove` per plain move, or OTHER_CHANGE
OTHER_CHANGE = "other"
# What a move writes on a deal; a change of anything else is an edit, which open boards reload.
MOVE_FIELDS = frozenset({"stage_id", "status", "probability", "lost_reason", "closed_at"})
MAX_FEED_MOVES = 20  # a bigger bulk move is cheaper reloaded than applied card by card
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
REASON_LIMIT = 500
CARD_FIELDS = ("account", "amount", "owner", "close_date", "tags", "probability", "contact")
DEFAULT_CARD_FIELDS = "account,amount,owner,close_date,tags"
CARDS_PER_PAGE = 12  # about two screens of a column at 1280x800; the rest load as the column scrolls
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


def is_overdue(close_date: date | None, status: str, today: date) -> bool:
    """Whether an open deal's expected close date has passed (won and lost deals are never overdue)."""
    return status == "open" and close_date is not None and close_date < today


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


def card_fields_text(fields: Iterable[str]) -> str:
    """The setting's form of a choice of card fields (what `parse_card_fields` reads back)."""
    return ",".join(parse_card_fields(",".join(fields)))


def with_card_field(shown: Iterable[str], field: str, show: bool) -> tuple[str, ...]:
    """The card fields after showing (or hiding) one of them, in the catalogue's order."""
    if field not in CARD_FIELDS:
        raise ValidationFailed.from_fields({"kanban_card_fields": f"unknown field {field}"})
    return tuple(f for f in CARD_FIELDS if (f in shown and f != field) or (f == field and show))


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


@dataclass(frozen=True, order=True)
class BoardMove:
    """A deal dropped on another stage, as the live feed tells every board: ids and a version only."""

    deal_id: int
    source: int
    target: int
    stamp: int

    def as_feed(self) -> list[int]:
        """The move as the feed carries it."""
        return [self.deal_id, self.source, self.target, self.stamp]


def is_plain_move(entity: str, action: str, fields: Iterable[str]) -> bool:
    """Whether a change only moved a deal to another stage (so open boards may apply it card by card)."""
    changed = set(fields)
    return entity == "opportunity" and action == "update" and "stage_id" in changed and changed <= MOVE_FIELDS


def move_stamp(deal_id: int, updated_at: datetime) -> int:
    """An opaque version of a deal after a change: equal only while the deal has not changed since.

    48 bits, so the browser's JavaScript numbers carry it exactly.
    """
    moment = updated_at if updated_at.tzinfo is not None else updated_at.replace(tzinfo=UTC)
    micros = (moment - _EPOCH) // timedelta(microseconds=1)
    digest = hashlib.blake2s(f"{deal_id}:{micros}".encode(), digest_size=6).digest()
    return int.from_bytes(digest, "big")


def feed_moves(keys: Iterable[Any], stage_ids: Iterable[int]) -> list[BoardMove]:
    """The moves a committed transaction made, if moving deals is all it did to the board; else none.

    None as well when a deal moved twice, when the board's layout changed, or for a big bulk move.
    """
    keys = list(keys)
    moves = sorted(k for k in keys if isinstance(k, BoardMove))
    stages = set(stage_ids)
    if not moves or len(moves) != len(keys) or len(moves) > MAX_FEED_MOVES or WHOLE_BOARD in stages:
        return []
    if len({m.deal_id for m in moves}) != len(moves):
        return []
    if {s for m in moves for s in (m.source, m.target)} != stages:
        return []
    return moves


def parse_feed_moves(values: Any) -> list[BoardMove] | None:
    """The moves a board received from the feed; None when they are missing or malformed."""
    if not isinstance(values, list) or not values:
        return None
    moves = []
    for value in values:
        if not (
            isinstance(value, list)
            and len(value) == 4
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        ):
            return None
        moves.append(BoardMove(*value))
    return moves


def board_value(
    amount: Decimal, currency: str, board_currency: str, rates: Mapping[str, Decimal]
) -> Decimal | None:
    """A deal's amount in the board currency, exact; None when its currency has no exchange rate."""
    if currency == board_currency:
        return amount
    rate = rates.get(currency)
    return None if rate is None else amount * rate


def card_sort_key(updated_at: datetime, deal_id: int) -> tuple[int, int]:
    """Where a card stands in its column: most recently changed first, then the higher id."""
    moment = updated_at if updated_at.tzinfo is not None else updated_at.replace(tzinfo=UTC)
    return (-((moment - _EPOCH) // timedelta(microseconds=1)), -deal_id)


def card_position(keys: list[tuple[int, int]], key: tuple[int, int]) -> int:
    """The index a card with this sort key takes among a column's loaded cards."""
    return bisect_left(keys, key)


def card_index(keys: list[tuple[int, int]], deal_id: int) -> int | None:
    """Where a deal's card stands among a column's loaded cards, if loaded."""
    return next((i for i, key in enumerate(keys) if key[1] == -deal_id), None)


def column_after(
    figures: tuple[int, Decimal | None, int], value: Decimal | None, sign: int
) -> tuple[int, Decimal | None, int]:
    """A column's count, amount and deals without rate once a deal worth `value` left (-1) or came (+1)."""
    count, amount, unconverted = figures
    if value is None:
        return count + sign, amount, unconverted + sign
    return count + sign, None if amount is None else amount + sign * value, unconverted


@dataclass
class LoadedColumns:
    """What a board holds per column: its loaded cards' sort keys, how many, and its totals."""

    keys: list[list[tuple[int, int]]]
    loaded: list[int]
    totals: list[tuple[int, Decimal | None, int]]


def place_moved_card(
    columns: LoadedColumns,
    source: int | None,
    target: int | None,
    deal_id: int,
    sort_key: tuple[int, int],
    value: Decimal | None,
) -> tuple[int | None, int | None]:
    """Take a moved deal out of its column and put it where it now sorts; both columns' totals follow.

    The card goes in only among the loaded cards (or at the end of a fully loaded column): further
    down, the column's "more" reveals it. Returns the index it left and the position it took, if any.
    """
    removed = inserted = None
    if source is not None:
        removed = card_index(columns.keys[source], deal_id)
        if removed is not None:
            columns.keys[source].pop(removed)
            columns.loaded[source] -= 1
        columns.totals[source] = column_after(columns.totals[source], value, -1)
    if target is not None:
        position = card_position(columns.keys[target], sort_key)
        if position < columns.loaded[target] or columns.loaded[target] >= columns.totals[target][0]:
            columns.keys[target].insert(position, sort_key)
            columns.loaded[target] += 1
            inserted = position
        columns.totals[target] = column_after(columns.totals[target], value, 1)
    return removed, inserted
