"""The pipeline board: one column per stage, cards dragged between them, changes seen live."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.board import CARDS_PER_PAGE
from rxcrm.domain.errors import DomainError
from rxcrm.services import board as service
from rxcrm.services.board_cards import card_rows, column_figures, column_header, tag_colours
from rxcrm.services.exchange_rates import board_currency
from rxcrm.services.opportunities import OpportunityFilter
from rxcrm.services.opportunity_actions import move_opportunity
from rxcrm.services.saved_filters import opportunity_filter
from rxcrm.services.stages import get_stage, list_pipelines
from rxcrm.services.users import list_users
from rxcrm.ui.actions import acting, failure_toast, success_toast
from rxcrm.ui.components.board import board_column, lost_reason_dialog
from rxcrm.ui.components.conversion import NONE, optional_id, options
from rxcrm.ui.components.kanban_dnd import change_watcher
from rxcrm.ui.components.saved_filters import SavedFilterable, owner_choice, saved_filter_bar, with_me
from rxcrm.ui.layout import app_page
from rxcrm.ui.live import BoardFeed
from rxcrm.ui.state import AppState

MAX_COLUMNS = 10
BOARD_FILTERS = ("q", "owner_filter", "tag_filter", "pipeline_id")


class BoardState(SavedFilterable, AppState):
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
    pipeline_id: str = ""
    pipeline_options: list[dict[str, str]] = []
    q: str = ""
    owner_filter: str = NONE
    owner_filter_options: list[dict[str, str]] = []
    tag_filter: str = ""
    sort: str = "-updated_at"
    offset: int = 0
    lost_open: bool = False
    lost_deal: str = ""
    _slots: list[int] = []
    _loaded: list[int] = []
    _pending_lost: list[int] = []
    _seen_revision: int = 0
    _echo: list[int] = []

    def _reload(self):  # noqa: ANN202
        return BoardState.load

    def _saved_entity(self) -> str:
        return "opportunity"

    def _view_params(self) -> dict[str, Any]:
        return {"q": self.q.strip() or None, "owner_id": owner_choice(self.owner_filter)}

    def _show_params(self, params: dict[str, Any], sort: str | None) -> None:
        self.q = params.get("q") or ""
        self.owner_filter = str(params.get("owner_id") or NONE)

    def _filter(self, user: User) -> OpportunityFilter:
        flt = opportunity_filter(self._view_params(), user)
        return replace(flt, tag=self.tag_filter.strip() or None)

    def _fill_slot(self, session: Session, user: User, slot: int, count: int) -> None:
        deals = service.column_cards(session, user, self._slots[slot], self._filter(user), 0, count)
        cards = card_rows(session, deals, service.card_fields(session))
        if getattr(self, f"cards_{slot}") != cards:
            setattr(self, f"cards_{slot}", cards)
        colours = tag_colours(cards)
        if not colours.items() <= self.tag_colours.items():
            self.tag_colours = {**self.tag_colours, **colours}
        self._loaded[slot] = len(cards)

    def _refresh_headers(self, session: Session, user: User, stage_ids: set[int] | None = None) -> None:
        currency = board_currency(session)
        if stage_ids is None or len(self.columns) != len(self._slots):
            pipeline = optional_id(self.pipeline_id)
            columns = service.board_columns(session, user, self._filter(user), pipeline)[:MAX_COLUMNS]
            headers = [column_header(c, currency, self._loaded[i]) for i, c in enumerate(columns)]
        else:
            slots = [i for i, stage_id in enumerate(self._slots) if stage_id in stage_ids]
            totals = service.column_totals(session, user, [self._slots[i] for i in slots], self._filter(user))
            headers = list(self.columns)
            for i in slots:
                count, amount, missing = totals.get(self._slots[i], (0, Decimal("0.00"), 0))
                headers[i] = {
                    **headers[i],
                    **column_figures(count, amount, missing, currency, self._loaded[i]),
                }
        if headers != self.columns:
            self.columns = headers

    def _refresh(self, session: Session, user: User, stage_ids: set[int] | None) -> None:
        """Reload the touched columns (all when None): their cards and their totals only."""
        for slot, stage_id in enumerate(self._slots):
            if stage_ids is None or stage_id in stage_ids:
                self._fill_slot(session, user, slot, max(self._loaded[slot], CARDS_PER_PAGE))
        self._refresh_headers(session, user, stage_ids)

    @rx.event
    async def load(self):
        """Build the board: the admin's columns, their totals and each column's first cards."""
        self._seen_revision = (await self.get_state(BoardFeed)).revision
        try:
            with acting(self.token) as (session, user):
                self._prepare_saved_filters(session, user)
                pipelines = list_pipelines(session)
                self.pipeline_options = options([(p.id, p.name) for p in pipelines], None)
                self.pipeline_id = self.pipeline_id or str(pipelines[0].id)
                stages = service.board_stages(session, optional_id(self.pipeline_id))
                self.hidden_columns = max(0, len(stages) - MAX_COLUMNS)
                self._slots = [s.id for s in stages[:MAX_COLUMNS]]
                self._loaded = [0] * len(self._slots)
                for slot in range(MAX_COLUMNS):
                    if slot >= len(self._slots):
                        setattr(self, f"cards_{slot}", [])
                self._refresh(session, user, None)
                users = list_users(session, limit=500).items
                self.owner_filter_options = with_me(options([(u.id, u.name) for u in users], "All owners"))
        except DomainError as exc:
            return failure_toast(exc)

    @rx.event
    def sync(self, revision: int, stage_ids: list[int]):
        """Another user's change reached the feed: reload the touched columns under my access."""
        if not self._slots or revision <= self._seen_revision:
            return None
        missed = revision > self._seen_revision + 1
        self._seen_revision = revision
        echo, self._echo = self._echo, []
        mine = set(stage_ids) & set(self._slots)
        if not missed and (not mine or sorted(stage_ids) == echo):
            return None
        try:
            with acting(self.token) as (session, user):
                self._refresh(session, user, None if missed else mine)
        except DomainError as exc:
            return failure_toast(exc)

    @rx.event
    def load_more(self, slot: int):
        """Show the next cards of a long column."""
        if not 0 <= slot < len(self._slots):
            return None
        try:
            with acting(self.token) as (session, user):
                self._fill_slot(session, user, slot, self._loaded[slot] + CARDS_PER_PAGE)
                self._refresh_headers(session, user)
        except DomainError as exc:
            return failure_toast(exc)

    @rx.event
    def drop(self, card_id: str, stage_id: str):
        """A card was dropped on a column: move the deal (a lost column first asks why)."""
        deal_id, target = optional_id(card_id), optional_id(stage_id)
        if deal_id is None or target is None:
            return None
        try:
            with acting(self.token) as (session, user):
                if get_stage(session, target).kind == "lost":
                    self._pending_lost, self.lost_open = [deal_id, target], True
                    self.lost_deal = service.deal_name(session, user, deal_id)
                    return None
                return self._move(session, user, deal_id, target, None)
        except DomainError as exc:
            return [failure_toast(exc), BoardState.load]

    def _move(self, session: Session, user: User, deal_id: int, target: int, reason: str | None):
        before = service.deal_stage(session, user, deal_id)
        if before == target:
            return None
        deal = move_opportunity(session, user, deal_id, target, reason)
        session.flush()
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
            return failure_toast(exc)
        self.lost_open, self._pending_lost = False, []
        return toast

    @rx.event
    def cancel_lost(self):
        """Keep the deal where it was."""
        self.lost_open, self._pending_lost = False, []

    @rx.event
    def set_board_filter(self, name: str, value: str):
        """Narrow the board by search, owner or tag, or switch pipeline; then rebuild it."""
        if name not in BOARD_FILTERS:
            return None
        setattr(self, name, value)
        return BoardState.load


def _filters() -> rx.Component:
    s = BoardState
    return rx.hstack(
        rx.input(
            placeholder="Search deals…",
            value=s.q,
            on_change=lambda v: s.set_board_filter("q", v).debounce(300),
            width="240px",
            data_testid="board-search",
        ),
        rx.select.root(
            rx.select.trigger(placeholder="Owner", data_testid="board-owner"),
            rx.select.content(
                rx.foreach(s.owner_filter_options, lambda o: rx.select.item(o["label"], value=o["value"]))
            ),
            value=s.owner_filter,
            on_change=lambda v: s.set_board_filter("owner_filter", v),
        ),
        rx.input(
            placeholder="Tag",
            value=s.tag_filter,
            on_change=lambda v: s.set_board_filter("tag_filter", v).debounce(300),
            width="140px",
            data_testid="board-tag",
        ),
        rx.cond(
            s.pipeline_options.length() > 1,
            rx.select.root(
                rx.select.trigger(data_testid="board-pipeline"),
                rx.select.content(
                    rx.foreach(s.pipeline_options, lambda o: rx.select.item(o["label"], value=o["value"]))
                ),
                value=s.pipeline_id,
                on_change=lambda v: s.set_board_filter("pipeline_id", v),
            ),
        ),
        width="100%",
        align="center",
        wrap="wrap",
    )


def _slot(slot: int) -> rx.Component:
    s = BoardState
    return rx.cond(
        s.columns.length() > slot,
        board_column(s.columns[slot], getattr(s, f"cards_{slot}"), s.tag_colours, s.drop, s.load_more(slot)),
    )


def pipeline_content() -> rx.Component:
    """The board: filters, saved views, the columns side by side, and the live-refresh hook."""
    s = BoardState
    return rx.vstack(
        saved_filter_bar(BoardState),
        _filters(),
        change_watcher(
            value=BoardFeed.revision, on_value_change=lambda _: s.sync(BoardFeed.revision, BoardFeed.stages)
        ),
        rx.box(
            rx.hstack(
                *[_slot(i) for i in range(MAX_COLUMNS)], align="start", spacing="3", width="max-content"
            ),
            overflow_x="auto",
            width="100%",
            max_width="calc(100vw - 270px)",
            padding_bottom="12px",
            data_testid="kanban-board",
        ),
        rx.cond(
            s.hidden_columns > 0,
            rx.text(
                s.hidden_columns.to_string(),
                " more stages are not shown: hide some in Settings → Stages.",
                size="1",
                color_scheme="gray",
            ),
        ),
        lost_reason_dialog(s.lost_open, s.lost_deal, s.confirm_lost, s.cancel_lost),
        width="100%",
        spacing="4",
    )


pipeline_page = app_page("Pipeline", pipeline_content)
ON_LOAD = [AppState.require_login, BoardFeed.join, BoardState.load]
