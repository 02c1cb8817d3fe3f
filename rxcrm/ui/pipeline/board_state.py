"""The pipeline board's state: columns laid out, filled and filtered (moves and live patches are mixed in)."""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.pipeline.board import CARDS_PER_PAGE, card_sort_key
from rxcrm.domain.pipeline.forecast import money
from rxcrm.services.pipeline import board as service
from rxcrm.services.pipeline.cards import card_rows, column_figures, tag_colours
from rxcrm.services.pipeline.opportunities import OpportunityFilter
from rxcrm.services.pipeline.stages import default_pipeline, list_pipelines
from rxcrm.services.records.listing import ListWindow
from rxcrm.services.records.saved_filters import opportunity_filter
from rxcrm.services.settings.exchange_rates import board_currency
from rxcrm.ui.actions import action
from rxcrm.ui.components.conversion import NONE, optional_id, options
from rxcrm.ui.components.owner_filter import OwnerFilterable
from rxcrm.ui.components.saved_filters import SavedFilterable, owner_choice
from rxcrm.ui.live import BoardFeed
from rxcrm.ui.pipeline.board_live import BoardLive
from rxcrm.ui.pipeline.board_move_state import BoardMoving
from rxcrm.ui.state import AppState

MAX_COLUMNS = 10
BOARD_FILTERS = ("q", "owner_filter", "tag_filter", "pipeline_id")


class BoardState(BoardMoving, BoardLive, SavedFilterable, OwnerFilterable, AppState):
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
    pipeline_id: str = rx.LocalStorage("", name="rxcrm_board_pipeline", sync=True)  # the last one chosen
    pipeline_options: list[dict[str, str]] = []
    q: str = ""
    tag_filter: str = ""
    sort: str = "-updated_at"
    offset: int = 0
    _slots: list[int] = []
    _loaded: list[int] = []
    _keys: list[list[tuple[int, int]]] = []  # per slot: the loaded cards' sort keys
    _totals: list[list[Any]] = []  # per slot: count, exact amount (None when hidden), deals without rate

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
            slot: service.column_cards(session, user, self._slots[slot], flt, ListWindow(limit=n))
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
        if self.pipeline_id not in {str(p.id) for p in pipelines}:  # none chosen yet, or deleted since
            self.pipeline_id = str(default_pipeline(session).id)
        self._rebuild(session, user)

    @rx.event
    async def load(self):
        """Build the board: the admin's columns, their totals and each column's first cards."""
        self._seen_revision = (await self.get_state(BoardFeed)).revision
        return await asyncio.to_thread(self._open)  # tens of ms of database work: off the event loop

    @rx.event
    @action
    def load_more(self, session: Session, user: User, slot: int):
        """Show the next cards of a long column."""
        if not 0 <= slot < len(self._slots) or len(self._keys) != len(self._slots):
            return None
        self._fill_slots(session, user, {slot: self._loaded[slot] + CARDS_PER_PAGE})
        self._refresh_headers(session, user, {self._slots[slot]})

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
