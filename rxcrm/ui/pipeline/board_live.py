"""The pipeline board's live patches: other users' moves put into my columns, or the columns reloaded."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.pipeline.board import (
    CARDS_PER_PAGE,
    WHOLE_BOARD,
    BoardMove,
    LoadedColumns,
    card_index,
    parse_feed_moves,
    place_moved_card,
)
from rxcrm.services.people.field_visibility import hidden_fields
from rxcrm.services.pipeline import board_moves
from rxcrm.ui.actions import action


class BoardLive(rx.State, mixin=True):
    """Mixed into the board's state: the feed's changes, patched into the loaded columns where they can be."""

    _seen_revision: int = 0
    _echo: list[int] = []  # the stages of my own last move: its echo on the feed needs no reload

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
