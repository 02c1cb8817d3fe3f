"""The pipeline board's state: column headers, each column's cards in its own var, moves and live sync."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import DomainError
from rxcrm.domain.pipeline.board import (
    CARDS_PER_PAGE,
    WHOLE_BOARD,
    BoardMove,
    LoadedColumns,
    card_index,
    card_sort_key,
    parse_feed_moves,
    place_moved_card,
)
from rxcrm.domain.pipeline.forecast import money
from rxcrm.services.people.field_visibility import hidden_fields
from rxcrm.services.pipeline import board as service
from rxcrm.services.pipeline import board_moves
from rxcrm.services.pipeline.cards import card_rows, column_figures, tag_colours
from rxcrm.services.pipeline.moves import move_opportunity, stage_needs_reason
from rxcrm.services.pipeline.opportunities import OpportunityFilter
from rxcrm.services.pipeline.stages import get_stage, list_pipelines
from rxcrm.services.records.saved_filters import opportunity_filter
from rxcrm.services.settings.exchange_rates import board_currency
from rxcrm.ui.actions import acting, action, failure_toast, success_toast
from rxcrm.ui.components.conversion import NONE, optional_id, options
from rxcrm.ui.components.owner_filter import OwnerFilterable
from rxcrm.ui.components.saved_filters import SavedFilterable, owner_choice
from rxcrm.ui.form_errors import problem_on
from rxcrm.ui.live import BoardFeed
from rxcrm.ui.state import AppState

MAX_COLUMNS = 10
BOARD_FILTERS = ("q", "owner_filter", "tag_filter", "pipeline_id")


class BoardState(SavedFilterable, OwnerFilterable, AppState):
    """The board a rep sees: column headers, and each column's loaded cards in its own var.

    A move resends only the two columns it touched (a few KiB), never the whole board.
    """

    columns: list[dict[str, Any]] = []
    cards_0: list[dict[str, Any]] = []
    cards_1: list[dict[str, Any]] = []
    cards_2: list[dict[str, Any]] = []
    cards_3: list[dict[str, Any]] = []
    cards_4: list[dict[str, Any]] = []
    cards_5: list[dict[str, Any]] = []
    cards_6: list[dict[str, Any]] = []
    cards_7: list[dict[str, Any]] = []
    cards_8: list[dict[str, Any]] = []
    cards_9: list[dict[str, Any]] = []
    tag_colours: dict[str, str] = {}
    hidden_columns: int = 0
    drop_zones: list[dict[str, str]] = []
    pipeline_id: str = ""
    pipeline_options: list[dict[str, str]] = []
    q: str = ""
    tag_filter: str = ""
    sort: str = "-updated_at"
    offset: int = 0
    lost_open: bool = False
    move_open: bool = False
    move_card_id: str = ""
    move_deal: str = ""
    lost_deal: str = ""
    lost_error: str = ""
    _slots: list[int] = []
    _loaded: list[int] = []
    _keys: list[list[tuple[int, int]]] = []  # per slot: the loaded cards' sort keys
    _totals: list[list[Any]] = []  # per slot: count, exact amount (None when hidden), deals without rate
    _pending_lost: list[int] = []
    _seen_revision: int = 0
    _echo: list[int] = []

    def _reload(self):  # noqa: ANN202
        return BoardState.load

    def _saved_entity(self) -> str:
        return "opportunity"

    def _view_params(self) -> dict[str, Any]:
        return {
            "q": self.q.strip() or None,
            "owner_id": owner_choice(self.owner_filter),
            "tag": self.tag_filter.strip() or None,
        }

    def _show_params(self, params: dict[str, Any], sort: str | None) -> None:
        self.q = params.get("q") or ""
        self.owner_filter = str(params.get("owner_id") or NONE)
        self.tag_filter = params.get("tag") or ""

    def _filter(self, user: User) -> OpportunityFilter:
        return opportunity_filter(self._view_params(), user)

    def _fill_slots(self, session: Session, user: User, counts: dict[int, int]) -> None:
        """Load `counts[slot]` cards into each slot, the names behind all of them in one go."""
        flt = self._filter(user)
        deals = {
            slot: service.column_cards(session, user, self._slots[slot], flt, 0, n)
            for slot, n in counts.items()
        }
        cards = iter(
            card_rows(session, [d for column in deals.values() for d in column], service.card_fields(session))
        )
        for slot, column in deals.items():
            shown = [next(cards) for _ in column]
            if getattr(self, f"cards_{slot}") != shown:
                setattr(self, f"cards_{slot}", shown)
            self._show_tags(shown)
            self._loaded[slot] = len(shown)
            self._keys[slot] = [card_sort_key(d.updated_at, d.id) for d in column]

    def _show_tags(self, cards: list[dict[str, Any]]) -> None:
        colours = tag_colours(cards)
        if not colours.items() <= self.get_value("tag_colours").items():
            self.tag_colours = {**self.tag_colours, **colours}

    def _refresh_headers(self, session: Session, user: User, stage_ids: set[int] | None = None) -> None:
        slots = [i for i, stage_id in enumerate(self._slots) if stage_ids is None or stage_id in stage_ids]
        if stage_ids is None:
            stages = {s.id: s for s in service.board_stages(session, optional_id(self.pipeline_id))}
            if any(stage_id not in stages for stage_id in self._slots):
                self._rebuild(session, user)
                return
            headers = [
                {"stage_id": str(s), "name": stages[s].name, "color": stages[s].color} for s in self._slots
            ]
        else:
            headers = list(self.columns)
        sums = service.column_sums(session, user, [self._slots[i] for i in slots], self._filter(user))
        for i in slots:
            self._totals[i] = list(sums[self._slots[i]])
        self._show_figures(headers, slots, board_currency(session))

    def _show_figures(self, headers: list[dict[str, Any]], slots: list[int], currency: str) -> None:
        totals, loaded = self.get_value("_totals"), self.get_value("_loaded")
        for i in slots:
            count, amount, unconverted = totals[i]
            shown = None if amount is None else money(amount)
            headers[i] = {
                **headers[i],
                **column_figures(count, shown, unconverted, currency, loaded[i]),
            }
        if headers != self.get_value("columns"):
            self.columns = headers

    def _refresh(self, session: Session, user: User, stage_ids: set[int] | None) -> None:
        """Reload the touched columns (all when None): their cards and their totals only."""
        counts = {
            slot: max(self._loaded[slot], CARDS_PER_PAGE)
            for slot, stage_id in enumerate(self._slots)
            if stage_ids is None or stage_id in stage_ids
        }
        self._fill_slots(session, user, counts)
        self._refresh_headers(session, user, stage_ids)

    def _rebuild(self, session: Session, user: User) -> None:
        """Lay the board out again from the admin's stages (they may have changed), then fill it."""
        stages = service.board_stages(session, optional_id(self.pipeline_id))
        self.hidden_columns = max(0, len(stages) - MAX_COLUMNS)
        self._slots = [s.id for s in stages[:MAX_COLUMNS]]
        zones = [{"stage_id": str(s.id), "name": s.name, "kind": s.kind} for s in stages if s.kind != "open"]
        if zones != self.get_value("drop_zones"):
            self.drop_zones = zones
        self._loaded = [0] * len(self._slots)
        self._keys = [[] for _ in self._slots]
        self._totals = [[0, None, 0] for _ in self._slots]
        self.columns = []
        for slot in range(len(self._slots), MAX_COLUMNS):
            setattr(self, f"cards_{slot}", [])
        self._refresh(session, user, None)

    @action
    def _open(self, session: Session, user: User) -> None:
        self._prepare_saved_filters(session, user)
        self._show_owner_filter(session, user)
        pipelines = list_pipelines(session)
        self.pipeline_options = options([(p.id, p.name) for p in pipelines], None)
        self.pipeline_id = self.pipeline_id or str(pipelines[0].id)
        self._rebuild(session, user)

    @action
    def _catch_up(
        self, session: Session, user: User, stage_ids: set[int] | None, revision: int, moves: list | None
    ) -> None:
        if stage_ids is None:
            self._rebuild(session, user)
        elif not (moves and self._apply_moves(session, user, revision, moves)):
            self._refresh(session, user, stage_ids)

    def _apply_moves(self, session: Session, user: User, revision: int, moves: list[BoardMove]) -> bool:
        """Apply other users' plain moves to my columns; False when only a reload can tell (nothing done)."""
        found = [board_moves.moved_deal(session, revision, move) for move in moves]
        if any(moved is None for moved in found):
            return False
        amount_hidden = "amount" in hidden_fields(session, user, "opportunity")
        slots = {self._slot_of(s) for m in moves for s in (m.source, m.target)} - {None}
        columns = LoadedColumns(
            [list(k) for k in self.get_value("_keys")],
            list(self.get_value("_loaded")),
            [tuple(t) for t in self.get_value("_totals")],
        )
        if any((columns.totals[i][1] is None) != amount_hidden for i in slots):
            return False
        flt = self._filter(user)
        seen = [m for m in found if board_moves.sees_moved_deal(session, user, flt, revision, m)]
        if any(self._misplaced(columns, m, m in seen) for m in found):
            return False
        for moved in seen:
            self._place(columns, moved, lambda moved=moved: board_moves.moved_card(session, revision, moved))
        self._keys, self._loaded, self._totals = (
            columns.keys,
            columns.loaded,
            [list(t) for t in columns.totals],
        )
        self._show_figures(list(self.get_value("columns")), sorted(slots), found[0].currency)
        thin = {
            self._slots[i]
            for i in slots
            if columns.loaded[i] < min(columns.totals[i][0], CARDS_PER_PAGE // 4)
        }
        if thin:
            self._refresh(session, user, thin)  # many cards left the top of a column: fill it up again
        return True

    def _place(self, columns: LoadedColumns, moved: board_moves.MovedDeal, card: Callable[[], dict]) -> None:
        """Take the moved card out of its column var and put it in the other where it now sorts."""
        source, target = self._slot_of(moved.move.source), self._slot_of(moved.move.target)
        removed, inserted = place_moved_card(
            columns, source, target, moved.move.deal_id, moved.sort_key, moved.value
        )
        if removed is not None:
            getattr(self, f"cards_{source}").pop(removed)
        if inserted is not None:
            shown = card()
            getattr(self, f"cards_{target}").insert(inserted, shown)
            self._show_tags([shown])

    def _slot_of(self, stage_id: int) -> int | None:
        slots = self.get_value("_slots")
        return slots.index(stage_id) if stage_id in slots else None

    def _misplaced(self, columns: LoadedColumns, moved: board_moves.MovedDeal, seen: bool) -> bool:
        """Whether my board disagrees with what I may see now (my access changed unannounced)."""
        source = self._slot_of(moved.move.source)
        if source is None:
            return False
        shown = card_index(columns.keys[source], moved.move.deal_id) is not None
        complete = columns.loaded[source] >= columns.totals[source][0]
        return shown != seen if complete or shown else False

    @rx.event
    async def load(self):
        """Build the board: the admin's columns, their totals and each column's first cards."""
        self._seen_revision = (await self.get_state(BoardFeed)).revision
        return await asyncio.to_thread(self._open)  # tens of ms of database work: off the event loop

    @rx.event
    def sync(self, revision: int, stage_ids: list[int], moves: list[list[int]] | None = None):
        """Another user's change reached the feed: apply a plain move if I see it, else reload the columns.

        A move is applied from the moved deal alone (visible to me? where does its card sort?), with
        answers shared between boards of the same view; anything else reloads the touched columns
        under my access. Runs on the event loop on purpose: well under a ms to a few ms of reads
        (never blocked by a writer in WAL mode), which threads would only slow down
        (measured in bench/pipeline_board.py).
        """
        if not self._slots or revision <= self._seen_revision:
            return None
        laid_out = len(self._totals) == len(self._slots)  # a board opened before this version: rebuild
        missed = revision > self._seen_revision + 1 or WHOLE_BOARD in stage_ids or not laid_out
        self._seen_revision = revision
        echo, self._echo = self._echo, []
        mine = set(stage_ids) & set(self.get_value("_slots"))
        if not missed and (not mine or sorted(stage_ids) == echo):
            return None
        return self._catch_up(None if missed else mine, revision, parse_feed_moves(moves))

    @rx.event
    @action
    def load_more(self, session: Session, user: User, slot: int):
        """Show the next cards of a long column."""
        if not 0 <= slot < len(self._slots) or len(self._keys) != len(self._slots):
            return None
        self._fill_slots(session, user, {slot: self._loaded[slot] + CARDS_PER_PAGE})
        self._refresh_headers(session, user, {self._slots[slot]})

    @rx.event
    def open_move(self, card_id: str, deal: str):
        """The card's 'Move to' button: the board's one move dialog, for this card."""
        self.move_card_id, self.move_deal, self.move_open = card_id, deal, True

    @rx.event
    def close_move(self):
        """The move dialog was cancelled: nothing moves."""
        self.move_open = False

    @rx.event
    def move_to(self, stage_id: str):
        """A stage picked in the move dialog: the same move as a drop on its column."""
        self.move_open = False
        return self._drop(self.move_card_id, stage_id)

    @rx.event
    def drop(self, card_id: str, stage_id: str):
        """A card was dropped on a column: move the deal (a lost column first asks why)."""
        return self._drop(card_id, stage_id)

    @action(reload="load")
    def _drop(self, session: Session, user: User, card_id: str, stage_id: str):  # noqa: ANN202
        deal_id, target = optional_id(card_id), optional_id(stage_id)
        if deal_id is None or target is None:
            return None
        if stage_needs_reason(session, target):
            self._pending_lost, self.lost_open, self.lost_error = [deal_id, target], True, ""
            self.lost_deal = service.deal_name(session, user, deal_id)
            return None
        return self._move(session, user, deal_id, target, None)

    def _move(self, session: Session, user: User, deal_id: int, target: int, reason: str | None):
        before = service.deal_stage(session, user, deal_id)
        if before == target:
            return None
        deal = move_opportunity(session, user, deal_id, target, reason)
        self._refresh(session, user, {before, target})
        self._echo = sorted({before, target})
        return success_toast(f"'{deal.name}' moved to {get_stage(session, target).name}.")

    @rx.event
    def confirm_lost(self, form: dict):
        """Move the deal to the lost column with the reason given."""
        if len(self._pending_lost) != 2:
            return None
        deal_id, target = self._pending_lost
        try:
            with acting(self.token) as (session, user):
                toast = self._move(session, user, deal_id, target, str(form.get("reason", "")))
        except DomainError as exc:
            self.lost_error = problem_on(exc, "reason", "lost_reason")
            return failure_toast(exc)
        self.lost_open, self._pending_lost, self.lost_error = False, [], ""
        return toast

    @rx.event
    def cancel_lost(self):
        """Keep the deal where it was."""
        self.lost_open, self._pending_lost, self.lost_error = False, [], ""

    @rx.event
    def clear_lost_error(self):
        """The user is typing a reason: the 'say why' mark goes (the next confirm judges it again)."""
        if self.lost_error:
            self.lost_error = ""

    @rx.event
    async def set_board_filter(self, name: str, value: str):
        """Narrow the board by search, owner or tag, or switch pipeline: only the columns are reloaded."""
        if name not in BOARD_FILTERS:
            return None
        setattr(self, name, value)
        if not self._slots:
            return BoardState.load
        self._seen_revision = (await self.get_state(BoardFeed)).revision
        return await asyncio.to_thread(self._narrow)

    @action
    def _narrow(self, session: Session, user: User) -> None:
        self._rebuild(session, user)
        if not self._shows_saved_view(self._saved_views.get(self.saved_filter_id)):
            self.saved_filter_id = ""
